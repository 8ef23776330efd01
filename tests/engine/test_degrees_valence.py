"""Valence, anchor trust and the veto that stops a reversed reading (engine.degrees.valence,
engine.degrees.anchors.borrow)."""

from __future__ import annotations

import numpy as np

from engine.degrees.anchors import AnchorRidge, borrow
from engine.degrees.score import CONTENT_ROWS, FEATURES, VALENCE_FLOOR, feature_matrix
from engine.degrees.valence import (anchor_trust, conflicts, phrase_valence, residualise,
                                    tag_valence)


def test_tag_valence_is_the_taggers_rating_against_their_own_mean_once_per_application():
    # user 1 rates movie 10 a 4 and movie 11 a 2 (mean 3); user 2 rates 10 a 5 and 12 a 3 (mean 4)
    out = tag_valence(np.array([0, 0, 1, 0, 1, -1]), np.array([1, 1, 1, 2, 2, 1]),
                      np.array([10, 10, 11, 12, 99, 11]), np.array([1, 1, 2, 2]),
                      np.array([10, 11, 10, 12]), np.array([4.0, 2.0, 5.0, 3.0]), 3)
    # phrase 0: user 1 on 10 (+1, applied twice, counted once), user 2 on 12 (-1)
    # phrase 1: user 1 on 11 (-1); user 2 never rated 99; phrase -1 is outside the language
    np.testing.assert_allclose(out, [[0.0, 2.0], [-1.0, 1.0], [0.0, 0.0]])


def test_phrase_valence_is_centred_on_what_tagging_usually_says():
    # three tags: two liked as usual (+1 over 4 applications each), one disliked (-2 over 4)
    valence = np.array([[4.0, 4.0], [4.0, 4.0], [-8.0, 4.0]])
    usual = 0.0  # (4 + 4 - 8) / 12
    exact = phrase_valence(np.array([0.1, 0.1, 1.0]), valence, floor=0.6, prior=0.0)
    assert exact == np.tanh(-2.0 - usual)
    assert phrase_valence(np.array([1.0, 0.1, 0.1]), valence, floor=0.6, prior=0.0) == np.tanh(1.0)
    # a prior of 4 pseudo-applications halves four real ones
    assert np.isclose(phrase_valence(np.array([0.1, 0.1, 1.0]), valence, prior=4.0), np.tanh(-1.0))
    assert phrase_valence(np.array([0.5, 0.5, 0.5]), valence) == 0.0  # nothing close enough
    assert phrase_valence(np.ones(3), np.zeros((3, 2))) == 0.0  # no tag ratings at all


def test_anchor_trust_grows_with_the_strongest_correlation():
    assert anchor_trust(np.array([0.1, -0.15])) == 0.0
    assert np.isclose(anchor_trust(np.array([0.1, -0.325]), low=0.2, high=0.45), 0.5)
    assert anchor_trust(np.array([0.6, 0.0])) == 1.0
    assert anchor_trust(np.array([])) == 0.0


def test_conflict_needs_a_clear_valence_against_the_borrowed_rating_direction():
    assert conflicts(-0.8, 0.2)
    assert not conflicts(-0.8, -0.2)
    assert not conflicts(-0.1, 0.2)  # too weak to veto
    assert not conflicts(-0.8, None)


def test_residualise_removes_the_linear_part_of_the_covariates():
    x = np.arange(10, dtype=float)
    y = 3.0 + 2.0 * x + np.array([1, -1] * 5, dtype=float)
    out = residualise(y, x[:, None])
    assert abs(np.corrcoef(out, x)[0, 1]) < 1e-9
    assert np.isclose(out.mean(), 0.0)


def _anchor_world(rng, n=60, m=80):
    truth = rng.normal(size=m)
    inputs = np.column_stack([truth, rng.normal(size=(m, 3))])
    rows = np.arange(n)
    degrees = np.vstack([truth[:n], rng.normal(size=n), -truth[:n] + 0.1 * rng.normal(size=n)])
    return truth, inputs, rows, degrees


def test_borrow_follows_the_judged_attributes_the_reading_behaves_like():
    rng = np.random.default_rng(0)
    truth, inputs, rows, degrees = _anchor_world(rng)
    own = truth + 0.3 * rng.normal(size=len(truth))
    rating = truth + 2.0 * rng.normal(size=len(truth))  # loosely related, as ratings are
    b = borrow(own, degrees, rows, AnchorRidge.of(inputs, rows), {"rating": rating})
    assert np.corrcoef(b.degrees, truth)[0, 1] > 0.9
    assert b.scales["anchors"] == 1.0 and b.signs["rating"] > 0.2


def test_borrow_trusts_weak_correlations_little():
    rng = np.random.default_rng(1)
    truth, inputs, rows, degrees = _anchor_world(rng)
    b = borrow(rng.normal(size=len(truth)), degrees, rows, AnchorRidge.of(inputs, rows), {})
    assert b.scales["anchors"] < 0.5


