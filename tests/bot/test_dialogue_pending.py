"""The pending question: typed per kind, stored as the JSON old sessions already have."""

from __future__ import annotations

import pytest

from bot.dialogue.pending import AskTag, AskTitle, NeedReference, pending_from_json, pending_to_json
from bot.store.sessions import SessionState, TurnRecord
from bot.types import Critique, Parse
from engine.retrieval.catalog import TitleResolver

WEIRD = Critique(1, "quirky", 0.6, 1.0, "weird", ("quirky", "dark"))


@pytest.mark.parametrize("question", [
    AskTag((WEIRD, Critique(-1, "action", 1.0)), index=0),
    AskTitle(("Heat (2013)", "Heat (1995)")),
    AskTitle(("Heat (2013)", "Heat (1995)"), critiques=(Critique(1, "comedy", 1.0, 1.0, "funnier"),)),
    NeedReference((Critique(-1, "action", 1.0, 0.5, "a bit less action"),)),
    NeedReference((Critique(1, "horror", 1.0),), offered=(7, 3, 11)),
])
def test_each_kind_survives_the_store_json(question):
    assert pending_from_json(pending_to_json(question)) == question


def _seed(store, sid: str, **state) -> None:
    """A session as an earlier version of the bot stored it (plain JSON, no types)."""
    store.record_turn(SessionState(sid, model_id="t", turns=1, **state), TurnRecord(
        session_id=sid, turn=1, utterance="", parse={"intent": "critique"}, reply="", items=[],
        chosen_item=None, latency_ms=1.0, model_id="t", intent="critique", understood=True,
        clarification=True))


def test_a_question_stored_by_the_old_untyped_code_is_still_answered(manager, planted):
    sid = manager.new_session_id()
    current = int(planted.item_ids[0])
    # Written literally, as the dict-based manager stored it.
    _seed(manager.store, sid, current=current, pending={
        "kind": "critique", "index": 0,
        "critiques": [{"alpha": 1, "tag": "quirky", "score": 0.6, "strength": 1.0, "phrase": "weird",
                       "candidates": ["quirky", "dark"]}]})
    reply = manager.handle(sid, "the second one")
    assert reply.intent == "critique" and reply.tag == "dark" and reply.alpha == 1
    assert len(reply.sequence) == 10 and manager.store.get_session(sid).pending is None


def test_an_old_need_reference_question_applies_its_critique_to_the_item_named(manager, planted):
    sid = manager.new_session_id()
    _seed(manager.store, sid, pending={"kind": "need_reference", "critiques": [
        {"alpha": -1, "tag": "action", "score": 1.0, "strength": 1.0, "phrase": "less action",
         "candidates": []}]})
    reply = manager.handle(sid, "like Toy Story")
    assert reply.intent == "reference" and reply.tag == "action" and reply.alpha == -1
    assert reply.current.title.startswith("Toy Story") and len(reply.sequence) == 10


@pytest.mark.parametrize("stored", [
    {"kind": "survey", "question": 3},  # a kind this version does not know
    {"kind": "critique", "index": 4, "critiques": []},  # index outside its critiques
    {"title": "Heat"},  # no kind at all
])
def test_an_unknown_or_malformed_stored_question_is_dropped_not_fatal(manager, stored):
    assert pending_from_json(stored) is None
    sid = manager.new_session_id()
    _seed(manager.store, sid, pending=stored)
    reply = manager.handle(sid, "help")
    assert reply.intent == "help" and manager.store.get_session(sid).pending is None


def test_an_ambiguous_title_is_answered_by_typing_one_of_the_offered_titles(manager, planted):
    sid = manager.new_session_id()
    offered = (planted.titles[3], planted.titles[5])
    _seed(manager.store, sid, pending=AskTitle(offered).to_json())
    reply = manager.handle(sid, offered[1].lower())
    assert reply.intent == "reference" and reply.current.title == offered[1]


def test_repeating_an_ambiguous_title_does_not_pick_one_silently():
    titles = TitleResolver(["Heat (1995)", "Heat (2013)", "Up (2009)"], [1, 2, 3], [50, 10, 5])
    question = AskTitle(("Heat (1995)", "Heat (2013)"))
    assert question.resolve(Parse("out_of_scope", text="heat"), "heat", titles) is None
    picked = question.resolve(Parse("out_of_scope", text="heat 2013"), "heat 2013", titles)
    assert picked.item_id == 2 and picked.intent == "reference"
    second = question.resolve(Parse("select", index=2, text="the second one"), "the second one", titles)
    assert second.item_id == 2


def test_what_was_asked_with_an_ambiguous_title_is_walked_from_the_one_picked(manager, planted):
    sid = manager.new_session_id()
    offered = (planted.titles[3], planted.titles[5])
    darker = Critique(1, "dark", 1.0, 1.0, "darker")
    _seed(manager.store, sid, pending=AskTitle(offered, critiques=(darker,)).to_json())
    reply = manager.handle(sid, "the second one")
    assert reply.intent == "critique" and reply.current.title == offered[1] and reply.sequence
    assert [(c["alpha"], c["tag"]) for c in reply.critiques] == [(1, "dark")]


def test_an_ambiguous_title_asked_with_a_critique_keeps_it_for_the_one_picked(real_parser):
    from bot.dialogue.pending import AskTitle as Asked

    parse = real_parser.parse("something like Harbor but darker")
    assert parse.intent == "reference" and parse.item_id is None and len(parse.candidates) > 1
    assert [(c.alpha, c.tag) for c in parse.critiques] == [(1, "dark")]
    assert Asked(parse.candidates, critiques=parse.critiques).critiques == parse.critiques
