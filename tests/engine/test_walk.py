"""The gradual-by-construction walk (engine.walks.degree_steps) and its Retriever glue, on known answers."""

from __future__ import annotations

import numpy as np
import pytest

from engine.walks.gradual import WalkLimit, gradual_walk
from engine.retrieval.retriever import GradientSequence, Modification, Retriever
from engine.walks.degree_steps import (AtLimit, Axis, DegreeWalk, catalog_extreme, degree_walk,
                         residual_similarity, span_fraction, walk_targets)


def test_targets_are_evenly_spaced_from_the_reference_toward_the_extreme():
    targets = walk_targets(np.array([0.9]), np.array([0.1]), np.array([-1]), np.array([1.0]), 4)
    # a plain critique walks all the way: 0.9 -> 0.1 in four equal steps of 0.2
    assert targets[:, 0] == pytest.approx([0.7, 0.5, 0.3, 0.1])


def test_strength_words_set_the_span():
    degrees = np.linspace(0.0, 1.0, 1001)
    ends = {}
    for strength in (0.5, 1.0, 2.0):
        extreme = catalog_extreme(degrees, +1, strength=strength)
        ends[strength] = walk_targets(np.array([0.2]), np.array([extreme]), np.array([1]),
                                      np.array([strength]), 5)[-1, 0]
    # "a bit" goes half the way to the 2 % extreme, plain all of it, "much" to the 1 % extreme
    assert ends[0.5] == pytest.approx(0.2 + 0.5 * (0.98 - 0.2))
    assert ends[1.0] == pytest.approx(0.98)
    assert ends[2.0] == pytest.approx(0.99)
    assert span_fraction(0.5) < span_fraction(1.0)
    with pytest.raises(ValueError, match="strength"):
        span_fraction(0.0)


def _grid(levels: int = 101):
    """Two items per degree level: an even row close to the reference, an odd row far from it."""
    degrees = np.repeat(np.linspace(0.0, 1.0, levels), 2)
    similarity = np.tile([0.9, 0.1], levels)
    return degrees, similarity


def test_each_step_takes_the_closest_item_at_its_degree_and_the_walk_is_monotone():
    degrees, similarity = _grid()
    reference = 180  # degree 0.9
    walk = degree_walk(similarity, [Axis(degrees, -1)], reference, steps=9)
    assert isinstance(walk, DegreeWalk)
    assert len(walk.rows) == 9
    assert reference not in walk.rows
    shown = degrees[list(walk.rows)]
    assert np.all(np.diff(shown) < 0)  # falls on every step
    assert all(r % 2 == 0 for r in walk.rows)  # always the item close to the reference
    extreme = np.quantile(np.delete(degrees, reference), 0.02)
    expected = 0.9 + np.arange(1, 10) / 9 * (extreme - 0.9)
    # each pick sits within its window (0.3 of a step) around its evenly spaced target
    assert np.all(np.abs(shown - expected) <= 0.3 * abs(expected[0] - 0.9) + 1e-9)
    assert walk.positions[-1] == pytest.approx(1.0)


def test_the_floor_is_reported_instead_of_a_noisy_walk():
    degrees, similarity = _grid()
    result = degree_walk(similarity, [Axis(degrees, -1)], 8, steps=10)  # degree 0.04, "less"
    assert isinstance(result, AtLimit)
    assert result.axis == 0 and result.degree == pytest.approx(0.04)
    assert result.room < 0.1
    # the other way has room
    assert isinstance(degree_walk(similarity, [Axis(degrees, +1)], 8, steps=10), DegreeWalk)


def test_several_critiques_move_together():
    rng = np.random.default_rng(0)
    n = 4000
    action, comedy = rng.random(n), rng.random(n)
    reference = int(np.argmin(np.abs(action - 0.9) + np.abs(comedy - 0.1)))
    walk = degree_walk(rng.random(n), [Axis(action, -1), Axis(comedy, +1)], reference, steps=8)
    assert isinstance(walk, DegreeWalk) and len(walk.rows) == 8
    assert np.all(np.diff(np.r_[action[reference], action[list(walk.rows)]]) < 0)
    assert np.all(np.diff(np.r_[comedy[reference], comedy[list(walk.rows)]]) > 0)
    # one at the floor is enough to stop the walk, and the answer names which
    stuck = degree_walk(rng.random(n), [Axis(action, -1), Axis(comedy, -1)], reference)
    assert isinstance(stuck, AtLimit) and stuck.axis == 1


