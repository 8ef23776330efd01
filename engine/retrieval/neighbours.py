"""Each item's nearest items: the neighbourhood an answer to a critique stays in.

An :class:`ItemNeighbours` is a sparse (n_items x n_items) CSR matrix holding, per row, an
item's `k` most similar items and their similarity (rows sorted best first). `cgir train`
stores the chosen similarity in the checkpoint as ``neighbours.npz`` (engine.retrieval.similarity
builds it; `cgir eval neighbours` compares the candidates); the Retriever loads it and a turn
only reads one row. A checkpoint trained before it existed has no such file: the Retriever then
takes the nearest items in its own item space (cosine of the item vectors, one product per
turn) and says so in a log line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

logger = logging.getLogger(__name__)

FILE = "neighbours.npz"


@dataclass(frozen=True)
class ItemNeighbours:
    """Top-k similar items per item (CSR rows sorted by similarity, best first).

    `kind` names the similarity ("cosine", "ease", "item-space", "blend") and `params` its
    settings (e.g. the shrinkage chosen on validation), both kept for reports.
    """

    matrix: sp.csr_matrix
    kind: str
    params: dict

    @property
    def n_items(self) -> int:
        return self.matrix.shape[0]

    @property
    def k(self) -> int:
        counts = np.diff(self.matrix.indptr)
        return int(counts.max()) if len(counts) else 0

    def of(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, similarities) of `row`'s neighbours, best first (may be empty)."""
        start, stop = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        return (self.matrix.indices[start:stop].astype(np.int64),
                self.matrix.data[start:stop].astype(np.float64))

    def save(self, model_dir: str | Path) -> Path:
        path = Path(model_dir) / FILE
        temporary = path.with_name("neighbours.tmp.npz")
        matrix = self.matrix
        np.savez(temporary, indptr=matrix.indptr.astype(np.int64),
                 indices=matrix.indices.astype(np.int32), data=matrix.data.astype(np.float16),
                 shape=np.asarray(matrix.shape, dtype=np.int64),
                 kind=np.asarray(self.kind), params=np.asarray(repr(sorted(self.params.items()))))
        temporary.replace(path)
        return path


def top_k_rows(scores: np.ndarray, k: int, offset: int = 0, floor: float = 0.0
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, value) triples of each row's k best scores above `floor`, best first.

    Rows of `scores` are items offset .. offset + len(scores); an item is never its own neighbour.
    `scores` is overwritten (callers pass a block they computed for this call).
    """
    scores = np.asarray(scores, dtype=np.float32)
    n, m = scores.shape
    scores[np.arange(n), offset + np.arange(n)] = -np.inf
    k = min(k, m - 1)
    if k <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    top = np.argpartition(scores, m - k, axis=1)[:, m - k:]  # no negated copy of the block
    values = np.take_along_axis(scores, top, axis=1)
    order = np.argsort(-values, axis=1, kind="stable")
    top, values = np.take_along_axis(top, order, axis=1), np.take_along_axis(values, order, axis=1)
    keep = values > floor
    rows = np.broadcast_to(offset + np.arange(n)[:, None], top.shape)
    return rows[keep].astype(np.int64), top[keep].astype(np.int64), values[keep]


def from_triples(rows: list[np.ndarray], columns: list[np.ndarray], values: list[np.ndarray],
                 n_items: int, kind: str, params: dict) -> ItemNeighbours:
    """An ItemNeighbours from blocks of top_k_rows output (rows keep their best-first order)."""
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    v = np.concatenate(values) if values else np.zeros(0, dtype=np.float32)
    indptr = np.zeros(n_items + 1, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=n_items), out=indptr[1:])
    # the blocks come in row order and best first inside a row: already CSR order
    matrix = sp.csr_matrix((v.astype(np.float32), c.astype(np.int32), indptr),
                           shape=(n_items, n_items))
    return ItemNeighbours(matrix, kind, dict(params))


def item_cosines(item_vectors: np.ndarray, row: int) -> np.ndarray:
    """(n_items,) cosine of every item's vector with `row`'s (a zero vector counts as length 1)."""
    h = np.asarray(item_vectors, dtype=np.float32)
    norms = np.linalg.norm(h, axis=1)
    norms[norms == 0] = 1.0
    return (h @ h[row]) / (norms * norms[row])


def vector_neighbours(item_vectors: np.ndarray, row: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """One item's k nearest items by cosine of item vectors (the fallback, one product)."""
    cosine = item_cosines(item_vectors, row)
    rows, columns, values = top_k_rows(cosine[None, :], k, offset=row, floor=-np.inf)
    return columns, values.astype(np.float64)


def nearest(stored: ItemNeighbours | None, item_vectors: np.ndarray, row: int, k: int
            ) -> tuple[np.ndarray, np.ndarray]:
    """A row's k nearest items: its stored neighbours, else (an old checkpoint, or an item with
    none, e.g. no interactions) its nearest in the item space."""
    if stored is not None:
        rows, similarity = stored.of(row)
        if len(rows):
            return rows[:k], similarity[:k]
    return vector_neighbours(item_vectors, row, k)


def load_neighbours(model_dir: str | Path, n_items: int) -> ItemNeighbours | None:
    """The checkpoint's neighbours.npz, or None (logged) when it has none or it does not fit."""
    path = Path(model_dir) / FILE
    if not path.is_file():
        logger.warning("%s has no %s (trained before answers kept to a neighbourhood): the "
                    "neighbourhood of an item is its nearest items in the item space; retrain "
                    "with `cgir train` for co-rating neighbours", model_dir, FILE)
        return None
    try:
        with np.load(path) as stored:
            shape = tuple(int(x) for x in stored["shape"])
            matrix = sp.csr_matrix((stored["data"].astype(np.float32), stored["indices"],
                                    stored["indptr"]), shape=shape)
            kind = str(stored["kind"])
            params = {"stored": str(stored["params"])}
    except (OSError, ValueError, KeyError) as error:
        logger.warning("%s is unreadable (%s): using the item space's nearest items", path, error)
        return None
    if shape != (n_items, n_items):
        logger.warning("%s covers %s items, the model %d: using the item space's nearest items",
                       path, shape, n_items)
        return None
    return ItemNeighbours(matrix, kind, params)
