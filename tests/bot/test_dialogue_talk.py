"""Issue 21's everyday turns in the dialogue (planted catalog, the real parser): a relative year
said with the film it is relative to, a namesake picked by its year, the same critique asked
again after an undo."""

from __future__ import annotations

from bot.dialogue.manager import DialogueManager
from engine.retrieval.catalog import release_year


def _manager(planted, real_parser, store, policy: str = "adaptive") -> DialogueManager:
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy=policy)


def test_newer_than_the_film_named_in_the_same_turn(planted, real_parser, store):
    m = _manager(planted, real_parser, store)
    sid = m.new_session_id()
    reply = m.handle(sid, "something like Toy Story but newer and less action")  # 1995
    assert reply.current.title == "Toy Story (1995)" and reply.years == {"min": 1996, "max": None}
    assert reply.sequence and all(release_year(s.title) >= 1996 for s in reply.sequence)


def test_a_year_after_a_title_picks_that_namesake_without_a_filter(planted, real_parser, store):
    m = _manager(planted, real_parser, store)
    sid = m.new_session_id()
    reply = m.handle(sid, "the newer heat from 2013, not the 1995 one")
    assert reply.current.title == "Heat (2013)" and reply.years is None


def test_the_same_critique_after_an_undo_shows_its_list_again(planted, real_parser, store):
    m = _manager(planted, real_parser, store)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    first = m.handle(sid, "less action")
    m.handle(sid, "the second one")
    m.handle(sid, "undo")
    again = m.handle(sid, "less action")
    assert [s.item_id for s in again.sequence] == [s.item_id for s in first.sequence]
    other = m.handle(sid, "more")  # "more" still shows only films not shown yet
    assert not {s.item_id for s in other.sequence} & {s.item_id for s in first.sequence}
