"""The CGIR model end to end on the planted grid: walks, checkpoints, refusals, determinism."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from engine_planted import fake_word_vectors, small_config
from engine_planted import planted_dataset, planted_triples

from engine.models.checkpoint import load_retriever
from engine.errors import CGIRError, CheckpointError, ModelFitError
from engine.models.base import TextVectors
from engine.models.cgir import CGIR
from engine.retrieval.retriever import Modification, Retriever

ACTION, ROMANCE, COMEDY = 0, 1, 2


def _quick_fit(dataset, config, seed_words: int = 0) -> CGIR:
    triples = planted_triples(dataset)
    return CGIR(config).fit(dataset, triples, None,
                            text=TextVectors(words=fake_word_vectors(3, seed_words)))


def test_checkpoint_records_training(planted_model_dir, planted):
    manifest = json.loads((planted_model_dir / "config.json").read_text())
    assert manifest["dataset"]["fingerprint"] == planted.fingerprint()
    assert manifest["config"]["dim"] == 16 and manifest["name"] == "CGIR"
    # the planted geometry is learnable: held-out targets rank far above chance (1/121)
    assert manifest["test_metrics"]["mrr"] > 0.05
    assert manifest["test_metrics"]["hit@20"] > 0.4
    for name in ("weights.pt", "arrays.npz", "items.json", "tags.json", "item_tags.npz",
                 "relevance.npy", "popularity.npy", "history.json"):
        assert (planted_model_dir / name).is_file(), name


def test_walk_climbs_the_planted_tag(planted_model_dir, planted):
    retriever = load_retriever(planted_model_dir, planted)
    relevance = planted.relevance[:, ACTION]
    starts = np.flatnonzero(relevance <= 0.2)[::3]
    rises, gains = [], []
    for start in starts:
        sequence = retriever.walk(int(start), [Modification(ACTION, 1)], steps=8)
        values = np.array([relevance[s.item] for s in sequence.steps])
        rises.append(np.mean(np.diff(values) >= 0))
        gains.append(values[-1] - relevance[start])
        assert len(sequence.steps) == 8
    # the walk moves along "action": mostly non-decreasing steps, and far up by the end
    assert np.mean(rises) >= 0.75, rises
    assert np.mean(gains) >= 0.4, gains
    # and "less action" from the top goes down
    start = int(np.flatnonzero(relevance >= 0.9)[0])
    values = [relevance[s.item] for s in retriever.walk(start, [Modification(ACTION, -1)]).steps]
    assert values[-1] < relevance[start] - 0.3


def test_walk_excludes_reference(planted_model_dir):
    retriever = load_retriever(planted_model_dir)
    for start in range(0, retriever.n_items, 10):
        for kwargs in ({}, {"skip_seen": False}, {"monotone": False}):
            sequence = retriever.walk(start, [Modification(COMEDY, 1)], **kwargs)
            assert start not in [s.item for s in sequence.steps]
            assert len(sequence.steps) == 10


def test_two_modifications_compose(planted_model_dir, planted):
    retriever = load_retriever(planted_model_dir)
    both = [Modification(ACTION, 1), Modification(ROMANCE, -1)]
    np.testing.assert_allclose(retriever.modification_vector(both),
                               retriever.tag_vectors[ACTION] - retriever.tag_vectors[ROMANCE])
    relevance = planted.relevance
    starts = np.flatnonzero((relevance[:, ACTION] <= 0.3) & (relevance[:, ROMANCE] >= 0.7))
    action_gain, romance_gain = [], []
    for start in starts:
        last = retriever.walk(int(start), both).steps[-1].item
        action_gain.append(relevance[last, ACTION] - relevance[start, ACTION])
        romance_gain.append(relevance[last, ROMANCE] - relevance[start, ROMANCE])
    assert np.mean(action_gain) > 0.3 and np.mean(romance_gain) < -0.3


def test_checkpoint_round_trip_gives_identical_sequences(planted_model_dir, planted, tmp_path):
    model = CGIR.load(planted_model_dir, planted)
    copy_dir = tmp_path / "copy"
    model.save(copy_dir, planted)
    again = CGIR.load(copy_dir)
    gammas = np.linspace(0.1, 1.0, 10)
    ref, tag, alpha = np.array([3, 50]), np.array([ACTION, ROMANCE]), np.array([1, -1])
    np.testing.assert_array_equal(model.score(ref, tag, alpha, gammas),
                                  again.score(ref, tag, alpha, gammas))
    first, second = load_retriever(planted_model_dir), load_retriever(copy_dir)
    for start in (0, 17, 60):
        mods = [Modification(ACTION, 1), Modification(COMEDY, -1)]
        assert first.walk(start, mods).to_json(first) == second.walk(start, mods).to_json(second)
    # the reloaded network reproduces the saved arrays
    import torch

    with torch.no_grad():
        np.testing.assert_allclose(again.net.tag_vectors().numpy(), again.tag_vectors(), atol=1e-6)


def test_score_is_the_inner_product_of_eq_6(planted_model_dir):
    model = CGIR.load(planted_model_dir)
    items, tags = model.item_vectors(), model.tag_vectors()
    gammas = np.array([0.0, 0.5, 1.0], dtype=np.float32)
    scores = model.score(np.array([4, 9]), np.array([ACTION, COMEDY]), np.array([1, -1]), gammas)
    assert scores.shape == (2, 3, items.shape[0]) and scores.dtype == np.float32
    expected = (items[9] - 0.5 * tags[COMEDY]) @ items.T
    np.testing.assert_allclose(scores[1, 1], expected, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(scores[0, 0], items[4] @ items.T, rtol=1e-5, atol=1e-5)
    # the Retriever scores the same way
    retriever = Retriever(items, tags, np.arange(items.shape[0]), [str(i) for i in range(items.shape[0])],
                          list(model.tags))
    np.testing.assert_allclose(retriever.scores(9, [Modification(COMEDY, -1)], gammas), scores[1],
                               rtol=1e-5, atol=1e-5)


def test_fingerprint_mismatch_is_refused(planted_model_dir):
    other = planted_dataset(seed=1)
    with pytest.raises(CheckpointError, match="fingerprint"):
        load_retriever(planted_model_dir, other)
    with pytest.raises(CheckpointError, match="cgir train"):
        CGIR.load(planted_model_dir, other)


def test_incomplete_checkpoint_is_refused(tmp_path):
    with pytest.raises(CheckpointError, match="not a checkpoint"):
        load_retriever(tmp_path / "absent")
    (tmp_path / "half").mkdir()
    with pytest.raises(CheckpointError, match="incomplete"):
        load_retriever(tmp_path / "half")


def test_training_is_deterministic_for_a_seed():
    dataset = planted_dataset(seed=0, n_users=300)
    config = small_config(epochs=1, steps_per_epoch=8)
    first = _quick_fit(dataset, config).item_vectors()
    second = _quick_fit(dataset, config).item_vectors()
    np.testing.assert_array_equal(first, second)
    other = _quick_fit(dataset, small_config(epochs=1, steps_per_epoch=8, seed=1)).item_vectors()
    assert not np.array_equal(first, other)


def test_training_on_two_threads_gives_the_same_weights_twice(tiny_dataset):
    # At the default network size, two threads' accumulation order differed in the last bits
    # run to run (up to 7e-7 after 20 steps here) before training used deterministic kernels.
    import torch

    from engine.config import TrainConfig
    from engine.training.pipeline import make_triples, split_triples

    config = TrainConfig(epochs=1, max_steps_per_epoch=20, threads=2, seed=0)
    train, _, _ = split_triples(make_triples(tiny_dataset, config), config)
    before = torch.are_deterministic_algorithms_enabled()
    runs = [CGIR(config).fit(tiny_dataset, train, None, progress=False).item_vectors() for _ in range(3)]
    np.testing.assert_array_equal(runs[0], runs[1])
    np.testing.assert_array_equal(runs[0], runs[2])
    assert torch.are_deterministic_algorithms_enabled() == before  # the process's setting is back


def test_nan_loss_stops_with_the_term_named(monkeypatch):
    import torch

    from engine.models import losses

    monkeypatch.setattr(losses, "sparse_loss", lambda codes, rho: codes.sum() * torch.nan)
    dataset = planted_dataset(seed=0, n_users=200)
    with pytest.raises(ModelFitError, match="sparse loss became nan"):
        _quick_fit(dataset, small_config(epochs=1, steps_per_epoch=3))


@pytest.mark.parametrize("variant, present, absent", [
    ("no-vae", {"alignment", "sparse"}, {"reconstruction", "kl"}),
    ("no-sparse", {"alignment", "reconstruction", "kl"}, {"sparse"}),
])
def test_ablation_variants_train(variant, present, absent):
    dataset = planted_dataset(seed=0, n_users=200)
    model = _quick_fit(dataset, small_config(variant=variant, epochs=2, steps_per_epoch=4))
    terms = {k[len("loss_"):] for k in model.result.history[-1] if k.startswith("loss_")}
    assert present <= terms and not (absent & terms)
    assert model.item_vectors().shape == (dataset.n_items, 16)
    assert model.score(np.array([0]), np.array([1]), np.array([1]), np.array([0.5])).shape == (1, 1, 121)


def test_cuda_request_without_gpu_is_a_clear_error():
    import torch

    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    dataset = planted_dataset(seed=0, n_users=100)
    with pytest.raises(CGIRError, match="--device cpu"):
        _quick_fit(dataset, small_config(device="cuda", epochs=1, steps_per_epoch=1))


def test_retrieve_cli_json_and_errors(planted_model_dir):
    from bot.cli.main import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["retrieve", str(planted_model_dir), "--item", "1",
                                 "--more", "action", "--less", "romance", "--json", "--steps", "5",
                                 "--walk", "gamma"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["tag"] == "action" and payload["alpha"] == 1
    assert [m["tag"] for m in payload["modifications"]] == ["action", "romance"]
    assert len(payload["sequence"]) == 5
    assert set(payload["sequence"][0]) == {"item_id", "title", "gamma", "score", "relevance",
                                           "degree"}
    assert all(0.0 <= s["degree"] <= 1.0 for s in payload["sequence"])  # estimated, calibrated
    assert payload["reference"]["item_id"] == 1
    # --less first: the first critique is the JSON's tag
    result = runner.invoke(cli, ["retrieve", str(planted_model_dir), "--item", "1",
                                 "--less", "romance", "--more", "action", "--json"])
    assert json.loads(result.output)["tag"] == "romance"
    table = runner.invoke(cli, ["retrieve", str(planted_model_dir), "--item", "1", "--more", "comedy"])
    assert table.exit_code == 0 and "more comedy" in table.output
    typo = runner.invoke(cli, ["retrieve", str(planted_model_dir), "--item", "1", "--more", "acton"])
    assert typo.exit_code == 0  # a clear typo resolves to the closest tag
    bad = runner.invoke(cli, ["retrieve", str(planted_model_dir), "--item", "1", "--more", "xyzzy"])
    assert bad.exit_code == 1 and "no tag matches 'xyzzy'" in bad.output
    unknown = runner.invoke(cli, ["retrieve", str(planted_model_dir), "--item", "Zebra Quartet", "--more", "action"])
    assert unknown.exit_code == 1 and "no item matches 'Zebra Quartet'" in unknown.output
    missing = runner.invoke(cli, ["retrieve", str(planted_model_dir), "--item", "1"])
    assert missing.exit_code == 2 and "--more" in missing.output


def test_retrieve_cli_walks_estimated_degrees_by_default(planted_model_dir):
    from bot.cli.main import cli
    from engine.models.checkpoint import load_retriever

    retriever = load_retriever(planted_model_dir)
    action = retriever.resolve_tag("action")
    degrees = retriever.attribute_degrees(action)
    high, low = int(np.argmax(degrees)), int(np.argmin(degrees))
    runner = CliRunner()
    result = runner.invoke(cli, ["retrieve", str(planted_model_dir), "--item",
                                 str(retriever.item_ids[high]), "--less", "action", "--json"])
    payload = json.loads(result.output)
    shown = [s["degree"] for s in payload["sequence"]]
    assert len(shown) == 10 and all(a > b for a, b in zip(shown, shown[1:]))
    assert payload["reference"]["degree"] > shown[0]
    floor = runner.invoke(cli, ["retrieve", str(planted_model_dir), "--item",
                                str(retriever.item_ids[low]), "--less", "action"])
    assert floor.exit_code == 0 and "already at the floor of action" in floor.output


def test_train_model_through_the_dataset_layer(tiny_model_dir, tiny_dataset):
    """The shared tiny model: real triples, real MiniLM word vectors, a loadable checkpoint."""
    manifest = json.loads((tiny_model_dir / "config.json").read_text())
    assert manifest["dataset"]["fingerprint"] == tiny_dataset.fingerprint()
    assert manifest["split"]["n_test"] > 0 and 0.0 < manifest["test_metrics"]["mrr"] <= 1.0
    words = np.load(tiny_model_dir / "arrays.npz")["word_vectors"]
    assert words.shape[1] == 384
    np.testing.assert_allclose(np.linalg.norm(words, axis=1), 1.0, atol=1e-4)
    retriever = load_retriever(tiny_model_dir, tiny_dataset)
    assert retriever.synthetic and retriever.relevance is not None
    action = retriever.resolve_tag("action")
    sequence = retriever.walk(0, [Modification(action, -1)])
    assert len(sequence.steps) == 10 and all(s.relevance is not None for s in sequence.steps)


def test_ensure_demo_model_trains_once_then_loads(monkeypatch, tiny_dataset, tmp_path):
    import engine.data
    import engine.training.pipeline
    from engine.training.demo import demo_model_dir, ensure_demo_model

    monkeypatch.setenv("CGIR_HOME", str(tmp_path))
    monkeypatch.setattr(engine.data, "load_dataset", lambda source: tiny_dataset)
    path = ensure_demo_model(progress=False, config=small_config(epochs=1, steps_per_epoch=2))
    assert path == demo_model_dir() and (path / "config.json").is_file()

    def no_training(*args, **kwargs):
        raise AssertionError("the cached demo model must not be retrained")

    monkeypatch.setattr(engine.training.pipeline, "train_model", no_training)
    assert ensure_demo_model(progress=False) == path


def test_walk_defaults_come_from_the_training_config(planted, tmp_path):
    from engine.retrieval.sequences import WalkDefaults
    from engine.training.pipeline import train_on_triples

    config = small_config(epochs=1, steps_per_epoch=2, gamma_min=0.0, steps=5)
    path = train_on_triples(planted, planted_triples(planted), config, tmp_path / "m",
                            progress=False, text=TextVectors(words=fake_word_vectors(3)))
    # a stored gamma_min of 0 stays 0 (no `or 0.1` fallback)
    assert load_retriever(path).defaults == WalkDefaults(steps=5, gamma_min=0.0, gamma_max=1.0)
    assert Retriever(np.eye(2), np.eye(2), [1, 2], ["a", "b"], ["x", "y"]).defaults == WalkDefaults()
