"""engine.metrics.ranking: the one rank function (ties count against the model), on hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from engine.metrics import ranking as M
from engine.data.triples import Triples


def test_target_ranks_excludes_reference_and_breaks_ties_pessimistically():
    scores = np.array([[0.9, 0.5, 0.7, 0.5]])  # item 0 is the reference (best score)
    # candidates 1, 2, 3: item 2 beats the target, item 3 ties with it -> rank 3
    assert M.target_ranks(scores, np.array([0]), np.array([1])).tolist() == [3]
    # masking item 2 (a known positive) lifts the target to rank 2
    mask = sp.csr_matrix(np.array([[0, 0, 1, 0]]))
    assert M.target_ranks(scores, np.array([0]), np.array([1]), mask).tolist() == [2]
    # the target itself is never masked
    mask = sp.csr_matrix(np.array([[0, 1, 0, 0]]))
    assert M.target_ranks(scores, np.array([0]), np.array([1]), mask).tolist() == [3]


def test_constant_scores_give_the_worst_rank():
    scores = np.zeros((2, 5))
    assert M.target_ranks(scores, np.array([0, 1]), np.array([3, 2])).tolist() == [4, 4]


def test_target_with_nan_score_ranks_last():
    scores = np.array([[1.0, np.nan, 0.2, 0.3, 0.1]])
    assert M.target_ranks(scores, np.array([0]), np.array([1])).tolist() == [4]


def test_hit_and_mrr():
    ranks = np.array([1, 2, 4])
    assert M.mrr(ranks) == pytest.approx((1 + 0.5 + 0.25) / 3)
    assert M.hit_at_k(ranks, 2) == pytest.approx(2 / 3)
    assert M.hit_at_k(ranks, 4) == 1.0
    with pytest.raises(ValueError):
        M.mrr(np.array([0]))



def test_a_tie_with_the_target_counts_against_the_model():
    # the target (item 2) ties with items 1 and 3; item 4 is worse. Optimistic counting would
    # give rank 1; the conservative convention ranks all tied candidates above the target.
    scores = np.array([[5.0, 0.5, 0.5, 0.5, 0.1]])
    assert M.target_ranks(scores, np.array([0]), np.array([2])).tolist() == [3]
    assert M.mrr(M.target_ranks(scores, np.array([0]), np.array([2]))) == pytest.approx(1 / 3)
    # breaking the tie in the target's favour by a hair lifts it to the top
    scores[0, 2] += 1e-9
    assert M.target_ranks(scores, np.array([0]), np.array([2])).tolist() == [1]


class _TableModel:
    """A model whose score at gamma = 1 is a fixed (M x M) table row of the reference."""

    def __init__(self, table: np.ndarray) -> None:
        self.table = table

    def score(self, ref, tag, alpha, gammas):
        return self.table[np.asarray(ref)][:, None, :].repeat(len(gammas), axis=1)


def test_model_ranks_batches_and_masks_like_target_ranks():
    rng = np.random.default_rng(0)
    table = rng.integers(0, 4, size=(6, 6)).astype(np.float32)  # many ties on purpose
    ref = rng.integers(0, 6, size=23)
    target = (ref + 1 + rng.integers(0, 5, size=23)) % 6
    triples = Triples(ref, np.zeros(23, np.int64), np.ones(23, np.int8), target)
    expected = M.target_ranks(table[ref], ref, target)
    np.testing.assert_array_equal(M.model_ranks(_TableModel(table), triples, batch=5), expected)
    mask = sp.csr_matrix((rng.random((6, 6)) < 0.3).astype(np.float32))
    np.testing.assert_array_equal(M.model_ranks(_TableModel(table), triples, mask, batch=4),
                                  M.target_ranks(table[ref], ref, target, mask[ref]))
    metrics = M.ranking_metrics(expected)
    assert metrics["mrr"] == pytest.approx(np.mean(1.0 / expected))
    assert metrics["hit@20"] == 1.0
