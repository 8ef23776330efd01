"""The values the session store keeps: a session's dialogue state, one logged turn, a session
summary (bot/store/sessions.py reads and writes them)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, TypedDict

from bot.store import json_codec

_SURROGATES = re.compile("[\ud800-\udfff]")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything here is written in UTC.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)


def clean_for_db(text: str | None) -> str | None:
    """Text every backend accepts: NUL -> U+FFFD, lone surrogates -> U+FFFD."""
    if text is None:
        return None
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return _SURROGATES.sub("\ufffd", text)


class Snapshot(Mapping):
    """One undo step of a session: read-only, and encoded to JSON once.

    A session's state is written on every turn, and its undo stack is nearly all of it (20 steps,
    ~60 of ~63 KB); encoding the stack anew each turn was the largest cost of the store's write.
    A step never changes once pushed, so its text is kept: the store's encoder (ujson) inserts
    what :meth:`__json__` returns as it is. Change a step with :meth:`replace`, which makes a new one.
    """

    def __init__(self, values: Mapping[str, Any]):
        self._values = dict(values)
        self._json: str | None = None

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Snapshot({self._values!r})"

    def __json__(self) -> str:
        if self._json is None:
            self._json = json_codec.dumps(self._values)
        return self._json

    def replace(self, **changes: Any) -> "Snapshot":
        return Snapshot({**self._values, **changes})


# One entry of `SessionState.critiques`: the critiques of one turn and the item id they started from.
CritiqueStep = TypedDict("CritiqueStep", {"critiques": list[dict], "from": int | None})


@dataclass
class SessionState:
    """Everything the dialogue manager remembers about one conversation.

    Items are kept by catalog id (``item_id``), not by row, so a state stays valid for any model
    trained on the same catalog.
    """

    id: str
    model_id: str = ""
    current: int | None = None  # item id of the current (reference) item
    last_sequence: list[dict] = field(default_factory=list)  # ShownItem dicts, in order shown
    last_tag: str | None = None  # the tag the last sequence's relevance refers to
    last_alpha: int | None = None
    history: list[Snapshot] = field(default_factory=list)  # undo stack of earlier states
    critiques: list[CritiqueStep] = field(default_factory=list)  # one entry per critique turn
    pending: dict | None = None  # a clarification the next answer may resolve
    # The answer on screen, so "more" can continue it: {"kind": "critique", "from": item id,
    # "critiques": [...]} or {"kind": "jump", "from": item id | None}.
    answer: dict | None = None
    # Items set aside for the rest of the session ("seen it", "not the third one"): {"item_id",
    # "title"}, or {"tag"} for "no more Tarantino films". Every policy skips them; undo restores.
    excluded: list[dict] = field(default_factory=list)
    years: dict | None = None  # release-year filter {"min", "max"} (bot.dialogue.years), None: none
    # A second film named with the reference ("like Heat and Collateral"): {"of": item id, "with":
    # item id}; answers from "of" are then near both (bot.dialogue.policies.paired_row).
    paired: dict | None = None
    turns: int = 0  # turns logged so far
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        self.history = [step if isinstance(step, Snapshot) else Snapshot(step) for step in self.history]

    _STATE_KEYS = ("current", "last_sequence", "last_tag", "last_alpha", "history", "critiques",
                   "pending", "answer", "excluded", "turns", "years", "paired")

    def start_from(self, item_id: int, also: int | None = None) -> None:
        """Make `item_id` the film answers go from; `also`: a second film named with it ("like Heat
        and Collateral"), so that answers from it go near both."""
        self.current = int(item_id)
        self.paired = None if also is None else {"of": self.current, "with": int(also)}

    def snapshot(self) -> Snapshot:
        """The part `undo` restores."""
        return Snapshot({
            "current": self.current,
            "last_sequence": list(self.last_sequence),
            "last_tag": self.last_tag,
            "last_alpha": self.last_alpha,
            "critiques": list(self.critiques),
            "answer": self.answer,
            "excluded": list(self.excluded),
            "years": self.years,
            "paired": self.paired,
        })

    def restore(self, snap: Mapping[str, Any]) -> None:
        self.current = snap.get("current")
        self.last_sequence = list(snap.get("last_sequence") or [])
        self.last_tag = snap.get("last_tag")
        self.last_alpha = snap.get("last_alpha")
        self.critiques = list(snap.get("critiques") or [])
        self.answer = snap.get("answer")
        self.excluded = list(snap.get("excluded") or [])
        self.years = snap.get("years")
        self.paired = snap.get("paired")

    def state_json(self) -> dict:
        return {k: getattr(self, k) for k in self._STATE_KEYS}

    @classmethod
    def from_row(cls, id: str, model_id: str | None, state: Any, created_at, updated_at) -> "SessionState":
        data = state if isinstance(state, dict) else json.loads(state or "{}")
        known = {k: data[k] for k in cls._STATE_KEYS if k in data}
        return cls(id=id, model_id=model_id or "", created_at=_aware(created_at),
                   updated_at=_aware(updated_at), **known)


@dataclass
class TurnRecord:
    """One logged turn. `items` are the ShownItem dicts shown (current item first if no sequence)."""

    session_id: str
    turn: int
    utterance: str
    parse: dict
    reply: str
    items: list[dict] = field(default_factory=list)
    chosen_item: int | None = None
    latency_ms: float = 0.0
    model_id: str = ""
    intent: str = ""
    understood: bool = True
    clarification: bool = False
    created_at: datetime | None = None
    id: int | None = None

    def to_json(self) -> dict:
        out = asdict(self)
        out["created_at"] = self.created_at.isoformat() if self.created_at else None
        return out


@dataclass(frozen=True)
class SessionSummary:
    id: str
    model_id: str
    created_at: datetime | None
    updated_at: datetime | None
    turns: int
