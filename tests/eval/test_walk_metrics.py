"""Walk metrics (engine.metrics.walks) on hand-made relevance with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from engine.metrics import walks as W

# rows: items; columns: the asked tag (0) and two other tags
RELEVANCE = np.array([
    [0.9, 0.5, 0.5],  # 0: the reference
    [0.7, 0.5, 0.7],  # 1
    [0.8, 0.5, 0.5],  # 2
    [0.4, 0.3, 0.5],  # 3
    [0.1, 0.5, 0.1],  # 4
], dtype=np.float32)


def test_one_walk_scores_consistency_end_effect_and_drift():
    scored = W.score_walk(RELEVANCE, W.WalkQuery(0, 0, -1), [1, 2, 3, 4])
    # 0.7 -> 0.8 rises (wrong way), 0.8 -> 0.4 and 0.4 -> 0.1 fall: 2 of 3 steps
    assert scored["consistency"] == pytest.approx(2 / 3)
    assert scored["falls"] == 2 and scored["steps"] == 3
    assert scored["end_effect"] == pytest.approx(0.9 - 0.1)
    # other tags: |changes| 0,0.2 / 0,0 / 0.2,0 / 0,0.4 -> mean 0.8 / 8
    assert scored["other_change"] == pytest.approx(0.1)
    # asking for more of it, the same walk is wrong on those steps
    assert W.score_walk(RELEVANCE, W.WalkQuery(0, 0, +1), [1, 2, 3, 4])["consistency"] == \
        pytest.approx(1 / 3)


def test_metrics_average_answered_walks_and_count_the_declined():
    queries = [W.WalkQuery(0, 0, -1), W.WalkQuery(4, 0, -1)]

    def walker(item, tag, alpha):
        return None if item == 4 else [2, 3, 4]  # item 4 is at the floor: declined

    report = W.walk_metrics(walker, RELEVANCE, queries)
    assert report["consistency"] == pytest.approx(1.0)
    assert report["end_effect"] == pytest.approx(0.8)
    assert report["n_queries"] == 2 and report["n_walks"] == 1 and report["declined"] == 1


def test_feasible_queries_ask_for_less_of_what_an_item_has():
    rng = np.random.default_rng(0)
    relevance = rng.random((50, 4)).astype(np.float32)
    queries = W.sample_queries(relevance, 200, seed=1)
    assert len(queries) == 200
    for q in queries:
        value = relevance[q.item, q.tag]
        assert (q.alpha < 0 and value >= 0.5) or (q.alpha > 0 and value <= 0.5)
    assert W.sample_queries(relevance, 200, seed=1) == queries  # deterministic per seed
    only = W.sample_queries(relevance, 30, seed=2, tags=[3])
    assert {q.tag for q in only} == {3}


def test_headline_starts_from_the_item_with_the_most_of_the_tag():
    result = W.headline(lambda i, t, a: [1, 2, 3, 4], RELEVANCE, 0)
    assert result["item"] == 0
    assert (result["falls"], result["steps"]) == (2, 3)
    assert result["relevance"] == pytest.approx([0.9, 0.7, 0.8, 0.4, 0.1])
