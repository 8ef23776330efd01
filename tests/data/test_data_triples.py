"""Triples with exactly one attribute difference, built by hashing attribute sets."""

from __future__ import annotations

import itertools

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.data.triples import Triples, _water_fill, available_tags, build_triples


def _brute_force(dense: np.ndarray) -> set[tuple[int, int, int, int]]:
    """Every (ref, tag, alpha, target) by comparing all pairs: the reference answer."""
    out = set()
    for i, j in itertools.permutations(range(len(dense)), 2):
        if not dense[i].any() or not dense[j].any():
            continue
        diff = dense[j].astype(int) - dense[i].astype(int)
        if np.abs(diff).sum() == 1:
            t = int(np.flatnonzero(diff)[0])
            out.add((i, t, int(diff[t]), j))
    return out


def _as_set(triples: Triples) -> set[tuple[int, int, int, int]]:
    return set(zip(triples.ref.tolist(), triples.tag.tolist(), triples.alpha.tolist(),
                   triples.target.tolist()))


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 14).flatmap(lambda n: st.tuples(
    st.just(n), st.integers(1, 5),
    st.lists(st.booleans(), min_size=n * 5, max_size=n * 5))))
def test_uncapped_triples_equal_brute_force(case):
    n, n_tags, bits = case
    dense = np.array(bits[: n * n_tags], dtype=bool).reshape(n, n_tags)
    triples = build_triples(sp.csr_matrix(dense.astype(np.float32)), max_per_tag=None,
                            max_total=None)
    assert _as_set(triples) == _brute_force(dense)
    assert len(_as_set(triples)) == len(triples)  # no duplicates


def test_alpha_convention_more_means_target_has_tag():
    dense = np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1]], dtype=np.float32)
    triples = build_triples(sp.csr_matrix(dense), max_per_tag=None, max_total=None)
    assert _as_set(triples) == {(0, 1, 1, 1), (1, 1, -1, 0)}
    assert triples.alpha.dtype == np.int8 and triples.ref.dtype == np.int64


def test_untagged_items_are_left_out_unless_asked():
    dense = np.array([[0, 0], [1, 0]], dtype=np.float32)
    assert len(build_triples(sp.csr_matrix(dense))) == 0
    both = build_triples(sp.csr_matrix(dense), include_untagged=True)
    assert _as_set(both) == {(0, 0, 1, 1), (1, 0, -1, 0)}


def test_one_direction_only():
    dense = np.array([[1, 0], [1, 1]], dtype=np.float32)
    triples = build_triples(sp.csr_matrix(dense), both_directions=False)
    assert _as_set(triples) == {(0, 1, 1, 1)}


def _big_groups() -> sp.csr_matrix:
    # 300 items {0}, 200 items {0, 1}, 40 items {0, 2}: tag 1 has 60,000 pairs, tag 2 has 12,000.
    rows = [[1, 0, 0]] * 300 + [[1, 1, 0]] * 200 + [[1, 0, 1]] * 40
    return sp.csr_matrix(np.array(rows, dtype=np.float32))


def test_per_tag_cap_and_exactness_of_samples():
    matrix = _big_groups()
    triples = build_triples(matrix, max_per_tag=1000, max_total=None, seed=1)
    counts = np.bincount(triples.tag, minlength=3)
    assert counts.tolist() == [0, 1000, 1000]
    dense = matrix.toarray()
    diff = dense[triples.target] - dense[triples.ref]
    assert (np.abs(diff).sum(axis=1) == 1).all()
    assert (diff[np.arange(len(triples)), triples.tag] == triples.alpha).all()
    assert len(_as_set(triples)) == len(triples)


def test_total_cap_keeps_rare_tags_whole():
    triples = build_triples(_big_groups(), max_per_tag=None, max_total=60_000, seed=0)
    counts = np.bincount(triples.tag, minlength=3)
    assert counts[2] == 2 * 40 * 300  # the rare tag keeps all its 24,000 triples
    assert counts[1] == 36_000  # the frequent tag takes the rest of the budget


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=12), st.integers(0, 6000))
def test_water_fill_is_fair_and_maximal(totals, budget):
    totals = np.array(totals, dtype=np.int64)
    allowed = _water_fill(totals, budget)
    assert (allowed <= totals).all() and allowed.sum() <= max(budget, 0)
    if totals.sum() <= budget:
        assert (allowed == totals).all()
    else:
        cap = allowed.max()
        assert (allowed == np.minimum(totals, cap)).all()
        assert np.minimum(totals, cap + 1).sum() > budget


def test_sampling_is_deterministic_by_seed():
    matrix = _big_groups()
    a = build_triples(matrix, max_per_tag=500, seed=7)
    b = build_triples(matrix, max_per_tag=500, seed=7)
    c = build_triples(matrix, max_per_tag=500, seed=8)
    assert _as_set(a) == _as_set(b) and np.array_equal(a.ref, b.ref)
    assert _as_set(a) != _as_set(c)


def test_split_is_deterministic_80_20(tiny_dataset):
    triples = build_triples(tiny_dataset)
    train, test = triples.split(0.2, seed=0)
    again_train, again_test = triples.split(0.2, seed=0)
    assert len(test) == round(0.2 * len(triples)) and len(train) + len(test) == len(triples)
    assert np.array_equal(train.ref, again_train.ref) and np.array_equal(test.tag, again_test.tag)
    assert not (_as_set(train) & _as_set(test))


def test_tiny_demo_yields_thousands_of_triples_for_every_tag(tiny_dataset):
    triples = build_triples(tiny_dataset)
    assert len(triples) >= 2000
    # The rarest planted tags (western, superhero) sit on ~2% of 400 items: most tags still walk.
    assert available_tags(triples, tiny_dataset.n_tags) >= tiny_dataset.n_tags - 4
    dense = tiny_dataset.item_tags.toarray()
    diff = dense[triples.target] - dense[triples.ref]
    assert (np.abs(diff).sum(axis=1) == 1).all()
