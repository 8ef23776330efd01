"""Answers anchored in the reference's neighbourhood: the `adaptive` and `list` answers.

A person asking for "something like Jaws but less scary" wants films a Jaws fan would pick that
are less scary, not the catalog's least scary films. So an answer is chosen among the
reference's nearest items (`Retriever.neighbourhood`: the similarity `cgir train` stored, see
engine.retrieval.similarity; the item space for older checkpoints), never from the catalog at
large, and only among items whose estimated degree (`Retriever.modification_degrees`, the
degree model) moves every asked attribute the asked way from the reference.

How far it looks follows the wording. A plain critique reads the REACH closest items, "a bit"
(strength < 1) the same but only items within the span the strength asks for
(engine.walks.degree_steps.span_fraction), strong wording ("way less", strength > 1) reaches
`strength` times further and weighs the size of the move more (the reply says it looked
further). A move counts when it is clear: at least MIN_MOVE of calibrated degree (a share of the
catalog), or a quarter of the reference's room when it sits near the extreme; smaller moves read
as "about as much" to a person and only fill an answer that has too few clear ones; a critique
that names a well-carried tag by itself ("more romance") moves clearly only to films on the far
side of that tag (`kind_members`): among well-known films the estimate of a genre is crowded.
When the closest items hold too few clear moves, the reach doubles up to the stored neighbours (WIDEST);
it never falls back to popular items: fewer are shown instead. "A bit" from a film near its
extreme, where every move overshoots the span, shows the smallest moves the asked way.

Among those candidates, each item's key is its closeness: the stored similarity blended with
the likeness of kind (engine.retrieval.content, the tags asked less left out; CONTENT_WEIGHT), plus,
for strong wording only, how far it moves (STRONG_MOVE_WEIGHT; all standardised). On the judged
development pairs of bench/answers a bigger estimated move did not make a clear mover more
acceptable to a person, a film of the reference's kind did. Two orders:

* ``gradient`` (the `adaptive` policy): the `steps` best keys, shown in order of how far they
  move, from close-and-a-little-less to further-and-much-less.
* ``list`` (the `list` policy): the paper's F(t) steers inside the neighbourhood: the same
  candidates ranked by the paper's query score <h_i + sum_t y_t F(t), h_j> (gamma 1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np

from engine.degrees.grounding import FORM_TAGS
from engine.retrieval.content import content_similarity, profile_similarity
from engine.retrieval.sequences import GradientSequence, Modification

if TYPE_CHECKING:  # pragma: no cover
    from engine.retrieval.retriever import Retriever

REACH = 40  # nearest items a plain critique reads first
WIDEST = 200  # the furthest it widens to (the stored top-k per item)
POOL_PER_STEP = 2  # candidates found per shown item before it stops widening
MOVE_WEIGHT = 0.0  # the move's size against closeness (plain, "a bit"): no help on judged dev pairs
STRONG_MOVE_WEIGHT = 0.3  # ... for strong wording
# A move smaller than this (in calibrated degree, a share of the catalog) reads as "about as
# much" to a person; such items only fill an answer that has too few clear moves.
MIN_MOVE = 0.05
ROOM_SHARE = 0.25
CONTENT_WEIGHT = 0.6  # share of the likeness of kind in closeness (the rest: the stored similarity)
PROFILE_WEIGHT = 0.3  # weight of the predicted tag profiles' likeness, added (content.profile_similarity)
ORDERS = ("gradient", "list")


def _standard(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    spread = x.std()
    return (x - x.mean()) / spread if spread > 0 else np.zeros_like(x)


def strength_of(modifications: Sequence[Modification]) -> float:
    """The strongest wording of a critique (1 plain, < 1 "a bit", > 1 "way more")."""
    return max(float(m.weight) for m in modifications)


def form_carriers(retriever: "Retriever", m: Modification) -> np.ndarray | None:
    """(n_items,) 1 for the films the catalog tags with a form the critique leans on (a form tag
    is only leaned on when the words name it: engine.degrees.tag_mix.leaning), else 0; None when
    the critique leans on no form tag or the catalog has no item tags. A thin form ("black and
    white", on 5 ml-latest-small films) counts too: its films are few but surely of that form."""
    name = retriever.tags[m.tag]
    if name not in FORM_TAGS or retriever.item_tags is None or (
            m.grounding is not None and name not in m.grounding.tags):
        return None
    return tag_members(retriever, m.tag)


def tag_members(retriever: "Retriever", tag: int) -> np.ndarray:
    """(n_items,) 1 for the films the catalog tags with `tag`, else 0 (read once per tag)."""
    cache = retriever.__dict__.setdefault("_tag_members", {})
    if tag not in cache:
        column = retriever.item_tags[:, int(tag)]
        cache[tag] = (np.asarray(column.todense()).ravel() > 0).astype(np.float32)
    return cache[tag]


def form_members(retriever: "Retriever", m: Modification) -> np.ndarray | None:
    """`form_carriers` of a form tag the critique names by its own name and reads as that tag
    alone ("animated", "more of a documentary", engine.degrees.grounding.FORM_TAGS); None for a
    thin form, read as a mix that keeps it: its few films are too far from most references to
    walk to."""
    return form_carriers(retriever, m) if named_alone(retriever, m) else None


def named_alone(retriever: "Retriever", m: Modification) -> bool:
    """Whether the critique is its tag alone: the tag's own words, or a reading of that tag only."""
    return m.grounding is None or tuple(m.grounding.tags) == (retriever.tags[m.tag],)


def kind_members(retriever: "Retriever", m: Modification) -> np.ndarray | None:
    """(n_items,) 1 for the films the catalog tags with the critique's tag, else 0, when the
    critique names a well-carried tag by itself ("more romance", "less action"); None for a
    mix, a thin tag (read as a mix), a form (`form_members`) or a catalog without item tags.
    The estimate separates a genre's films from the rest well, but not among the best-known
    films: Die Hard (not tagged romance) reads 0.70 romance, Pulp Fiction 0.78 and Saving
    Private Ryan 0.79, so "Die Hard, more romance" showed those two."""
    name = retriever.tags[m.tag]
    if (retriever.item_tags is None or name in FORM_TAGS or not named_alone(retriever, m)
            or retriever.degree_model.is_thin(name)):
        return None
    return tag_members(retriever, m.tag)


def walked_degrees(retriever: "Retriever", m: Modification) -> np.ndarray:
    """(n_items,) what a critique's move is measured on: the estimated degrees, except for a
    form tag asked by its own name (`form_members`). A film is of that form or it is not (the
    catalog's tag), and a film the estimate puts a little higher is no more animated to a
    person: "Goodfellas but animated" in the eighties had shown Stand by Me and Blade Runner,
    whose estimated degree of animation is above Goodfellas'."""
    members = form_members(retriever, m)
    return retriever.modification_degrees(m) if members is None else members


def answered(retriever: "Retriever", item: int, modifications: tuple[Modification, ...], steps: tuple,
             balanced: bool = False) -> GradientSequence:
    """An answer's sequence, with the reference's degree of the first critique as the answer
    measured it: the estimate, or for a form tag whether the reference carries it (`tagged`)."""
    members = form_members(retriever, modifications[0])
    if members is None:
        return GradientSequence(item, modifications, steps, retriever.modification_degree(item, modifications[0]),
                                balanced=balanced)
    return GradientSequence(item, modifications, steps, float(members[item]), balanced=balanced, tagged=True)


def moves(retriever: "Retriever", reference: int, rows: np.ndarray,
          modifications: Sequence[Modification], *, span: bool,
          balance: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(moved, margin), each (len(rows),), the least over the asked attributes (estimated
    degrees): how far each row moves the asked way (<= 0 where some attribute does not), and by
    how much that exceeds a clear move (MIN_MOVE, or ROOM_SHARE of the reference's room toward
    the catalog's extreme when that is smaller; for a tag named by itself, only rows on its far
    side count: `kind_members`). With `span`, both are -inf where a row moves
    further than the critique's strength asks. With `balance`, the mean over the attributes
    instead of the least: a move on one may make up for a smaller one against another."""
    from engine.walks.degree_steps import catalog_extreme, span_fraction

    moved_least, margin_least = np.full(len(rows), np.inf), np.full(len(rows), np.inf)
    moved_sum, margin_sum = np.zeros(len(rows)), np.zeros(len(rows))
    for m in modifications:
        degrees = walked_degrees(retriever, m)
        start = float(degrees[reference])
        moved = m.alpha * (degrees[rows] - start)
        trained = getattr(retriever, "n_shown", len(degrees))  # the films a walk may show (engine.retrieval.cold)
        extreme = catalog_extreme(degrees[:trained], m.alpha, strength=m.weight)
        room = max(0.0, m.alpha * (extreme - start)) if np.isfinite(extreme) else 0.0
        if span:
            moved = np.where(moved <= span_fraction(m.weight) * room, moved, -np.inf)
        margin = moved - min(MIN_MOVE, ROOM_SHARE * room)
        kind = kind_members(retriever, m)
        if kind is not None and (kind[reference] > 0) == (m.alpha < 0):
            # a film the catalog puts on the far side of the genre ("more romance" from Die Hard:
            # a romance) moves clearly; the rest only fill an answer with too few of those
            margin = np.where(m.alpha * (kind[rows] - kind[reference]) > 0, margin, np.minimum(margin, -1e-9))
        moved_least = np.minimum(moved_least, moved)
        margin_least = np.minimum(margin_least, margin)
        moved_sum, margin_sum = moved_sum + moved, margin_sum + margin
    if balance:
        return moved_sum / len(modifications), margin_sum / len(modifications)
    return moved_least, margin_least


def asked_tags(retriever: "Retriever", modifications: Sequence[Modification]) -> set[int]:
    """The catalog tags a critique moves: its tags and its readings' tags."""
    index = {t: i for i, t in enumerate(retriever.tags)}
    tags = {int(m.tag) for m in modifications}
    tags.update(index[t] for m in modifications if m.grounding is not None
                for t in m.grounding.tags if t in index)
    return tags


def left_out_tags(retriever: "Retriever", modifications: Sequence[Modification]) -> set[int]:
    """The tags the likeness of kind leaves out: those of the critiques asked *less* only.
    "Like Jaws but less scary" asks for Jaws in everything but the scares, so sharing horror
    must not decide closeness; "like Night of the Living Dead but gorier" asks for more of what
    the reference already is, so sharing horror is part of its kind. On the judged development
    pairs of bench/answers (bench/answers_closeness_study.py), keeping the tags of "more"
    critiques raised the likeness's rank correlation with the judges' score on those requests
    from 0.24 to 0.38; on "less" requests leaving them out stays a little better (0.149 against
    0.135) (docs/results.md, "Kind keeps what is asked more of")."""
    return asked_tags(retriever, [m for m in modifications if m.alpha < 0])


def closeness(retriever: "Retriever", item: int, rows: np.ndarray, similarity: np.ndarray,
              modifications: Sequence[Modification]) -> np.ndarray:
    """(len(rows),) how close each row is to `item`, standardised: the stored similarity
    blended with the likeness of kind (engine.retrieval.content, the tags asked less left out,
    `left_out_tags`), plus the likeness of the predicted tag profiles where the checkpoint has
    them (PROFILE_WEIGHT; all tags: leaving the asked ones out scored no better on the judged
    development pairs, docs/results.md)."""
    content = content_similarity(retriever, item, rows, left_out_tags(retriever, modifications))
    if content is None:
        return _standard(similarity)
    key = (1.0 - CONTENT_WEIGHT) * _standard(similarity) + CONTENT_WEIGHT * _standard(content)
    profile = profile_similarity(retriever, item, rows)
    return key if profile is None else key + PROFILE_WEIGHT * _standard(profile)


def nearest_by_kind(retriever: "Retriever", item: int, exclude: Sequence[int] = ()
                    ) -> tuple[np.ndarray, np.ndarray]:
    """(rows, stored similarity) of `item`'s stored neighbours (WIDEST) but `exclude`, the
    closest first by `closeness` (no tag left out): the list shown when no critique applies."""
    rows, similarity = retriever.neighbourhood(int(item), WIDEST)
    allowed = ~np.isin(rows, np.asarray([int(item), *map(int, exclude)], dtype=np.int64))
    rows, similarity = rows[allowed], similarity[allowed]
    if not len(rows):
        return rows, similarity
    order = np.argsort(-closeness(retriever, int(item), rows, similarity, ()), kind="stable")
    return rows[order], similarity[order]


def near_both(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray]
              ) -> tuple[np.ndarray, np.ndarray]:
    """(rows, similarity) of two films' neighbour lists (each closest first) as one list near
    both ("something like Heat and Collateral"): the rows on both lists first, by the worse of
    their two places, then the rest of both lists in turn. A row keeps the first list's
    similarity where it is on it."""
    place = [{int(r): i for i, r in enumerate(rows)} for rows, _ in (first, second)]
    score = {int(r): float(s) for rows, similarity in (second, first) for r, s in zip(rows, similarity)}
    both = sorted(set(place[0]) & set(place[1]), key=lambda r: (max(place[0][r], place[1][r]), place[0][r]))
    rest = [int(r) for pair in zip(first[0], second[0]) for r in pair]
    rest += [int(r) for rows in (first[0], second[0]) for r in rows[min(len(first[0]), len(second[0])):]]
    order = np.asarray(list(dict.fromkeys([*both, *rest])), dtype=np.int64)
    return order, np.asarray([score[r] for r in order.tolist()], dtype=np.float32)


def select(close: np.ndarray, moved: np.ndarray, steps: int, move_weight: float) -> np.ndarray:
    """Indices of the `steps` candidates with the best balance of closeness (standardised) and
    move, in order of the move (smallest first)."""
    key = _standard(close) + move_weight * _standard(moved)
    best = np.argsort(-key, kind="stable")[:steps]
    return best[np.argsort(moved[best], kind="stable")]


def neighbourhood_answer(retriever: "Retriever", item: int,
                         modifications: tuple[Modification, ...] | list[Modification], *,
                         steps: int = 10, exclude: Sequence[int] = (),
                         order: str = "gradient", balance: bool = False,
                         also: int | None = None) -> GradientSequence:
    """Items near `item` that move every asked attribute the asked way (module docstring).
    `exclude` is never shown (the dialogue passes what the user has already seen). With
    `balance` (for two or more attributes no item moves all the asked way, "funnier but less
    crude"), items that move them the asked way on average (`moves`); the answer says so.
    `also`: a second film named with `item` ("like Heat and Collateral, less violent"): the
    candidates are the films near both (`near_both`), closest by that order, and a move counts
    from both films (less violent than either)."""
    modifications = tuple(modifications)
    if not modifications:
        raise ValueError("a critique needs at least one modification")
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
    item = int(item)
    strength = strength_of(modifications)
    rows, similarity = _candidates(retriever, item, also, exclude)
    place = np.arange(len(rows))

    def moves_from_all(asked: Sequence[Modification], span: bool) -> tuple[np.ndarray, np.ndarray]:
        found = [moves(retriever, start, rows, asked, span=span, balance=balance)
                 for start in (item, *([] if also is None else [int(also)]))]
        return np.min([f[0] for f in found], axis=0), np.min([f[1] for f in found], axis=0)

    moved, margin = moves_from_all(modifications, strength < 1)
    clear = margin > 0
    reach = min(len(rows), int(round(REACH * max(1.0, strength))))
    while reach < len(rows) and clear[:reach].sum() < POOL_PER_STEP * steps:
        reach = min(len(rows), reach * 2)  # too few move clearly close by: look further
    keep = np.flatnonzero(clear[:reach])
    if len(keep) < steps:  # then the closest small moves fill it, never items that do not move
        keep = np.sort(np.concatenate([keep, np.flatnonzero((moved > 0) & ~clear)[:steps - len(keep)]]))
    if len(keep) < steps and strength < 1:
        # "a bit more romantic" from a film near the top: every move overshoots the little room
        # left, so the smallest moves the asked way fill it (a bit is still more, never less).
        free, _ = moves_from_all(modifications, False)
        over = np.flatnonzero((free > 0) & ~np.isin(np.arange(len(rows)), keep))
        over = over[np.argsort(free[over], kind="stable")][:steps - len(keep)]
        keep = np.sort(np.concatenate([keep, over]))
        moved = np.where(np.isin(np.arange(len(rows)), over), free, moved)
    if len(keep) < steps and len(modifications) > 1:
        # Several critiques ("way more twisty" with a second "more comedy") that few films move
        # together: films that clearly move the first one asked fill the rest of the answer.
        first, first_margin = moves_from_all(modifications[:1], strength < 1)
        extra = np.flatnonzero((first_margin > 0) & ~np.isin(np.arange(len(rows)), keep))[:steps - len(keep)]
        keep = np.sort(np.concatenate([keep, extra]))
        moved = np.where(np.isin(np.arange(len(rows)), extra), first, moved)
    if len(keep) == 0:
        return answered(retriever, item, modifications, (), balance)
    rows, similarity, moved, place = rows[keep], similarity[keep], moved[keep], place[keep]
    weight = STRONG_MOVE_WEIGHT if strength > 1 else MOVE_WEIGHT
    if order == "gradient":
        close = (closeness(retriever, item, rows, similarity, modifications) if also is None
                 else -place.astype(np.float64))
        picked = select(close, moved, steps, weight)
        scores = similarity[picked]
    else:
        query = retriever.item_vectors[item] + retriever.modification_vector(modifications)
        paper = retriever.item_vectors[rows] @ query
        picked = np.argsort(-paper, kind="stable")[:steps]
        scores = paper[picked]
    return answered(retriever, item, modifications, tuple(
        retriever.shown_step(int(rows[p]), strength, float(s), modifications)
        for p, s in zip(picked, scores)), balance)


def _candidates(retriever: "Retriever", item: int, also: int | None, exclude: Sequence[int]
                ) -> tuple[np.ndarray, np.ndarray]:
    """(rows, stored similarity) an answer chooses among, nearest first: `item`'s stored
    neighbours, or with `also` the films near both (`near_both`); never the films themselves
    nor `exclude`."""
    if also is None:
        rows, similarity = retriever.neighbourhood(item, WIDEST)
    else:
        rows, similarity = near_both(nearest_by_kind(retriever, item), nearest_by_kind(retriever, int(also)))
    banned = [item, *([] if also is None else [int(also)]), *map(int, exclude)]
    allowed = ~np.isin(rows, np.asarray(banned, dtype=np.int64))
    return rows[allowed], similarity[allowed]


WIDER_POOL = 0.5  # a wider answer chooses among this share of the catalog, the most watched


def wider_answer(retriever: "Retriever", item: int,
                 modifications: tuple[Modification, ...] | list[Modification], *,
                 steps: int = 10, exclude: Sequence[int] = ()) -> GradientSequence:
    """The answer past the stored neighbourhood, for "more" once it holds nothing unseen: items
    of the better-known half of the catalog (WIDER_POOL) that move every asked attribute clearly
    the asked way, the closest to `item` in the item space first (cosine), shown in order of
    the move. Empty when no such item is left; `exclude` is never shown."""
    modifications = tuple(modifications)
    if not modifications:
        raise ValueError("a critique needs at least one modification")
    item = int(item)
    pool = np.argsort(-np.asarray(retriever.popularity), kind="stable")[: max(int(WIDER_POOL * retriever.n_shown), steps)]
    rows = np.setdiff1d(pool, np.asarray([item, *map(int, exclude)], dtype=np.int64))
    if not len(rows):
        return answered(retriever, item, modifications, ())
    strength = strength_of(modifications)
    moved, margin = moves(retriever, item, rows, modifications, span=strength < 1)
    rows, moved = rows[margin > 0], moved[margin > 0]
    vectors = retriever.item_vectors
    unit = vectors[rows] / np.maximum(np.linalg.norm(vectors[rows], axis=1, keepdims=True), 1e-9)
    similarity = unit @ (vectors[item] / max(float(np.linalg.norm(vectors[item])), 1e-9))
    best = np.argsort(-similarity, kind="stable")[:steps]
    best = best[np.argsort(moved[best], kind="stable")]
    return answered(retriever, item, modifications, tuple(
        retriever.shown_step(int(rows[b]), strength, float(similarity[b]), modifications) for b in best))
