"""A turn's reads and writes on SQLite, straight through the DBAPI cursor.

Every turn reads its session and then, in one transaction, locks the row, checks the turn count,
updates the state and logs the turn (bot/store/sessions.py says why). Through SQLAlchemy Core
these few statements cost more Python than the turn's database work: per execute a context,
events, result objects (~0.8 ms of a ~6 ms turn in `cgir serve`). Here the same SQL runs on a
pooled DBAPI connection of the same engine, with the values converted by the column types' own
SQLAlchemy processors (JSON through the store's codec, datetimes in SQLAlchemy's SQLite text
form), so what is stored and read back is what the Core path stores and reads. SQLite only; the
Store keeps the Core path for every other database and for everything but these two steps.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.store.schema import sessions_table, turns_table

_GET = "SELECT id, created_at, updated_at, state, model_id FROM sessions WHERE id = ?"
_LOCKED = "SELECT CAST(json_extract(state, '$.\"turns\"') AS INTEGER), created_at FROM sessions WHERE id = ?"
_CREATE = ("INSERT INTO sessions (id, created_at, updated_at, state, model_id) VALUES (?, ?, ?, ?, ?) "
           "ON CONFLICT DO NOTHING")
_UPDATE = "UPDATE sessions SET updated_at = ?, state = ?, model_id = ? WHERE id = ?"
_TURN_COLUMNS = tuple(c.name for c in turns_table.columns if c.name != "id")
_INSERT_TURN = (f"INSERT INTO turns ({', '.join(_TURN_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in _TURN_COLUMNS)})")


def _same(value: Any) -> Any:
    return value


class SqliteTurns:
    """The per-turn statements of one SQLite engine (`Store` builds it for SQLite URLs)."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        dialect = engine.dialect

        def bind(column: sa.Column) -> Callable[[Any], Any]:
            return column.type.dialect_impl(dialect).bind_processor(dialect) or _same

        def result(column: sa.Column) -> Callable[[Any], Any]:
            return column.type.dialect_impl(dialect).result_processor(dialect, None) or _same

        s = sessions_table.c
        self._in_state, self._out_state = bind(s.state), result(s.state)
        self._in_time, self._out_time = bind(s.created_at), result(s.created_at)
        self._in_turn = [bind(turns_table.c[name]) for name in _TURN_COLUMNS]

    def get(self, session_id: str) -> tuple | None:
        """(id, model_id, state, created_at, updated_at) of the session row, or None."""
        raw = self.engine.raw_connection()
        try:
            row = raw.cursor().execute(_GET, (session_id,)).fetchone()
        finally:
            raw.close()
        if row is None:
            return None
        return row[0], row[4], self._out_state(row[3]), self._out_time(row[1]), self._out_time(row[2])

    def write(self, session_id: str, expected: int, created: datetime,
              update: Callable[[datetime], tuple[datetime, Any, str, dict]]) -> tuple[int | None, int]:
        """In one transaction (BEGIN IMMEDIATE: the write lock, waited for up to the busy
        timeout): create the row if absent (at time `created`), read its turn count; when it is
        `expected`, store what `update(created_at)` gives ((updated_at, state, model_id, the
        turn's column values)) and log the turn. Returns (the turn's id, or None when the count
        was another and nothing was written; the stored count)."""
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                row = cursor.execute(_LOCKED, (session_id,)).fetchone()
                if row is None:
                    when = self._in_time(created)
                    cursor.execute(_CREATE, (session_id, when, when, self._in_state({}), ""))
                    row = cursor.execute(_LOCKED, (session_id,)).fetchone()
                stored = int(row[0] or 0)
                if stored != expected:
                    raw.rollback()
                    return None, stored
                updated_at, state, model_id, turn = update(self._out_time(row[1]))
                cursor.execute(_UPDATE, (self._in_time(updated_at), self._in_state(state), model_id, session_id))
                cursor.execute(_INSERT_TURN, tuple(f(turn[name]) for f, name in zip(self._in_turn, _TURN_COLUMNS)))
                turn_id = cursor.lastrowid
                raw.commit()
                return turn_id, stored
            except BaseException:
                raw.rollback()
                raise
        finally:
            raw.close()


def lock_wait(error: BaseException) -> bool:
    """A DBAPI error that is SQLite's busy timeout running out."""
    return isinstance(error, sqlite3.OperationalError) and "database is locked" in str(error)
