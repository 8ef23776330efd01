"""A CGIR model trained for a few seconds on the planted grid catalog (tests/engine/planted.py)."""

from __future__ import annotations

import numpy as np
import pytest

from engine.config import TrainConfig

from engine_planted import planted_dataset, planted_triples


def small_config(**overrides) -> TrainConfig:
    """Small, fast hyper-parameters for the planted catalog (121 items)."""
    values = dict(dim=16, hidden=64, word_hidden=32, item_hidden=32, epochs=8, steps_per_epoch=30,
                  batch_users=128, batch_triples=256, lr=1e-2, anneal_steps=100, threads=1,
                  patience=12, seed=0)
    values.update(overrides)
    return TrainConfig(**values)


def fake_word_vectors(n_words: int, seed: int = 0) -> np.ndarray:
    """Stand-ins for MiniLM vectors (the real ones are exercised by the tiny_model_dir fixture)."""
    vectors = np.random.default_rng(seed).standard_normal((n_words, 384)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture(scope="session")
def planted():
    return planted_dataset(seed=0)


@pytest.fixture(scope="session")
def planted_model_dir(planted, tmp_path_factory):
    from engine.train import train_on_triples

    out = tmp_path_factory.mktemp("planted_model")
    return train_on_triples(planted, planted_triples(planted), small_config(), out,
                            progress=False, word_vectors=fake_word_vectors(3))
