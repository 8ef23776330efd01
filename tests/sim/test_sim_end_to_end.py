"""A tiny simulation on the tiny model through the real manager and store, then the log tools."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from bot.logs.analysis import log_stats, read_records
from bot.dialogue.policies import DEFAULT_POLICY, POLICIES

USERS, TURNS = 6, 4


@pytest.fixture(scope="module")
def simulated(tiny_model_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("sim")
    db = f"sqlite:///{out / 'sim.db'}"
    args = ["simulate", "--model", str(tiny_model_dir), "--db", db, "--users", str(USERS),
            "--max-turns", str(TURNS), "--seed", "3", "--json", "--quiet",
            "--plot", str(out / "img"), "--sessions-out", str(out / "sessions.jsonl")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1]), db, out, args


def test_summary_has_every_policy_and_curve(simulated):
    summary, db, out, _ = simulated
    assert set(summary["policies"]) == {"adaptive", "gradient", "list", "single"}
    assert summary["default_policy"] == DEFAULT_POLICY == "adaptive"
    assert summary["config"]["target"] == "mixed"
    for name, p in summary["policies"].items():
        assert p["users"] == USERS
        values = [e["value"] for e in p["success_at"]]
        assert len(values) == TURNS and values == sorted(values)
        assert all(e["low"] <= e["value"] <= e["high"] for e in p["success_at"])
        assert 1 <= p["session_length"]["value"] <= TURNS
        assert sum(p["ends"].values()) == USERS
        assert 0 <= p["misunderstood"]["value"] <= 1
    assert summary["model"]["relevance"] == "graded"
    assert set(summary["comparisons"]) == {"adaptive-gradient", "adaptive-list", "adaptive-single",
                                           "gradient-list", "gradient-single", "list-single"}
    assert (out / "img" / "success_vs_turns.png").stat().st_size > 5000
    sessions = [json.loads(line) for line in (out / "sessions.jsonl").read_text().splitlines()[1:]]
    assert len(sessions) == len(POLICIES) * USERS
    assert all(s["target_id"] != s["start_id"] for s in sessions)
    # mixed users: far-target and degree-seeking alternate, the same ones under every policy
    assert [s["kind"] for s in sessions[::len(POLICIES)]] == ["far", "degree"] * (USERS // 2)
    degree = [s for s in sessions if s["kind"] == "degree"]
    assert all(s["goal"]["tag"] and s["graded"] == s["critiques"] for s in degree)


def test_every_simulated_turn_is_in_the_log(simulated):
    summary, db, out, _ = simulated
    records = read_records(db)
    stats = log_stats(records)
    assert stats["sessions"] == len(POLICIES) * USERS
    sessions = [json.loads(line) for line in (out / "sessions.jsonl").read_text().splitlines()[1:]]
    # Each session: the start, one turn per critique, one per pick (plus clarifications / undos).
    minimum = sum(1 + s["critiques"] + len(s["picks"]) for s in sessions)
    assert stats["turns"] >= minimum
    assert stats["picks"]["total"] == sum(len(s["picks"]) for s in sessions)
    by_position = {int(k): v for k, v in stats["picks"]["by_position"].items() if v}
    expected: dict[int, int] = {}
    for s in sessions:
        for position in s["picks"]:
            expected[position] = expected.get(position, 0) + 1
    assert by_position == expected
    assert stats["latency_ms"]["p50"] > 0
    starts = [r for r in records if r["utterance"].startswith("start from")]
    assert len(starts) == len(POLICIES) * USERS and all(r["intent"] == "reference" for r in starts)


def test_logs_export_and_stats_commands_on_the_simulation_db(simulated, tmp_path):
    summary, db, out, _ = simulated
    runner = CliRunner()
    result = runner.invoke(cli, ["logs", "export", "--db", db, "--out", str(tmp_path / "t.jsonl")])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "t.jsonl").read_text().splitlines()
    first = json.loads(lines[1])
    assert first["intent"] == "critique" and first["shown"] and "gamma" in first["shown"][0]
    assert first["model_id"]
    result = runner.invoke(cli, ["logs", "export", "--db", db, "--format", "csv",
                                 "--out", str(tmp_path / "t.csv")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((tmp_path / "t.csv").open()))
    assert len(rows) == len(lines)
    result = runner.invoke(cli, ["logs", "stats", "--db", db, "--json", "--plot", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["sessions"] == len(POLICIES) * USERS
    assert (tmp_path / "p" / "turns_per_session.png").exists()


def test_simulation_is_deterministic_per_seed(simulated, tmp_path):
    summary, db, out, args = simulated
    again = list(args)
    again[again.index("--db") + 1] = f"sqlite:///{tmp_path / 'again.db'}"
    again[again.index("--plot") + 1] = str(tmp_path / "img")
    again[again.index("--sessions-out") + 1] = str(tmp_path / "s.jsonl")
    result = CliRunner().invoke(cli, again)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["policies"] == summary["policies"]


def test_saved_sessions_combine_to_the_same_summary(simulated, tmp_path):
    summary, db, out, _ = simulated
    result = CliRunner().invoke(cli, ["simulate", "--combine", str(out / "sessions.jsonl"), "--json",
                                      "--plot", str(tmp_path / "combined.png")])
    assert result.exit_code == 0, result.output
    combined = json.loads(result.stdout.strip().splitlines()[-1])
    assert combined["policies"] == summary["policies"]
    assert combined["comparisons"] == summary["comparisons"]
    assert (tmp_path / "combined.png").exists()


@pytest.mark.parametrize("target", ["degree", "far"])
def test_target_option_chooses_the_users(tiny_model_dir, tmp_path, target):
    args = ["simulate", "--model", str(tiny_model_dir), "--db", f"sqlite:///{tmp_path / 's.db'}",
            "--users", "4", "--max-turns", "3", "--policy", "adaptive", "--target", target,
            "--json", "--quiet", "--sessions-out", str(tmp_path / "s.jsonl")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["config"]["target"] == target and list(summary["policies"]) == ["adaptive"]
    assert list(summary["policies"]["adaptive"]["by_target"]) == [target]
    sessions = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text().splitlines()[1:]]
    assert {s["kind"] for s in sessions} == {target}
    graded = summary["policies"]["adaptive"]["graded_critiques"]
    assert (graded > 0) == (target == "degree")
