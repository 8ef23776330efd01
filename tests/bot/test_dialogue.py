"""The dialogue manager's flows on the planted catalog, with the real parser on a fast encoder."""

from __future__ import annotations

import numpy as np
import pytest

from bot.dialogue.manager import DialogueManager
from bot.store.turns import clean_input
from bot.store.sessions import Store
from bot_fixtures import fixture_parser, planted_retriever
from engine.walks.gradual import gradual_walk
from engine.retrieval.retriever import Modification


def _tag(retriever, name: str) -> int:
    return retriever.tags.index(name)


def _talk(manager, sid, *utterances):
    return [manager.handle(sid, u) for u in utterances]


def test_scripted_conversation_every_turn_logged(manager, planted):
    sid = manager.new_session_id()
    ref, crit, sel, two, undo, restart = _talk(
        manager, sid, "something like Toy Story", "less action", "the third one",
        "a bit more romance and less violent", "undo", "restart")

    assert ref.intent == "reference" and ref.current.title == "Toy Story (1995)"
    assert ref.synthetic and "synthetic" in ref.text
    assert 3 <= sum(b.payload.startswith(("more ", "less ")) for b in ref.buttons) <= 5

    assert crit.intent == "critique" and crit.tag == "action" and crit.alpha == -1
    assert len(crit.sequence) == 10 and len({s.item_id for s in crit.sequence}) == 10
    assert [s.gamma for s in crit.sequence] == pytest.approx(np.linspace(0.1, 1.0, 10))
    assert "less action" in crit.text
    toy = planted.resolve_item("Toy Story")
    assert all(s.item_id != planted.item_ids[toy] for s in crit.sequence)
    for s in crit.sequence:  # the relevance shown is the catalog's, to the understood tag
        row = planted.resolve_item(s.item_id)
        assert s.relevance == pytest.approx(planted.relevance_of(row, _tag(planted, "action")), abs=1e-4)

    assert sel.intent == "select" and sel.current.item_id == crit.sequence[2].item_id
    assert two.intent == "critique" and two.tag == "romance" and two.alpha == 1
    assert "more romance and less violent" in two.text
    assert undo.intent == "undo" and undo.current.item_id == sel.current.item_id
    assert [s.item_id for s in undo.sequence] == [s.item_id for s in crit.sequence]
    assert restart.intent == "restart" and restart.current is None and restart.sequence == []

    turns = list(manager.store.iter_turns(session_id=sid))
    assert [t.turn for t in turns] == [1, 2, 3, 4, 5, 6]
    assert [t.intent for t in turns] == ["reference", "critique", "select", "critique", "undo", "restart"]
    assert turns[2].chosen_item == crit.sequence[2].item_id
    assert [i["item_id"] for i in turns[1].items] == [s.item_id for s in crit.sequence]
    assert turns[3].parse["critiques"] == [
        {"alpha": 1, "tag": "romance", "score": 1.0, "strength": 0.5},
        {"alpha": -1, "tag": "violent", "score": 1.0, "strength": 1.0},
    ]
    assert all(t.latency_ms > 0 and t.model_id == "planted-test" for t in turns)
    state = manager.store.get_session(sid)
    assert state.current is None and state.history == [] and state.turns == 6


def test_two_critiques_walk_the_composed_direction(planted, store):
    manager = DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy="gradient")
    sid = manager.new_session_id()
    manager.handle(sid, "like Toy Story")
    reply = manager.handle(sid, "more romance and less violent")
    row = planted.resolve_item("Toy Story")
    romance, violent = _tag(planted, "romance"), _tag(planted, "violent")
    expected = gradual_walk(planted, row, [Modification(romance, 1), Modification(violent, -1)])
    assert [s.item_id for s in reply.sequence] == [s.item_id for s in expected.steps]
    # both critiques move together, step by step, in the model's estimated degrees
    rows = [row] + [planted.resolve_item(s.item_id) for s in reply.sequence]
    assert np.all(np.diff(planted.attribute_degrees(romance)[rows]) > 0)
    assert np.all(np.diff(planted.attribute_degrees(violent)[rows]) < 0)
    assert [s.degree for s in reply.sequence] == [planted.degree_of(r, romance) for r in rows[1:]]


def test_no_room_left_is_said_with_a_better_critique(planted, store):
    manager = DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy="gradient")
    sid = manager.new_session_id()
    manager.handle(sid, "like Toy Story")
    row = planted.resolve_item("Toy Story")
    war = _tag(planted, "war")
    assert planted.degree_of(row, war) > 0.9  # the planted catalog's Toy Story is full of war
    reply = manager.handle(sid, "more war")
    assert reply.sequence == [] and reply.tag == "war" and reply.alpha == 1
    assert "already has about as much war as anything" in reply.text and "estimated" in reply.text
    assert len(reply.buttons) == 1 and reply.buttons[0].payload.startswith("more ")
    assert reply.buttons[0].payload in reply.text


