"""Degrees read from a genome where the dataset has one, predicted from h_j elsewhere."""

from __future__ import annotations

import numpy as np

from engine.degrees.model import DegreeModel, Grounding
from engine.degrees.graded import fill_graded


def _world(n: int = 400, seed: int = 0):
    """Items whose 8-d vectors carry two tags' relevance linearly, plus noise."""
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((n, 8)).astype(np.float32)
    relevance = 1 / (1 + np.exp(-(h[:, :2] @ np.array([[1.5, 0.0], [0.0, -1.5]]))))
    return h, relevance.astype(np.float32)


def test_known_values_are_kept_and_missing_ones_predicted_from_the_item_vectors():
    h, relevance = _world()
    graded = relevance.copy()
    graded[:100] = np.nan  # these items have no genome
    filled = fill_graded(graded, h)
    np.testing.assert_allclose(filled[100:], relevance[100:], atol=1e-6)
    for t in range(2):  # a linear map of h recovers the order of the hidden relevance
        assert np.corrcoef(filled[:100, t], relevance[:100, t])[0, 1] > 0.9
    assert filled.min() >= 0.0 and filled.max() <= 1.0


def test_a_tag_without_a_genome_column_stays_unknown():
    h, relevance = _world()
    graded = np.column_stack([relevance[:, 0], np.full(len(h), np.nan)])
    filled = fill_graded(graded, h)
    assert np.isfinite(filled[:, 0]).all() and np.isnan(filled[:, 1]).all()


def test_a_genome_tag_is_ranked_by_the_genome_and_other_tags_by_the_score():
    h, relevance = _world()
    tag_vectors = np.eye(3, 8, dtype=np.float32)
    model = DegreeModel(h, tag_vectors, ("action", "romance", "comedy"))
    model.graded = np.column_stack([relevance, np.full(len(h), np.nan)]).astype(np.float32)
    action = Grounding("action", "action", ("action",), (1.0,), True)
    np.testing.assert_allclose(model.raw_scores(action), relevance[:, 0], atol=1e-6)
    mix = Grounding("fights", "action + romance", ("action", "romance"), (0.5, 0.5), False)
    np.testing.assert_allclose(model.raw_scores(mix), relevance.mean(axis=1), atol=1e-6)
    comedy = Grounding("comedy", "comedy", ("comedy",), (1.0,), True)
    assert not np.allclose(model.raw_scores(comedy), 0.0)  # the combined score, not the genome
