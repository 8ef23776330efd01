"""The store's JSON codec: ujson where it gives exactly what the standard library gives.

A session's state is ~70 KB of JSON after 20 undo steps, written and read on every turn; the
standard library took ~0.9 ms to encode and ~1.4 ms to decode it on this project's machines,
ujson ~0.3 and ~0.6 ms, with the same values back (its text only drops the spaces and escapes
"/"). Anything ujson refuses or cannot read falls back to the standard library. ujson >= 5.4
(the pinned dependency) writes floats at full precision (tests/bot/test_store_json_codec.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import ujson


def dumps(value: Any) -> str:
    """JSON text of `value` (the values json.dumps would write; NaN and infinities included)."""
    try:
        return ujson.dumps(value)
    except (TypeError, ValueError, OverflowError):
        # what the standard library makes of it (often the same TypeError)
        return json.dumps(value, default=_plain_mapping)


def _plain_mapping(value: Any) -> dict:
    """A read-only mapping (bot.store.records.Snapshot) as the dict ujson writes for it."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def loads(text: str | bytes) -> Any:
    """The value of JSON text (the values json.loads would give)."""
    try:
        return ujson.loads(text)
    except (TypeError, ValueError, OverflowError):
        return json.loads(text)  # lone surrogates and the like: the standard library's reading, or its error
