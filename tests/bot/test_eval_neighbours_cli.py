"""`cgir eval neighbours DATA --json`: the candidate similarities on a held-out task."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli.main import cli


def test_eval_neighbours_reports_each_candidate_with_intervals(tmp_path):
    from engine.data.demo import write_demo

    world = write_demo(tmp_path / "world", seed=1, n_items=150, n_users=300)
    result = CliRunner().invoke(cli, ["eval", "neighbours", str(world), "--candidates",
                                      "cosine,ease,blend", "--bootstrap", "100", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n_items"] == 150 and report["evaluated_users"] > 100
    assert set(report["candidates"]) == {"cosine", "ease", "blend"}
    for name, figures in report["candidates"].items():
        for metric in ("hr@10", "ndcg@10"):
            low, high = figures[f"{metric}_ci"]
            assert 0 <= low <= figures[metric] <= high <= 1
        assert figures["peak_memory_mb"] > 0
    assert report["candidates"]["cosine"]["params"]["shrink"] in (0.0, 2.0, 5.0, 10.0, 20.0, 50.0)
    assert set(report["candidates"]["ease"]["validation_ndcg"]) == {"50.0", "200.0", "500.0",
                                                                    "1000.0", "3000.0"}
    # on a planted world, co-rating neighbours recommend far better than chance (10 / 150)
    assert report["candidates"]["cosine"]["hr@10"] > 0.1


def test_eval_neighbours_refuses_an_unknown_candidate(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "neighbours", "demo", "--candidates", "pagerank"])
    assert result.exit_code != 0 and "--candidates takes" in result.output


def test_eval_neighbours_fixed_uses_the_recorded_settings_without_a_sweep(tmp_path):
    from engine.data.demo import write_demo
    from engine.retrieval.similarity import DEFAULT_LAMBDA, DEFAULT_SHRINK

    world = write_demo(tmp_path / "world", seed=2, n_items=120, n_users=200)
    result = CliRunner().invoke(cli, ["eval", "neighbours", str(world), "--candidates",
                                      "cosine,ease", "--fixed", "--bootstrap", "100", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["fixed"] is True
    assert report["candidates"]["cosine"]["params"]["shrink"] == DEFAULT_SHRINK
    assert report["candidates"]["ease"]["params"]["lambda"] == DEFAULT_LAMBDA
    assert report["candidates"]["cosine"]["validation_ndcg"] == {}
