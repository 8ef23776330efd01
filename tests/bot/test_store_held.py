"""The store hands a session's next turn the state this process wrote last (bot/store/held.py),
and never writes it over a row that changed since: on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest

from bot.store.held import HeldStates
from bot.store.sessions import SessionChanged, SessionState, Store, TurnRecord


def _turn(session_id: str, n: int, utterance: str = "less action") -> TurnRecord:
    return TurnRecord(session_id=session_id, turn=n, utterance=utterance,
                      parse={"intent": "critique"}, reply=f"reply {n}", model_id="m1")


def _advance(state: SessionState, current: int) -> SessionState:
    state.current, state.turns = current, state.turns + 1
    return state


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request, db_url):
    return request.getfixturevalue("pg_url") if request.param == "postgresql" else db_url


def test_the_next_turn_gets_the_written_state_once_and_equal_to_the_row(url):
    sid = f"held-{uuid.uuid4().hex}"
    with Store(url) as store:
        state = _advance(SessionState(sid, history=[{"current": 3, "last_sequence": [{"item_id": 3}]}]), 3)
        store.record_turn(state, _turn(sid, 1), keep=True)
        assert store.take_session(sid) is state  # no decoding
        again = store.take_session(sid)  # taken already: read from the row
        assert again is not state
        assert (again.state_json(), again.created_at, again.updated_at, again.model_id) == (
            state.state_json(), state.created_at, state.updated_at, state.model_id)
        store.record_turn(_advance(again, 4), _turn(sid, 2))  # not kept
        assert store.take_session(sid) is not again and store.get_session(sid).current == 4


def test_a_kept_state_is_not_used_once_another_process_wrote_the_session(url):
    sid = f"held-{uuid.uuid4().hex}"
    with Store(url) as ours, Store(url) as theirs:
        kept = _advance(SessionState(sid), 1)
        ours.record_turn(kept, _turn(sid, 1), keep=True)
        theirs.record_turn(_advance(theirs.get_session(sid), 2), _turn(sid, 2, "their turn"))
        fresh = ours.take_session(sid)  # the row, not the kept state one turn behind
        assert fresh is not kept and (fresh.turns, fresh.current) == (2, 2)
        ours.record_turn(_advance(fresh, 3), _turn(sid, 3, "our turn"), keep=True)
        # A rewrite without a turn (same turn count) is seen too.
        changed = theirs.get_session(sid)
        changed.current = 99
        theirs.save_session(changed)
        assert ours.take_session(sid).current == 99
        assert [t.utterance for t in ours.iter_turns(session_id=sid)] == [
            "less action", "their turn", "our turn"]


def test_a_row_written_elsewhere_during_the_turn_is_not_written_over(url):
    sid = f"held-{uuid.uuid4().hex}"
    with Store(url) as ours, Store(url) as theirs:
        ours.record_turn(_advance(SessionState(sid), 1), _turn(sid, 1), keep=True)
        running = ours.take_session(sid)  # our turn starts on the kept state ...
        changed = theirs.get_session(sid)  # ... and another process rewrites the session meanwhile
        changed.current = 99
        theirs.save_session(changed)
        with pytest.raises(SessionChanged):
            ours.record_turn(_advance(running, 2), _turn(sid, 2), keep=True)
        assert ours.take_session(sid).current == 99  # nothing kept, nothing written: the row
        assert [t.turn for t in ours.iter_turns(session_id=sid)] == [1]


def test_held_states_are_bounded_and_forget_the_oldest():
    held = HeldStates(limit=2)
    for sid in ("a", "b", "c"):
        held.keep(SessionState(sid))
    assert len(held) == 2
    assert held.take("a") is None and held.take("b").id == "b" and held.take("c").id == "c"
    assert len(held) == 0
