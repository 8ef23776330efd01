""""Why?", "tell me about", and cards that are true for the policy (bot/dialogue/explain.py,
bot/dialogue/cards.py): γ only where γ chose, every asked degree beside the reference's, what
the item shares with the reference, the reference's degree stable across undo."""

from __future__ import annotations

import pytest

from bot.dialogue.manager import DialogueManager
from bot.serve.payload import rest_messages
from bot_fixtures import fixture_parser, planted_retriever
from engine.degrees.model import Grounding


def _manager(planted, store, policy="adaptive"):
    return DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy=policy)


def _started(manager, critique="less action"):
    sid = manager.new_session_id()
    manager.handle(sid, "something like Toy Story")
    return sid, manager.handle(sid, critique)


@pytest.mark.parametrize("policy, has_gamma", [("gradient", True), ("adaptive", False), ("list", False),
                                               ("single", False)])
def test_gamma_only_where_it_chose_the_item(planted, store, policy, has_gamma):
    sid, reply = _started(_manager(planted, store, policy))
    assert reply.sequence
    assert all((s.gamma is not None) == has_gamma for s in reply.sequence)
    custom = rest_messages(sid, reply)[0]["custom"]
    assert all((s["gamma"] is not None) == has_gamma for s in custom["sequence"])


def test_every_asked_attribute_has_a_degree_beside_the_reference(planted, store):
    manager = _manager(planted, store)
    sid, reply = _started(manager, "less action and more comedy")
    toy = planted.resolve_item("Toy Story")
    action, comedy = planted.tags.index("action"), planted.tags.index("comedy")
    assert reply.reference.degrees == {"action": planted.degree_of(toy, action),
                                       "comedy": planted.degree_of(toy, comedy)}
    for s in reply.sequence:
        row = planted.resolve_item(s.item_id)
        assert s.degrees == {"action": planted.degree_of(row, action), "comedy": planted.degree_of(row, comedy)}
    custom = rest_messages(sid, reply)[0]["custom"]
    assert set(custom["sequence"][0]["degrees"]) == {"action", "comedy"}
    assert custom["reference"]["degrees"] == reply.reference.degrees


def test_cards_name_the_tags_shared_with_the_reference(planted, store):
    manager = _manager(planted, store)
    sid, reply = _started(manager)
    toy = set(manager.cards.strong_tags(planted.resolve_item("Toy Story")))
    assert any(s.shares for s in reply.sequence)
    for s in reply.sequence:
        mine = set(manager.cards.strong_tags(planted.resolve_item(s.item_id)))
        assert set(s.shares) <= toy & mine


def test_the_reference_degree_is_the_same_after_undo(store, monkeypatch):
    """A critique read through the degree model ("grim" -> dark + sad): the "now" line after a
    pick and an undo shows the walk's reading, not the plain tag's degree."""
    planted = planted_retriever(seed=3)
    reading = Grounding("grim", "dark + sad", ("dark", "sad"), (0.5, 0.5), False)
    monkeypatch.setattr(planted.degree_model, "is_thin", lambda tag: True)
    monkeypatch.setattr(planted.degree_model, "ground", lambda phrase: reading if phrase == "grim" else None)
    manager = _manager(planted, store)
    sid, walked = _started(manager, "less grim")
    toy = planted.resolve_item("Toy Story")
    plain = planted.degree_of(toy, planted.tags.index("dark"))
    assert walked.current.degree != plain  # the reading differs from the tag alone
    manager.handle(sid, "the second one")
    undone = manager.handle(sid, "undo")
    assert undone.current.item_id == walked.current.item_id
    assert undone.current.degree == walked.current.degree and undone.current.degrees == walked.current.degrees
    assert undone.tag == walked.tag == "grim"


def test_why_compares_each_asked_degree_with_the_reference(planted, store):
    manager = _manager(planted, store)
    sid, walked = _started(manager, "less action and more comedy")
    reply = manager.handle(sid, "why #2?")
    second = walked.sequence[1]
    e = reply.explanation
    assert reply.intent == "explain" and e["item"]["item_id"] == second.item_id and e["item"]["index"] == 2
    assert e["reference"]["item_id"] == 10
    by = {a["attribute"]: a for a in e["asked"]}
    assert by["action"]["item"] == second.degrees["action"]
    assert by["action"]["reference"] == walked.reference.degrees["action"]
    assert by["comedy"]["change"] == pytest.approx(second.degrees["comedy"] - walked.reference.degrees["comedy"], abs=1e-3)
    assert f"{second.degrees['action']:.2f}" in reply.text and "Toy Story" in reply.text
    assert e["shared_tags"] == list(second.shares) or set(second.shares) <= set(e["shared_tags"])
    assert len(e["linking_films"]) == 2
    assert _ids(reply) == _ids(walked)  # the list stays on screen
    custom = rest_messages(sid, reply)[0]["custom"]
    assert custom["explanation"]["item"]["item_id"] == second.item_id


