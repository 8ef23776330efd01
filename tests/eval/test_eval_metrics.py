"""The paper's metrics on hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp

from engine.metrics import paper as M


def test_consistency_counts_strict_rises_in_the_asked_direction():
    rel = np.array([0.1, 0.3, 0.3, 0.5])  # up, tie, up
    assert M.consistency(rel, +1) == pytest.approx(2 / 3)
    assert M.consistency(rel, -1) == 0.0
    assert M.consistency(np.array([0.5, 0.4, 0.6]), -1) == pytest.approx(0.5)
    # a step with unknown relevance is left out
    assert M.consistency(np.array([0.1, np.nan, 0.3, 0.4]), +1) == pytest.approx(1.0)
    assert math.isnan(M.consistency(np.array([0.2]), +1))


def test_restrictiveness_our_reading_and_the_authors_aggregation():
    rel = np.array([[0.1, 0.5], [0.2, 0.4], [0.3, 0.5], [0.4, 0.4]])
    # d(t1) = +1 (always rises), d(t2) = (-1 + 1 - 1) / 3 = -1/3
    assert M.drift(rel) == pytest.approx([1.0, -1 / 3])
    assert M.restrictiveness(rel) == pytest.approx(1 - (1 + 1 / 3) / 2)
    assert M.restrictiveness(rel, "mean-then-abs") == pytest.approx(1 - (1 - 1 / 3) / 2)
    # unchanged other tags: perfectly restrictive; no other tag at all: 1 as well
    assert M.restrictiveness(np.full((5, 3), 0.4)) == 1.0
    assert M.restrictiveness(np.zeros((5, 0))) == 1.0
    # opposite drifts cancel only in the authors' aggregation
    opposite = np.array([[0.1, 0.9], [0.2, 0.8], [0.3, 0.7]])
    assert M.restrictiveness(opposite) == 0.0
    assert M.restrictiveness(opposite, "mean-then-abs") == 1.0


def test_gradient_scores_mean_of_products_and_factors():
    out = M.gradient_scores(np.array([1.0, 0.5, np.nan]), np.array([0.5, 1.0, 0.2]))
    assert out == {"mgs": pytest.approx(0.5), "mgs_c": pytest.approx(0.75),
                   "mgs_r": pytest.approx(0.75), "n": 2}


def test_independence_level_uses_absolute_correlations_and_ignores_constant_dims():
    a = np.array([1.0, 2, 3, 4])
    z = np.column_stack([a, 2 * a, 5 - a, np.full(4, 5.0)])  # corr +1, -1, -1; last constant
    assert M.independence_level(z) == pytest.approx(0.0)
    # the authors' signed version: mean off-diagonal corr = (1 - 1 - 1) / 3 -> 1 + 1/3
    assert M.independence_level(z, signed=True) == pytest.approx(4 / 3)
    orthogonal = np.array([[1.0, 1], [-1, 1], [1, -1], [-1, -1]])
    assert M.independence_level(orthogonal) == pytest.approx(1.0)
    assert math.isnan(M.independence_level(np.ones((4, 3))))


def test_ranked_lists_skip_reference_and_optionally_shown_items():
    scores = np.array([[9.0, 5, 3, 1], [9.0, 5, 4, 1]])
    dup = M.ranked_lists(scores, ref=0, k=2)
    assert dup.tolist() == [[1, 2], [1, 2]]
    skip = M.ranked_lists(scores, ref=0, k=2, skip_seen=True)
    assert skip.tolist() == [[1, 2], [2, 3]]
    only = M.ranked_lists(scores, ref=0, k=2, candidates=np.array([True, False, True, True]))
    assert only.tolist() == [[2, 3], [2, 3]]


def test_step_relevance_graded_binary_and_unknown():
    graded = np.array([[0.2, 0.9], [0.4, np.nan], [0.6, 0.1]])
    lists = np.array([[0, 1], [2, -1]])
    out = M.step_relevance(lists, graded)
    assert out[0] == pytest.approx([0.3, 0.9])  # NaN ignored in the mean
    assert out[1] == pytest.approx([0.6, 0.1])  # empty slot ignored
    binary = sp.csr_matrix(np.array([[1, 0], [1, 1], [0, 1]], dtype=np.float32))
    share = M.step_relevance(np.array([[0, 1, 2]]), binary, tags=np.array([1]))
    assert share.tolist() == [[pytest.approx(2 / 3)]]


def test_mean_std_over_seeds():
    assert M.mean_std([0.2, 0.4]) == (pytest.approx(0.3), pytest.approx(math.sqrt(0.02)))
    assert M.mean_std([0.5]) == (0.5, 0.0)
    assert all(math.isnan(x) for x in M.mean_std([]))
