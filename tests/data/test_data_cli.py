"""`cgir data stats | demo` through click, and errors as one-line messages."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli.data import COMMANDS, data

KEYS = {"users", "items", "interactions", "tags", "tagged_items", "avg_tags_per_item",
        "available_tags", "triples"}


def test_commands_are_exported():
    assert [c.name for c in COMMANDS] == ["data"]
    assert set(data.commands) == {"stats", "fetch", "demo", "outside"}
    for command in data.commands.values():
        assert "Example" in command.help


def test_stats_json_on_a_tiny_release(make_layout):
    result = CliRunner().invoke(data, ["stats", str(make_layout("ml-20m", as_zip=True)),
                                       "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert KEYS <= set(figures)
    assert figures["users"] == 3 and figures["items"] == 6 and figures["interactions"] == 16
    assert figures["synthetic"] is False


def test_stats_table_says_synthetic_for_the_demo(tiny_demo_dir):
    result = CliRunner().invoke(data, ["stats", str(tiny_demo_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("SYNTHETIC")
    assert "# of available tags in Y" in result.output


def test_stats_lenient_reports_skipped_rows(make_layout):
    folder = make_layout("ml-latest-small")
    with open(folder / "ratings.csv", "a") as handle:
        handle.write("1,2\n")
    strict = CliRunner().invoke(data, ["stats", str(folder)])
    assert strict.exit_code != 0
    result = CliRunner().invoke(data, ["stats", str(folder), "--lenient", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["skipped_rows"] == {"ratings.csv": 1}


def test_demo_command_writes_a_marked_synthetic_world(tmp_path):
    dest = tmp_path / "world"
    result = CliRunner().invoke(data, ["demo", "--dest", str(dest), "--seed", "2", "--items",
                                       "60", "--users", "40"])
    assert result.exit_code == 0, result.output
    assert "SYNTHETIC" in result.output
    marker = json.loads((dest / "cgir-demo.json").read_text())
    assert (marker["seed"], marker["n_items"], marker["n_users"]) == (2, 60, 40)


def test_demo_refuses_a_foreign_non_empty_folder(tmp_path):
    (tmp_path / "thesis.tex").write_text("keep me")
    result = CliRunner().invoke(data, ["demo", "--dest", str(tmp_path), "--items", "60"])
    assert result.exit_code != 0 and "not empty" in str(result.exception or result.output)
    assert (tmp_path / "thesis.tex").read_text() == "keep me"


def test_user_errors_are_one_line_without_traceback(tmp_path):
    from bot.cli.main import cli

    result = CliRunner().invoke(cli, ["data", "stats", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    assert result.output.count("\n") == 1


def test_stats_json_on_movielens_small(movielens_small_zip):
    result = CliRunner().invoke(data, ["stats", str(movielens_small_zip), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert {k: figures[k] for k in ("users", "items", "interactions", "tags", "tagged_items",
                                    "avg_tags_per_item", "available_tags")} == {
        "users": 603, "items": 6298, "interactions": 48562, "tags": 175, "tagged_items": 6281,
        "avg_tags_per_item": 2.57, "available_tags": 145}


def test_docs_cover_every_data_command():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "data.md").read_text()
    for name in data.commands:
        assert f"cgir data {name}" in text, name
