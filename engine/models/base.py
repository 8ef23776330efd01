"""One contract for every retrieval model, so evaluation loops over models without special cases.

CGIR, its ablations and the baselines (CBIR, DSCMR, TIRG) all answer the same question: for
reference items, a single-tag modification (tag, alpha) and a grid of strengths gamma, how well
does every item match? Scores are "higher is better" and only their order matters.
"""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from pathlib import Path

import numpy as np

from engine.data.dataset import Dataset
from engine.data.triples import Triples


class GradientModel(ABC):
    name: str = "model"

    @abstractmethod
    def fit(self, dataset: Dataset, train: Triples, valid: Triples | None = None, *,
            seed: int = 0, device: str = "cpu", progress: bool = False) -> "GradientModel":
        """Train on `train` triples (and the dataset's interactions); early-stop on `valid`."""

    @abstractmethod
    def score(self, ref: np.ndarray, tag: np.ndarray, alpha: np.ndarray,
              gammas: np.ndarray) -> np.ndarray:
        """(B, G, n_items) float32 scores for B queries (ref, tag, alpha) at G strengths.

        The modification is scaled by gamma; gamma=1 is the training-time query.
        """

    @abstractmethod
    def item_vectors(self) -> np.ndarray:
        """(n_items, D) item representations, for the independence level (eq. 14)."""

    def save(self, path: Path) -> None:  # optional: models that support caching override
        raise NotImplementedError(f"{self.name} cannot be saved")


def training_bar(total: int, name: str, *, enabled: bool, leave: bool = True):
    """The progress bar every model's training loop shows on stderr (a no-op when disabled)."""
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, desc=f"train {name}", unit="step",
                dynamic_ncols=True, leave=leave, disable=not enabled)
