"""Coarse or fine answers to a critique: the retrieval side of the `adaptive` policy.

Coarse (a plain critique of a new attribute, "less dark"): the list answer, re-ranked. Of the
COARSE_POOL best items for the full modification (`Retriever.top_k`, gamma = 1) it keeps the
`steps` that balance their place in the list with closeness to the reference in every *other*
estimated degree (engine.degrees.model via `Retriever.attribute_degrees`), shown in list order.

Fine (a sized critique, "a bit less dark" / "much less dark", or the same attribute asked
again to home in): degrees x alternatives. The POOL best items of that list are cut into
`steps` bands of estimated degree of the asked attribute; each band shows the candidate that
balances its place in the list with closeness to the reference in the other degrees (weighed
by PROFILE_WEIGHT), and the bands are shown in order of degree, from the reference outward: a
gradient over items that the list already found close to the reference.

Both show only items whose estimated degree moves every asked attribute the asked way from the
reference ("more comedy" never shows an item with less), and a fine answer only items within
the span its strength asks for (`engine.walks.degree_steps.span_fraction`: "a bit" half the way to the
catalog's extreme, as the walk). Both never show an item in `exclude` (the dialogue passes the
items shown earlier in the session: the user has seen them and moved on). Pure functions on arrays plus one glue function;
docs/simulation.md reports how the policy compares with the walk and the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np

from engine.retrieval.retriever import GradientSequence, Modification

if TYPE_CHECKING:  # pragma: no cover
    from engine.retrieval.retriever import Retriever

POOL = 30  # list candidates a fine answer chooses among (3 per band at 10 steps)
SEARCH = 4  # how many times the pool the list is read, to fill it with items that move as asked
PROFILE_WEIGHT = 2.0  # closeness in the other degrees against list rank, both standardised
COARSE_POOL = 15  # list candidates a coarse answer keeps `steps` of
COARSE_PROFILE_WEIGHT = 1.0
# These four were chosen on simulated users of seeds 5 and 6 (docs/simulation.md); the published
# comparisons use seeds 0-2.


def _standard(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    spread = x.std()
    return (x - x.mean()) / spread if spread > 0 else np.zeros_like(x)


def closest_of_list(list_rank: np.ndarray, others: np.ndarray, steps: int,
                    profile_weight: float = COARSE_PROFILE_WEIGHT) -> np.ndarray:
    """Indices of the `steps` candidates with the best balance of list rank and closeness in the
    other degrees (both standardised), in list order."""
    key = _standard(list_rank) + profile_weight * _standard(others)
    keep = np.argsort(key, kind="stable")[:steps]
    return keep[np.argsort(np.asarray(list_rank)[keep], kind="stable")]


def degree_bands(degrees: np.ndarray, list_rank: np.ndarray, others: np.ndarray, steps: int,
                 alpha: int, profile_weight: float = PROFILE_WEIGHT) -> np.ndarray:
    """Indices into the candidates: one per band of equal count along `degrees`, in order of
    alpha * degree (the asked direction).

    Args:
        degrees: (n,) each candidate's estimated degree of the asked attribute.
        list_rank: (n,) its place in the list (0 = best).
        others: (n,) its mean absolute difference from the reference in the other degrees.
        steps: how many bands (fewer when there are fewer candidates).
        alpha: +1 more, -1 less.
    """
    degrees = np.asarray(degrees, dtype=np.float64)
    n = len(degrees)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if steps < 1:
        raise ValueError("steps must be at least 1")
    key = _standard(list_rank) + profile_weight * _standard(others)
    order = np.argsort(degrees, kind="stable")
    chosen = [band[np.argmin(key[band])] for band in np.array_split(order, min(steps, n))]
    chosen = np.asarray(chosen, dtype=np.int64)
    return chosen[np.argsort(alpha * degrees[chosen], kind="stable")]


def other_degrees_distance(retriever: "Retriever", reference: int, rows: np.ndarray,
                           asked: Sequence[int]) -> np.ndarray:
    """(len(rows),) mean absolute difference from the reference's estimated degrees over every
    tag but the asked ones."""
    keep = [t for t in range(len(retriever.tags)) if t not in set(asked)]
    if not keep:
        return np.zeros(len(rows))
    every = retriever.attribute_degree_matrix()  # built once per retriever
    picked = every[np.append(rows, reference)][:, keep]
    return np.abs(picked[:-1] - picked[-1]).mean(axis=1, dtype=np.float64)


def as_asked(retriever: "Retriever", reference: int, rows: np.ndarray,
             modifications: Sequence[Modification], *, span: bool) -> np.ndarray:
    """(len(rows),) bool: the rows move every asked attribute the asked way from the reference
    (estimated degrees) and, with `span`, no further than the critique's strength asks."""
    from engine.walks.degree_steps import catalog_extreme, span_fraction

    keep = np.ones(len(rows), dtype=bool)
    for m in modifications:
        degrees = retriever.modification_degrees(m)
        start = float(degrees[reference])
        keep &= m.alpha * (degrees[rows] - start) > 0
        if span:
            extreme = catalog_extreme(degrees, m.alpha, strength=m.weight)
            end = start + span_fraction(m.weight) * (extreme - start)
            keep &= m.alpha * (degrees[rows] - end) <= 0
    return keep


def asked_tags(retriever: "Retriever", modifications: Sequence[Modification]) -> list[int]:
    """Columns a critique asks about: its tags, and the tags of any reading of the user's words."""
    index = {t: k for k, t in enumerate(retriever.tags)}
    asked = {m.tag for m in modifications}
    for m in modifications:
        if m.grounding is not None:
            asked.update(index[t] for t in m.grounding.tags if t in index)
    return sorted(asked)


def adaptive_sequence(retriever: "Retriever", item: int,
                      modifications: tuple[Modification, ...] | list[Modification], *,
                      fine: bool, steps: int = 10, exclude: Sequence[int] = (),
                      pool: int = POOL) -> GradientSequence:
    """The coarse list or the fine degree bands (module docstring); `exclude` never shown.
    `pool` is the fine answer's; the coarse one reads COARSE_POOL."""
    modifications = tuple(modifications)
    if not modifications:
        raise ValueError("a critique needs at least one modification")
    size = max(pool if fine else COARSE_POOL, steps)
    listed = retriever.top_k(item, modifications, k=SEARCH * size, exclude=exclude).steps
    rows = np.array([s.item for s in listed], dtype=np.int64)
    kept = np.flatnonzero(as_asked(retriever, int(item), rows, modifications, span=fine))[:size]
    candidates = [listed[i] for i in kept]
    if not candidates:
        return GradientSequence(int(item), modifications, ())
    rows = rows[kept]
    others = other_degrees_distance(retriever, int(item), rows, asked_tags(retriever, modifications))
    rank = np.arange(len(rows))
    if not fine:
        picked = closest_of_list(rank, others, steps)
        return GradientSequence(int(item), modifications, tuple(candidates[i] for i in picked))
    first = modifications[0]
    degrees = retriever.modification_degrees(first)[rows]  # its reading's degrees, else its tag's
    picked = degree_bands(degrees, rank, others, steps, first.alpha)
    return GradientSequence(int(item), modifications, tuple(candidates[i] for i in picked))
