"""The paper's metrics as pure numpy functions (section 3.1, eqs. 11-14). See docs/metrics.md.

Everything here works on plain arrays (scores, ranks, relevance tables, item vectors) so each
function can be checked against a hand-computed case. Nothing trains, prints or imports torch.

Conventions:

* A *rank* is 1-based and comes from ``engine.metrics.ranking.target_ranks`` (ties count against the
  model); this module re-exports it with ``hit_at_k`` and ``mrr``.
* ``alpha`` is +1 for "more tag", -1 for "less tag" (engine.data.triples).
* Relevance is float in [0, 1], NaN where unknown. A step whose relevance is unknown on either
  side is left out of the step average; a query with no usable step gets NaN and is left out of
  the mean over queries (``nanmean``).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import scipy.sparse as sp

# Hit@K and MRR rank through engine.metrics.ranking: one rank function for training and evaluation.
from engine.metrics.ranking import hit_at_k, mrr, target_ranks  # noqa: F401
from engine.retrieval.sequences import unseen_rows

# -- gradient sequences ---------------------------------------------------------------------


def ranked_lists(scores: np.ndarray, ref: int, k: int, *, skip_seen: bool = False,
                 candidates: np.ndarray | None = None) -> np.ndarray:
    """Top-k items per gamma step for one query: (G, k) item rows, best first.

    The reference never appears. With ``skip_seen`` the step's first item is one not yet placed
    first at an earlier step (the product's mode: the user sees G distinct items); the rest of
    the step's list also leaves those items out. ``candidates`` (bool (M,)) restricts the pool.
    Ties are broken by item row so the result is deterministic.
    """
    scores = np.asarray(scores, dtype=np.float64)
    g, m = scores.shape
    allowed = np.ones(m, dtype=bool) if candidates is None else np.asarray(candidates, bool).copy()
    allowed[int(ref)] = False
    if not allowed.any():
        raise ValueError("no candidate items left to retrieve")
    shown: list[int] = []
    out = np.full((g, k), -1, dtype=np.int64)
    for step in range(g):
        row = np.where(allowed, scores[step], -np.inf)
        width = min(m, k + len(shown))
        top = np.argpartition(-row, width - 1)[:width] if width < m else np.arange(m)
        # order by score, then by row, so equal scores give a deterministic list
        top = top[np.lexsort((top, -row[top]))]
        top = np.fromiter(unseen_rows(top[np.isfinite(row[top])], shown), dtype=np.int64)[:k]
        out[step, :len(top)] = top
        if skip_seen and len(top):
            shown.append(int(top[0]))
    return out


def step_relevance(lists: np.ndarray, table: np.ndarray | sp.spmatrix,
                   tags: np.ndarray | None = None) -> np.ndarray:
    """Relevance of each gamma step to each tag: the mean over that step's retrieved items.

    With k = 1 this is the paper's Relevance(seq@k, t) (graded data); with binary item-tag data
    and k = 100 it is the paper's AliShop heuristic (the share of the top 100 that carry the
    tag); with graded data and k = 20 it is the authors' code (a sum, which orders steps the
    same way as the mean). NaN relevance is ignored; a step with none known is NaN.

    Args:
        lists: (G, k) item rows (-1 = empty slot, ignored).
        table: (M, T) graded relevance (NaN unknown) or a binary item-tag matrix (sparse ok).
        tags: columns to return (default: all).

    Returns:
        (G, len(tags)) float64.
    """
    lists = np.asarray(lists, dtype=np.int64)
    g, k = lists.shape
    flat = lists.ravel()
    valid = flat >= 0
    n_tags = table.shape[1]
    cols = np.arange(n_tags) if tags is None else np.asarray(tags, dtype=np.int64)
    values = np.full((g * k, len(cols)), np.nan)
    if valid.any():
        rows = table[flat[valid]]
        rows = rows.toarray() if sp.issparse(rows) else np.asarray(rows)
        values[valid] = np.asarray(rows, dtype=np.float64)[:, cols]
    values = values.reshape(g, k, len(cols))
    counts = np.sum(~np.isnan(values), axis=1)
    sums = np.nansum(values, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def _step_signs(values: np.ndarray) -> np.ndarray:
    """sign(values[k+1] - values[k]) along axis 0; NaN where either side is unknown."""
    values = np.asarray(values, dtype=np.float64)
    return np.sign(np.diff(values, axis=0))


def consistency(relevance: np.ndarray, alpha: int) -> float:
    """Eq. 12: share of the N-1 steps where alpha * relevance strictly rises.

    Args:
        relevance: (N,) relevance of the asked tag along the sequence.
        alpha: +1 ("more") or -1 ("less").
    """
    signs = _step_signs(np.asarray(relevance, dtype=np.float64).ravel()) * alpha
    known = ~np.isnan(signs)
    if not known.any():
        return float("nan")
    return float(np.mean(signs[known] > 0))


def drift(relevance: np.ndarray) -> np.ndarray:
    """d(t') for each column: mean over the N-1 steps of +1 (rises), -1 (falls), 0 (tie).

    Args:
        relevance: (N, T') relevance of the other tags along the sequence.

    Returns:
        (T',) values in [-1, 1], NaN for a tag with no known step.
    """
    signs = _step_signs(np.asarray(relevance, dtype=np.float64).reshape(len(relevance), -1))
    known = ~np.isnan(signs)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(known.any(axis=0),
                        np.nansum(signs, axis=0) / np.maximum(known.sum(axis=0), 1), np.nan)


Aggregate = Literal["abs-then-mean", "mean-then-abs"]


def restrictiveness(relevance: np.ndarray, aggregate: Aggregate = "abs-then-mean") -> float:
    """Eq. 13 (our reading): 1 - mean over the other tags t' of |d(t')|.

    A random walk on the other tags scores near 1, a systematic drift near 0. With
    ``aggregate="mean-then-abs"`` it is 1 - |mean over t' of d(t')|, what the authors' code
    computes (drifts of opposite sign cancel). No other tag at all gives 1 (nothing moved),
    as in the authors' code.

    Args:
        relevance: (N, T') relevance of the other tags along the sequence.
    """
    relevance = np.asarray(relevance, dtype=np.float64)
    if relevance.ndim != 2:
        raise ValueError("relevance must be (N, T')")
    if relevance.shape[1] == 0:
        return 1.0
    d = drift(relevance)
    d = d[~np.isnan(d)]
    if d.size == 0:
        return float("nan")
    if aggregate == "abs-then-mean":
        return float(1.0 - np.mean(np.abs(d)))
    if aggregate == "mean-then-abs":
        return float(1.0 - abs(np.mean(d)))
    raise ValueError(f"unknown aggregate {aggregate!r}")


def gradient_scores(consistencies: np.ndarray, restrictivenesses: np.ndarray) -> dict[str, float]:
    """Eq. 11: MGS = mean over queries of C x R; MGS-C and MGS-R the means of each factor.

    Queries where either factor is NaN (no usable step) are left out of all three means, so the
    three numbers are over the same queries.
    """
    c = np.asarray(consistencies, dtype=np.float64)
    r = np.asarray(restrictivenesses, dtype=np.float64)
    if c.shape != r.shape:
        raise ValueError("one consistency and one restrictiveness per query")
    keep = ~(np.isnan(c) | np.isnan(r))
    if not keep.any():
        return {"mgs": float("nan"), "mgs_c": float("nan"), "mgs_r": float("nan"), "n": 0}
    return {"mgs": float(np.mean(c[keep] * r[keep])), "mgs_c": float(np.mean(c[keep])),
            "mgs_r": float(np.mean(r[keep])), "n": int(keep.sum())}


# -- independence level ------------------------------------------------------------------------


def independence_level(vectors: np.ndarray, *, signed: bool = False) -> float:
    """Eq. 14: 1 - mean over pairs of dimensions (i != j) of |corrcoef(Z[:, i], Z[:, j])|.

    Constant dimensions (zero variance) have no defined correlation; they are left out (a dead
    dimension carries no information, so it should neither help nor hurt). With fewer than two
    varying dimensions the level is NaN. ``signed=True`` drops the absolute value, as the
    authors' code does (positive and negative correlations then cancel); kept only to measure
    that defect.

    Args:
        vectors: (M, D) item representations.
    """
    z = np.asarray(vectors, dtype=np.float64)
    if z.ndim != 2:
        raise ValueError("vectors must be (M, D)")
    if z.shape[0] < 2:
        return float("nan")
    centred = z - z.mean(axis=0, keepdims=True)
    norms = np.sqrt((centred ** 2).sum(axis=0))
    scale = max(1.0, float(np.abs(z).max()))
    varying = norms > 1e-9 * scale * np.sqrt(z.shape[0])
    d = int(varying.sum())
    if d < 2:
        return float("nan")
    unit = centred[:, varying] / norms[varying]
    corr = np.clip(unit.T @ unit, -1.0, 1.0)
    off = corr[~np.eye(d, dtype=bool)]
    return float(1.0 - np.mean(off if signed else np.abs(off)))


# -- aggregation over seeds --------------------------------------------------------------------


def mean_std(values: list[float] | np.ndarray) -> tuple[float, float]:
    """Mean and sample standard deviation (ddof=1; 0.0 for a single value), NaNs ignored."""
    v = np.asarray(values, dtype=np.float64)
    v = v[~np.isnan(v)]
    if v.size == 0:
        return float("nan"), float("nan")
    return float(v.mean()), float(v.std(ddof=1)) if v.size > 1 else 0.0
