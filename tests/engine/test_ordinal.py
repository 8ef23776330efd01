"""The degree-faithful term: ordinal pairs from a graded tag signal, and their loss."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp
import torch
from engine_planted import planted_dataset, small_config

from engine.models import losses
from engine.models.ordinal import OrdinalPairs


def test_pairs_are_ordered_by_the_signal_and_skip_excluded_items_and_untagged_tags():
    counts = np.array([[5, 0, 0], [1, 0, 0], [0, 2, 0], [3, 1, 0], [9, 9, 0]], dtype=np.float32)
    excluded = np.array([False, False, False, False, True])
    pairs = OrdinalPairs.from_counts(sp.csr_matrix(counts), excluded, min_gap=0.1)
    assert list(pairs.tags) == [0, 1]  # nobody applied tag 2: it makes no pair
    more, less, tag = pairs.sample(400, np.random.default_rng(0))
    assert len(more) > 100
    signal = np.log1p(counts[:4]) / np.log1p(counts[:4]).max(axis=0).clip(min=1e-9)
    assert np.all(signal[more, tag] - signal[less, tag] >= 0.1)
    assert 4 not in set(more) | set(less)  # the excluded item (a withheld genome row)
    assert {(0, 1, 0), (2, 3, 1)} <= set(zip(more.tolist(), less.tolist(), tag.tolist()))


def test_ordinal_loss_is_the_pairwise_logistic_loss_on_the_normalised_direction():
    more = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    less = torch.tensor([[0.0, 0.0], [0.0, 0.0]])
    directions = torch.tensor([[2.0, 0.0], [2.0, 0.0]])  # normalised to (1, 0)
    value = losses.ordinal_loss(more, less, directions, tau=0.5).item()
    expected = (math.log1p(math.exp(-2.0)) + math.log(2.0)) / 2
    assert math.isclose(value, expected, rel_tol=1e-6)
    wrong = losses.ordinal_loss(less, more, directions, tau=0.5).item()
    assert wrong > value


@pytest.mark.slow
def test_training_with_the_ordinal_term_orders_items_along_f_by_their_relevance():
    from scipy.stats import spearmanr

    from test_cgir import _quick_fit

    dataset = planted_dataset(seed=0, n_users=300)

    def order(weight: float, seed: int) -> float:
        model = _quick_fit(dataset, small_config(epochs=3, steps_per_epoch=30, seed=seed,
                                                 ordinal_weight=weight))
        if weight:
            assert "loss_ordinal" in model.result.history[-1]
        projection = model.item_vectors() @ model.tag_vectors()[:2].T
        return float(np.mean([spearmanr(projection[:, t], dataset.relevance[:, t]).statistic
                              for t in range(2)]))

    # mean Spearman over three seeds: 0.837 without the term, 0.875 with it when written
    gains = [order(20.0, seed) - order(0.0, seed) for seed in range(3)]
    assert np.mean(gains) > 0.01 and min(gains) > 0.0
