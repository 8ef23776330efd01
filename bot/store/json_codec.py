"""The store's JSON codec: ujson where it gives exactly what the standard library gives.

A session's state is ~70 KB of JSON after 20 undo steps, written and read on every turn; the
standard library took ~0.9 ms to encode and ~1.4 ms to decode it on this project's machines,
ujson ~0.3 and ~0.6 ms, with the same values back (its text only drops the spaces and escapes
"/"). Anything ujson refuses or cannot read falls back to the standard library, and an ujson
that does not write floats at full precision (before 5.x) is not used at all.
"""

from __future__ import annotations

import json
from typing import Any

try:
    import ujson as _ujson  # installed with Sanic (the REST server)
except ImportError:  # pragma: no cover - ujson is a dependency; this keeps the store working without it
    _ujson = None

# Floats whose shortest text needs all 17 significant digits: a lossy encoder changes them.
_PROBE = [0.1 + 0.2, 1 / 3, 2 / 3 * 1e-7, 1.7976931348623157e308, 5e-324, {"k": [1e16, -0.0]}]


def _exact(codec: Any) -> bool:
    try:
        return json.loads(codec.dumps(_PROBE)) == _PROBE and codec.loads(json.dumps(_PROBE)) == _PROBE
    except (TypeError, ValueError, OverflowError):
        return False


_FAST = _ujson if _ujson is not None and _exact(_ujson) else None


def dumps(value: Any) -> str:
    """JSON text of `value` (the values json.dumps would write; NaN and infinities included)."""
    if _FAST is not None:
        try:
            return _FAST.dumps(value)
        except (TypeError, ValueError, OverflowError):
            pass  # what the standard library makes of it (often the same TypeError)
    return json.dumps(value)


def loads(text: str | bytes) -> Any:
    """The value of JSON text (the values json.loads would give)."""
    if _FAST is not None:
        try:
            return _FAST.loads(text)
        except (TypeError, ValueError, OverflowError):
            pass  # lone surrogates and the like: the standard library's reading, or its error
    return json.loads(text)
