"""The session states this process wrote last, kept decoded for the session's next turn.

A session's state is ~65 KB of JSON after 20 undo steps; decoding it at the start of every turn
was the largest single cost of the store (~0.5-0.9 ms of a 4-6 ms turn on ml-latest-small). The
state a turn just wrote is what the next turn would decode, so :class:`bot.store.sessions.Store`
keeps that object here and hands it back instead of reading the row again. It holds plain JSON
values only (lists, string keys: ShownItem.to_json writes its tuple as a list; the undo steps are
read-only mappings of such values, bot.store.records.Snapshot, as decoding makes them), so it equals what
decoding its row gives (checked turn by turn on bench/replay_turns.py's scripts, docs/benchmarks.md).

Correctness rests on two rules:

* ownership moves: :meth:`HeldStates.take` removes the state it returns, so one object is never
  handed to two turns, and a turn that fails (nothing written) leaves nothing behind; only a
  written state is kept (:meth:`HeldStates.keep`, after the commit);
* the row decides: a kept state is handed out only while the row's ``updated_at`` is the one it
  wrote (one indexed read of a timestamp, ~0.1 ms, instead of the state's JSON), else the row is
  read as without it; and the write checks again (the same turn count and ``updated_at``, in the
  UPDATE's condition), else :class:`bot.store.sessions.SessionChanged` and the turn runs again on
  the row as stored. So another process (``--workers N``, several machines on one PostgreSQL)
  writing the session costs a read as before, never a turn computed on a stale state or lost.

Bounded (least recently kept forgotten first): a forgotten session is simply read from the row.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from bot.store.records import SessionState

HELD_SESSIONS = 256  # 50 senders in the load benchmark; a long session's state is ~340 KB decoded


class HeldStates:
    """Thread-safe, bounded map session id -> the state this process last wrote for it."""

    def __init__(self, limit: int = HELD_SESSIONS):
        self.limit = limit
        self._states: OrderedDict[str, SessionState] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, session_id: str) -> SessionState | None:
        """The kept state of the session, removed from here (the caller owns it), or None."""
        with self._lock:
            return self._states.pop(session_id, None)

    def keep(self, state: SessionState) -> None:
        """Keep a state just written; the caller must not change it afterwards."""
        if self.limit <= 0:
            return
        with self._lock:
            self._states[state.id] = state
            self._states.move_to_end(state.id)
            while len(self._states) > self.limit:
                self._states.popitem(last=False)

    def forget(self, session_id: str) -> None:
        with self._lock:
            self._states.pop(session_id, None)

    def clear(self) -> None:
        with self._lock:
            self._states.clear()

    def __len__(self) -> int:
        return len(self._states)
