"""The session store: round-trips, schema upgrades, resume across restarts, PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.store.sessions import (
    SCHEMA_VERSION,
    SessionBusy,
    SessionChanged,
    SessionState,
    Store,
    StoreError,
    TurnRecord,
)


def _turn(session_id: str, n: int, utterance: str = "less action", **kw) -> TurnRecord:
    return TurnRecord(session_id=session_id, turn=n, utterance=utterance,
                      parse={"intent": "critique", "critiques": [{"alpha": -1, "tag": "action"}]},
                      reply=f"reply {n}", items=[{"item_id": 10, "title": "Heat (1995)", "gamma": 0.1,
                                                  "score": 1.5, "relevance": 0.25}],
                      latency_ms=3.5, model_id="m1", intent="critique", **kw)


def test_fresh_database_is_at_the_current_schema_version(store):
    assert store.schema_version() == SCHEMA_VERSION
    assert store.sessions() == []
    assert list(store.iter_turns()) == []


def test_session_state_round_trips(store):
    state = SessionState("s-1", model_id="m1", current=42,
                         last_sequence=[{"item_id": 7, "title": "Heat", "gamma": 0.5, "score": 1.0,
                                         "relevance": None}],
                         last_tag="action", last_alpha=-1,
                         history=[{"current": None, "last_sequence": [], "critiques": []}],
                         critiques=[{"critiques": [{"tag": "action", "alpha": -1}], "from": 42}],
                         pending={"kind": "critique", "index": 0, "critiques": []}, turns=3)
    store.save_session(state)
    back = store.get_session("s-1")
    assert back is not None
    assert back.state_json() == state.state_json()
    assert back.model_id == "m1"
    assert back.created_at.tzinfo is not None and back.updated_at >= back.created_at
    assert store.get_session("nope") is None


def test_turn_round_trips_with_all_fields(store):
    state = SessionState("s-2", model_id="m1", turns=1)
    record = _turn("s-2", 1, chosen_item=10, understood=False, clarification=True)
    store.record_turn(state, record)
    (back,) = list(store.iter_turns())
    assert back.id == record.id
    assert (back.session_id, back.turn, back.utterance, back.reply) == ("s-2", 1, "less action", "reply 1")
    assert back.parse == record.parse and back.items == record.items
    assert back.chosen_item == 10 and back.latency_ms == 3.5 and back.model_id == "m1"
    assert back.intent == "critique" and back.understood is False and back.clarification is True
    assert abs((back.created_at - record.created_at).total_seconds()) < 1e-3


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(utterance=_text, reply=_text, title=_text, latency=st.floats(0, 1e6, allow_nan=False))
def test_unicode_text_round_trips_exactly(store, utterance, reply, title, latency):
    sid = uuid.uuid4().hex
    record = TurnRecord(sid, 1, utterance, {"intent": "reference", "title": title}, reply,
                        items=[{"item_id": 1, "title": title}], latency_ms=latency)
    store.record_turn(SessionState(sid, pending={"title": title}), record)
    (back,) = list(store.iter_turns(session_id=sid))
    assert (back.utterance, back.reply) == (utterance, reply)
    assert back.parse["title"] == title and back.items[0]["title"] == title
    assert back.latency_ms == pytest.approx(latency)
    assert store.get_session(sid).pending == {"title": title}


def test_nul_and_lone_surrogates_become_replacement_characters(store):
    store.log_turn(TurnRecord("s-3", 1, "a\x00b\ud800c", {"intent": "out_of_scope"}, "r\x00"))
    (back,) = list(store.iter_turns())
    assert back.utterance == "a\ufffdb\ufffdc" and back.reply == "r\ufffd"


def test_session_resumes_from_a_new_store_on_the_same_file(db_url):
    first = Store(db_url)
    first.record_turn(SessionState("keep", current=5, turns=1), _turn("keep", 1))
    first.close()
    second = Store(db_url)
    try:
        state = second.get_session("keep")
        assert state.current == 5 and state.turns == 1
        assert [t.turn for t in second.iter_turns(session_id="keep")] == [1]
    finally:
        second.close()


def test_iter_turns_filters_and_pages(store):
    for sid in ("a", "b"):
        for n in range(1, 6):
            store.record_turn(SessionState(sid, turns=n), _turn(sid, n))
    assert [t.turn for t in store.iter_turns(session_id="a", batch=2)] == [1, 2, 3, 4, 5]
    assert len(list(store.iter_turns(batch=3))) == 10
    assert list(store.iter_turns(since=datetime.now(timezone.utc) + timedelta(minutes=1))) == []
    local = datetime.now(timezone(timedelta(hours=5))) - timedelta(minutes=1)
    assert len(list(store.iter_turns(since=local))) == 10
    summaries = {s.id: s.turns for s in store.sessions()}
    assert summaries == {"a": 5, "b": 5}
    assert store.count_turns() == 10 and store.count_turns("a") == 5


def test_log_turn_creates_its_session(store):
    store.log_turn(_turn("fresh", 1))
    assert store.get_session("fresh") is not None
    assert store.sessions()[0].turns == 1


def test_session_id_too_long_is_refused(store):
    with pytest.raises(StoreError, match="1 to 128"):
        store.save_session(SessionState("x" * 129))


def test_concurrent_writers_on_one_file_all_land(db_url):
    stores = [Store(db_url) for _ in range(3)]
    errors: list[BaseException] = []

    def write(store: Store, sid: str) -> None:
        try:
            for n in range(1, 16):
                store.record_turn(SessionState(sid, turns=n), _turn(sid, n))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(s, f"w{i}")) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert stores[0].count_turns() == 45
    for s in stores:
        s.close()


# -- schema versions --------------------------------------------------------------------------

V1_DDL = """
CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL, applied_at DATETIME NOT NULL);
INSERT INTO schema_version (version, applied_at) VALUES (1, '2026-01-01 00:00:00');
CREATE TABLE sessions (id VARCHAR(128) PRIMARY KEY, created_at DATETIME NOT NULL,
                       updated_at DATETIME NOT NULL, state JSON NOT NULL);
