"""Dense rows of a binary item x tag matrix, read fast for the few rows a turn needs."""

from __future__ import annotations

import numpy as np

__all__ = ["FEW_ROWS", "membership_rows"]

FEW_ROWS = 64  # up to this many rows, tag memberships are read straight from the CSR arrays


def membership_rows(item_tags, rows: np.ndarray) -> np.ndarray:
    """Dense float32 rows of the item x tag matrix. scipy's row indexing costs ~0.3 ms a call
    (index checks, a new matrix), and a turn reads a few rows many times (cards, suggestions),
    so a few rows of a canonical CSR matrix are copied from its arrays instead."""
    if (rows.ndim != 1 or rows.dtype.kind not in "iu" or len(rows) > FEW_ROWS
            or (len(rows) and int(rows.min()) < 0)
            or getattr(item_tags, "format", None) != "csr" or not item_tags.has_canonical_format):
        return np.asarray(item_tags[rows].toarray(), dtype=np.float32)
    indptr, indices, data = item_tags.indptr, item_tags.indices, item_tags.data
    out = np.zeros((len(rows), item_tags.shape[1]), dtype=np.float32)
    for i, row in enumerate(rows.tolist()):
        start, end = indptr[row], indptr[row + 1]
        out[i, indices[start:end]] = data[start:end]
    return out
