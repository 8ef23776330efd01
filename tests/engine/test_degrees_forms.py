"""A phrase is never read through a tag that says what form a film takes (documentary,
animation) unless it names it: an adjective says how much of a quality a film has."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from engine.degrees.model import DegreeModel

TAGS = ("action", "comedy", "documentary")


def _encode(texts: list[str]) -> np.ndarray:
    table = {"action": [1, 0, 0, 0], "comedy": [0, 1, 0, 0], "documentary": [0, 0, 1, 0],
             "rough": [0.6, 0.1, 0.1, 0.78], "like a documentary": [0.1, 0.0, 0.95, 0.3]}
    out = np.array([table.get(t, [0, 0, 0, 1]) for t in texts], dtype=np.float32)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def _model() -> DegreeModel:
    """60 items on a line from comedy to action; the 20 most action-like also carry documentary
    (the catalog's documentaries sit where a reading of "rough" ranks highest)."""
    rng = np.random.default_rng(0)
    x = np.linspace(0.0, 1.0, 60, dtype=np.float32)
    items = np.stack([x, 1.0 - x], axis=1) + rng.normal(0, 0.01, (60, 2)).astype(np.float32)
    tag_vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.1]], dtype=np.float32)
    tags = np.zeros((60, 3), dtype=np.float32)
    tags[30:, 0] = 1.0  # action
    tags[:30, 1] = 1.0  # comedy
    tags[40:, 2] = 1.0  # documentary
    return DegreeModel(items, tag_vectors, TAGS, item_tags=sp.csr_matrix(tags), encode=_encode)


def test_an_adjective_does_not_lean_on_a_form_tag_its_top_items_carry():
    reading = _model().ground("rough")
    assert reading is not None
    assert "documentary" not in reading.tags
    assert "action" in reading.tags


def test_a_phrase_that_names_the_form_still_reads_as_it():
    reading = _model().ground("like a documentary")
    assert reading is not None and reading.tags[0] == "documentary"
