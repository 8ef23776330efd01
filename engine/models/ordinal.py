"""Ordinal pairs for CGIR's degree-faithful term: item pairs ordered by a graded tag signal.

The paper aligns F(t) with *binary* attribute changes, which teaches tagged-vs-untagged but no
order inside either group. This term adds pairs (more, less) of a tag's graded signal and asks
<h_more - h_less, F(t)/|F(t)|> > 0 (a pairwise logistic loss), so that the projection the walk
and the degree score read orders items by how much of the tag they have.

The signal is `engine.degrees.features.tag_application_counts`: the genome where a dataset has
one (items whose genome is withheld from the degree score take no part), otherwise how many
users applied the tag. Each tag's signal is scaled to [0, 1] by log1p and its maximum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


@dataclass
class OrdinalPairs:
    """Samples (more, less, tag) rows whose scaled signals differ by at least `min_gap`."""

    signal: np.ndarray  # (M, T) float32 in [0, 1]; NaN rows take no part
    positives: list[np.ndarray]  # per tag, the usable items with a positive signal
    usable: np.ndarray  # items that may be the "less" side
    min_gap: float = 0.1

    @classmethod
    def from_counts(cls, counts: sp.spmatrix, excluded: np.ndarray | None = None,
                    min_gap: float = 0.1) -> "OrdinalPairs":
        dense = np.log1p(np.asarray(sp.csr_matrix(counts).toarray(), dtype=np.float32))
        peak = dense.max(axis=0)
        dense = dense / np.where(peak > 0, peak, 1.0)
        usable = np.ones(dense.shape[0], dtype=bool) if excluded is None else ~excluded
        dense[~usable] = np.nan
        positives = [np.flatnonzero(usable & (dense[:, t] > 0)) for t in range(dense.shape[1])]
        return cls(dense, positives, np.flatnonzero(usable), min_gap)

    @property
    def tags(self) -> np.ndarray:
        """Tags with at least one item carrying them (the only ones that can make a pair)."""
        return np.array([t for t, p in enumerate(self.positives) if len(p)], dtype=np.int64)

    def sample(self, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(more, less, tag) int64 arrays of up to n pairs: the "more" item carries the tag; the
        "less" one is half the time another item carrying it (order inside the tagged group),
        half the time any item."""
        tags = self.tags
        if not len(tags):
            return (np.zeros(0, dtype=np.int64),) * 3
        tag = rng.choice(tags, size=2 * n)
        more = np.array([rng.choice(self.positives[t]) for t in tag], dtype=np.int64)
        inside = rng.random(2 * n) < 0.5
        less = np.where(inside, [rng.choice(self.positives[t]) for t in tag],
                        rng.choice(self.usable, size=2 * n)).astype(np.int64)
        gap = self.signal[more, tag] - self.signal[less, tag]
        swap = gap < 0
        more, less = np.where(swap, less, more), np.where(swap, more, less)
        keep = np.flatnonzero(np.abs(gap) >= self.min_gap)[:n]
        return more[keep], less[keep], tag[keep]
