"""A phrase's nine perturbed readings (GroundingConfig.jitter) share every feature row but the
text's and count their tags in one product: the reading must be the very one that scoring and
counting each perturbed reading on its own gives, on a trained checkpoint with real phrases."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from engine.degrees.grounding import Grounding
from engine.degrees.score import feature_matrix
from engine.degrees.tag_mix import TagTable, leaning

PHRASES = ["gory", "heartwarming", "bleak", "whimsical", "gritty", "campy", "uplifting", "tense",
           "nostalgic", "slow", "creepy", "stylish", "raunchy", "cute", "epic", "clever"]


def _one_at_a_time(model):
    """DegreeModel._leaning as it was before the readings shared work: each perturbed reading
    scored by its own features (no memo) and its tags counted by scipy's sparse mean."""
    def read(text, vector, by_name, unnamed_forms, best):  # noqa: ANN001, ANN202
        cosines = model.signals.text_vectors @ vector
        perturbed = np.concatenate([cosines[None, :], cosines[None, :] + model._text_jitter()])
        table = TagTable(model.item_tags, model.item_tags.mean(axis=0).A.ravel(), None)

        def read_back(mix, cos):  # noqa: ANN001, ANN202
            g = Grounding.of_mix(text, model.tags, mix, model.config.mix)
            return model._judgment_free_scores(g, text=cos)

        return leaning(table, perturbed, by_name, unnamed_forms, best, model.config.neighbours,
                       read_back)
    return read


@pytest.mark.parametrize("jitter", [0.0, 3.0])
def test_shared_readings_are_identical_to_readings_one_at_a_time(tiny_retriever, jitter):
    from engine.degrees.load import load_degree_model

    fast, slow = load_degree_model(tiny_retriever), load_degree_model(tiny_retriever)
    assert fast.signals is not None and fast.item_tags.nnz
    for model in (fast, slow):
        model.config = dataclasses.replace(model.config, jitter=jitter)
    slow._leaning = _one_at_a_time(slow)
    readings = [(fast.ground(p), slow.ground(p)) for p in PHRASES]
    assert [a for a, _ in readings] == [b for _, b in readings]
    mixes = [a for a, _ in readings if a is not None and not a.is_tag]
    assert len(mixes) >= 5  # the phrases exercise the mix reading, not only tag names


def test_feature_rows_kept_for_one_phrase_are_the_numbers_computed_afresh():
    rng = np.random.default_rng(5)
    m, t = 80, 6
    fixed = dict(item_vectors=rng.normal(size=(m, 4)).astype(np.float32),
                 tag_vectors=rng.normal(size=(t, 4)), centroids=rng.normal(size=(t, 4)),
                 phrase_vector=rng.normal(size=8).astype(np.float32),
                 phrase_code=rng.normal(size=4), text_vectors=rng.normal(size=(m, 8)).astype(np.float32),
                 predicted=rng.normal(size=(m, t)), log_popularity=rng.random(m),
                 mean_rating=rng.random(m), valence=0.6)
    memo: dict = {}
    for draw in range(6):
        weights = np.zeros(t)
        weights[[draw % 3, 4]] = [0.7, 0.3]  # three groundings, each read twice
        text = (fixed["text_vectors"] @ fixed["phrase_vector"]
                + (rng.normal(scale=0.01, size=m) if draw else 0)).astype(np.float32)
        kept = feature_matrix(tag_weights=weights, text_scores=text, memo=memo, **fixed)
        afresh = feature_matrix(tag_weights=weights, text_scores=text, **fixed)
        assert np.array_equal(kept, afresh)
    assert sum(key[0] == "tags" for key in memo) == 3
