"""How alike two films are by what the data says they are (genres and tags), not by who rated them.

Co-rating neighbours keep an answer among films the same people watched, but on a small catalog
those are mostly the same popular films whatever the reference (Star Wars next to Schindler's
List). People judge "in the spirit of the reference" by kind: genre, tone, subject. So inside the
neighbourhood an answer also weighs this similarity: the cosine of the items' tag values
(`Retriever.tag_values`: tag membership, or graded relevance), each tag weighted by its inverse
document frequency so that sharing "film-noir" counts more than sharing "drama". The caller
may leave tags out: the answers leave out the tags a critique asks *less* of ("like Jaws but
less scary" asks for films like Jaws in everything but the scares), and keep those asked more of
(engine.walks.neighbourhood.left_out_tags).

What it measured (docs/results.md, "Answers by kind as well as by co-rating";
bench/answers_closeness_study.py): on the judged development pairs of bench/answers its rank
correlation with the judges' score is 0.25 (0.19 with the asked tags left out), against 0.00
for the stored co-rating similarity and -0.02 for the item space.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from engine.retrieval.retriever import Retriever

PRESENT = 0.5  # a graded tag value from which an item counts as having the tag (for the weights)
_CACHE = "_content_tag_weights"


def tag_weights(retriever: "Retriever") -> np.ndarray | None:
    """(T,) inverse document frequency of each tag over the catalog, computed once per
    retriever; None when the retriever holds no tag data (the item space's projection is not
    evidence of kind)."""
    if retriever.tag_value_kind == "projection":
        return None
    cache = retriever.__dict__
    if _CACHE not in cache:
        n = getattr(retriever, "n_shown", retriever.n_items)  # the trained films (engine.retrieval.cold adds rows)
        if retriever.tag_value_kind == "membership":
            present = np.asarray((retriever.item_tags[:n] > 0).sum(axis=0), dtype=np.float64).ravel()
        else:
            present = np.nansum(np.asarray(retriever.relevance[:n]) >= PRESENT, axis=0).astype(np.float64)
        cache[_CACHE] = np.log((n + 1.0) / (present + 1.0)).astype(np.float32)
    return cache[_CACHE]


def content_similarity(retriever: "Retriever", reference: int, rows: np.ndarray,
                       leave_out: Iterable[int] = ()) -> np.ndarray | None:
    """(len(rows),) cosine of each row's weighted tag values with the reference's, leaving out
    the tags in `leave_out` (0 where either has none of the other tags); None without tag data."""
    weights = tag_weights(retriever)
    if weights is None:
        return None
    weights = weights.copy()
    weights[np.asarray(list(leave_out), dtype=np.int64)] = 0.0
    rows = np.asarray(rows, dtype=np.int64)
    values = np.nan_to_num(retriever.tag_values(np.concatenate([[int(reference)], rows])), nan=0.0)
    values = values * weights[None, :]
    norms = np.linalg.norm(values, axis=1)
    norms[norms == 0] = 1.0
    unit = values / norms[:, None]
    return (unit[1:] @ unit[0]).astype(np.float64)


_PROFILE_CACHE = "_content_profile_mean"


def profile_similarity(retriever: "Retriever", reference: int, rows: np.ndarray) -> np.ndarray | None:
    """(len(rows),) cosine of the items' predicted tag profiles, each tag centred on its catalog
    mean: the degree model's regression of every tag from an item's vector and movie text
    (`DegreeModel.predicted_tags`). It gives a kind to the many films that carry no user tag
    (Heat carries none in ml-latest-small, only its three genres), graded where membership is
    0/1. None when the checkpoint has no such regression or the reference is outside it (a film
    the model left out); a row outside it scores 0 (the catalog's mean profile)."""
    # a stand-in degree model (tests, a checkpoint without the degree artefact) has no regression
    predicted = getattr(getattr(retriever, "degree_model", None), "predicted_tags", None)
    if predicted is None or int(reference) >= len(predicted):
        return None
    # the catalog mean, once per regression (a degree model swapped in brings its own)
    held = retriever.__dict__.get(_PROFILE_CACHE)
    if held is None or held[0] is not predicted:
        held = retriever.__dict__[_PROFILE_CACHE] = (predicted, predicted.mean(axis=0))
    mean = held[1]
    rows = np.asarray(rows, dtype=np.int64)
    inside = rows < len(predicted)
    values = np.zeros((len(rows), predicted.shape[1]), dtype=np.float64)
    values[inside] = predicted[rows[inside]] - mean
    ref = predicted[int(reference)] - mean
    norms = np.linalg.norm(values, axis=1) * max(float(np.linalg.norm(ref)), 1e-12)
    return np.where(norms > 0, values @ ref / np.maximum(norms, 1e-12), 0.0)