def test_a_valence_against_the_borrowed_rating_vetoes_the_reading():
    rng = np.random.default_rng(2)
    truth, inputs, rows, degrees = _anchor_world(rng)
    own = truth + 0.3 * rng.normal(size=len(truth))
    rating = truth + 2.0 * rng.normal(size=len(truth))
    b = borrow(own, degrees, rows, AnchorRidge.of(inputs, rows), {"rating": rating}, valence=-0.8)
    assert b.signs["rating"] == -0.8
    assert b.scales["anchors"] == 0.0 and b.scales["rating"] == 1.0
    assert 0.0 < b.scales["text"] < 1.0  # the own reading keeps only a small share
    assert not b.degrees.any()


def test_feature_matrix_scales_rows_after_standardising():
    rng = np.random.default_rng(3)
    m, t = 30, 4
    kwargs = dict(tag_weights=np.array([1.0, 0, 0, 0]), item_vectors=rng.normal(size=(m, 5)),
                  tag_vectors=rng.normal(size=(t, 5)), centroids=rng.normal(size=(t, 5)),
                  anchored=rng.normal(size=m))
    plain = feature_matrix(**kwargs)
    half = feature_matrix(**kwargs, scales={"anchors": 0.5})
    k = FEATURES.index("anchors")
    np.testing.assert_allclose(half[k], 0.5 * plain[k])
    np.testing.assert_allclose(np.delete(half, k, 0), np.delete(plain, k, 0))


def test_degree_model_reads_a_phrases_valence_from_the_checkpoints_tag_ratings():
    from engine.degrees.model import DegreeModel

    language_vectors = np.eye(3, 4, dtype=np.float32)  # three user tags, orthogonal
    valence = np.array([[-8.0, 4.0], [4.0, 4.0], [4.0, 4.0]])  # the first is disliked
    vectors = {"dull": np.array([1.0, 0, 0, 0], np.float32),
               "odd": np.array([0, 0, 0, 1.0], np.float32)}
    model = DegreeModel(np.zeros((2, 3)), np.zeros((1, 3)), ("t",),
                        encode=lambda texts: np.stack([vectors[t] for t in texts]),
                        language=("a", "b", "c"), language_vectors=language_vectors,
                        language_valence=valence)
    assert np.isclose(model.valence("dull"), np.tanh(-8.0 / 7.0))  # 4 applications + prior 3
    assert model.valence("odd") == 0.0  # no user tag close to it
    bare = DegreeModel(np.zeros((2, 3)), np.zeros((1, 3)), ("t",), encode=model.encode)
    assert bare.valence("dull") == 0.0  # a checkpoint without tag ratings has no valence


def test_shrunk_ratings_pull_thinly_rated_movies_to_the_catalog_mean():
    from engine.degrees.score import shrunk_ratings

    out = shrunk_ratings(np.array([5.0, 3.0, np.nan]), np.array([1.0, 90.0, 0.0]), prior=10.0)
    overall = (5.0 * 1 + 3.0 * 90) / 91
    np.testing.assert_allclose(out, [(5.0 + 10 * overall) / 11, (270.0 + 10 * overall) / 100,
                                     overall])
    assert out[0] - out[1] < 0.25  # one 5-star rating: 2 stars above raw, 0.2 shrunk


def test_valence_rating_is_the_rating_signed_and_scaled_by_the_phrases_valence_above_a_floor():
    rng = np.random.default_rng(4)
    m = 40
    rating = rng.normal(3.5, 0.5, size=m)
    kwargs = dict(tag_weights=np.zeros(3), item_vectors=rng.normal(size=(m, 5)),
                  tag_vectors=rng.normal(size=(3, 5)), centroids=rng.normal(size=(3, 5)),
                  mean_rating=rating)
    k = FEATURES.index("valence_rating")
    z = (rating - rating.mean()) / rating.std()
    disliked = feature_matrix(**kwargs, valence=-0.75)  # "predictable": lower rated is more of it
    np.testing.assert_allclose(disliked[k], -(0.75 - VALENCE_FLOOR) * z)
    np.testing.assert_allclose(feature_matrix(**kwargs, valence=0.4)[k], (0.4 - VALENCE_FLOOR) * z)
    assert not feature_matrix(**kwargs)[k].any()  # no valence, no reading
    # a weak valence is no reading, and one just above the floor only a faint one
    assert not feature_matrix(**kwargs, valence=-VALENCE_FLOOR)[k].any()
    np.testing.assert_allclose(feature_matrix(**kwargs, valence=VALENCE_FLOOR + 0.01)[k], 0.01 * z,
                               atol=1e-9)
    assert k not in CONTENT_ROWS  # judgment-free, but no content: never part of the own reading
