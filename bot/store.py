"""The session store and the dialogue log (SQLAlchemy 2.x Core; SQLite by default, any URL works).

Two tables carry everything a later analysis needs:

``sessions``  one row per conversation: id, created/updated time, model id, and the dialogue
              state as JSON (:class:`SessionState`: current item, last sequence shown, undo stack,
              critiques so far, a pending clarification).
``turns``     one row per turn: session id, turn number, time, utterance, parse (JSON), reply text,
              items shown (JSON, with gamma / score / relevance), chosen item, latency, model id,
              intent, and the understood / clarification flags.

The schema is versioned: ``schema_version`` holds the number of migration steps applied, and
:data:`MIGRATIONS` lists the steps in order. Opening a database applies the missing steps in
one transaction, so upgrading the package never loses old logs (steps only add).

SQLite gets WAL journaling (readers do not block the writer), a busy timeout (concurrent writers
wait instead of failing) and foreign keys. Text is stored as given, except NUL characters, which
become U+FFFD because PostgreSQL text cannot hold them.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from engine.errors import CGIRError

logger = logging.getLogger(__name__)

SESSION_ID_MAX = 128
SQLITE_BUSY_TIMEOUT_MS = 10_000
_SURROGATES = re.compile("[\ud800-\udfff]")


class StoreError(CGIRError):
    """The database could not be opened, upgraded or written."""


# -- values --------------------------------------------------------------------------------------


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
    history: list[dict] = field(default_factory=list)  # undo stack of earlier snapshots
    critiques: list[dict] = field(default_factory=list)  # {"tag", "alpha", "strength"} so far
    pending: dict | None = None  # a clarification the next answer may resolve
    turns: int = 0  # turns logged so far
    created_at: datetime | None = None
    updated_at: datetime | None = None

    _STATE_KEYS = ("current", "last_sequence", "last_tag", "last_alpha", "history", "critiques",
                   "pending", "turns")

    def snapshot(self) -> dict:
        """The part `undo` restores."""
        return {
            "current": self.current,
            "last_sequence": list(self.last_sequence),
            "last_tag": self.last_tag,
            "last_alpha": self.last_alpha,
            "critiques": list(self.critiques),
        }

    def restore(self, snap: dict) -> None:
        self.current = snap.get("current")
        self.last_sequence = list(snap.get("last_sequence") or [])
        self.last_tag = snap.get("last_tag")
        self.last_alpha = snap.get("last_alpha")
        self.critiques = list(snap.get("critiques") or [])

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


# -- schema --------------------------------------------------------------------------------------
# The current shape, for queries. Changing it means appending a migration step below.

metadata = sa.MetaData()

sessions_table = sa.Table(
    "sessions", metadata,
    sa.Column("id", sa.String(SESSION_ID_MAX), primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("state", sa.JSON, nullable=False),
    sa.Column("model_id", sa.String(200)),  # v2
)

turns_table = sa.Table(
    "turns", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(SESSION_ID_MAX),
              sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    sa.Column("turn", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("utterance", sa.Text, nullable=False),
    sa.Column("parse", sa.JSON, nullable=False),
    sa.Column("reply", sa.Text, nullable=False),
    sa.Column("items", sa.JSON, nullable=False),
    sa.Column("chosen_item", sa.BigInteger),
    sa.Column("latency_ms", sa.Float, nullable=False),
    sa.Column("model_id", sa.String(200), nullable=False),
    sa.Column("intent", sa.String(32)),  # v2
    sa.Column("understood", sa.Boolean),  # v2
    sa.Column("clarification", sa.Boolean),  # v2
)

version_table = sa.Table(
    "schema_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)


def _migrate_1_create(conn: Connection) -> None:
    """v1: sessions and turns as first released (no intent/flags, model id only per turn)."""
    v1 = sa.MetaData()
    sa.Table(
        "sessions", v1,
        sa.Column("id", sa.String(SESSION_ID_MAX), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
    )
    sa.Table(
        "turns", v1,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(SESSION_ID_MAX),
                  sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("turn", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utterance", sa.Text, nullable=False),
        sa.Column("parse", sa.JSON, nullable=False),
        sa.Column("reply", sa.Text, nullable=False),
        sa.Column("items", sa.JSON, nullable=False),
        sa.Column("chosen_item", sa.BigInteger),
        sa.Column("latency_ms", sa.Float, nullable=False),
        sa.Column("model_id", sa.String(200), nullable=False),
    )
    v1.create_all(conn)


def _add_column(conn: Connection, table: str, column: sa.Column) -> None:
    type_sql = column.type.compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column.name} {type_sql}"))


def _migrate_2_flags(conn: Connection) -> None:
    """v2: per-turn intent and flags (so stats need not parse JSON), per-session model id,
    indexes for the log queries. Old turns get their intent back-filled from the parse JSON."""
    _add_column(conn, "turns", sa.Column("intent", sa.String(32)))
    _add_column(conn, "turns", sa.Column("understood", sa.Boolean))
    _add_column(conn, "turns", sa.Column("clarification", sa.Boolean))
    _add_column(conn, "sessions", sa.Column("model_id", sa.String(200)))
    rows = conn.execute(sa.text("SELECT id, parse FROM turns")).all()
    for row_id, parse in rows:
        data = parse if isinstance(parse, dict) else json.loads(parse or "{}")
        intent = str(data.get("intent", ""))[:32]
        conn.execute(
            sa.text("UPDATE turns SET intent = :intent, understood = :understood, "
                    "clarification = :clar WHERE id = :id"),
            {"intent": intent, "understood": intent != "out_of_scope", "clar": False, "id": row_id},
        )
    conn.execute(sa.text("CREATE INDEX ix_turns_session_turn ON turns (session_id, turn)"))
    conn.execute(sa.text("CREATE INDEX ix_turns_created_at ON turns (created_at)"))


# Ordered; step i brings the schema from version i-1 to i. Only ever append.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_migrate_1_create, _migrate_2_flags)
SCHEMA_VERSION = len(MIGRATIONS)


# -- the store -----------------------------------------------------------------------------------


def _is_sqlite(url: sa.URL) -> bool:
    return url.get_backend_name() == "sqlite"


def make_engine(url: str) -> Engine:
    """An engine with the project's SQLite settings (WAL, busy timeout, FKs, real transactions)."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as error:
        raise StoreError(f"{url!r} is not a database URL; use e.g. sqlite:///chat.db or "
                         f"postgresql+psycopg://user@host/db ({error})") from None
    if not _is_sqlite(parsed):
        return sa.create_engine(parsed, pool_pre_ping=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        from pathlib import Path

        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder for the database {database}: "
                             f"{error.strerror}; give another path with --db") from None
    engine = sa.create_engine(
        parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    )
    memory = database in ("", ":memory:")

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (the SQLAlchemy
        # docs' recipe), so DDL in a migration is transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            # NORMAL is safe from corruption in WAL mode and saves an fsync per turn.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        # IMMEDIATE takes the write lock up front for writing transactions, so two writers wait
        # for each other (busy timeout) instead of one failing half-way with "database is locked".
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


class Store:
    """Sessions and the turn log on any SQLAlchemy URL.

    >>> store = Store("sqlite:///chat.db")            # doctest: +SKIP
    >>> state = store.get_session("abc") or SessionState("abc")
    >>> store.record_turn(state, TurnRecord("abc", 1, "hi", {"intent": "out_of_scope"}, "Hello"))
    """

    def __init__(self, url: str, *, migrate: bool = True):
        self.url = url
        self.engine = make_engine(url)
        self._sqlite = self.engine.dialect.name == "sqlite"
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
            row = conn.execute(
                sa.select(sessions_table).where(sessions_table.c.id == session_id)
            ).first()
        if row is None:
            return None
        return SessionState.from_row(row.id, row.model_id, row.state, row.created_at, row.updated_at)

    def _upsert_session(self, conn: Connection, state: SessionState) -> None:
        now = utcnow()
        if state.created_at is None:
            state.created_at = now
        state.updated_at = now
        values = {"state": state.state_json(), "updated_at": now, "model_id": state.model_id}
        updated = conn.execute(
            sessions_table.update().where(sessions_table.c.id == state.id).values(**values)
        ).rowcount
        if not updated:
            conn.execute(sessions_table.insert().values(id=state.id, created_at=state.created_at, **values))

    def save_session(self, state: SessionState) -> None:
        if not state.id or len(state.id) > SESSION_ID_MAX:
            raise StoreError(f"a session id must have 1 to {SESSION_ID_MAX} characters")
        with self.engine.begin() as conn:
            self._upsert_session(conn, state)

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

    def record_turn(self, state: SessionState, record: TurnRecord) -> None:
        """Save the session state and log the turn atomically: both land or neither does."""
        with self.engine.begin() as conn:
            self._upsert_session(conn, state)
            record.id = conn.execute(
                turns_table.insert().values(**self._turn_values(record))
            ).inserted_primary_key[0]

    def log_turn(self, record: TurnRecord) -> None:
        """Log one turn; its session row is created (empty state) if it does not exist yet."""
        with self.engine.begin() as conn:
            exists = conn.execute(
                sa.select(sessions_table.c.id).where(sessions_table.c.id == record.session_id)
            ).first()
            if exists is None:
                self._upsert_session(conn, SessionState(record.session_id, model_id=record.model_id))
            record.id = conn.execute(
                turns_table.insert().values(**self._turn_values(record))
            ).inserted_primary_key[0]

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
