"""The candidate item-item similarities, each kept as top-k neighbours per item (sparse).

* ``cosine``: co-rating cosine on the binary interactions X (users x items), with a shrinkage
  term in the denominator, c_ij / (sqrt(n_i n_j) + shrink), that pulls pairs seen by few users
  toward 0 (an item liked by one user who also liked Jaws is not Jaws's nearest film).
* ``ease``: EASE (Steck 2019), the closed-form linear item-item model
  B = I - P diag(1/diag P), P = (X'X + lambda I)^-1. Its Gram matrix is dense: at 62,000 items
  the float64 inverse alone is 31 GB, so it is fitted on the `max_items` most popular items only
  (EASE_MAX_ITEMS: 8,000 items, about 0.8 GB at float32) and the other items have no EASE
  neighbours.
* ``item-space``: cosine of the model's item vectors (the bot's own space).
* ``blend``: per row, each similarity divided by the row's best value, then
  weight * a + (1 - weight) * b over the union of both lists.

Everything works in blocks of rows, so the peak memory is a few (block x n_items) float32
arrays (the cosine only its block's co-occurring pairs) plus the top-k lists, whatever the
catalog size (docs/results.md measures 62,000 items).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from engine.retrieval.neighbours import ItemNeighbours, from_triples, top_k_rows

K = 200  # neighbours kept per item: the widest neighbourhood an answer reads
BLOCK = 256  # rows scored at once (BLOCK x n_items float32, and int64 positions to sort them)
EASE_MAX_ITEMS = 8000
# The similarity `cgir train` stores and its settings: chosen by `cgir eval neighbours` on
# ml-latest-small (docs/results.md, "Answers in the reference's neighbourhood").
DEFAULT_KIND = "cosine"
DEFAULT_SHRINK = 2.0
SHRINKS = (0.0, 2.0, 5.0, 10.0, 20.0, 50.0)
LAMBDAS = (50.0, 200.0, 500.0, 1000.0, 3000.0)
# What validation chose on ml-latest-small (docs/results.md); `cgir eval neighbours --fixed`
# uses them instead of a sweep, one fit per candidate on a large catalog.
DEFAULT_LAMBDA = 200.0
DEFAULT_BLEND_WEIGHT = 0.25


def _binary(interactions: sp.spmatrix) -> sp.csr_matrix:
    x = sp.csr_matrix(interactions, dtype=np.float32, copy=True)
    x.data[:] = 1.0
    x.eliminate_zeros()
    return x


def cosine_neighbours(interactions: sp.spmatrix, *, shrink: float = DEFAULT_SHRINK, k: int = K,
                      block: int = BLOCK) -> ItemNeighbours:
    """Co-rating cosine with shrinkage, top k per item (module docstring)."""
    x = _binary(interactions)
    m = x.shape[1]
    by_item = x.T.tocsr()  # items x users
    support = np.sqrt(np.asarray(x.getnnz(axis=0), dtype=np.float32))
    parts: tuple[list, list, list] = ([], [], [])
    for start in range(0, m, block):
        counts = (by_item[start:start + block] @ x).tocsr()  # co-occurrence, sparse
        for part, values in zip(parts, sparse_top_k(counts, support, shrink, k, start)):
            part.append(values)
    return from_triples(*parts, m, "cosine", {"shrink": float(shrink), "k": k})


def sparse_top_k(counts: sp.csr_matrix, support: np.ndarray, shrink: float, k: int,
                 offset: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, cosine) of each row's k best co-occurring items, best first.

    Only the pairs that co-occur are scored (a few thousand per item, not n_items), so the work
    and memory follow the co-occurrences rather than block x n_items."""
    counts.sum_duplicates()
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr)) + offset
    columns = counts.indices.astype(np.int64)
    values = (counts.data / (support[rows] * support[columns] + shrink + 1e-12)).astype(np.float32)
    keep = (columns != rows) & (values > 0)
    rows, columns, values = rows[keep], columns[keep], values[keep]
    order = np.lexsort((-values, rows))  # by row, best first inside a row
    rows, columns, values = rows[order], columns[order], values[order]
    place = np.arange(len(rows)) - np.searchsorted(rows, rows)  # position inside its row
    best = place < k
    return rows[best], columns[best], values[best]


