"""What a Retriever reads for a cold row (engine.retrieval.cold): its degrees and its nearest
trained films. Apart from engine.retrieval.cold, which reads releases and checkpoints, so that
the retriever imports only this."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["extended_degrees", "cold_neighbours"]


def extended_degrees(raw: np.ndarray, weights: sp.csr_matrix) -> np.ndarray:
    """(M + E,) degrees: the trained films' rank percentiles of `raw` (as DegreeModel.degrees),
    then each cold film's weighted mean raw score placed among the trained films' scores."""
    from engine.degrees.phrases import rank_percentiles

    raw = np.asarray(raw, dtype=np.float64)
    trained = rank_percentiles(raw)
    placed = np.asarray(weights @ raw).ravel()
    ordered = np.sort(raw)
    below = np.searchsorted(ordered, placed, side="left")
    upto = np.searchsorted(ordered, placed, side="right")
    cold = ((below + upto - 1) / 2.0) / max(len(raw) - 1, 1)  # a tie takes the mean rank
    return np.concatenate([trained, np.clip(cold, 0.0, 1.0).astype(np.float32)])


def cold_neighbours(item_vectors: np.ndarray, n_shown: int, row: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """A cold film's k nearest trained films by cosine of item vectors, best first."""
    h = item_vectors[:n_shown]
    cosine = (h @ item_vectors[row]) / np.maximum(np.linalg.norm(h, axis=1) * np.linalg.norm(item_vectors[row]),
                                                  1e-12)
    k = min(k, n_shown)
    top = np.argpartition(-cosine, k - 1)[:k]
    top = top[np.argsort(-cosine[top], kind="stable")]
    return top, cosine[top].astype(np.float64)
