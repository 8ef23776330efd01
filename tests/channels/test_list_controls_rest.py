"""List controls and "why?" over REST (`custom`: excluded, picked, explanation), and a seen-list
that survives a server restart (a second `cgir serve` process on the same SQLite file)."""

from __future__ import annotations

import pytest
import requests

from channel_helpers import say, start_server, stop, unique_titles

pytestmark = pytest.mark.slow


def _serve(tiny_model_dir, db_url, log):
    return start_server(["serve", "--model", str(tiny_model_dir), "--db", db_url, "--threads", "2",
                         "--policy", "adaptive"], "/health", log)


def test_exclusions_picks_and_why_over_rest_and_across_a_restart(tiny_model_dir, catalog, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'serve.db'}"
    title = unique_titles(catalog, 1)[0]
    process, url = _serve(tiny_model_dir, db_url, tmp_path / "first.log")
    try:
        sender = requests.post(url + "/session", timeout=10).json()["sender"]
        say(url, sender, f"something like {title}")
        walk = say(url, sender, "more comedy")["custom"]
        assert walk["sequence"] and all(s["gamma"] is None for s in walk["sequence"])  # no γ on a list
        assert walk["reference"]["title"] == title and "comedy" in walk["reference"]["degrees"]
        first = walk["sequence"][0]
        seen = say(url, sender, "I've seen #1")["custom"]
        assert seen["intent"] == "exclude"
        assert seen["excluded"] == [{"item_id": first["item_id"], "title": first["title"]}]
        assert first["item_id"] not in [s["item_id"] for s in seen["sequence"]]
        both = say(url, sender, "seen 2 and 3 already")["custom"]  # several at once
        assert both["intent"] == "exclude"
        assert both["excluded"] == [{"item_id": s["item_id"], "title": s["title"]} for s in seen["sequence"][1:3]]
        why = say(url, sender, "why #2?")["custom"]
        assert why["intent"] == "explain" and why["explanation"]["item"]["index"] == 2
        assert [a["attribute"] for a in why["explanation"]["asked"]] == ["comedy"]
        picked = say(url, sender, "the oldest one")["custom"]
        assert picked["intent"] == "select" and picked["picked"]["by"] == "oldest"
        assert picked["current"]["item_id"] == picked["picked"]["item_id"]
    finally:
        stop(process)
    process, url = _serve(tiny_model_dir, db_url, tmp_path / "second.log")
    try:
        listed = say(url, sender, "what have I excluded?")
        assert listed["custom"]["intent"] == "exclude" and first["title"] in listed["text"]
        say(url, sender, f"something like {title}")
        again = say(url, sender, "more comedy")["custom"]
        assert first["item_id"] not in [s["item_id"] for s in again["sequence"]]
    finally:
        stop(process)
