"""The one model contract: all six models fit, save, load and score the same way (implicit-style).

Save -> load must give back the very same scores. That each model learns the planted answer is
checked with a larger budget in test_eval_baselines.py (baselines) and tests/engine (CGIR).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine.config import ConfigError
from engine.errors import CheckpointError
from engine.models.base import TextVectors
from engine.models.cgir import CGIR
from engine.models.registry import MODEL_KEYS, load_model, make_model
from engine.metrics.ranking import model_ranks, mrr


@pytest.fixture(scope="module")
def split(planted):
    dataset, triples = planted
    train_all, test = triples.split(0.2, seed=0)
    train, valid = train_all.split(0.1, seed=1)
    return dataset, train, valid, test


@pytest.mark.parametrize("key", MODEL_KEYS)
def test_fit_save_load_gives_the_same_scores(split, encode, key, tmp_path):
    dataset, train, valid, test = split
    model = make_model(key, epochs=6, threads=1, seed=0, dim=16, max_steps_per_epoch=20)
    assert model.fit(dataset, train, valid, text=TextVectors.encode(dataset.tags, encode)) is model
    assert model.key == key and 1 <= model.result.best_epoch <= len(model.result.history)
    assert 0.0 < mrr(model_ranks(model, test)) <= 1.0
    gammas = np.array([0.0, 0.5, 1.0], np.float32)
    before = model.score(test.ref[:9], test.tag[:9], test.alpha[:9], gammas)
    assert before.shape == (9, 3, dataset.n_items)

    path = model.save(tmp_path / key, dataset)
    again = load_model(path, dataset)
    assert type(again) is type(model) and again.key == key and again.config == model.config
    np.testing.assert_array_equal(again.score(test.ref[:9], test.tag[:9], test.alpha[:9], gammas),
                                  before)
    np.testing.assert_array_equal(again.item_vectors(), model.item_vectors())
    assert again.result.history == model.result.history
    manifest = json.loads((path / "config.json").read_text())
    assert manifest["model"] == key and manifest["config"]["seed"] == 0


def test_a_checkpoint_loads_only_as_its_own_class(split, encode, tmp_path):
    dataset, train, valid, _ = split
    model = make_model("tirg", epochs=1, threads=1, max_steps_per_epoch=2)
    path = model.fit(dataset, train, valid, text=TextVectors(tags=encode(list(dataset.tags)))).save(
        tmp_path / "tirg")
    with pytest.raises(CheckpointError, match="'tirg' model, not CGIR"):
        CGIR.load(path)
    # a config key this version does not know is refused, with the valid keys listed
    manifest = json.loads((path / "config.json").read_text())
    manifest["config"]["warmup"] = 3
    (path / "config.json").write_text(json.dumps(manifest))
    with pytest.raises(ConfigError, match="unknown key.*warmup.*valid keys are"):
        load_model(path)


def test_unknown_hyper_parameter_is_refused():
    with pytest.raises(ConfigError, match="unknown key.*bogus"):
        make_model("cgir", bogus=1)
    with pytest.raises(ConfigError, match="unknown key.*beta"):
        make_model("cbir", beta=0.5)


@pytest.mark.parametrize("key", MODEL_KEYS)
def test_bad_input_gets_a_clear_error(split, key, tmp_path):
    from engine.errors import CGIRError

    dataset, train, valid, _ = split
    model = make_model(key, threads=1)
    with pytest.raises(CGIRError, match="not trained"):
        model.save(tmp_path / "untrained")
    with pytest.raises(CGIRError, match="no training triples"):
        model.fit(dataset, train.subset(np.arange(0)), valid)
    assert not (tmp_path / "untrained").exists()