def test_walks_move_the_tag_the_asked_way(planted, store):
    """Over the items highest in action, the gamma=1 end of "less action" has less of it."""
    manager = DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy="gradient")
    action = _tag(planted, "action")
    rows = np.argsort(-planted.relevance[:, action])[:15]
    lower = 0
    for row in rows:
        sid = manager.new_session_id()
        manager.handle(sid, f"like {planted.item_ids[row]}")
        reply = manager.handle(sid, "less action")
        lower += reply.sequence[-1].relevance < planted.relevance[row, action]
    assert lower >= 13


@pytest.mark.parametrize("policy, n", [("list", 10), ("single", 1)])
def test_list_and_single_policies(planted, store, policy, n):
    manager = DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy=policy)
    sid = manager.new_session_id()
    manager.handle(sid, "like Toy Story")
    reply = manager.handle(sid, "less action")
    # Every list item is ranked at the one fixed gamma: no card claims a gamma of its own.
    assert len(reply.sequence) == n and all(s.gamma is None for s in reply.sequence)
    scores = [s.score for s in reply.sequence]
    assert scores == sorted(scores, reverse=True)
    # the paper's ranking inside the reference's neighbourhood (engine/walks/neighbourhood.py)
    from engine.walks.neighbourhood import neighbourhood_answer

    toy, action = planted.resolve_item("Toy Story"), _tag(planted, "action")
    top = neighbourhood_answer(planted, toy, [Modification(action, -1)], steps=n, order="list")
    assert [s.item_id for s in reply.sequence] == [s.item_id for s in top.steps]
    degrees = planted.attribute_degrees(action)
    assert all(degrees[planted.resolve_item(s.item_id)] < degrees[toy] for s in reply.sequence)


def test_unknown_policy_is_refused(planted, store):
    with pytest.raises(ValueError, match="gradient, list, single"):
        DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy="random")


def test_critique_before_reference_asks_for_one_then_applies_it(manager):
    sid = manager.new_session_id()
    ask = manager.handle(sid, "less action")
    assert ask.clarification and ask.current is None and ask.sequence == []
    assert "Toy Story (1995)" not in [b.title for b in ask.buttons]  # films with little action are offered
    assert all(b.payload.startswith("something like ") for b in ask.buttons)
    assert manager.handle(sid, "help").intent == "help"  # an aside keeps the question open
    start = manager.handle(sid, "something like Toy Story")  # a film of one's own: the critique walks from it
    assert start.intent == "reference" and start.current.title == "Toy Story (1995)"
    assert start.tag == "action" and start.alpha == -1 and len(start.sequence) == 10
    assert manager.handle(sid, "undo").current is None  # one undo goes back before the reference


def test_ambiguous_tag_asks_which_and_the_next_answer_resolves_it(planted, store):
    # A wide tie margin makes the embedding-grounded "space battles" a war / sci-fi near tie.
    manager = DialogueManager(planted, fixture_parser(planted, tie_margin=0.3), store, model_id="t", policy="gradient")
    sid = manager.new_session_id()
    manager.handle(sid, "like Toy Story")
    ask = manager.handle(sid, "more space battles")
    assert ask.clarification and ask.sequence == []
    assert [b.payload for b in ask.buttons] == ["more war", "more sci-fi"]
    pick = manager.handle(sid, "the second one")
    assert pick.intent == "critique" and pick.tag == "sci-fi" and pick.alpha == 1 and len(pick.sequence) == 10
    # A button payload resolves it too, and a change of subject drops the question.
    manager.handle(sid, "more space battles")
    assert manager.handle(sid, "more war").tag == "war"
    manager.handle(sid, "more space battles")
    assert manager.handle(sid, "help").intent == "help"
    assert manager.store.get_session(sid).pending is None


def test_you_pick_answers_a_question_with_its_first_option(planted, store):
    manager = DialogueManager(planted, fixture_parser(planted, tie_margin=0.3), store, model_id="t", policy="gradient")
    sid = manager.new_session_id()
    manager.handle(sid, "like Toy Story")
    ask = manager.handle(sid, "more space battles")
    picked = manager.handle(sid, "you decide")
    assert (picked.intent, picked.tag, picked.alpha) == ("critique", ask.buttons[0].payload.split()[-1], 1)


def test_ambiguous_title_asks_which_one(manager):
    sid = manager.new_session_id()
    ask = manager.handle(sid, "like Heat")
    assert ask.clarification and sorted(b.title for b in ask.buttons) == ["Heat (1995)", "Heat (2013)"]
    chosen = manager.handle(sid, "the first one")
    assert chosen.intent == "reference" and chosen.current.title == ask.buttons[0].title


