"""Degree-score learning: pairwise weights, folds over attributes, anchors from judgments."""

from __future__ import annotations

import numpy as np
import pytest

from engine.data.judgments import JudgmentRecord
from engine.degrees.model import derivations
from engine.degrees.anchors import (AnchorRidge, anchors_from_records, correlated_degrees, extend_to_items,
                                    masked_correlations)
from engine.degrees.fit import attribute_folds, cross_validated_weights, fit_pair_weights, fold_features
from engine.degrees.grounding import AttributeReading, Grounding
from engine.degrees.score import FEATURES, feature_matrix, standardise


def test_pairwise_fit_recovers_which_feature_orders_the_pairs():
    rng = np.random.default_rng(0)
    d = rng.normal(size=(2000, 3))
    truth = np.array([2.0, 0.0, -1.0])
    keep = d @ truth + rng.normal(scale=0.5, size=2000) > 0  # pairs whose "more" side wins
    d = np.where(keep[:, None], d, -d)
    w = fit_pair_weights(d, l2=1.0)
    assert w[0] > 1.0 and w[2] < -0.4 and abs(w[1]) < 0.2


def test_cross_validation_never_fits_on_the_attribute_it_scores():
    attributes = ("a", "b", "c", "d", "e")
    fold = attribute_folds(attributes, folds=5, seed=0)
    assert sorted(fold.tolist()) == [0, 1, 2, 3, 4]
    # attribute k's pairs all favour feature k only: the fit without k cannot weight feature k
    d = np.zeros((500, 5))
    pair_attribute = np.repeat(np.arange(5), 100)
    d[np.arange(500), pair_attribute] = 1.0
    w = cross_validated_weights(d, pair_attribute, fold, l2=1.0)
    for k in range(5):
        assert w[k, k] < min(w[k, j] for j in range(5) if j != k)


def test_anchor_degrees_are_net_win_rates():
    records = [JudgmentRecord("1", "R", "scary", ("L",), (), ("M",)),
               JudgmentRecord("2", "R", "scary", (), (), ("M",))]
    anchors = anchors_from_records(records)
    degree = dict(zip(anchors.titles, anchors.degrees[0]))
    # M beat R twice and L once; L lost to R and M; R won once and lost twice
    assert degree == {"L": -1.0, "M": 1.0, "R": -1 / 3}
    inputs = np.arange(20, dtype=float)[:, None]
    extended = extend_to_items(inputs, np.arange(10), np.arange(10, dtype=float), ridge=0.1)
    assert np.all(np.diff(extended) > 0)  # the trend reaches items without judgments


def test_anchors_are_borrowed_from_attributes_the_reading_behaves_like_either_way():
    rng = np.random.default_rng(0)
    reading = rng.normal(size=40)
    degrees = np.vstack([reading + 0.3 * rng.normal(size=40),  # a synonym's judgments
                         -reading + 0.3 * rng.normal(size=40),  # an antonym's
                         rng.normal(size=40)])  # unrelated
    degrees[0, :5] = np.nan  # titles nobody judged on this attribute
    mixed, weights = correlated_degrees(reading, degrees, top=2)
    assert weights[0] > 0.8 and weights[1] < -0.8 and weights[2] == 0.0
    assert np.corrcoef(mixed, reading)[0, 1] > 0.9  # the antonym counts with its sign turned
    assert not np.isnan(mixed).any()  # the antonym covers what the synonym did not judge
    alone = np.full((1, 40), np.nan)
    assert np.isnan(correlated_degrees(reading, alone)[0]).all()


def test_the_dual_ridge_predicts_as_the_primal_one():
    rng = np.random.default_rng(3)
    inputs = rng.normal(size=(200, 12))
    rows = rng.choice(200, size=30, replace=False)
    targets = rng.normal(size=30)
    targets[[2, 7]] = np.nan  # titles no borrowed attribute judged
    ok = ~np.isnan(targets)
    x, y = inputs[rows[ok]], targets[ok] - targets[ok].mean()
    primal = inputs @ np.linalg.solve(x.T @ x + 30.0 * np.eye(12), x.T @ y)
    assert np.allclose(AnchorRidge.of(inputs, rows).extend(targets), primal, atol=1e-10)
    assert not AnchorRidge.of(inputs, rows).extend(np.full(30, np.nan)).any()  # nothing judged


def test_masked_correlations_are_pearson_over_the_titles_both_have():
    rng = np.random.default_rng(4)
    reading = rng.normal(size=50)
    reading[3] = np.nan
    degrees = rng.normal(size=(4, 50)) + reading
    degrees[0, :20] = np.nan
    degrees[2, :] = 1.0  # constant: no correlation
    degrees[3, 11:] = np.nan  # 10 titles in common (the reading lacks one): too few
    got = masked_correlations(reading, degrees)
    ok = ~np.isnan(degrees[0]) & ~np.isnan(reading)
    assert got[0] == pytest.approx(np.corrcoef(reading[ok], degrees[0, ok])[0, 1], abs=1e-12)
    ok = ~np.isnan(reading)
    assert got[1] == pytest.approx(np.corrcoef(reading[ok], degrees[1, ok])[0, 1], abs=1e-12)
    assert got[2] == 0.0 and got[3] == 0.0


def test_features_are_standardised_and_missing_inputs_are_zero_rows():
    rng = np.random.default_rng(1)
    items = rng.normal(size=(30, 4))
    f = feature_matrix(tag_weights=np.array([1.0, 0.0]), item_vectors=items,
                       tag_vectors=rng.normal(size=(2, 4)), centroids=rng.normal(size=(2, 4)))
    assert f.shape == (len(FEATURES), 30)
    paper = f[FEATURES.index("paper_F")]
    assert abs(paper.mean()) < 1e-9 and abs(paper.std() - 1) < 1e-9
    assert not f[FEATURES.index("text")].any()
    assert not standardise(np.ones(5)).any()


def test_derivations_strip_meaning_preserving_suffixes():
    assert "gore" in derivations("gory")
    assert "impact" in derivations("impactful")
    assert "far fetched" in derivations("far-fetched")
    assert derivations("fun") == []


def test_fold_features_turn_an_attribute_read_through_an_opposite_and_hide_its_fold():
    seen = []

    class Model:
        def features(self, g, exclude_anchors=frozenset()):
            seen.append((g.phrase, exclude_anchors))
            return np.array([[1.0, 2.0, 3.0]])

    readings = {"light": AttributeReading(Grounding.of_tag("dark"), -1),
                "dark": AttributeReading(Grounding.of_tag("dark")), "pizza": None}
    features, fold = fold_features(Model(), readings, ("dark", "light", "pizza"), folds=3)
    assert features[1].tolist() == [[-1.0, -2.0, -3.0]] and features[0].tolist() == [[1.0, 2.0, 3.0]]
    assert 2 not in features
    assert all(len(excluded) == 1 for _, excluded in seen)  # three folds of one attribute each
    assert {next(iter(e)) for _, e in seen} == {"dark", "light"}
