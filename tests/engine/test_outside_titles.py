"""Titles a release holds that the trained model lacks: listed with their rating counts, written
beside a checkpoint or under CGIR_HOME, read back as a resolver."""

from __future__ import annotations

import json

import numpy as np

from engine.retrieval.outside import (OUTSIDE_FILE, load_outside_titles, outside_titles,
                                      remember_outside_titles)


def _release(folder):
    folder.mkdir()
    (folder / "movies.csv").write_text(
        "movieId,title,genres\n1,Solaris (1972),Drama\n2,Solaris (2002),Drama\n3,1984 (1984),Drama\n"
        "4,Cube (1997),Horror\n")
    rows = ["userId,movieId,rating,timestamp"] + [f"{u},1,4.0,0" for u in range(1, 6)]
    rows += ["1,2,2.0,0", "2,2,3.0,0", "3,3,1.0,0"]
    (folder / "ratings.csv").write_text("\n".join(rows) + "\n")
    return folder


def test_the_movies_the_model_lacks_are_listed_most_rated_first(tmp_path):
    data = outside_titles(_release(tmp_path / "release"), np.array([1]))
    assert data == {"item_ids": [2, 3, 4], "titles": ["Solaris (2002)", "1984 (1984)", "Cube (1997)"],
                    "ratings": [2, 1, 0], "watched": [5]}


def test_a_checkpoint_without_the_list_gets_one_under_cgir_home(tmp_path, monkeypatch):
    monkeypatch.setenv("CGIR_HOME", str(tmp_path / "home"))
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text(json.dumps({"model_id": "abc123"}))
    (model / "items.json").write_text(json.dumps({"item_ids": [1], "titles": ["Solaris (1972)"]}))
    assert load_outside_titles(model, "abc123") is None
    path = remember_outside_titles(model, _release(tmp_path / "release"))
    assert path.parent.parent == tmp_path / "home" and not (model / OUTSIDE_FILE).exists()
    resolver = load_outside_titles(model, "abc123")
    assert resolver.exact("solaris")[0].title == "Solaris (2002)"
    assert resolver.named_by_number("1984").title == "1984 (1984)"
