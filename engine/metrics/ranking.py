"""The one rank function: where a query's target lands among the candidates (Hit@K, MRR).

Training's early stopping, `cgir train`'s held-out metrics and `cgir eval` all rank through
`target_ranks`, so one model on one split has one MRR. Pure numpy; nothing here imports torch.

Ties count against the model (the conservative convention): every other candidate whose score
equals the target's is ranked above it, so a model that scores everything alike gets the worst
rank, never the best (the authors' code does the same by nudging the target down).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import scipy.sparse as sp

from engine.data.triples import Triples


def target_ranks(scores: np.ndarray, ref: np.ndarray, target: np.ndarray,
                 mask: sp.csr_matrix | None = None) -> np.ndarray:
    """1-based rank of each target among all items but the reference (and masked items).

    Args:
        scores: (B, M) scores, higher is better; NaN never outranks anything.
        ref: (B,) reference rows; never a candidate.
        target: (B,) target rows.
        mask: optional (B, M) sparse matrix whose non-zeros are removed from the candidates too
            (the "code" protocol masks the reference's other training positives). The target
            itself is never masked.

    Returns:
        (B,) int64 ranks in [1, M - 1]; ties with the target count as ranked above it.
    """
    scores = np.array(scores, dtype=np.float64, copy=True)
    if scores.ndim != 2:
        raise ValueError(f"scores must be (B, M), got shape {scores.shape}")
    b = scores.shape[0]
    ref = np.asarray(ref, dtype=np.int64)
    target = np.asarray(target, dtype=np.int64)
    if ref.shape != (b,) or target.shape != (b,):
        raise ValueError("ref and target must have one entry per row of scores")
    rows = np.arange(b)
    scores[np.isnan(scores)] = -np.inf
    target_scores = scores[rows, target].copy()
    if mask is not None:
        coo = sp.coo_matrix(mask)
        scores[coo.row, coo.col] = -np.inf
    scores[rows, ref] = -np.inf
    scores[rows, target] = -np.inf  # counted separately below
    above = (scores >= target_scores[:, None]).sum(axis=1)
    # A candidate removed above (-inf) still counts when the target itself scores -inf: the
    # target cannot be found at all, so give it the last rank among the candidates.
    n_candidates = scores.shape[1] - 1 - (0 if mask is None else _masked_counts(mask, ref, target))
    above = np.where(np.isneginf(target_scores), n_candidates - 1, above)
    return (above + 1).astype(np.int64)


def _masked_counts(mask: sp.csr_matrix, ref: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Per row, how many masked entries are neither the reference nor the target."""
    csr = sp.csr_matrix(mask)
    csr.eliminate_zeros()
    counts = np.diff(csr.indptr).astype(np.int64)
    rows = np.arange(csr.shape[0])
    counts -= np.asarray(csr[rows, ref] != 0).ravel().astype(np.int64)
    counts -= np.asarray(csr[rows, target] != 0).ravel().astype(np.int64)
    return counts


def hit_at_k(ranks: np.ndarray, k: int) -> float:
    """Share of queries whose target ranks within the top k (HR@K)."""
    ranks = np.asarray(ranks)
    if k < 1:
        raise ValueError("k must be at least 1")
    return float(np.mean(ranks <= k)) if ranks.size else float("nan")


def mrr(ranks: np.ndarray) -> float:
    """Mean reciprocal rank of the targets."""
    ranks = np.asarray(ranks, dtype=np.float64)
    if np.any(ranks < 1):
        raise ValueError("ranks are 1-based")
    return float(np.mean(1.0 / ranks)) if ranks.size else float("nan")


def ranking_metrics(ranks: np.ndarray) -> dict[str, float]:
    """Hit@20, Hit@50 and MRR of a set of ranks (NaN for no ranks)."""
    return {"hit@20": hit_at_k(ranks, 20), "hit@50": hit_at_k(ranks, 50), "mrr": mrr(ranks)}


class Scorer(Protocol):
    def score(self, ref: np.ndarray, tag: np.ndarray, alpha: np.ndarray,
              gammas: np.ndarray) -> np.ndarray: ...


def model_ranks(model: Scorer, triples: Triples, mask: sp.csr_matrix | None = None,
                batch: int = 256) -> np.ndarray:
    """Ranks of the triples' targets under `model` at gamma = 1 (the training-time query).

    `mask` is an (M, M) reference -> excluded-items matrix, indexed by each triple's reference.
    """
    one = np.array([1.0], dtype=np.float32)
    ranks = [np.zeros(0, np.int64)]
    for start in range(0, len(triples), batch):
        part = slice(start, start + batch)
        ref, target = triples.ref[part], triples.target[part]
        scores = model.score(ref, triples.tag[part], triples.alpha[part], one)[:, 0]
        ranks.append(target_ranks(scores, ref, target, None if mask is None else mask[ref]))
    return np.concatenate(ranks)
