"""The store's tables, their migrations, and the database engine settings (see bot/store/sessions.py).

The schema is versioned: ``schema_version`` holds the number of migration steps applied, and
:data:`MIGRATIONS` lists the steps in order (only ever append; steps only add).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.store import json_codec
from engine.errors import CGIRError

SESSION_ID_MAX = 128
LOCK_WAIT_S = 10.0  # longest wait for a session's lock (SQLite: the write lock) before SessionBusy


class StoreError(CGIRError):
    """The database could not be opened, upgraded or written."""


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



# -- engines ---------------------------------------------------------------------------------------


def _is_sqlite(url: sa.URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _switch_to_wal(cursor, wait_s: float) -> None:  # noqa: ANN001 - a sqlite3 cursor
    """Put the file in WAL mode, waiting up to `wait_s` for other connections.

    While another connection writes a file still in rollback mode (a process creating the
    tables of a new database), SQLite refuses the switch at once with "database is locked"
    without calling the busy handler, so two processes starting on one new file could fail;
    the switch is retried here instead."""
    import sqlite3
    import time

    deadline = time.monotonic() + wait_s
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def make_engine(url: str, lock_wait_s: float = LOCK_WAIT_S) -> Engine:
    """An engine with the project's SQLite settings (WAL, busy timeout, FKs, real transactions)."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as error:
        raise StoreError(f"{url!r} is not a database URL; use e.g. sqlite:///chat.db or "
                         f"postgresql+psycopg://user@host/db ({error})") from None
    codec = {"json_serializer": json_codec.dumps, "json_deserializer": json_codec.loads}
    if not _is_sqlite(parsed):
        return sa.create_engine(parsed, pool_pre_ping=True, **codec)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        from pathlib import Path

        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder for the database {database}: "
                             f"{error.strerror}; give another path with --db") from None
    engine = sa.create_engine(
        parsed, connect_args={"timeout": lock_wait_s, "check_same_thread": False}, **codec
    )
    memory = database in ("", ":memory:")

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (the SQLAlchemy
        # docs' recipe), so DDL in a migration is transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
            _switch_to_wal(cursor, lock_wait_s)
            # NORMAL is safe from corruption in WAL mode and saves an fsync per turn.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(lock_wait_s * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        # IMMEDIATE takes the write lock up front for writing transactions, so two writers wait
        # for each other (busy timeout) instead of one failing half-way with "database is locked".
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