CREATE TABLE turns (id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id VARCHAR(128) NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                    turn INTEGER NOT NULL, created_at DATETIME NOT NULL, utterance TEXT NOT NULL,
                    parse JSON NOT NULL, reply TEXT NOT NULL, items JSON NOT NULL, chosen_item BIGINT,
                    latency_ms FLOAT NOT NULL, model_id VARCHAR(200) NOT NULL);
INSERT INTO sessions VALUES ('old', '2026-01-01 00:00:00', '2026-01-01 00:01:00', '{"current": 10, "turns": 2}');
INSERT INTO turns (session_id, turn, created_at, utterance, parse, reply, items, chosen_item, latency_ms, model_id)
VALUES ('old', 1, '2026-01-01 00:00:30', 'something like Heat', '{"intent": "reference", "item_id": 10}',
        'Starting from Heat', '[]', NULL, 12.5, 'v1-model'),
       ('old', 2, '2026-01-01 00:01:00', 'blah', '{"intent": "out_of_scope"}', 'Sorry', '[]', NULL, 3.0, 'v1-model');
"""


def _v1_database(path) -> str:
    con = sqlite3.connect(path)
    con.executescript(V1_DDL)
    con.commit()
    con.close()
    return f"sqlite:///{path}"


def test_upgrade_from_v1_keeps_every_old_turn(tmp_path):
    url = _v1_database(tmp_path / "v1.db")
    store = Store(url)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        old = list(store.iter_turns(session_id="old"))
        assert [t.utterance for t in old] == ["something like Heat", "blah"]
        assert [t.intent for t in old] == ["reference", "out_of_scope"]  # back-filled from the parse
        assert [t.understood for t in old] == [True, False]
        assert old[0].latency_ms == 12.5 and old[0].model_id == "v1-model"
        assert old[0].created_at == datetime(2026, 1, 1, 0, 0, 30, tzinfo=timezone.utc)
        state = store.get_session("old")
        assert state.current == 10 and state.turns == 2
        # The upgraded database takes new turns with the new columns.
        state.turns += 1
        store.record_turn(state, _turn("old", 3, clarification=True))
        assert [t.clarification for t in store.iter_turns(session_id="old")] == [False, False, True]
    finally:
        store.close()
    # Opening again is a no-op: no step runs twice.
    again = Store(url)
    assert again.schema_version() == SCHEMA_VERSION and again.count_turns() == 3
    again.close()
    versions = sqlite3.connect(tmp_path / "v1.db").execute(
        "SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [v for (v,) in versions] == list(range(1, SCHEMA_VERSION + 1))


def test_a_newer_schema_is_refused(tmp_path):
    url = _v1_database(tmp_path / "future.db")
    con = sqlite3.connect(tmp_path / "future.db")
    con.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer than this package"):
        Store(url)


def test_a_foreign_database_is_refused(tmp_path):
    con = sqlite3.connect(tmp_path / "other.db")
    con.execute("CREATE TABLE sessions (x INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a cgir database"):
        Store(f"sqlite:///{tmp_path / 'other.db'}")


def test_bad_urls_name_the_fix(tmp_path):
    with pytest.raises(StoreError, match="--db|database URL"):
        Store("not a url")
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreError, match="--db"):
        Store(f"sqlite:///{tmp_path / 'dir.db'}")


def test_sqlite_pragmas_are_set(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


# -- turn order across processes ----------------------------------------------------------------


def test_a_turn_must_follow_the_stored_one_or_nothing_is_written(store):
    store.record_turn(SessionState("o", current=1, turns=1), _turn("o", 1))
    # A second "turn 1" (another process read the session before turn 1 landed) is refused ...
    with pytest.raises(SessionChanged, match="at turn 1"):
        store.record_turn(SessionState("o", current=2, turns=1), _turn("o", 1, utterance="late"))
    # ... and so is a turn that skips one; the stored state and log are untouched.
    with pytest.raises(SessionChanged):
        store.record_turn(SessionState("o", current=3, turns=3), _turn("o", 3))
    assert store.get_session("o").current == 1
    assert [(t.turn, t.utterance) for t in store.iter_turns(session_id="o")] == [(1, "less action")]
    store.record_turn(SessionState("o", current=4, turns=2), _turn("o", 2))
    assert [t.turn for t in store.iter_turns(session_id="o")] == [1, 2]


def test_a_lock_held_too_long_is_session_busy_and_writes_nothing(tmp_path):
    path = tmp_path / "locked.db"
    store = Store(f"sqlite:///{path}", lock_wait_s=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another process writing, for longer than the wait
        with pytest.raises(SessionBusy) as caught:
            store.record_turn(SessionState("b", turns=1), _turn("b", 1))
        assert caught.value.retry_after > 0
        holder.execute("ROLLBACK")
        assert store.count_turns("b") == 0
        store.record_turn(SessionState("b", turns=1), _turn("b", 1))
        assert store.count_turns("b") == 1
    finally:
        holder.close()
        store.close()


def test_opening_waits_for_another_process_writing_a_new_file(tmp_path):
    # A second `cgir serve` starting while the first creates the tables of a new database file:
    # SQLite refuses the switch to WAL at once in that state (no busy handler), so opening must
    # wait for the writer instead of failing with "database is locked".
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE other_process_setup (a)")
    releaser = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    releaser.start()
    try:
        with Store(f"sqlite:///{path}", lock_wait_s=5) as store:
            assert store.schema_version() == SCHEMA_VERSION
            mode = store.engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar()
            assert mode == "wal"
    finally:
        releaser.join()
        holder.close()


def test_opening_gives_up_on_a_writer_that_never_finishes(tmp_path):
    path = tmp_path / "stuck.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE other_process_setup (a)")
    try:
        with pytest.raises(StoreError, match="locked"):
            Store(f"sqlite:///{path}", lock_wait_s=0.3)
    finally:
        holder.close()


def test_a_turn_runs_again_on_the_state_another_process_left(manager, planted, db_url):
    from bot.dialogue.manager import DialogueManager
    from bot_fixtures import fixture_parser

    sid = manager.new_session_id()
    manager.handle(sid, "like Toy Story")
    other = DialogueManager(planted, fixture_parser(planted), Store(db_url), model_id="other")
    record = manager.store.record_turn
    raced: list[list] = []

    def after_another_process(state, turn, **options):  # noqa: ANN001, ANN003
        if not raced:  # the other process logs its turn while ours is being computed
            raced.append([s.item_id for s in other.handle(sid, "less action").sequence])
        record(state, turn, **options)

    manager.store.record_turn = after_another_process
    try:
        reply = manager.handle(sid, "the third one")
    finally:
        other.close()
    # Run on the state before the race, "the third one" had no list to pick from; run again on
    # the state the other process left, it picks from that process's list.
    assert reply.intent == "select" and reply.current.item_id == raced[0][2]
    turns = list(manager.store.iter_turns(session_id=sid))
    assert [(t.turn, t.utterance) for t in turns] == [
        (1, "like Toy Story"), (2, "less action"), (3, "the third one")]


# -- PostgreSQL (set CGIR_TEST_PG_URL=postgresql+psycopg://user@host/db to run) ----------------


@pytest.mark.postgres
def test_postgres_round_trip_and_resume(pg_url):
    url = pg_url
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:  # a clean slate: this test owns the database it is given
        for table in ("turns", "sessions", "schema_version"):
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()
    store = Store(url)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        state = SessionState("pg-1", model_id="m1", current=7, turns=1)
        store.record_turn(state, _turn("pg-1", 1, utterance="plus de com\u00e9die \U0001f3ac \u6620\u753b"))
        store.log_turn(TurnRecord("pg-1", 2, "nul\x00byte", {"intent": "out_of_scope"}, "r"))
    finally:
        store.close()
    again = Store(url)
    try:
        assert again.get_session("pg-1").current == 7
        turns = list(again.iter_turns(session_id="pg-1"))
        assert [t.utterance for t in turns] == ["plus de com\u00e9die \U0001f3ac \u6620\u753b", "nul\ufffdbyte"]
        assert turns[0].items[0]["relevance"] == 0.25
        assert [s.turns for s in again.sessions()] == [2]
    finally:
        again.close()


@pytest.mark.postgres
def test_postgres_orders_turns_of_one_session_across_stores(pg_url):
    url = pg_url
    import sqlalchemy as sa

    sid = f"pg-order-{uuid.uuid4().hex}"
    first, second = Store(url), Store(url, lock_wait_s=0.2)
    try:
        # Two processes both logging "turn 1" of a new session: one lands, the other is told.
        first.record_turn(SessionState(sid, current=1, turns=1), _turn(sid, 1))
        with pytest.raises(SessionChanged):
            second.record_turn(SessionState(sid, current=2, turns=1), _turn(sid, 1, utterance="late"))
        # A session row locked by another transaction for longer than the wait: SessionBusy.
        with first.engine.begin() as holder:
            holder.execute(sa.text("SELECT 1 FROM sessions WHERE id = :id FOR UPDATE"), {"id": sid})
            with pytest.raises(SessionBusy):
                second.record_turn(SessionState(sid, current=3, turns=2), _turn(sid, 2))
        second.record_turn(SessionState(sid, current=4, turns=2), _turn(sid, 2))
        assert [(t.turn, t.utterance) for t in first.iter_turns(session_id=sid)] == [
            (1, "less action"), (2, "less action")]
        assert first.get_session(sid).current == 4
    finally:
        first.close()
        second.close()


def test_unusable_paths_and_files_name_the_fix(tmp_path):
    with pytest.raises(StoreError, match="--db"):
        Store("sqlite:////proc/no-such-dir/chat.db")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not an sqlite file" * 100)
    with pytest.raises(StoreError, match="--db"):
        Store(f"sqlite:///{garbage}")
    with pytest.raises(StoreError, match="--db"):
        Store("postgresql+psycopg://nobody@127.0.0.1:1/none") if _has_psycopg() else Store("sqlite:////proc/x/y.db")


def _has_psycopg() -> bool:
    import importlib.util

    return importlib.util.find_spec("psycopg") is not None