def test_no_close_tag_says_so_and_offers_the_closest(manager):
    sid = manager.new_session_id()
    manager.handle(sid, "like Toy Story")
    reply = manager.handle(sid, "more blorp")
    closest = manager.parser.parse("more blorp").suggestions[0]
    assert not reply.understood and reply.sequence == []
    assert closest in reply.text and f"more {closest}" in [b.payload for b in reply.buttons]


def test_ordinal_picks_a_popular_item_while_those_are_offered(manager):
    sid = manager.new_session_id()
    ask = manager.handle(sid, "less action")
    start = manager.handle(sid, "the second one")
    assert start.intent == "reference" and start.current.title == ask.buttons[1].title
    # an offered film already has little action: the films most like it, and no question left open
    assert start.tag is None and len(start.sequence) == 10 and not start.clarification
    assert manager.store.get_session(sid).pending is None
    by_button = manager.handle(manager.new_session_id(), "less action")
    assert manager.handle(by_button.session_id, by_button.buttons[0].payload).tag is None
    assert manager.handle(sid, "restart").current is None
    assert manager.handle(sid, "#1").current.title == "Toy Story (1995)"  # no critique waits: the most popular


@pytest.mark.parametrize("alpha, text", [(1, "more action"), (-1, "less action")])
def test_a_critique_without_a_film_offers_well_known_films_that_go_that_way(manager, alpha, text):
    from bot.dialogue.item_facts import STRONGEST_POOL, popular_rows
    from engine.retrieval.sequences import Modification

    r = manager.retriever
    ask = manager.handle(manager.new_session_id(), text)
    rows = [r.titles.index(b.title) for b in ask.buttons]
    degrees = np.asarray(r.modification_degrees(Modification(r.tags.index("action"), alpha)))
    popular = popular_rows(r, len(rows))
    assert len(rows) == len(popular) and set(rows) <= set(popular_rows(r, STRONGEST_POOL))
    assert alpha * degrees[rows].min() > alpha * degrees[popular].mean()  # each goes further than the popular do
    assert rows[0] != popular[0] and ask.buttons[0].title in ask.text  # the example is the first offered


def test_selection_edge_cases(manager):
    sid = manager.new_session_id()
    assert not manager.handle(sid, "#99").understood  # nothing shown, not an offered item either
    manager.handle(sid, "like Toy Story")
    shown = manager.handle(sid, "less action").sequence
    out_of_range = manager.handle(sid, "#11")
    assert not out_of_range.understood and "1 to 10" in out_of_range.text
    assert manager.handle(sid, "the last one").current.item_id == shown[-1].item_id
    by_title = manager.handle(sid, shown[4].title)
    assert by_title.intent == "select" and by_title.current.item_id == shown[4].item_id
    turns = list(manager.store.iter_turns(session_id=sid))
    assert [t.chosen_item for t in turns][-2:] == [shown[-1].item_id, shown[4].item_id]


def test_undo_with_nothing_to_undo(manager):
    sid = manager.new_session_id()
    assert "nothing to undo" in manager.handle(sid, "undo").text.lower()


def test_help_lists_tags_and_bye_says_goodbye(manager, planted):
    sid = manager.new_session_id()
    help_ = manager.handle(sid, "help")
    assert all(tag in help_.text for tag in planted.tags)
    assert "undo" in help_.text and "less action" in help_.text
    assert manager.handle(sid, "bye").intent == "bye"


def test_session_survives_a_restart_of_the_program(planted, db_url):
    first = DialogueManager(planted, fixture_parser(planted), Store(db_url), model_id="t")
    sid = first.new_session_id()
    shown = _talk(first, sid, "like Toy Story", "less action")[1].sequence
    first.close()
    second = DialogueManager(planted, fixture_parser(planted), Store(db_url), model_id="t")
    try:
        reply = second.handle(sid, "the second one")
        assert reply.current.item_id == shown[1].item_id
        assert [t.turn for t in second.store.iter_turns(session_id=sid)] == [1, 2, 3]
    finally:
        second.close()


def test_sessions_are_isolated(manager):
    a, b = manager.new_session_id(), manager.new_session_id()
    assert a != b and len(a) >= 32
    manager.handle(a, "like Toy Story")
    assert manager.handle(b, "less action").clarification  # b has no reference of its own


