"""`cgir eval` end to end on tiny data: every model, the JSON contract, the files, the plots."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from engine.errors import CGIRError
from engine.eval.report import public_json, write_outputs
from engine.eval.runner import EvalConfig, parse_models, run_beta_sweep, run_eval
from engine.models.registry import MODEL_KEYS

KEYS = {"hit@20", "hit@50", "mrr", "mgs", "mgs_c", "mgs_r", "ind", "std"}


def test_run_eval_all_models_on_planted_data(planted, encode, tmp_path):
    dataset, _ = planted
    config = EvalConfig(seeds=(0, 1), epochs=2, max_queries=25, threads=1, progress=False)
    results = run_eval(dataset, config, encode=encode)
    public = public_json(results)
    # graded relevance: the walk metrics of CGIR come along (engine.metrics.walks)
    assert set(public) == {"dataset", "seeds", "models", "walk"}
    walk = public["walk"]
    assert 0.0 <= walk["consistency"] <= 1.0 and 0.0 <= walk["other_change"] <= 1.0
    assert -1.0 <= walk["end_effect"] <= 1.0
    for part in ("before", "held_out", "blind"):  # the gamma walk; withheld items only; no genome
        assert set(walk[part]) == {"consistency", "end_effect", "other_change"}
    first = walk["per_seed"][0]
    assert first["held_out"]["n_queries"] == first["after"]["n_queries"] == 300
    assert len(walk["per_seed"]) == 2
    assert public["seeds"] == [0, 1]
    assert set(public["models"]) == set(MODEL_KEYS)
    for key, block in public["models"].items():
        assert set(block) == KEYS, key
        assert set(block["std"]) == KEYS - {"std"}
        for name in ("hit@20", "hit@50", "mrr", "mgs_c", "mgs_r"):
            assert 0.0 <= block[name] <= 1.0, (key, name)
        assert block["hit@20"] <= block["hit@50"]
        assert block["mgs"] <= min(block["mgs_c"], block["mgs_r"]) + 1e-9
    # two seeds: a real spread is measured for at least one number
    assert any(b["std"]["mrr"] > 0 for b in public["models"].values())
    paths = write_outputs(results, tmp_path)
    names = {p.name for p in paths}
    assert {"results.json", "results.md", "fig6-examples.png"} <= names
    stored = json.loads((tmp_path / "results.json").read_text())
    assert stored["models"].keys() == public["models"].keys()
    md = (tmp_path / "results.md").read_text()
    assert "| Hit@20 | Hit@50 | MRR | MGS |" in md and "| MGS | MGS-C | MGS-R | Ind. |" in md
    assert (tmp_path / "fig6-examples.png").stat().st_size > 5000


def test_code_protocol_masks_positives_and_needs_genres(planted, encode):
    dataset, _ = planted
    config = EvalConfig(models=("tirg",), seeds=(0,), epochs=1, protocol="code",
                        progress=False)
    # the planted tags are not genres: the authors' same-genre triples are impossible
    with pytest.raises(CGIRError, match="genre"):
        run_eval(dataset, config, encode=encode)


def test_beta_sweep_reports_one_point_per_beta(planted, encode):
    dataset, _ = planted
    config = EvalConfig(seeds=(0,), epochs=1, max_queries=10, progress=False, threads=1)
    sweep = run_beta_sweep(dataset, config, (0.0, 0.5), encode=encode)
    assert [p["beta"] for p in sweep["points"]] == [0.0, 0.5]
    assert all(0.0 <= p["ind"] <= 1.0 and not math.isnan(p["mgs"]) for p in sweep["points"])


def test_parse_models_and_bad_config():
    assert parse_models("all") == MODEL_KEYS
    assert parse_models("tirg, cgir") == ("tirg", "cgir")  # paper's table order
    with pytest.raises(CGIRError, match="unknown model"):
        parse_models("cgir,bert")
    with pytest.raises(CGIRError, match="protocol"):
        EvalConfig(protocol="nope")


def test_cli_eval_json_on_demo_world(tiny_demo_dir, encode, monkeypatch, tmp_path):
    import engine.text.minilm

    from bot.cli.main import cli

    monkeypatch.setattr(engine.text.minilm, "encode", encode)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, [
        "eval", str(tiny_demo_dir), "--models", "tirg,cgir", "--seeds", "1", "--epochs", "1",
        "--max-queries", "15", "--json", "--quiet", "--out", str(out), "--threads", "1"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)  # stdout holds exactly one JSON object
    assert set(payload) == {"dataset", "seeds", "models", "walk"}
    assert set(payload["models"]) == {"tirg", "cgir"}
    assert payload["walk"]["per_seed"][0]["after"]["n_queries"] == 300
    assert (out / "results.md").exists()


def test_cli_eval_reports_bad_input_in_one_line(tmp_path):
    from bot.cli.main import cli

    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "missing"), "--seeds", "1"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["eval", "demo", "--models", "bert"])
    assert result.exit_code != 0 and "unknown model" in result.output


def test_example_queries_have_distinct_tags_and_alternate_direction():
    import numpy as np

    from engine.data.triples import Triples
    from engine.eval.measure import example_indices

    n = 40
    alpha = np.where(np.arange(n) % 2, 1, -1).astype(np.int8)
    queries = Triples(np.arange(n), np.arange(n) % 5, alpha, np.arange(n))
    chosen = sorted(example_indices(queries, 4, seed=0))
    assert len(chosen) == 4
    assert len({int(queries.tag[q]) for q in chosen}) == 4
    assert sorted(int(queries.alpha[q]) for q in chosen) == [-1, -1, 1, 1]


def test_cgir_train_and_cgir_eval_report_the_same_mrr(tiny_model_dir, tiny_dataset):
    """`cgir train`'s held-out MRR and `cgir eval`'s measurement agree on one model and split."""
    from engine.eval.measure import retrieval_metrics
    from engine.eval.protocols import get_protocol
    from engine.eval.runner import make_split
    from engine.models.registry import load_model

    manifest = json.loads((tiny_model_dir / "config.json").read_text())
    model = load_model(tiny_model_dir, tiny_dataset)
    _, _, test = make_split(tiny_dataset, manifest["split"]["seed"],
                            EvalConfig(seeds=(0,), progress=False), get_protocol("paper"))
    assert len(test) == manifest["split"]["n_test"]
    measured = retrieval_metrics(model, test, tiny_dataset.n_items)
    for name in ("mrr", "hit@20", "hit@50"):
        assert measured[name] == pytest.approx(manifest["test_metrics"][name], abs=1e-6), name
