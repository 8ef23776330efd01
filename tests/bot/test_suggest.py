"""Critique suggestions: sensible for the item, verified to move (their speed: bench/bench_speed_checks.py)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from bot.dialogue.suggestions import SuggestConfig, Suggester
from bot_fixtures import planted_retriever
from engine.retrieval.retriever import Modification, Retriever


def test_three_to_five_suggestions_that_fit_the_item(planted):
    suggester = Suggester(planted)
    rel = planted.relevance
    mean = rel.mean(axis=0)
    counts = []
    for row in range(planted.n_items):
        suggestions = suggester.suggest(row)
        counts.append(len(suggestions))
        assert len({(s.tag, s.alpha) for s in suggestions}) == len(suggestions)
        for s in suggestions:
            t = planted.tags.index(s.tag)
            assert s.text == f"{'more' if s.alpha > 0 else 'less'} {s.tag}"
            assert s.value == round(float(rel[row, t]), 3)
            # "less" where the item is above the catalog's mean, "more" where it is below.
            assert (rel[row, t] > mean[t]) == (s.alpha < 0)
    assert min(counts) >= 3 and max(counts) <= 5


def test_suggestions_move_the_tag_the_right_way(planted):
    suggester = Suggester(planted)
    for row in range(0, planted.n_items, 8):
        for s in suggester.suggest(row):
            t = planted.tags.index(s.tag)
            walk = planted.walk(row, [Modification(t, s.alpha)], steps=3)
            assert s.alpha * (walk.steps[-1].relevance - planted.relevance[row, t]) > 0


def test_suggestions_mix_less_and_more(planted):
    suggester = Suggester(planted)
    mixed = sum(len({s.alpha for s in suggester.suggest(row)}) == 2 for row in range(planted.n_items))
    assert mixed >= 0.9 * planted.n_items


def test_a_critique_that_would_not_move_is_dropped():
    # Two items only differ in tag 0; tag 1's vector is orthogonal to everything: walking it
    # changes nothing, so it must never be offered even though the item is "low" in it.
    items = np.array([[1.0, 0.0, 0.0], [0.2, 0.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32)
    tags = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype=np.float32)
    rel = np.array([[0.9, 0.1], [0.2, 0.9], [0.1, 0.8]], dtype=np.float32)
    r = Retriever(items, tags, [1, 2, 3], ["a", "b", "c"], ["x", "y"], relevance=rel)
    suggested = {(s.tag, s.alpha) for s in Suggester(r, SuggestConfig(min_z=0.1)).suggest(0)}
    assert ("y", 1) not in suggested


def test_binary_tags_when_there_is_no_relevance():
    base = planted_retriever()
    binary = sp.csr_matrix(base.relevance > 0.6)
    r = Retriever(base.item_vectors, base.tag_vectors, base.item_ids, base.titles, base.tags,
                  item_tags=binary, popularity=base.popularity)
    suggester = Suggester(r)
    for row in range(0, r.n_items, 16):
        has = set(binary[row].indices)
        for s in suggester.suggest(row):
            t = r.tags.index(s.tag)
            assert (t in has) == (s.alpha < 0)


def test_projection_fallback_without_any_tag_data():
    base = planted_retriever()
    r = Retriever(base.item_vectors, base.tag_vectors, base.item_ids, base.titles, base.tags)
    assert len(Suggester(r).suggest(0)) >= 3


def test_exclude_skips_given_critiques(planted):
    suggester = Suggester(planted)
    first = suggester.suggest(5)
    again = suggester.suggest(5, exclude={(first[0].tag, first[0].alpha)})
    assert (first[0].tag, first[0].alpha) not in {(s.tag, s.alpha) for s in again}


def test_remembered_suggestions_follow_the_retrievers_tag_data():
    # suggest is remembered per (row, exclusions) only while the retriever holds the same data:
    # a blind run swaps the graded relevance for nothing, and the answer must follow.
    r = planted_retriever()
    suggester = Suggester(r)
    graded = suggester.suggest(3)
    assert suggester.suggest(3) == graded and suggester.suggest(3) is not suggester.suggest(3)
    r.relevance = None
    fresh = Suggester(planted_retriever())  # built on the same data as `suggester` was
    fresh.retriever.relevance = None
    assert suggester.suggest(3) == fresh.suggest(3) != graded
