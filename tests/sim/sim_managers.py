"""A planted retriever and the real dialogue manager on it, to test the simulator's loop fast.

The planted item space is the relevance itself: item vectors are relevance rows and each tag's
vector is its unit axis, so "more tag3" walks straight along that axis. The manager is the real
DialogueManager with the real Parser on the deterministic test encoder and an in-memory store;
`RecordingManager` only remembers what it was told, so tests can check what the user said.
"""

from __future__ import annotations

import numpy as np

from bot.dialogue.manager import DialogueManager
from bot.store.sessions import Store
from bot.types import Reply
from engine.retrieval.retriever import Retriever
from fast_parser import fixture_parser


def planted_retriever(n_items: int = 120, n_tags: int = 6, seed: int = 0) -> Retriever:
    rng = np.random.default_rng(seed)
    relevance = rng.beta(0.6, 0.6, size=(n_items, n_tags)).astype(np.float32)
    tags = [f"tag{k}" for k in range(n_tags)]
    return Retriever(relevance, np.eye(n_tags, dtype=np.float32) * 2.0, np.arange(100, 100 + n_items),
                     [f"Item {i}" for i in range(n_items)], tags, relevance=relevance, model_id="planted")


class RecordingManager:
    """The real dialogue manager for one policy, plus the log of (session id, text) it handled."""

    def __init__(self, retriever: Retriever, policy: str = "gradient", steps: int = 10):
        self.manager = DialogueManager(retriever, fixture_parser(retriever), Store("sqlite://"),
                                       model_id="planted", policy=policy, steps=steps)
        self.retriever = retriever
        self.parser = self.manager.parser
        self.log: list[tuple[str, str]] = []

    def handle(self, session_id: str, text: str) -> Reply:
        self.log.append((session_id, text))
        return self.manager.handle(session_id, text)

    def last_sequence(self, session_id: str) -> list[int]:
        """Item ids of the last sequence the session was shown (from the stored state)."""
        state = self.manager.store.get_session(session_id)
        return [int(s["item_id"]) for s in state.last_sequence] if state else []
