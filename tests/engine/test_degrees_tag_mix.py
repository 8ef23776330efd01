"""A phrase's tag mix is averaged over perturbed readings, so that a rounding of the movie texts
that moves one movie across a cut moves the reading a little instead of switching it."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from engine.degrees.tag_mix import TagTable, leaning, text_jitter

M = 100


def _tags() -> sp.csr_matrix:
    """Two tags, "a" on the first half of the catalog and "b" on the second."""
    tags = np.zeros((M, 2), dtype=np.float32)
    tags[: M // 2, 0] = 1.0
    tags[M // 2:, 1] = 1.0
    return sp.csr_matrix(tags)


def _cosines(first_half_closer: bool) -> np.ndarray:
    closer = np.r_[np.ones(M // 2), np.zeros(M // 2)]
    return (closer if first_half_closer else 1.0 - closer) + np.linspace(0, 0.01, M)


def _lean(perturbed: list[np.ndarray]) -> np.ndarray:
    nothing = np.zeros(2)
    return leaning(TagTable.of(_tags()), np.array(perturbed), nothing, np.zeros(2, dtype=bool), 0,
                   10, lambda mix, cosines: cosines)


def test_one_reading_follows_the_side_of_the_cut_it_falls_on():
    assert _lean([_cosines(True)]).tolist() == [1.0, 0.0]
    assert _lean([_cosines(False)]).tolist() == [0.0, 1.0]


def test_a_tag_only_a_minority_of_perturbed_readings_find_is_left_out():
    assert _lean([_cosines(True)] * 8 + [_cosines(False)]).tolist() == [1.0, 0.0]


def test_readings_split_across_a_cut_are_averaged():
    both = -np.abs(np.arange(M) - (M - 1) / 2)  # the closest movies straddle the two halves
    assert np.allclose(_lean([both]), [0.5, 0.5])
    mix = _lean([_cosines(True)] * 2 + [both] * 3)  # "b" in 3 of 5 readings: kept, averaged
    assert np.allclose(mix, [0.7, 0.3])


def test_text_jitter_is_seeded_and_scaled_by_each_texts_rounding():
    texts = np.zeros((3, 4), dtype=np.float32)
    texts[0, 0], texts[1, 1], texts[2, 2] = 0.127, 0.254, 0.0
    jitter = text_jitter(texts, 4000, 3.0)
    assert jitter.shape == (4000, 3)
    assert np.array_equal(jitter, text_jitter(texts, 4000, 3.0))  # the same every time
    step = 3.0 * np.array([0.001, 0.002, 0.0]) / np.sqrt(12.0)  # max |t| / 127 / sqrt(12)
    assert np.allclose(jitter.std(axis=0), step, rtol=0.05, atol=1e-9)
    assert not text_jitter(texts, 0, 3.0).size


def test_tag_shares_of_many_readings_are_the_numbers_of_one_sparse_mean_each():
    """The counted shares are bit-equal to scipy's float32 mean (a gate at 0.1 sits exactly on 5
    of 50 movies, where float32 sums of 1/50 fall just under 0.1): batching changes no reading."""
    rng = np.random.default_rng(4)
    tags = sp.csr_matrix((rng.random((300, 12)) < 0.15).astype(np.float32))
    table = TagTable.of(tags)
    for k in (5, 20, 50):
        rows = np.stack([rng.choice(300, k, replace=False) for _ in range(9)])
        fast = table.shares(rows)
        slow = np.stack([tags[r].mean(axis=0).A.ravel() for r in rows])
        assert fast.dtype == slow.dtype and np.array_equal(fast, slow)
    assert np.array_equal(table.shares(np.arange(50)[None, :]), tags[:50].mean(axis=0).A)
    weighted = TagTable.of(sp.csr_matrix(tags.multiply(2.0)))  # not 0/1: counted one by one
    assert weighted.by_tag is None
    assert np.array_equal(weighted.shares(rows), np.stack([(tags[r] * 2.0).mean(axis=0).A.ravel()
                                                            for r in rows]))
