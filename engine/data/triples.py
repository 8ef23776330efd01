"""Training/test triples (i, y, i') with exactly one attribute difference.

Convention: alpha = +1 when the target carries the tag and the reference does not ("more tag"),
-1 when the reference carries it and the target does not ("less tag"). So the query that should
land on the target is h_ref + gamma * alpha * F(tag).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Triples:
    ref: np.ndarray  # (n,) int64 item rows
    tag: np.ndarray  # (n,) int64 tag indices
    alpha: np.ndarray  # (n,) int8, +1 or -1
    target: np.ndarray  # (n,) int64 item rows

    def __post_init__(self) -> None:
        n = len(self.ref)
        if not (len(self.tag) == len(self.alpha) == len(self.target) == n):
            raise ValueError("triple arrays must have one length")

    def __len__(self) -> int:
        return len(self.ref)

    def subset(self, index: np.ndarray) -> "Triples":
        return Triples(self.ref[index], self.tag[index], self.alpha[index], self.target[index])

    def split(self, test_fraction: float = 0.2, seed: int = 0) -> tuple["Triples", "Triples"]:
        """Deterministic random split by seed: (train, test)."""
        if not 0.0 < test_fraction < 1.0:
            raise ValueError("test_fraction must be between 0 and 1")
        order = np.random.default_rng(seed).permutation(len(self))
        n_test = int(round(len(self) * test_fraction))
        return self.subset(np.sort(order[n_test:])), self.subset(np.sort(order[:n_test]))
