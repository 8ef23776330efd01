"""The session store and the dialogue log (SQLAlchemy 2.x Core; SQLite by default, any URL works).

Two tables carry everything a later analysis needs:

``sessions``  one row per conversation: id, created/updated time, model id, and the dialogue
              state as JSON (:class:`SessionState`: current item, last sequence shown, undo stack,
              critiques so far, a pending clarification).
``turns``     one row per turn: session id, turn number, time, utterance, parse (JSON), reply text,
              items shown (JSON, with gamma / score / relevance), chosen item, latency, model id,
              intent, and the understood / clarification flags.

The values live in bot/store/records.py. The schema is versioned (bot/store/schema.py): opening
a database applies the missing migration steps in one transaction, so upgrading the package
never loses old logs (steps only add).

SQLite gets WAL journaling (readers do not block the writer), a busy timeout (concurrent writers
wait instead of failing) and foreign keys. Text is stored as given, except NUL characters, which
become U+FFFD because PostgreSQL text cannot hold them.

Several processes (``cgir serve --workers N``, several machines on one PostgreSQL) may run turns
of the same session at once. :meth:`Store.record_turn` is the one place that decides: turn ``n``
may only follow turn ``n - 1``. It locks the session row (created first with INSERT ... ON
CONFLICT DO NOTHING; PostgreSQL ``SELECT ... FOR UPDATE``, SQLite ``BEGIN IMMEDIATE``), checks the
stored turn count, and writes state and turn log in that one transaction, or raises
:class:`SessionChanged` (another process logged a turn of this session meanwhile: nothing is
written and the caller runs the turn again on the new state) or :class:`SessionBusy` (the lock
could not be had within the wait). The lock is held for a few statements only, never while a turn
is computed, so different sessions (and, on PostgreSQL, different processes) never wait for each
other's model work. The state a turn wrote stays decoded in the process for the session's next
turn (bot/store/held.py: :meth:`Store.take_session`, ``record_turn(..., keep=True)``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from bot.store.held import HeldStates
from bot.store.records import (
    SessionState,
    SessionSummary,
    TurnRecord,
    _aware,
    clean_for_db,
    utcnow,
)
from bot.store.schema import (
    LOCK_WAIT_S,
    MIGRATIONS,
    SCHEMA_VERSION,
    SESSION_ID_MAX,
    StoreError,
    make_engine,
    sessions_table,
    turns_table,
    version_table,
)

logger = logging.getLogger(__name__)

# The per-turn statements, built once with named parameters: a statement built per call with its
# values inlined made SQLAlchemy walk it for a cache key on every execute (~1 ms of a turn).
_SESSION_ID = sa.bindparam("session_id_")
_GET_SESSION = sa.select(sessions_table).where(sessions_table.c.id == _SESSION_ID)
_UPDATED_AT = sa.select(sessions_table.c.updated_at).where(sessions_table.c.id == _SESSION_ID)
_SESSION_EXISTS = sa.select(sessions_table.c.id).where(sessions_table.c.id == _SESSION_ID)
# Only the turn count is read out of the state (JSON path in SQL): the whole state is ~50 KB
# after 20 undo steps, and decoding it here cost ~1 ms of every turn.
_LOCKED_TURNS = (sa.select(sessions_table.c.state["turns"].as_integer(), sessions_table.c.created_at,
                           sessions_table.c.updated_at)
                 .where(sessions_table.c.id == _SESSION_ID).with_for_update())
_CREATE_SESSION = {
    "postgresql": postgresql_insert(sessions_table).on_conflict_do_nothing(),
    "sqlite": sqlite_insert(sessions_table).on_conflict_do_nothing(),
}
_UPDATE_SESSION = sessions_table.update().where(sessions_table.c.id == _SESSION_ID)
# A turn's write in one statement while the row is the one its state was read from (as a rule):
# the write lock (SQLite) or row lock (PostgreSQL re-checks the condition on a row changed
# meanwhile) makes check and write one step; else the locking read in record_turn decides.
_UPDATE_UNCHANGED = _UPDATE_SESSION.where(
    sessions_table.c.updated_at == sa.bindparam("read_updated_at"),
    sessions_table.c.state["turns"].as_integer() == sa.bindparam("read_turns"))
_INSERT_TURN = turns_table.insert()


class SessionChanged(StoreError):
    """Another process logged a turn of this session since its state was read; nothing written."""


class SessionBusy(StoreError):
    """A session's turn could not be applied in time (lock wait ran out, or it kept changing).

    Nothing of the turn was written; the client should send it again after `retry_after` seconds.
    """

    def __init__(self, message: str, retry_after: float = 1.0):
        super().__init__(message)
        self.retry_after = retry_after


# -- the store -----------------------------------------------------------------------------------


class Store:
    """Sessions and the turn log on any SQLAlchemy URL.

    >>> store = Store("sqlite:///chat.db")            # doctest: +SKIP
    >>> state = store.get_session("abc") or SessionState("abc")
    >>> store.record_turn(state, TurnRecord("abc", 1, "hi", {"intent": "out_of_scope"}, "Hello"))
    """

    def __init__(self, url: str, *, migrate: bool = True, lock_wait_s: float = LOCK_WAIT_S):
        self.url = url
        self.lock_wait_s = lock_wait_s
        self.engine = make_engine(url, lock_wait_s)
        self._sqlite = self.engine.dialect.name == "sqlite"
        self.held = HeldStates()  # states this process wrote, for their sessions' next turns
        try:
            if migrate:
                self.upgrade()
        except sa.exc.DBAPIError as error:  # unreachable server, not a database file, no rights
            self.engine.dispose()
            raise StoreError(f"cannot open the database {self.safe_url}: {error.orig}; "
                             f"check the path or URL given with --db") from None

    @property
    def safe_url(self) -> str:
        return sa.make_url(self.url).render_as_string(hide_password=True)

    # -- schema ----------------------------------------------------------------------------

    def _read_only(self):
        conn = self.engine.connect()
        if self._sqlite:
            conn = conn.execution_options(sqlite_begin="DEFERRED")
        return conn

    def schema_version(self) -> int:
        with self._read_only() as conn:
            if not sa.inspect(conn).has_table("schema_version"):
                return 0
            value = conn.execute(sa.select(sa.func.max(version_table.c.version))).scalar()
            return int(value or 0)

    def upgrade(self) -> int:
        """Apply the missing migration steps in one transaction; returns the new version."""
        if self.schema_version() == SCHEMA_VERSION:
            return SCHEMA_VERSION
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Two processes upgrading at once: the second waits, then finds nothing to do.
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7412031)"))
            version_table.create(conn, checkfirst=True)
            current = int(conn.execute(sa.select(sa.func.max(version_table.c.version))).scalar() or 0)
            if current == 0 and sa.inspect(conn).has_table("sessions"):
                raise StoreError(f"{self.safe_url} has tables but no schema_version; "
                                 f"it is not a cgir database, give another one with --db")
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.safe_url} has schema version {current}, newer than this package "
                    f"understands ({SCHEMA_VERSION}); upgrade cgir-bot")
            for step in range(current, SCHEMA_VERSION):
                logger.info("upgrading %s to schema version %d", self.safe_url, step + 1)
                MIGRATIONS[step](conn)
                conn.execute(version_table.insert().values(version=step + 1, applied_at=utcnow()))
        return SCHEMA_VERSION

    # -- sessions --------------------------------------------------------------------------

    def get_session(self, session_id: str) -> SessionState | None:
        with self._read_only() as conn:
            row = conn.execute(_GET_SESSION, {"session_id_": session_id}).first()
        if row is None:
            return None
        return SessionState.from_row(row.id, row.model_id, row.state, row.created_at, row.updated_at)

    def take_session(self, session_id: str) -> SessionState | None:
        """The session's state for a turn: the one this process wrote last (bot/store/held.py,
        no decoding) while the row is still the one it wrote, else the stored one. Pass it back
        with ``record_turn(..., keep=True)``."""
        held = self.held.take(session_id)
        if held is not None:
            with self._read_only() as conn:  # written since by another process (--workers N)?
                if _aware(conn.execute(_UPDATED_AT, {"session_id_": session_id}).scalar()) == held.updated_at:
                    return held
        return self.get_session(session_id)

    def _lock_session(self, conn: Connection, session_id: str,
                      model_id: str = "") -> tuple[int, datetime, datetime | None]:
        """Create the session row if absent, lock it for this transaction.

        Returns its stored turn count, creation and last update time.
        """
        key = {"session_id_": session_id}
        # FOR UPDATE is left out on SQLite, whose BEGIN IMMEDIATE already holds the write lock.
        # Most turns find their row: the insert is only tried (and the row locked again) when not.
        row = conn.execute(_LOCKED_TURNS, key).first()
        if row is None:
            now = utcnow()
            placeholder = {"id": session_id, "created_at": now, "updated_at": now, "state": {},
                           "model_id": model_id}
            if conn.dialect.name in _CREATE_SESSION:
                conn.execute(_CREATE_SESSION[conn.dialect.name], placeholder)
            elif conn.execute(_SESSION_EXISTS, key).first() is None:
                conn.execute(sessions_table.insert(), placeholder)
            row = conn.execute(_LOCKED_TURNS, key).one()
        turns, created_at, updated_at = row
        return int(turns or 0), _aware(created_at), _aware(updated_at)

    def _write_session(self, conn: Connection, state: SessionState, created_at: datetime | None,
                       read_turns: int | None = None) -> bool:
        """Update the session row with the state: always, or with `read_turns` only where the row still
        has that many turns and the state's update time. Returns whether it was written."""
        now = utcnow()
        values = {"session_id_": state.id, "state": state.state_json(), "updated_at": now,
                  "model_id": state.model_id}
        if read_turns is None:
            conn.execute(_UPDATE_SESSION, values)
        elif conn.execute(_UPDATE_UNCHANGED, {**values, "read_updated_at": state.updated_at,
                                              "read_turns": read_turns}).rowcount != 1:
            return False
        state.created_at = state.created_at or created_at
        state.updated_at = now
        return True

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction whose lock waits end after `lock_wait_s` with SessionBusy."""
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text(f"SET LOCAL lock_timeout = '{int(self.lock_wait_s * 1000)}ms'"))
                yield conn
        except sa.exc.OperationalError as error:
            if not _is_lock_wait(error):
                raise
            raise SessionBusy(f"the session store stayed locked for {self.lock_wait_s:g} s; "
                              f"send the message again") from None

    def save_session(self, state: SessionState) -> None:
        if not state.id or len(state.id) > SESSION_ID_MAX:
            raise StoreError(f"a session id must have 1 to {SESSION_ID_MAX} characters")
        with self._writing() as conn:
            _, created_at, _ = self._lock_session(conn, state.id)
            self._write_session(conn, state, created_at)
        self.held.forget(state.id)

    def sessions(self) -> list[SessionSummary]:
        """All sessions, most recently active first, with their turn counts."""
        counts = (
            sa.select(turns_table.c.session_id, sa.func.count().label("n"))
            .group_by(turns_table.c.session_id).subquery()
        )
        query = (
            sa.select(sessions_table.c.id, sessions_table.c.model_id, sessions_table.c.created_at,
                      sessions_table.c.updated_at, sa.func.coalesce(counts.c.n, 0))
            .select_from(sessions_table.outerjoin(counts, counts.c.session_id == sessions_table.c.id))
            .order_by(sessions_table.c.updated_at.desc())
        )
        with self._read_only() as conn:
            return [
                SessionSummary(r[0], r[1] or "", _aware(r[2]), _aware(r[3]), int(r[4]))
                for r in conn.execute(query)
            ]

    # -- turns -----------------------------------------------------------------------------

    @staticmethod
    def _turn_values(record: TurnRecord) -> dict:
        if record.created_at is None:
            record.created_at = utcnow()
        return {
            "session_id": record.session_id,
            "turn": int(record.turn),
            "created_at": record.created_at,
            "utterance": clean_for_db(record.utterance) or "",
            "parse": record.parse,
            "reply": clean_for_db(record.reply) or "",
            "items": record.items,
            "chosen_item": record.chosen_item,
            "latency_ms": float(record.latency_ms),
            "model_id": record.model_id or "",
            "intent": (record.intent or record.parse.get("intent", ""))[:32],
            "understood": bool(record.understood),
            "clarification": bool(record.clarification),
        }

    def record_turn(self, state: SessionState, record: TurnRecord, *, keep: bool = False) -> None:
        """Save the session state and log the turn atomically: both land or neither does.

        Turn ``record.turn`` may only follow turn ``record.turn - 1`` of the row the state was read
        from: when the stored session is at another turn, or was written since (another
        ``updated_at``), nothing is written and SessionChanged is raised; SessionBusy when its lock
        is not had in time. `keep`: the caller hands the state over (and will not change it), and
        :meth:`take_session` gives it to the session's next turn.
        """
        with self._writing() as conn:
            read = state.created_at is not None and state.updated_at is not None  # from a row
            if not (read and self._write_session(conn, state, None, read_turns=record.turn - 1)):
                stored, created_at, updated_at = self._lock_session(conn, state.id)
                if stored != record.turn - 1 or (state.updated_at is not None and updated_at != state.updated_at):
                    raise SessionChanged(f"session {state.id} is at turn {stored}, not {record.turn - 1}, "
                                         f"or was written since its state was read; "
                                         f"run the turn again on its current state")
                self._write_session(conn, state, created_at)
            record.id = conn.execute(_INSERT_TURN, self._turn_values(record)).inserted_primary_key[0]
        if keep:
            self.held.keep(state)

    def log_turn(self, record: TurnRecord) -> None:
        """Log one turn as given (no turn-order check); its session row is created if absent."""
        with self._writing() as conn:
            self._lock_session(conn, record.session_id, record.model_id)
            record.id = conn.execute(_INSERT_TURN, self._turn_values(record)).inserted_primary_key[0]

    def iter_turns(
        self,
        since: datetime | None = None,
        session_id: str | None = None,
        *,
        batch: int = 500,
    ) -> Iterator[TurnRecord]:
        """Turns in the order they were logged, optionally since a time and for one session.

        Pages through the table by primary key, so a large log streams in constant memory and no
        connection is held between pages.
        """
        last_id = 0
        while True:
            query = sa.select(turns_table).where(turns_table.c.id > last_id)
            if since is not None:
                # Stored in UTC; SQLite compares the text form, so the offset must match.
                since = since.replace(tzinfo=timezone.utc) if since.tzinfo is None else since.astimezone(timezone.utc)
                query = query.where(turns_table.c.created_at >= since)
            if session_id is not None:
                query = query.where(turns_table.c.session_id == session_id)
            with self._read_only() as conn:
                rows = conn.execute(query.order_by(turns_table.c.id).limit(batch)).all()
            for row in rows:
                yield _turn_from_row(row)
            if len(rows) < batch:
                return
            last_id = rows[-1].id

    def count_turns(self, session_id: str | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(turns_table)
        if session_id is not None:
            query = query.where(turns_table.c.session_id == session_id)
        with self._read_only() as conn:
            return int(conn.execute(query).scalar() or 0)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _is_lock_wait(error: sa.exc.OperationalError) -> bool:
    """A lock wait that ran out (SQLite busy timeout, PostgreSQL lock_timeout / deadlock)."""
    if getattr(error.orig, "sqlstate", None) in ("55P03", "40P01", "40001"):
        return True
    return "database is locked" in str(error.orig)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _turn_from_row(row) -> TurnRecord:  # noqa: ANN001
    parse = _json(row.parse) or {}
    return TurnRecord(
        id=row.id,
        session_id=row.session_id,
        turn=row.turn,
        utterance=row.utterance,
        parse=parse,
        reply=row.reply,
        items=_json(row.items) or [],
        chosen_item=row.chosen_item,
        latency_ms=row.latency_ms,
        model_id=row.model_id,
        intent=row.intent if row.intent is not None else str(parse.get("intent", "")),
        understood=bool(row.understood) if row.understood is not None else True,
        clarification=bool(row.clarification) if row.clarification is not None else False,
        created_at=_aware(row.created_at),
    )
