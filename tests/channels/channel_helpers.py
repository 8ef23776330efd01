"""Small helpers shared by the channel tests."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import requests

from engine.retrieval import normalize_title

# Debian's chromium, never a browser downloaded by a test tool.
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def unique_titles(retriever, n: int = 3) -> list[str]:
    """The most popular titles whose normalised form is unique (so a reference resolves at once)."""
    counts = Counter(normalize_title(t) for t in retriever.titles)
    order = np.argsort(-retriever.popularity, kind="stable")
    return [retriever.titles[i] for i in order if counts[normalize_title(retriever.titles[i])] == 1][:n]


def say(url: str, sender: str, message: str, session: requests.Session | None = None) -> dict:
    """One REST-channel turn; asserts the Rasa shape and returns the single message."""
    res = (session or requests).post(f"{url}/webhooks/rest/webhook",
                                     json={"sender": sender, "message": message}, timeout=60)
    assert res.status_code == 200, res.text
    body = res.json()
    assert isinstance(body, list) and len(body) == 1, body
    message_out = body[0]
    assert message_out["recipient_id"] == sender
    assert isinstance(message_out["text"], str) and message_out["text"]
    assert message_out["custom"]["type"] == "cgir.turn"
    return message_out
