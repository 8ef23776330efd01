"""The lean SQLite path of a turn (bot/store/sqlite_turns.py) stores and reads exactly what
SQLAlchemy Core stores and reads."""

from __future__ import annotations

import sqlalchemy as sa

from bot.store.schema import sessions_table, turns_table
from bot.store.sessions import SessionState, Store, TurnRecord


def _state(sid: str, turns: int) -> SessionState:
    return SessionState(sid, model_id="m1", current=42, turns=turns,
                        last_sequence=[{"item_id": 7, "title": "Amélie (2001) \U0001f3ac", "gamma": 0.1,
                                        "score": 1 / 3, "relevance": None, "shares": ["drama"]}],
                        history=[{"current": None, "last_sequence": [], "critiques": []}],
                        years={"min": 1990, "max": None})


def _record(sid: str, n: int) -> TurnRecord:
    return TurnRecord(sid, n, "plus de comédie\x00", {"intent": "critique", "x": 0.1 + 0.2}, "reply",
                      items=[{"item_id": 7, "score": 2.5e-9}], chosen_item=7, latency_ms=3.25,
                      model_id="m1", intent="critique", understood=False, clarification=True)


def _rows(url: str) -> tuple[list, list]:
    """Every stored value, as text where SQLite keeps text (read without SQLAlchemy's types)."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        sessions = conn.exec_driver_sql("SELECT id, state, model_id, typeof(created_at) FROM sessions").all()
        turns = conn.exec_driver_sql(
            "SELECT session_id, turn, utterance, parse, reply, items, chosen_item, latency_ms, model_id, "
            "intent, understood, clarification, typeof(created_at), length(created_at) FROM turns").all()
    engine.dispose()
    return sessions, turns


def test_a_turn_is_stored_as_the_core_path_stores_it(tmp_path):
    lean_url, core_url = f"sqlite:///{tmp_path / 'lean.db'}", f"sqlite:///{tmp_path / 'core.db'}"
    with Store(lean_url) as lean, Store(core_url) as core:
        assert lean._turns is not None
        core._turns = None  # SQLAlchemy Core throughout
        for store in (lean, core):
            store.record_turn(_state("s", 1), _record("s", 1))
            store.record_turn(_state("s", 2), _record("s", 2))
        assert _rows(lean_url) == _rows(core_url)
        back, expected = lean.get_session("s"), core.get_session("s")
        assert back.state_json() == expected.state_json() == _state("s", 2).state_json()
        assert back.created_at.tzinfo is not None and back.updated_at >= back.created_at
        assert [t.to_json() | {"created_at": None, "id": None} for t in lean.iter_turns()] == \
               [t.to_json() | {"created_at": None, "id": None} for t in core.iter_turns()]
        assert [t.id for t in lean.iter_turns()] == [1, 2]


def test_the_lean_read_gives_what_core_reads(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        store.record_turn(_state("s", 1), _record("s", 1))
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(sessions_table).where(sessions_table.c.id == "s")).one()
            (turn_id,) = conn.execute(sa.select(turns_table.c.id)).one()
        assert store._turns.get("s") == (row.id, row.model_id, row.state, row.created_at, row.updated_at)
        assert store._turns.get("missing") is None
        assert turn_id == 1