def ease_neighbours(interactions: sp.spmatrix, *, lam: float = 500.0, k: int = K,
                    max_items: int = EASE_MAX_ITEMS, block: int = BLOCK) -> ItemNeighbours:
    """EASE on the `max_items` most popular items, top k positive weights per item."""
    x = _binary(interactions)
    m = x.shape[1]
    popularity = np.asarray(x.getnnz(axis=0))
    kept = np.sort(np.argsort(-popularity, kind="stable")[:max_items])
    sub = x[:, kept].tocsc()
    gram = np.empty((len(kept), len(kept)), dtype=np.float32)
    for start in range(0, len(kept), block):  # in blocks: a sparse X'X at once is ~3x the dense
        gram[start:start + block] = (sub[:, start:start + block].T @ sub).toarray()
    gram[np.diag_indices_from(gram)] += lam
    precision = np.linalg.inv(gram)
    del gram
    diagonal = np.diag(precision).copy()
    parts: tuple[list, list, list] = ([], [], [])
    for start in range(0, len(kept), block):
        stop = min(start + block, len(kept))
        # B[i, j] = -P[i, j] / P[j, j]: item i's weight in predicting item j
        weights = -precision[start:stop] / diagonal[None, :]
        rows, columns, values = top_k_rows(weights, k, offset=start)
        parts[0].append(kept[rows])
        parts[1].append(kept[columns])
        parts[2].append(values)
    del precision  # `kept` is sorted, so the rows are already in catalog order
    return from_triples(*parts, m, "ease", {"lambda": float(lam), "k": k,
                                           "max_items": int(min(max_items, m))})


def item_space_neighbours(item_vectors: np.ndarray, *, k: int = K,
                          block: int = BLOCK) -> ItemNeighbours:
    """Cosine of the item vectors, top k per item."""
    h = np.asarray(item_vectors, dtype=np.float32)
    norms = np.linalg.norm(h, axis=1)
    unit = h / np.where(norms > 0, norms, 1.0)[:, None]
    m = len(unit)
    parts: tuple[list, list, list] = ([], [], [])
    for start in range(0, m, block):
        stop = min(start + block, m)
        for part, values in zip(parts, top_k_rows(unit[start:stop] @ unit.T, k, offset=start,
                                                  floor=-np.inf)):
            part.append(values)
    return from_triples(*parts, m, "item-space", {"k": k})


def blend_neighbours(a: ItemNeighbours, b: ItemNeighbours, *, weight: float = 0.5,
                     k: int = K) -> ItemNeighbours:
    """weight * a + (1 - weight) * b, each row scaled to its best value first."""

    def scaled(n: ItemNeighbours) -> sp.csr_matrix:
        matrix = n.matrix.tocsr().astype(np.float32)
        best = np.zeros(matrix.shape[0], dtype=np.float32)
        has = np.diff(matrix.indptr) > 0
        best[has] = np.maximum.reduceat(matrix.data, matrix.indptr[:-1][has])
        return sp.diags(1.0 / np.where(best > 0, best, 1.0)) @ matrix

    mixed = (weight * scaled(a) + (1.0 - weight) * scaled(b)).tocsr()
    rows, columns, values = [], [], []
    for row in range(mixed.shape[0]):
        start, stop = mixed.indptr[row], mixed.indptr[row + 1]
        data, indices = mixed.data[start:stop], mixed.indices[start:stop]
        best = np.argsort(-data, kind="stable")[:k]
        best = best[data[best] > 0]
        rows.append(np.full(len(best), row, dtype=np.int64))
        columns.append(indices[best].astype(np.int64))
        values.append(data[best])
    return from_triples(rows, columns, values, mixed.shape[0], "blend",
                        {"weight": weight, "of": f"{a.kind}+{b.kind}", "k": k})


def default_neighbours(interactions: sp.spmatrix) -> ItemNeighbours:
    """The similarity `cgir train` stores (DEFAULT_KIND with its chosen settings)."""
    return cosine_neighbours(interactions, shrink=DEFAULT_SHRINK)
