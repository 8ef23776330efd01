"""`cgir parse`: the JSON contract, --file in order, empty lines, invalid UTF-8, errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import parse as cli_parse
from bot.nlu.parser import Parser

TAGS = ("action", "comedy", "horror", "romance", "violent", "family", "sci-fi")
TITLES = ("Toy Story (1995)", "Heat (1995)")


@pytest.fixture(scope="module")
def small_parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-cli-tags.npz"
    return Parser(TAGS, TITLES, (1, 6), tag_vectors_cache=cache)


@pytest.fixture()
def runner(monkeypatch, small_parser) -> CliRunner:
    built = []

    def fake_build(model, progress=True):
        built.append(model)
        return small_parser

    monkeypatch.setattr(cli_parse, "build_parser", fake_build)
    runner = CliRunner()
    runner.built = built  # type: ignore[attr-defined]
    return runner


def test_single_text_json(runner):
    result = runner.invoke(cli_parse.parse_command, ["demo", "fewer explosions", "--json"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    assert json.loads(result.output) == {
        "intent": "critique", "critiques": [{"alpha": -1, "tag": "action", "score": 1.0, "strength": 1.0}]}


def test_single_text_pretty_is_still_json(runner):
    result = runner.invoke(cli_parse.parse_command, ["demo", "the third one"])
    assert json.loads(result.output) == {"intent": "select", "index": 3}


def test_file_one_json_line_per_utterance_in_order(runner, tmp_path):
    lines = [b"something like Toy Story", b"", b"less horror, more comedy", b"\xff\xfe broken \xc3",
             b"undo\r", b"   ", b"#2"]
    path = tmp_path / "in.txt"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = runner.invoke(cli_parse.parse_command, ["demo", "--file", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["intent"] for o in out] == [
        "reference", "out_of_scope", "critique", "out_of_scope", "undo", "out_of_scope", "select"]
    assert out[0] == {"intent": "reference", "item_id": 1, "title": "Toy Story (1995)"}
    assert [(c["alpha"], c["tag"]) for c in out[2]["critiques"]] == [(-1, "horror"), (1, "comedy")]
    assert runner.built == ["demo"]  # the model is loaded once for the whole file


def test_file_from_stdin(runner):
    result = runner.invoke(cli_parse.parse_command, ["demo", "--file", "-"], input=b"less violent\nbye\n")
    assert [json.loads(x)["intent"] for x in result.output.splitlines()] == ["critique", "bye"]


def test_text_and_file_together_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli_parse.parse_command, ["demo", "x", "--file", str(tmp_path / "f")])
    assert result.exit_code == 2 and "not both" in result.output


def test_missing_model_folder_is_a_one_line_error(tmp_path):
    from bot.cli.main import cli

    result = CliRunner().invoke(cli, ["parse", str(tmp_path / "nope"), "less action"])
    assert result.exit_code == 1
    assert "no model folder" in result.output and "Traceback" not in result.output


def test_missing_file_is_a_one_line_error(runner, tmp_path):
    from engine.errors import CGIRError

    result = runner.invoke(cli_parse.parse_command, ["demo", "--file", str(tmp_path / "absent.txt")])
    assert isinstance(result.exception, CGIRError) and "cannot read" in str(result.exception)


@pytest.mark.slow
def test_parse_on_a_trained_checkpoint(tiny_model_dir):
    from bot.cli.main import cli

    result = CliRunner().invoke(cli, ["parse", str(tiny_model_dir), "too scary for me", "--json"])
    assert result.exit_code == 0, result.output
    # the JSON is stdout's; a fresh CGIR_HOME also announces the phrase table on stderr, from a
    # background thread, so the mixed `output` may end with that line instead
    parse = json.loads(result.stdout.strip().splitlines()[-1])
    assert parse["intent"] == "critique" and parse["critiques"][0]["tag"] == "horror"
    assert parse["critiques"][0]["alpha"] == -1
