"""How gradual a walk is, scored against known (planted) relevance.

A walker answers a query (item, tag, alpha) with the rows it would show, or None when it
declines (the reference is at the floor or ceiling of the tag). Each walk is scored on the
dataset's graded relevance, which the walker must never see:

- consistency: share of the consecutive steps k -> k+1 where alpha * relevance of the asked tag
  strictly rises (the paper's Consistency_Score, eq. 12; 9 steps for a 10-item walk);
- end_effect: alpha * (relevance of the last item - relevance of the reference), how far the
  walk got;
- other_change: mean |relevance change| from the reference over the other tags, averaged over
  the walk's items (the restrictiveness of docs/benchmarks/engine.md; not the paper's signed
  drift d(t') of engine.metrics.paper).

Queries are random (item, tag, alpha) that are feasible: "less" of a tag the item has
(relevance >= 0.5) or "more" of one it lacks (<= 0.5), the protocol of the published figures.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

Walker = Callable[[int, int, int], "Sequence[int] | None"]


@dataclass(frozen=True)
class WalkQuery:
    item: int
    tag: int
    alpha: int


def sample_queries(relevance: np.ndarray, n: int, seed: int = 0, *,
                   feasible: bool = True, tags: Sequence[int] | None = None,
                   items: Sequence[int] | None = None) -> list[WalkQuery]:
    """n random (item, tag, alpha) queries with known relevance (feasible ones by default).

    `tags` / `items` restrict the asked tag and the reference (e.g. to those held out from a
    degree model's supervision).
    """
    rng = np.random.default_rng(seed)
    n_items, n_tags = relevance.shape
    pool = np.arange(n_tags) if tags is None else np.asarray(tags, dtype=np.int64)
    refs = np.arange(n_items) if items is None else np.asarray(items, dtype=np.int64)
    if len(pool) == 0 or len(refs) == 0:
        raise ValueError("no tag or no item to ask about")
    queries: list[WalkQuery] = []
    for _ in range(200 * n):  # bounded: a catalog without feasible queries ends, not hangs
        if len(queries) >= n:
            break
        item, tag = int(rng.choice(refs)), int(rng.choice(pool))
        alpha = int(rng.choice([1, -1]))
        ref = relevance[item, tag]
        if np.isnan(ref) or (feasible and ((alpha < 0 and ref < 0.5) or (alpha > 0 and ref > 0.5))):
            continue
        queries.append(WalkQuery(item, tag, alpha))
    return queries


def score_walk(relevance: np.ndarray, query: WalkQuery, rows: Sequence[int]) -> dict[str, float]:
    """consistency, end_effect, other_change and falls (steps the right way) of one walk."""
    rows = np.asarray(rows, dtype=np.int64)
    values = relevance[rows, query.tag].astype(np.float64)
    ref = float(relevance[query.item, query.tag])
    right_way = query.alpha * np.diff(values) > 0
    others = np.delete(np.arange(relevance.shape[1]), query.tag)
    with np.errstate(all="ignore"):
        other_change = np.nanmean(np.abs(relevance[rows][:, others] - relevance[query.item, others]))
    return {
        "consistency": float(right_way.mean()) if len(right_way) else float("nan"),
        "end_effect": query.alpha * (float(values[-1]) - ref) if len(values) else float("nan"),
        "other_change": float(other_change) if len(rows) else float("nan"),
        "falls": int(right_way.sum()),
        "steps": int(len(right_way)),
    }


def walk_metrics(walker: Walker, relevance: np.ndarray,
                 queries: Sequence[WalkQuery]) -> dict[str, float]:
    """Mean consistency, end_effect and other_change over the queries the walker answered.

    `declined` counts queries answered None (at the floor/ceiling), `n_queries` all asked;
    walks of fewer than two items have no consistency and are left out of its mean only.
    """
    scores, declined = [], 0
    for q in queries:
        rows = walker(q.item, q.tag, q.alpha)
        if rows is None:
            declined += 1
            continue
        if len(rows):
            scores.append(score_walk(relevance, q, rows))

    def mean(key: str) -> float:
        values = np.array([s[key] for s in scores], dtype=np.float64)
        values = values[np.isfinite(values)]
        return round(float(values.mean()), 4) if len(values) else float("nan")

    return {"consistency": mean("consistency"), "end_effect": mean("end_effect"),
            "other_change": mean("other_change"), "n_queries": len(queries), "n_walks": len(scores),
            "declined": declined}


def heaviest_item(relevance: np.ndarray, tag: int) -> int:
    """The item with the most of a tag (the headline "less action" query starts there)."""
    return int(np.nanargmax(relevance[:, tag]))


def headline(walker: Walker, relevance: np.ndarray, tag: int, alpha: int = -1) -> dict:
    """The walk from the item with the most of `tag`: on how many steps does it fall (rise)?"""
    item = heaviest_item(relevance, tag) if alpha < 0 else int(np.nanargmin(relevance[:, tag]))
    rows = walker(item, tag, alpha)
    if rows is None or not len(rows):
        return {"item": item, "falls": 0, "steps": 0, "relevance": []}
    scored = score_walk(relevance, WalkQuery(item, tag, alpha), rows)
    return {"item": item, "falls": scored["falls"], "steps": scored["steps"],
            "relevance": [round(float(relevance[item, tag]), 3)]
            + [round(float(relevance[r, tag]), 3) for r in rows]}


# -- the `cgir eval` hook: today's walk against the degree walk, same queries -----------------


def retriever_walkers(retriever, exclude: Sequence[int] = ()) -> dict[str, Walker]:
    """The walks to compare: the paper's gamma walk (monotone, today's default) and the degree
    walk (engine.walks.degree_steps), both on the model's own arrays, never on the relevance they are
    scored against."""
    from engine.walks.gradual import WalkLimit, gradual_walk
    from engine.retrieval.retriever import Modification

    def gamma_walk(item: int, tag: int, alpha: int) -> list[int]:
        return [s.item for s in retriever.walk(item, [Modification(tag, alpha)]).steps]

    def degree_walk(item: int, tag: int, alpha: int) -> list[int] | None:
        result = gradual_walk(retriever, item, [Modification(tag, alpha)], exclude=exclude)
        return None if isinstance(result, WalkLimit) else [s.item for s in result.steps]

    return {"gamma_walk": gamma_walk, "degree_walk": degree_walk}


def blind_degree_model(retriever, dataset, encode=None):
    """The degree model as `cgir train` builds it (engine.degrees.features), from a dataset with
    its graded relevance removed: the degrees that order the walk never see the planted truth
    they are scored on (they see interactions, binary tags, tag application counts, titles)."""
    from dataclasses import replace

    from engine.degrees.model import DegreeModel
    from engine.degrees.features import item_signals
    from engine.degrees.score import fit_tag_predictor
    from engine.degrees.weights import shipped_weights

    if encode is None:
        from engine.text.minilm import encode
    signals, language = item_signals(replace(dataset, relevance=None), encode)
    inputs = np.hstack([retriever.item_vectors, signals.text_vectors])
    return DegreeModel.from_retriever(
        retriever, signals=signals, weights=shipped_weights(), language=language,
        language_vectors=np.asarray(encode(list(language)), dtype=np.float32),
        tag_predictor=fit_tag_predictor(inputs, signals.tag_counts.log1p().toarray()))


def walk_report(item_vectors: np.ndarray, tag_vectors: np.ndarray, dataset, *,
                n_queries: int = 300, seed: int = 0, encode=None,
                headline_tag: str = "action") -> dict:
    """`walk` of `cgir eval --json`: consistency, end_effect, other_change of the product's degree walk,
    with today's gamma walk on the same queries as `before`, and the headline "less action" walk.

    Needs the dataset's graded relevance (the demo world's planted genome) to score. The
    product's degrees read that genome as `cgir train` stores it (engine.degrees.graded: 30 % of
    the items withheld, their degrees a ridge map from h_j), so on the items a genome covers the
    walk is scored on what it read; `held_out` walks among the withheld items only (the honest
    estimate for items without a genome) and `blind` uses degrees built without any graded
    relevance (`blind_degree_model`). `encode` embeds the movie texts (MiniLM by default).
    """
    from engine.degrees.features import withheld_items
    from engine.degrees.graded import fill_graded
    from engine.retrieval.retriever import Retriever

    if dataset.relevance is None:
        raise ValueError("walk metrics need graded relevance (the demo world has it)")
    relevance = np.asarray(dataset.relevance, dtype=np.float32)
    retriever = Retriever(item_vectors, tag_vectors, dataset.item_ids, dataset.titles,
                          dataset.tags, item_tags=dataset.item_tags)
    blind = blind_degree_model(retriever, dataset, encode)
    retriever.use_degree_model(blind)
    queries = sample_queries(relevance, n_queries, seed)
    headline_at = dataset.tags.index(headline_tag) if headline_tag in dataset.tags else None

    def block(walker: Walker, qs: list[WalkQuery] = queries) -> dict:
        out = walk_metrics(walker, relevance, qs)
        if headline_at is not None and qs is queries:
            out["headline"] = headline(walker, relevance, headline_at)
        return out

    walkers = retriever_walkers(retriever)
    before, blind_walk = block(walkers["gamma_walk"]), block(walkers["degree_walk"])
    withheld = withheld_items(dataset.n_items)
    genome = relevance.copy()
    genome[withheld] = np.nan
    degrees = copy.copy(blind)  # the same readings, plus the genome as `cgir train` stores it
    degrees.graded = fill_graded(genome, retriever.item_vectors)
    product = Retriever(item_vectors, tag_vectors, dataset.item_ids, dataset.titles,
                        dataset.tags, item_tags=dataset.item_tags)
    product.use_degree_model(degrees)
    after = block(retriever_walkers(product)["degree_walk"])
    held_out = block(retriever_walkers(product, exclude=np.flatnonzero(~withheld))["degree_walk"],
                     sample_queries(relevance, n_queries, seed, items=np.flatnonzero(withheld)))
    return {"consistency": after["consistency"], "end_effect": after["end_effect"],
            "other_change": after["other_change"], "before": before, "after": after, "held_out": held_out,
            "blind": blind_walk,
            "queries": f"{n_queries} feasible random (item, tag, alpha), seed {seed}",
            "degree_supervision": "the genome of 70 % of the items, read as the product reads it "
                                  "(in-sample there); held_out: walks among the other 30 % only; "
                                  "blind: interactions, binary tags, tag application counts and "
                                  "titles, no graded relevance"}
