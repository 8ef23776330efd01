"""The in-memory dataset every other part of the project consumes.

A :class:`Dataset` is what the paper calls (X, A): binarised user-item interactions in a
sparse matrix, plus the item-attribute relation and, where the source has it, graded
relevance of every item to every tag (the tag genome, or the demo world's ground truth).
Loaders build it; models, metrics and the dialogue layer only read it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True, eq=False)
class Dataset:
    """Preprocessed interactions and attributes of one catalog.

    Attributes:
        name: short name of the source ("ml-latest-small", "demo", ...).
        interactions: (n_users, n_items) CSR matrix, float32, 1.0 where the user adopted the item.
        user_ids: (n_users,) original user ids.
        item_ids: (n_items,) original item ids (MovieLens movieId).
        titles: one display title per item.
        tags: the attribute vocabulary (genres and cleaned user tags), lower-case.
        item_tags: (n_items, n_tags) CSR matrix, float32, 1.0 where the item carries the tag (A).
        relevance: (n_items, n_tags) float32 graded relevance in [0, 1], NaN where unknown;
            None when the source has no graded relevance at all.
        synthetic: True for generated catalogs (the demo world), which every display says.
    """

    name: str
    interactions: sp.csr_matrix
    user_ids: np.ndarray
    item_ids: np.ndarray
    titles: tuple[str, ...]
    tags: tuple[str, ...]
    item_tags: sp.csr_matrix
    relevance: np.ndarray | None = None
    synthetic: bool = False
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        n_users, n_items = self.interactions.shape
        if len(self.user_ids) != n_users:
            raise ValueError(f"{len(self.user_ids)} user ids for {n_users} interaction rows")
        if len(self.item_ids) != n_items or len(self.titles) != n_items:
            raise ValueError(f"item ids/titles do not match {n_items} interaction columns")
        if self.item_tags.shape != (n_items, len(self.tags)):
            raise ValueError(f"item_tags has shape {self.item_tags.shape}, "
                             f"expected {(n_items, len(self.tags))}")
        if self.relevance is not None and self.relevance.shape != (n_items, len(self.tags)):
            raise ValueError(f"relevance has shape {self.relevance.shape}, "
                             f"expected {(n_items, len(self.tags))}")

    @property
    def n_users(self) -> int:
        return self.interactions.shape[0]

    @property
    def n_items(self) -> int:
        return self.interactions.shape[1]

    @property
    def n_tags(self) -> int:
        return len(self.tags)

    def item_popularity(self) -> np.ndarray:
        """Number of users who adopted each item, (n_items,) int64."""
        return np.asarray(self.interactions.getnnz(axis=0), dtype=np.int64)

    def fingerprint(self) -> str:
        """A short hash that changes when items, tags or interactions change.

        Checkpoints store it so that a model is never silently used on another catalog.
        """
        digest = hashlib.sha256()
        digest.update(self.name.encode())
        digest.update(np.asarray(self.interactions.shape, dtype=np.int64).tobytes())
        digest.update(np.ascontiguousarray(self.item_ids, dtype=np.int64).tobytes())
        digest.update("\x1f".join(self.tags).encode())
        csr = self.interactions.tocsr()
        digest.update(np.ascontiguousarray(csr.indptr, dtype=np.int64).tobytes())
        digest.update(np.ascontiguousarray(csr.indices, dtype=np.int64).tobytes())
        tags = self.item_tags.tocsr()
        digest.update(np.ascontiguousarray(tags.indptr, dtype=np.int64).tobytes())
        digest.update(np.ascontiguousarray(tags.indices, dtype=np.int64).tobytes())
        return digest.hexdigest()[:16]
