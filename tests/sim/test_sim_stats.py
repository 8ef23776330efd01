"""Statistics on hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from bot.sim.stats import session_lengths, success_at, success_curve
from engine.metrics.stats import bootstrap_mean, histogram, paired_difference, percentiles, wilson_interval


def wilson_by_hand(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize("k,n", [(0, 10), (3, 10), (10, 10), (57, 500), (1, 1)])
def test_wilson_matches_the_formula(k, n):
    est = wilson_interval(k, n)
    low, high = wilson_by_hand(k, n)
    assert est.value == pytest.approx(k / n)
    assert est.low == pytest.approx(low, abs=1e-9)
    assert est.high == pytest.approx(high, abs=1e-9)
    assert 0.0 <= est.low <= est.value <= est.high <= 1.0


def test_wilson_known_value_and_edges():
    # 5 of 10: the Wilson 95 % interval is 0.2366 .. 0.7634.
    est = wilson_interval(5, 10)
    assert (round(est.low, 4), round(est.high, 4)) == (0.2366, 0.7634)
    assert wilson_interval(0, 0).to_json() == {"value": 0.0, "low": 0.0, "high": 1.0, "n": 0}
    with pytest.raises(ValueError):
        wilson_interval(4, 3)


def test_success_at_counts_successes_within_each_turn():
    outcomes = [1, 3, 0, 2, 3, 0, 10, 0]  # 0: failure
    curve = success_at(outcomes, 4)
    assert curve.tolist() == [1 / 8, 2 / 8, 4 / 8, 4 / 8]
    assert success_at([], 3).tolist() == [0.0, 0.0, 0.0]
    assert success_at(outcomes, 10)[-1] == pytest.approx(5 / 8)


def test_success_curve_carries_wilson_intervals():
    curve = success_curve([1, 2, 0, 0], 3)
    assert [round(e.value, 3) for e in curve] == [0.25, 0.5, 0.5]
    assert curve[1].low == pytest.approx(wilson_interval(2, 4).low)
    assert all(e.n == 4 for e in curve)


def test_session_lengths_use_the_success_turn_or_the_turns_spent():
    assert session_lengths([2, 0, 0, 5], [2, 10, 4, 5]).tolist() == [2, 10, 4, 5]


def test_bootstrap_mean_is_deterministic_and_brackets_the_mean():
    values = np.arange(1, 11, dtype=float)  # mean 5.5, sd 3.03, se ~0.96
    a = bootstrap_mean(values, seed=3)
    b = bootstrap_mean(values, seed=3)
    assert a == b
    assert a.value == pytest.approx(5.5)
    assert a.low < 5.5 < a.high
    # The percentile interval is about mean +- 1.96 se (se with the 1/n variance: 0.908).
    assert a.low == pytest.approx(5.5 - 1.96 * 0.908, abs=0.35)
    assert a.high == pytest.approx(5.5 + 1.96 * 0.908, abs=0.35)
    constant = bootstrap_mean([4, 4, 4])
    assert (constant.value, constant.low, constant.high) == (4, 4, 4)
    assert math.isnan(bootstrap_mean([]).value)


def test_paired_difference_keeps_pairs():
    a = np.array([1, 1, 1, 0, 1, 1, 0, 1], dtype=float)
    b = a.copy()
    b[:2] = 0  # b fails on two users where a succeeded
    diff = paired_difference(a, b)
    assert diff.value == pytest.approx(0.25)
    assert 0.0 <= diff.low <= 0.25 <= diff.high
    with pytest.raises(ValueError):
        paired_difference([1, 2], [1])


def test_percentiles_and_histogram():
    assert percentiles([1, 2, 3, 4, 5]) == {"p50": 3.0, "p95": pytest.approx(4.8)}
    assert percentiles([]) == {"p50": None, "p95": None}
    assert histogram([1, 1, 3], minimum=1, maximum=4) == {1: 2, 2: 0, 3: 1, 4: 0}
    assert histogram([], minimum=1) == {1: 0}