def test_parser_failure_is_an_apology_and_a_logged_turn(manager, monkeypatch):
    sid = manager.new_session_id()
    manager.handle(sid, "like Toy Story")
    real_parse = manager.parser.parse

    def explode(text, **kw):
        if text == "boom":
            raise RuntimeError("parser exploded")
        return real_parse(text, **kw)

    monkeypatch.setattr(manager.parser, "parse", explode)
    reply = manager.handle(sid, "boom")
    assert reply.intent == "error" and not reply.understood and "Sorry" in reply.text
    turns = list(manager.store.iter_turns(session_id=sid))
    assert [t.intent for t in turns] == ["reference", "error"]
    assert manager.handle(sid, "less action").sequence  # the session still works


def test_store_failure_still_answers(manager, monkeypatch):
    def broken(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(manager.store, "record_turn", broken)
    reply = manager.handle(manager.new_session_id(), "like Toy Story")
    assert reply.intent == "reference"
    monkeypatch.setattr(manager.store, "get_session", broken)
    assert manager.handle(manager.new_session_id(), "help").intent == "error"


def test_invalid_session_ids_are_answered_not_raised(manager):
    for sid in ("", "x" * 200, "a b", "../../etc", None):
        reply = manager.handle(sid, "help")
        assert not reply.understood and "session id" in reply.text
    assert manager.store.count_turns() == 0


def test_retriever_without_relevance_still_works(store):
    r = planted_retriever(relevance=False)
    manager = DialogueManager(r, fixture_parser(r), store, model_id="t", policy="gradient")
    sid = manager.new_session_id()
    manager.handle(sid, "like Toy Story")
    reply = manager.handle(sid, "less action")
    assert len(reply.sequence) == 10 and all(s.relevance is None for s in reply.sequence)


@pytest.mark.parametrize("text, expected, cut", [
    ("  less\taction\n ", "less action", None),
    ("a\x00b\x07c\x1b[31md", "abc[31md", None),
    ("\u202eevil", "evil", None),
    ("x" * 1500, "x" * 1000, 1500),
    ("word " * 300, ("word " * 200).strip(), 1500),
    (b"caf\xc3\xa9 \xff", "caf\u00e9", None),
    ("lone \ud800 surrogate", "lone surrogate", None),
    (None, "", None),
])
def test_input_goes_through_the_one_cleaner_and_a_cut_is_reported(text, expected, cut):
    cleaned, cut_from = clean_input(text)
    assert cleaned == expected and cut_from == cut


def test_a_long_message_is_cut_with_a_notice_and_its_length_logged(manager):
    sid = manager.new_session_id()
    reply = manager.handle(sid, "help " * 400)
    assert reply.text.startswith("(Your message had 2,000 characters; I read only the first 1,000.)")
    (turn,) = list(manager.store.iter_turns(session_id=sid))
    assert len(turn.utterance) <= 1000 and turn.parse["input_chars"] == 2000


@pytest.mark.postgres
def test_conversation_on_postgres(planted, pg_url):
    url = pg_url
    manager = DialogueManager(planted, fixture_parser(planted), Store(url), model_id="pg")
    try:
        sid = manager.new_session_id()
        shown = _talk(manager, sid, "like Toy Story", "less action")[1].sequence
        assert manager.handle(sid, "#2").current.item_id == shown[1].item_id
        assert [t.intent for t in manager.store.iter_turns(session_id=sid)] == ["reference", "critique", "select"]
    finally:
        manager.close()


def test_a_parser_returning_garbage_is_survived(planted, store):
    class Broken:
        def parse(self, text, *, shown=()):
            return {"intent": "critique"}  # not a Parse

    manager = DialogueManager(planted, Broken(), store, model_id="t", policy="gradient")
    sid = manager.new_session_id()
    reply = manager.handle(sid, "less action")
    assert reply.intent == "error"
    (turn,) = list(store.iter_turns(session_id=sid))
    assert turn.parse == {"intent": "out_of_scope"} and turn.intent == "error"


def test_compound_request_moves_to_its_start_and_walks_in_one_turn(manager):
    sid = manager.new_session_id()
    reply = manager.handle(sid, "something like Toy Story but less action")
    assert reply.intent == "critique" and reply.current.title == "Toy Story (1995)"
    assert reply.tag == "action" and reply.alpha == -1 and len(reply.sequence) == 10
    undone = manager.handle(sid, "undo")  # takes back the critique, keeps the film named with it
    assert undone.current.title == "Toy Story (1995)" and undone.sequence == []
    assert manager.handle(sid, "undo").current is None  # a second one goes back before it
    manager.handle(sid, "like Toy Story")
    shown = manager.handle(sid, "less action").sequence
    pick = manager.handle(sid, "the second one but more romance")
    assert pick.intent == "critique" and pick.current.item_id == shown[1].item_id
    assert pick.tag == "romance" and pick.alpha == 1 and pick.sequence
