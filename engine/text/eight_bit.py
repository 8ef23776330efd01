"""Sentence vectors kept at 8 bits: one int8 code per dimension and one float32 scale per row.

MiniLM's unit vectors have components of at most about 0.2, so a row's own scale (its largest
absolute component / 127) keeps every component within half a step (about 0.0008): cosines move
by well under 0.01. A checkpoint keeps its movie texts' vectors this way (engine.degrees.features),
which is also what lets the demo's first build ship them under the repository's size limit
(engine.training.shipped). `at_8_bits` is idempotent, so vectors read back from codes and kept
again are the same vectors.
"""

from __future__ import annotations

import numpy as np

__all__ = ["to_codes", "from_codes", "at_8_bits"]

STEPS = 127


def to_codes(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 codes, float32 per-row scales) of a 2-D float array; an all-zero row has scale 0."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2:
        raise ValueError(f"expected a 2-D array of vectors, got shape {vectors.shape}")
    scales = (np.abs(vectors).max(axis=1, initial=0.0) / STEPS).astype(np.float32)
    safe = np.where(scales > 0, scales, 1.0).astype(np.float32)
    codes = np.clip(np.rint(vectors / safe[:, None]), -STEPS, STEPS).astype(np.int8)
    return codes, scales


def from_codes(codes: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """The float32 vectors the codes stand for."""
    return (np.asarray(codes, dtype=np.float32)
            * np.asarray(scales, dtype=np.float32)[:, None]).astype(np.float32)


def at_8_bits(vectors: np.ndarray) -> np.ndarray:
    """`vectors` as 8-bit codes give them back (float32)."""
    return from_codes(*to_codes(vectors))
