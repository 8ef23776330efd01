"""Baseline degree scores for `cgir eval judgments`, measured on the same pairs in the same run.

Every tag baseline reads an attribute as its nearest tag (cosine of the MiniLM embeddings of
the phrase and the tag names, no threshold: always grounded), then scores items by

- ``tag_label``: the binary tag (A[j, t]);
- ``tag_count``: how many users applied the tag (needs the checkpoint's degrees.npz);
- ``tag_centroid``: <h_j, mean of h over the tagged items> in the model's item space;
- ``paper_F``: <h_j, F(t)>, the paper's projection (today's bot on its nearest tag);
- ``centroid_mix4``: the mix of the centroids of the 4 nearest tags, weighted by cosine;
- ``paper_F_phrase``: <h_j, F(phrase)>, the phrase's own words through f (eq. 7);
- ``text_similarity``: cosine of the phrase and each movie's text (zero-shot MiniLM).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from engine.degrees.model import DegreeModel
from engine.eval.judgments.accuracy import Scorer


def tag_centroids(item_vectors: np.ndarray, item_tags: sp.spmatrix) -> np.ndarray:
    """(T, D) mean item vector of each tag's items (zero for an empty tag)."""
    tags = sp.csr_matrix(item_tags, dtype=np.float32)
    counts = np.asarray(tags.sum(axis=0)).ravel()
    return np.asarray(tags.T @ item_vectors) / np.maximum(counts, 1.0)[:, None]


def baseline_scorers(model: DegreeModel, item_tags: sp.spmatrix) -> dict[str, Scorer]:
    names = model.tag_name_vectors()
    centroids = tag_centroids(model.item_vectors, item_tags)
    binary = sp.csc_matrix(item_tags, dtype=np.float32)
    signals = model.signals

    def near(attribute: str, k: int = 1) -> tuple[np.ndarray, np.ndarray]:
        sims = names @ model.encode([attribute])[0]
        order = np.argsort(-sims)[:k]
        return order, sims[order]

    def column(matrix: sp.csc_matrix, t: int) -> np.ndarray:
        return np.asarray(matrix[:, t].todense()).ravel()

    scorers: dict[str, Scorer] = {
        "tag_label": lambda a: column(binary, int(near(a)[0][0])),
        "tag_centroid": lambda a: model.item_vectors @ centroids[int(near(a)[0][0])],
        "paper_F": lambda a: model.item_vectors @ model.tag_vectors[int(near(a)[0][0])],
    }

    def mix4(attribute: str) -> np.ndarray:
        order, sims = near(attribute, 4)
        weights = np.maximum(sims, 0.0)
        return model.item_vectors @ (weights @ centroids[order])

    scorers["centroid_mix4"] = mix4
    if signals is not None:
        counts = sp.csc_matrix(signals.tag_counts, dtype=np.float32)
        scorers["tag_count"] = lambda a: column(counts, int(near(a)[0][0]))
        scorers["text_similarity"] = lambda a: signals.text_vectors @ model.encode([a])[0]
    if model.has_word_encoder:
        scorers["paper_F_phrase"] = lambda a: model.item_vectors @ model.phrase_code(a)
    return scorers