def test_why_that_one_explains_the_pick(planted, store):
    manager = _manager(planted, store, "gradient")
    sid, walked = _started(manager)
    manager.handle(sid, "the third one")
    reply = manager.handle(sid, "why did you pick that?")
    assert reply.explanation["item"]["item_id"] == walked.sequence[2].item_id
    assert reply.explanation["gamma"] == walked.sequence[2].gamma and "\u03b3" in reply.text


def test_why_before_any_recommendation(planted, store):
    manager = _manager(planted, store)
    sid = manager.new_session_id()
    reply = manager.handle(sid, "why?")
    assert reply.intent == "explain" and reply.explanation is None and "Which movie" in reply.text


def test_why_right_after_a_title_explains_the_first_of_its_nearest_films(planted, store):
    manager = _manager(planted, store)
    sid = manager.new_session_id()
    named = manager.handle(sid, "something like Toy Story")
    reply = manager.handle(sid, "why?")
    assert reply.intent == "explain"
    assert reply.explanation["item"]["item_id"] == named.sequence[0].item_id
    assert "films most like" in reply.text and "no change was applied" in reply.text


def test_about_says_what_the_catalog_knows(planted, store):
    manager = _manager(planted, store)
    sid, walked = _started(manager)
    third = walked.sequence[2]
    reply = manager.handle(sid, "tell me about #3")
    facts = reply.explanation
    assert reply.intent == "about" and facts["item"]["item_id"] == third.item_id
    assert facts["year"] == int(third.title[-5:-1]) and str(facts["year"]) in reply.text
    assert facts["degrees"] == {"action": third.degrees["action"]}  # what was asked in the session
    assert facts["tags"] == manager.cards.strong_tags(planted.resolve_item(third.item_id))[:6]
    assert all(c["title"] in reply.text for c in facts["closest"])
    assert "no plot" in reply.text
    assert reply.current.item_id == 10  # asking about an item does not pick it


def test_about_a_catalog_title_and_an_ambiguous_one(planted, store):
    manager = _manager(planted, store)
    sid = manager.new_session_id()
    reply = manager.handle(sid, "what is Toy Story like?")
    assert reply.intent == "about" and reply.explanation["item"]["item_id"] == 10
    ambiguous = manager.handle(sid, "tell me about Heat")
    assert ambiguous.clarification and {b.payload for b in ambiguous.buttons} == {
        "tell me about Heat (1995)", "tell me about Heat (2013)"}


def _ids(reply):
    return [s.item_id for s in reply.sequence]


def test_a_shown_item_as_json_is_what_asdict_gives_as_json_reads_it_back():
    import json
    from dataclasses import asdict

    from bot.types import ShownItem

    for item in (ShownItem(5, "Heat (1995)"),
                 ShownItem(7, "Jaws (1975)", gamma=0.3, score=0.81, relevance=0.5, degree=0.25,
                           degrees={"scary": 0.25, "funny": 0.1}, shares=("thriller", "shark"))):
        as_json = item.to_json()
        # asdict's values, with the shares tuple as the list JSON gives back: a kept session
        # state (bot/store/held.py) must equal the decode of what was stored.
        assert as_json == dict(asdict(item), shares=list(item.shares)) and list(as_json) == list(asdict(item))
        assert type(as_json["shares"]) is list and as_json == json.loads(json.dumps(as_json))
        if item.degrees:
            as_json["degrees"]["scary"] = 1.0  # a copy: the item is not changed through it
            assert item.degrees["scary"] == 0.25


def test_strong_tags_follow_the_retrievers_tag_data():
    # remembered per row while the retriever holds the same data; without any, no strong tags
    from bot.dialogue.cards import Cards

    r = planted_retriever()
    cards = Cards(r)
    strong = cards.strong_tags(4)
    assert strong and cards.strong_tags(4) == strong
    cards.strong_tags(4).clear()  # a caller's list is its own
    assert cards.strong_tags(4) == strong
    r.relevance = None
    assert cards.strong_tags(4) == Cards(r).strong_tags(4) != strong


def test_why_names_the_critique_as_the_walk_named_it(planted, store, monkeypatch):
    """A critique walked by a reading of the person's words ("less confusing", read as a mix of
    tags) is named by those words in "why?", as in the walk's reply, not by its closest tag."""
    from dataclasses import replace

    import bot.dialogue.cards as cards

    real = cards.critique_modifications

    def read_by_words(retriever, critiques):
        return tuple(replace(m, grounding=Grounding.of_mix(c.phrase, retriever.tags, _mix(retriever, c.tag), 1))
                     for c, m in zip(critiques, real(retriever, critiques)))

    monkeypatch.setattr(cards, "critique_modifications", read_by_words)
    manager = _manager(planted, store)
    sid, walked = _started(manager, "less scary")
    reply = manager.handle(sid, "why #1?")
    assert "you asked for \u201cless scary\u201d" in reply.text, reply.text


def _mix(retriever, tag):
    import numpy as np

    mix = np.zeros(len(retriever.tags))
    mix[retriever.tags.index(tag)] = 1.0
    return mix
