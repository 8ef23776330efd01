"""The adaptive policy's retrieval (engine.walks.adaptive): coarse list, fine degree bands, no repeats."""

from __future__ import annotations

import numpy as np
import pytest

from engine.walks.adaptive import (COARSE_POOL, POOL, adaptive_sequence, closest_of_list, degree_bands,
                             other_degrees_distance)
from engine.retrieval.retriever import Modification, Retriever


@pytest.fixture(scope="module")
def retriever() -> Retriever:
    rng = np.random.default_rng(0)
    relevance = rng.beta(0.6, 0.6, size=(300, 5)).astype(np.float32)
    return Retriever(relevance, np.eye(5, dtype=np.float32) * 2.0, np.arange(1000, 1300),
                     [f"Item {i}" for i in range(300)], [f"tag{k}" for k in range(5)],
                     relevance=relevance, model_id="planted")


def test_bands_take_one_candidate_per_band_in_the_asked_direction():
    degrees = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
    rank = np.arange(6)
    others = np.zeros(6)
    # three bands of two: the better-ranked candidate of each, shown from the reference outward
    assert degree_bands(degrees, rank, others, 3, alpha=1).tolist() == [0, 2, 4]
    assert degree_bands(degrees, rank, others, 3, alpha=-1).tolist() == [4, 2, 0]


def test_bands_prefer_candidates_close_to_the_reference_in_the_other_degrees():
    degrees = np.array([0.1, 0.15, 0.5, 0.55])
    rank = np.array([0, 1, 2, 3])
    others = np.array([0.9, 0.0, 0.9, 0.0])  # the worse-ranked one of each band stays closer
    assert degree_bands(degrees, rank, others, 2, alpha=1, profile_weight=2.0).tolist() == [1, 3]
    assert degree_bands(degrees, rank, others, 2, alpha=1, profile_weight=0.0).tolist() == [0, 2]


def test_bands_cope_with_fewer_candidates_than_steps():
    assert degree_bands(np.array([0.3, 0.1]), np.arange(2), np.zeros(2), 10, 1).tolist() == [1, 0]
    assert degree_bands(np.zeros(0), np.zeros(0), np.zeros(0), 10, 1).tolist() == []


def test_coarse_keeps_the_list_candidates_closest_in_the_other_degrees_in_list_order():
    rank = np.arange(6)
    others = np.array([0.9, 0.1, 0.1, 0.9, 0.1, 0.1])
    assert closest_of_list(rank, others, 4, profile_weight=1.0).tolist() == [0, 1, 2, 4]
    assert closest_of_list(rank, others, 4, profile_weight=3.0).tolist() == [1, 2, 4, 5]
    assert closest_of_list(rank, others, 4, profile_weight=0.0).tolist() == [0, 1, 2, 3]


def _least(retriever: Retriever, tag: int) -> int:
    """A reference with room for "more tag": the item with the lowest estimated degree."""
    return int(np.argmin(retriever.attribute_degrees(tag)))


def _list_moving_as_asked(retriever: Retriever, ref: int, mods, k: int, exclude=()) -> list[int]:
    listed = [s.item for s in retriever.top_k(ref, mods, k=4 * k, exclude=exclude).steps]
    degrees = retriever.attribute_degrees(mods[0].tag)
    return [r for r in listed if mods[0].alpha * (degrees[r] - degrees[ref]) > 0][:k]


def test_coarse_answer_comes_from_the_list_head_without_the_excluded_items(retriever):
    mods = (Modification(1, 1),)
    ref = _least(retriever, 1)
    head = _list_moving_as_asked(retriever, ref, mods, COARSE_POOL)
    coarse = [s.item for s in adaptive_sequence(retriever, ref, mods, fine=False, steps=10).steps]
    assert len(coarse) == 10 and set(coarse) <= set(head)
    assert coarse == sorted(coarse, key=head.index)  # shown in list order
    others = other_degrees_distance(retriever, ref, np.array(head), [1])
    dropped = [r for r in head if r not in coarse]
    assert np.mean(others[[head.index(r) for r in dropped]]) > np.mean(
        others[[head.index(r) for r in coarse]])  # the ones left out are further off
    seen = coarse[:4]
    fresh = adaptive_sequence(retriever, ref, mods, fine=False, steps=10, exclude=seen)
    assert not set(seen) & {s.item for s in fresh.steps} and len(fresh.steps) == 10


def test_every_item_shown_moves_the_asked_way_from_the_reference(retriever):
    degrees = retriever.attribute_degrees(1)
    middle = int(np.argsort(degrees)[len(degrees) // 2])  # room both ways
    for alpha in (1, -1):
        for fine in (False, True):
            shown = adaptive_sequence(retriever, middle, (Modification(1, alpha),), fine=fine).steps
            assert shown and all(alpha * (degrees[s.item] - degrees[middle]) > 0 for s in shown)


def test_fine_answer_is_a_degree_gradient_within_the_span_its_strength_asks(retriever):
    from engine.walks.degree_steps import catalog_extreme

    mods = (Modification(2, -1, 0.5),)  # "a bit less tag2"
    degrees = retriever.attribute_degrees(2)
    ref = int(np.argmax(degrees))
    fine = adaptive_sequence(retriever, ref, mods, fine=True, steps=10, exclude=[3, 4])
    rows = [s.item for s in fine.steps]
    pool = set(_list_moving_as_asked(retriever, ref, mods, 4 * POOL, exclude=[3, 4]))
    assert len(rows) == len(set(rows)) > 3 and set(rows) <= pool and ref not in rows
    assert np.all(np.diff(degrees[rows]) <= 0)  # "less": from the reference's side outward
    half_way = degrees[ref] + 0.5 * (catalog_extreme(degrees, -1) - degrees[ref])
    assert np.all(degrees[rows] >= half_way - 1e-6)  # "a bit": no further than half the way
    assert all(s.degree == retriever.degree_of(r, 2) for s, r in zip(fine.steps, rows))


def test_other_degrees_distance_leaves_out_the_asked_tags(retriever):
    rows = np.array([0, 1, 2])
    d = other_degrees_distance(retriever, 0, rows, [1])
    every = np.stack([retriever.attribute_degrees(t) for t in (0, 2, 3, 4)], axis=1)
    assert d == pytest.approx(np.abs(every[rows] - every[0]).mean(axis=1))
    assert d[0] == 0.0
