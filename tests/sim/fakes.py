"""A planted retriever and a minimal manager, to test the simulator's loop without a model.

The planted item space is the relevance itself: item vectors are relevance rows and each tag's
vector is its unit axis, so "more dark" walks straight along the dark axis.
"""

from __future__ import annotations

import re

import numpy as np

from bot.types import Reply, ShownItem
from engine.retrieval import Modification, Retriever


def planted_retriever(n_items: int = 120, n_tags: int = 6, seed: int = 0) -> Retriever:
    rng = np.random.default_rng(seed)
    relevance = rng.beta(0.6, 0.6, size=(n_items, n_tags)).astype(np.float32)
    tags = [f"tag{k}" for k in range(n_tags)]
    return Retriever(relevance, np.eye(n_tags, dtype=np.float32) * 2.0, np.arange(100, 100 + n_items),
                     [f"Item {i}" for i in range(n_items)], tags, relevance=relevance, model_id="planted")


class FakeManager:
    """Understands "start from ID", "more TAG" / "less TAG" and "#k"; nothing else."""

    def __init__(self, retriever: Retriever, policy: str = "gradient", steps: int = 10):
        self.retriever = retriever
        self.policy = policy
        self.steps = steps
        self.state: dict[str, dict] = {}
        self.log: list[tuple[str, str]] = []

    def _item(self, row: int) -> ShownItem:
        r = self.retriever
        return ShownItem(int(r.item_ids[row]), r.titles[row])

    def handle(self, session_id: str, text: str) -> Reply:
        self.log.append((session_id, text))
        r = self.retriever
        state = self.state.setdefault(session_id, {"current": None, "sequence": []})
        if m := re.fullmatch(r"start from (\d+)", text):
            state["current"] = r.resolve_item(m.group(1))
            return Reply("ok", "reference", session_id, current=self._item(state["current"]))
        if m := re.fullmatch(r"#(\d+)", text):
            row = state["sequence"][int(m.group(1)) - 1]
            state["current"] = row
            return Reply("ok", "select", session_id, current=self._item(row))
        if m := re.fullmatch(r"(more|less) (\w+)", text):
            alpha = 1 if m.group(1) == "more" else -1
            mods = [Modification(r.resolve_tag(m.group(2)), alpha)]
            if self.policy == "gradient":
                seq = r.walk(state["current"], mods, steps=self.steps)
            else:
                seq = r.top_k(state["current"], mods, k=self.steps if self.policy == "list" else 1)
            state["sequence"] = [s.item for s in seq.steps]
            return Reply("here", "critique", session_id, current=self._item(state["current"]),
                         sequence=[self._item(s.item) for s in seq.steps], tag=m.group(2), alpha=alpha)
        return Reply("?", "out_of_scope", session_id, understood=False)
