"""Sentence vectors kept at 8 bits (engine.text.eight_bit)."""

from __future__ import annotations

import numpy as np
import pytest

from engine.text.eight_bit import at_8_bits, from_codes, to_codes


def _unit_rows(n: int, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, 384)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_every_component_stays_within_half_a_step_and_cosines_barely_move():
    vectors = _unit_rows(200)
    codes, scales = to_codes(vectors)
    assert codes.dtype == np.int8 and scales.dtype == np.float32
    assert np.abs(codes).max() == 127  # each row uses its whole range
    back = from_codes(codes, scales)
    assert (np.abs(back - vectors) <= scales[:, None] / 2 + 1e-7).all()
    cosines = (back * vectors).sum(axis=1) / np.linalg.norm(back, axis=1)
    assert cosines.min() > 0.995


def test_keeping_vectors_again_changes_nothing():
    once = at_8_bits(_unit_rows(50, seed=1))
    np.testing.assert_array_equal(at_8_bits(once), once)


def test_a_zero_row_stays_zero_and_other_shapes_are_refused():
    vectors = np.zeros((2, 384), dtype=np.float32)
    vectors[1, 0] = 0.5
    back = at_8_bits(vectors)
    assert not back[0].any() and back[1, 0] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="2-D"):
        to_codes(np.zeros(384))
