"""Degrees from a dataset's graded relevance (a tag genome), where it has one.

A genome (MovieLens' genome-scores.csv; the demo world's planted relevance) measures how much
of a tag an item has directly, which no reading of binary tags or of the item space matches.
So for a tag with a genome column the degree *is* the genome relevance where the item has one,
and elsewhere its prediction from the item's vector h_j (ridge, fitted on the items that have
one), on the same 0-1 scale. Items outside the genome are the ones where the degree is an
estimate; `docs/results.md` ("Walks") reports walks on such items apart.

Pure functions; `engine.degrees.features` stores the genome in `degrees.npz` and
`engine.degrees.model.DegreeModel` reads the filled matrix.
"""

from __future__ import annotations

import numpy as np

RIDGE = 10.0  # on standardised h_j; the held-out Spearman is flat from 0.1 to 100 on the demo world


def genome_columns(graded: np.ndarray) -> np.ndarray:
    """(T,) bool: the tags whose column holds any graded value."""
    return np.isfinite(graded).any(axis=0)


def fill_graded(graded: np.ndarray, item_vectors: np.ndarray, ridge: float = RIDGE) -> np.ndarray:
    """(M, T) float32: `graded` where it is finite, elsewhere predicted from the item vectors.

    The ridge map is fitted on the rows with every genome column known (a genome covers an item
    for all its tags or for none) and clipped to [0, 1]. Columns with no value stay NaN.
    """
    graded = np.asarray(graded, dtype=np.float64)
    columns = genome_columns(graded)
    filled = np.full(graded.shape, np.nan, dtype=np.float64)
    if not columns.any():
        return filled.astype(np.float32)
    known = np.isfinite(graded[:, columns]).all(axis=1)
    x = np.asarray(item_vectors, dtype=np.float64)
    if known.sum() > x.shape[1]:
        mean, sd = x[known].mean(axis=0), x[known].std(axis=0) + 1e-9
        z = np.hstack([(x - mean) / sd, np.ones((len(x), 1))])
        gram = z[known].T @ z[known] + ridge * np.eye(z.shape[1])
        gram[-1, -1] -= ridge  # the bias is not shrunk
        weights = np.linalg.solve(gram, z[known].T @ graded[known][:, columns])
        predicted = np.clip(z @ weights, 0.0, 1.0)
    else:  # too few genome items to fit a map: the genome's mean stands in
        predicted = np.broadcast_to(np.nanmean(graded[:, columns], axis=0), (len(x), columns.sum()))
    given = graded[:, columns]
    filled[:, columns] = np.where(np.isfinite(given), given, predicted)
    return filled.astype(np.float32)
