"""A CGIR model trained for a few seconds on the planted grid catalog (tests/engine/engine_planted.py)."""

from __future__ import annotations

import pytest

from engine_planted import fake_word_vectors, planted_dataset, planted_triples, small_config


@pytest.fixture(scope="session")
def planted():
    return planted_dataset(seed=0)


@pytest.fixture(scope="session")
def planted_model_dir(planted, tmp_path_factory):
    from engine.models.base import TextVectors
    from engine.training.pipeline import train_on_triples

    out = tmp_path_factory.mktemp("planted_model")
    return train_on_triples(planted, planted_triples(planted), small_config(), out,
                            progress=False, text=TextVectors(words=fake_word_vectors(3)))
