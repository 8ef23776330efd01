"""`cgir data outside MODEL DATA`: the titles a release holds beyond an older checkpoint, written
under CGIR_HOME and then found by the parser the chat and the server build."""

from __future__ import annotations

import json

from click.testing import CliRunner


def test_the_command_writes_the_list_the_parser_then_reads(tmp_path, monkeypatch):
    from bot.cli.main import cli
    from engine.retrieval.outside import load_outside_titles

    monkeypatch.setenv("CGIR_HOME", str(tmp_path / "home"))
    release = tmp_path / "release"
    release.mkdir()
    (release / "movies.csv").write_text("movieId,title,genres\n1,Solaris (1972),Drama\n2,Solaris (2002),Drama\n")
    (release / "ratings.csv").write_text("userId,movieId,rating,timestamp\n1,1,4.0,0\n1,2,2.0,0\n")
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text(json.dumps({"model_id": "m1"}))
    (model / "items.json").write_text(json.dumps({"item_ids": [1], "titles": ["Solaris (1972)"]}))
    result = CliRunner().invoke(cli, ["data", "outside", str(model), str(release)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 title outside the model")
    assert load_outside_titles(model, "m1").titles == ("Solaris (2002)",)