def test_excluded_items_are_never_shown_and_an_empty_stretch_is_skipped():
    degrees, similarity = _grid()
    gap = (degrees > 0.3) & (degrees < 0.7)  # nothing between 0.3 and 0.7 may be shown
    walk = degree_walk(similarity, [Axis(degrees, -1)], 200, steps=10,
                       exclude=np.flatnonzero(gap))
    assert not set(walk.rows) & set(np.flatnonzero(gap).tolist())
    assert 0 < len(walk.rows) < 10
    assert np.all(np.diff(degrees[list(walk.rows)]) < 0)


def test_similarity_ignores_the_walked_direction():
    h = np.array([[1.0, 1.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 1.0]])
    plain = residual_similarity(h, 0)
    without_first = residual_similarity(h, 0, np.array([[1.0, 0.0, 0.0]]))
    assert plain[1] == pytest.approx(1 / np.sqrt(2))
    assert without_first[1] == pytest.approx(1.0)  # they differ only along the direction
    assert without_first[2] == pytest.approx(0.0)


def _retriever(n: int = 300) -> Retriever:
    """Dimension 0 carries "action", dimension 1 "thrill" (close to action), the rest noise."""
    rng = np.random.default_rng(1)
    h = rng.normal(size=(n, 6)).astype(np.float32) * 0.3
    h[:, 0] = np.linspace(-1, 1, n)
    h[3, 1] = 2.0  # film 3: almost no action, but thrilling
    tags = np.zeros((3, 6), dtype=np.float32)
    tags[0, 0] = 1.0
    tags[1, 0], tags[1, 1] = 0.6, 0.8  # thrill: closest F(t) to action
    tags[2, 2] = 1.0
    return Retriever(h, tags, np.arange(n) + 100, [f"film {i}" for i in range(n)],
                     ["action", "thrill", "romance"])


def test_retriever_walk_orders_by_the_degree_model_and_shows_the_degree():
    r = _retriever()
    reference = 280  # action degree ~0.94
    seq = gradual_walk(r, reference, [Modification(0, -1)], steps=10)
    assert isinstance(seq, GradientSequence) and len(seq.steps) == 10
    degrees = [s.degree for s in seq.steps]
    model = r.degree_model
    expected = model.degrees(model.ground("action"))
    assert degrees == pytest.approx([float(expected[s.item]) for s in seq.steps], abs=1e-4)
    assert np.all(np.diff(degrees) < 0)
    assert seq.reference_degree == pytest.approx(float(expected[reference]), abs=1e-4)
    assert seq.to_json(r)["reference"]["degree"] == seq.reference_degree
    assert seq.to_json(r)["sequence"][0]["degree"] == degrees[0]
    # "a bit less" stops halfway; "much less" aims at least as far as plain
    bit = gradual_walk(r, reference, [Modification(0, -1, 0.5)])
    much = gradual_walk(r, reference, [Modification(0, -1, 2.0)])
    assert bit.steps[-1].degree > seq.steps[-1].degree >= much.steps[-1].degree


def test_retriever_at_the_floor_offers_the_nearest_useful_critique():
    r = _retriever()
    low = 3  # action ~0.01
    thrill = r.attribute_degrees(1)
    assert thrill[low] > 0.3  # the setup: "less thrill" still has room here
    result = gradual_walk(r, low, [Modification(0, -1)])
    assert isinstance(result, WalkLimit)
    assert result.degree < 0.1
    assert result.suggestion == Modification(1, -1, 1.0)
    payload = result.to_json(r)
    assert payload["at_limit"]["tag"] == "action" and payload["suggestion"]["tag"] == "thrill"
    assert payload["sequence"] == []
