"""Log export and statistics, on a store filled by hand (no model needed)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from bot.logs.analysis import LogError, export, log_stats, parse_since, read_records, to_record
from bot.store.sessions import Store, TurnRecord

T0 = datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc)


def seq(*ids: int) -> list[dict]:
    return [{"item_id": i, "title": f"Movie {i}", "gamma": round(0.1 * (k + 1), 1),
             "score": 1.0 - 0.01 * k, "relevance": 0.1 * k} for k, i in enumerate(ids)]


def crit(tag: str, alpha: int) -> dict:
    return {"intent": "critique", "critiques": [{"tag": tag, "alpha": alpha, "score": 0.8, "strength": 1.0}]}


def fill(store: Store) -> None:
    """Session a: reference, critique, pick the 3rd, critique, pick the 1st.
    Session b: critique not understood, clarification, critique, pick the 10th."""
    turns = [
        TurnRecord("a", 1, "I liked Movie 1", {"intent": "reference", "item_id": 1}, "ok", seq(1)),
        TurnRecord("a", 2, "darker please", crit("dark", 1), "here", seq(11, 12, 13, 14)),
        TurnRecord("a", 3, "#3", {"intent": "select", "index": 3}, "ok", seq(13), chosen_item=13),
        TurnRecord("a", 4, "less violent", crit("violent", -1), "here", seq(21, 22)),
        TurnRecord("a", 5, "#1", {"intent": "select", "index": 1}, "ok", seq(21), chosen_item=21),
        TurnRecord("b", 1, "blorp", {"intent": "out_of_scope"}, "sorry", [], understood=False),
        TurnRecord("b", 2, "more sciency", crit("sci-fi", 1), "which?", [], clarification=True),
        TurnRecord("b", 3, "more sci-fi", crit("sci-fi", 1), "here", seq(*range(31, 41))),
        TurnRecord("b", 4, "the last one", {"intent": "select", "index": -1}, "ok", seq(40), chosen_item=40),
    ]
    for k, record in enumerate(turns):
        record.created_at = T0 + timedelta(minutes=k)
        record.latency_ms = float(10 * (k + 1))
        record.model_id = "m1"
        record.intent = record.parse["intent"]
        store.log_turn(record)


@pytest.fixture
def db_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    with Store(url) as store:
        fill(store)
    return url


def test_records_carry_every_field_and_the_pick_position(db_url):
    records = read_records(db_url)
    assert len(records) == 9
    r = records[2]
    assert r["session_id"] == "a" and r["turn"] == 3 and r["utterance"] == "#3"
    assert r["chosen"] == {"item_id": 13, "position": 3}
    assert records[1]["shown"][0] == {"position": 1, "item_id": 11, "title": "Movie 11", "gamma": 0.1,
                                      "relevance": 0.0, "score": 1.0}
    assert records[1]["tag"] == "dark" and records[1]["alpha"] == 1
    assert records[0]["time"].startswith("2026-11-27T08:00:00")
    assert records[8]["chosen"]["position"] == 10
    assert records[5]["understood"] is False and records[6]["clarification"] is True
    assert {r["model_id"] for r in records} == {"m1"}


def test_stats_on_hand_counted_log(db_url):
    stats = log_stats(read_records(db_url))
    assert stats["sessions"] == 2 and stats["turns"] == 9
    assert stats["turns_per_session"]["mean"] == 4.5
    assert stats["critiques_per_session"]["mean"] == 2.0  # a: 2, b: 2 (clarified one included)
    assert stats["not_understood"]["count"] == 1
    assert stats["not_understood"]["value"] == pytest.approx(1 / 9)
    assert stats["clarification"]["count"] == 1
    assert stats["picks"]["total"] == 3
    by = stats["picks"]["by_position"]
    assert (by["1"], by["3"], by["10"], by["2"]) == (1, 1, 1, 0)
    # Latencies 10..90 ms: p50 = 50, p95 = 86.
    assert stats["latency_ms"]["p50"] == 50.0 and stats["latency_ms"]["p95"] == pytest.approx(86.0)


def test_since_filters_turns(db_url):
    records = read_records(db_url, since=parse_since("2026-11-27T08:05"))
    assert [r["utterance"] for r in records][:2] == ["blorp", "more sciency"]
    assert len(records) == 4
    assert parse_since("2026-11-27") == datetime(2026, 11, 27, tzinfo=timezone.utc)
    with pytest.raises(LogError, match="YYYY-MM-DD"):
        parse_since("yesterday")


def test_session_pattern_filters(db_url):
    assert {r["session_id"] for r in read_records(db_url, sessions="b*")} == {"b"}
    assert read_records(db_url, sessions="z*") == []


def test_export_jsonl_and_csv_round_trip(db_url):
    records = read_records(db_url)
    out = io.StringIO()
    assert export(records, out, "jsonl") == 9
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[2]["chosen"]["position"] == 3 and lines[1]["parse"]["critiques"][0]["tag"] == "dark"
    out = io.StringIO()
    export(records, out, "csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 9 and rows[1]["utterance"] == "darker please"
    assert json.loads(rows[1]["shown"])[3]["item_id"] == 14
    with pytest.raises(LogError):
        export(records, io.StringIO(), "xml")


def test_to_record_accepts_plain_dicts():
    record = to_record({"session_id": "s", "utterance": "hi", "parse": '{"intent": "help"}',
                        "latency": 0.25, "created_at": T0})
    assert record["intent"] == "help" and record["latency_ms"] == 250.0
    assert record["chosen"] is None and record["shown"] == []


def test_cli_export_and_stats(db_url, tmp_path):
    from bot.cli.main import cli

    runner = CliRunner()
    out = tmp_path / "turns.csv"
    result = runner.invoke(cli, ["logs", "export", "--db", db_url, "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().count("\n") >= 10
    result = runner.invoke(cli, ["logs", "stats", "--db", db_url, "--json", "--plot", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    assert stats["sessions"] == 2
    assert (tmp_path / "p" / "picked_position.png").stat().st_size > 1000
    result = runner.invoke(cli, ["logs", "stats", "--db", db_url])
    assert "needed clarification" in result.output


def test_cli_reports_a_missing_database(tmp_path):
    from bot.cli.main import cli

    result = CliRunner().invoke(cli, ["logs", "stats", "--db", f"sqlite:///{tmp_path / 'nope.db'}"])
    assert result.exit_code == 1 and "no log database" in result.output
    assert not (tmp_path / "nope.db").exists()
