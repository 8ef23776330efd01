"""The loss terms and the sparse attribute encoder on small hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from engine.config import TrainConfig
from engine.models import losses
from engine.models.cgir_net import build_net
from engine.text.words import tag_word_matrix, words_of


def test_multinomial_nll_matches_hand_computation():
    # softmax([0, ln 3]) = [1/4, 3/4]; the user adopted both items.
    logits = torch.tensor([[0.0, math.log(3.0)]])
    x = torch.tensor([[1.0, 1.0]])
    expected = -(math.log(0.25) + math.log(0.75))
    assert losses.multinomial_nll(logits, x).item() == pytest.approx(expected, rel=1e-6)


def test_indexed_nll_equals_dense_nll():
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(3, 5, generator=generator)
    x = torch.tensor([[1, 0, 1, 0, 0], [0, 0, 0, 1, 0], [1, 1, 1, 0, 1]], dtype=torch.float32)
    rows, cols = x.nonzero(as_tuple=True)
    dense = losses.multinomial_nll(logits, x)
    assert losses.multinomial_nll_indexed(logits, rows, cols).item() == pytest.approx(dense.item(), rel=1e-6)


def test_gaussian_kl_matches_closed_form():
    mu = torch.tensor([[1.0, 0.0]])
    logvar = torch.tensor([[0.0, math.log(2.0)]])
    # 0.5 (mu^2 + sigma^2 - 1 - log sigma^2) per dimension
    expected = 0.5 * (1 + 1 - 1 - 0) + 0.5 * (0 + 2 - 1 - math.log(2.0))
    assert losses.gaussian_kl(mu, logvar).item() == pytest.approx(expected, rel=1e-6)
    assert losses.gaussian_kl(torch.zeros(4, 3), torch.zeros(4, 3)).item() == 0.0


def test_average_sparsity_penalises_only_above_rho():
    codes = torch.tensor([[0.2, 0.0], [0.4, 0.0]])
    # averages [0.3, 0.0]; above rho=0.1 only the first: (0.2)^2, averaged over 2 dimensions
    assert losses.average_sparsity_loss(codes, 0.1).item() == pytest.approx(0.02, rel=1e-6)
    assert losses.average_sparsity_loss(torch.full((3, 4), 0.05), 0.1).item() == 0.0


def test_partial_sparsity_is_zero_at_binary_codes():
    assert losses.partial_sparsity_loss(torch.tensor([[0.5, 1.0]])).item() == pytest.approx(0.125)
    assert losses.partial_sparsity_loss(torch.tensor([[0.0, 1.0], [1.0, 0.0]])).item() == 0.0
    codes = torch.tensor([[0.5, 1.0]])
    assert losses.sparse_loss(codes, 0.1).item() == pytest.approx(
        losses.average_sparsity_loss(codes, 0.1).item() + 0.125)


def test_alignment_loss_is_cross_entropy_over_all_items():
    items = torch.eye(2)
    query = torch.tensor([[1.0, 0.0]])
    # scores [1, 0]; target item 1: -log(e^0 / (e^1 + e^0)) = log(1 + e)
    value = losses.alignment_loss(query, items, torch.tensor([1]), tau=1.0)
    assert value.item() == pytest.approx(math.log(1 + math.e), rel=1e-6)
    sharper = losses.alignment_loss(query, items, torch.tensor([0]), tau=0.1)
    assert sharper.item() == pytest.approx(math.log(1 + math.exp(-10)), abs=1e-6)


def test_words_of_tags_and_sum_pooling_matrix():
    assert words_of("Based on a Book") == ["based", "on", "a", "book"]
    assert words_of("sci-fi") == ["sci-fi"]
    assert words_of("  twist ending! ") == ["twist", "ending"]
    words, matrix = tag_word_matrix(["dark", "dark comedy", "comedy"])
    assert words == ["dark", "comedy"]
    np.testing.assert_array_equal(matrix, [[1, 0], [1, 1], [0, 1]])


def test_sparse_attribute_encoder_sums_word_codes_in_unit_interval():
    config = TrainConfig(dim=8, hidden=4, word_hidden=6, rho=0.05)
    words, matrix = tag_word_matrix(["dark", "dark comedy", "comedy"])
    vectors = np.random.default_rng(0).standard_normal((len(words), 384)).astype(np.float32)
    net = build_net(config, n_users=5, n_items=7, word_vectors=vectors, tag_words=matrix)
    with torch.no_grad():
        codes = net.word_codes()
        tags = net.tag_vectors()
    assert codes.shape == (2, 8) and bool(((codes >= 0) & (codes <= 1)).all())
    # F("dark comedy") = f("dark") + f("comedy") (eq. 7)
    torch.testing.assert_close(tags[1], codes[0] + codes[1])
    torch.testing.assert_close(tags[0], codes[0])
    # the output bias starts at logit(rho): codes begin near the sparsity target
    assert abs(codes.mean().item() - 0.05) < 0.05
