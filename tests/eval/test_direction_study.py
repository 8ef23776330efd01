"""The direction study's paired bootstrap (bench/answers_direction_study.py) compares runs per request."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from answers_direction_study import paired_bootstrap  # noqa: E402


def _rows(values: list[float], key: str = "pair") -> list[dict]:
    return [{"id": f"r{i}", "twos": 1, "zeros": 1, key: v} for i, v in enumerate(values)]


def test_a_uniform_gain_has_a_ci_that_excludes_zero():
    mean, low, high = paired_bootstrap(_rows([0.7, 0.8, 0.9, 0.6]), _rows([0.6, 0.7, 0.8, 0.5]), "pair")
    assert round(mean, 6) == 0.1 and round(low, 6) == 0.1 and round(high, 6) == 0.1


def test_requests_without_both_grades_in_the_base_are_left_out():
    base = _rows([0.5, 0.5])
    base[1]["zeros"] = 0  # no 0-rated film: the request carries no label in the base run
    mean, low, high = paired_bootstrap(_rows([0.9, 0.1]), base, "pair")
    assert round(mean, 6) == 0.4 and low <= mean <= high
