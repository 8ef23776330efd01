"""The manager with the production parser (bot.nlu.parser.Parser): the issue's flows and bad input."""

from __future__ import annotations

import pytest

from bot.dialogue.manager import MAX_INPUT_CHARS, DialogueManager
from bot.dialogue.suggestions import Suggester


@pytest.fixture()
def real_manager(planted, real_parser, store):
    # walks as the gradient policy builds them (the adaptive default: tests/bot/test_policies.py)
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy="gradient")


def test_scripted_conversation_with_paraphrases(real_manager):
    m = real_manager
    sid = m.new_session_id()
    replies = [m.handle(sid, u) for u in (
        "something like Toy Story", "fewer explosions", "the third one",
        "more romantic and less violent", "undo", "restart")]
    assert [r.intent for r in replies] == ["reference", "critique", "select", "critique", "undo", "restart"]
    assert (replies[1].tag, replies[1].alpha) == ("action", -1)
    assert replies[2].current.item_id == replies[1].sequence[2].item_id
    assert (replies[3].tag, replies[3].alpha) == ("romance", 1)
    turns = list(m.store.iter_turns(session_id=sid))
    assert [t.intent for t in turns] == ["reference", "critique", "select", "critique", "undo", "restart"]
    assert [(c["alpha"], c["tag"]) for c in turns[3].parse["critiques"]] == [(1, "romance"), (-1, "violent")]


def test_every_suggestion_and_button_parses_back_to_itself(planted, real_parser):
    suggester = Suggester(planted)
    seen = set()
    for row in range(0, planted.n_items, 4):
        for s in suggester.suggest(row):
            if s.text in seen:
                continue
            seen.add(s.text)
            parse = real_parser.parse(s.text)
            assert parse.intent == "critique", s.text
            assert [(c.alpha, c.tag) for c in parse.critiques] == [(s.alpha, s.tag)], s.text
    for title in ("Toy Story (1995)", "Heat (2013)"):
        parse = real_parser.parse(f"something like {title}")
        assert parse.intent == "reference" and parse.title == title


def test_selection_payloads_parse(real_parser):
    shown = [(10, "Toy Story (1995)"), (20, "Heat (1995)")]
    assert real_parser.parse("the first one", shown=shown).index == 1
    assert real_parser.parse("the second one", shown=shown).index == 2


BAD_INPUT = {
    "empty": "",
    "whitespace": " \t\n ",
    "huge": "less action " * 10_000,
    "control": "\x00\x01\x07\x1b[2J\x7fless action",
    "emoji": "\U0001f600\U0001f3ac\U0001f4a5",
    "chinese": "\u6211\u60f3\u770b\u4e00\u90e8\u7535\u5f71",
    "arabic": "\u0623\u0631\u064a\u062f \u0641\u064a\u0644\u0645\u0627",
    "russian": "\u0445\u043e\u0447\u0443 \u043a\u043e\u043c\u0435\u0434\u0438\u044e",
    "sql": "'; DROP TABLE turns; --",
    "sql_union": "1 UNION SELECT * FROM sessions",
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "surrogate": "less \ud83d action",
    "bidi": "\u202eless action",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_gets_a_reply_and_a_logged_turn(real_manager, name):
    m = real_manager
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    text = BAD_INPUT[name]
    reply = m.handle(sid, text)
    assert reply.text and reply.intent != "error"
    turns = list(m.store.iter_turns(session_id=sid))
    assert len(turns) == 2
    logged = turns[-1].utterance
    assert len(logged) <= MAX_INPUT_CHARS
    assert not any(ord(c) < 32 or c == "\x7f" for c in logged)
    if name == "huge":
        assert f"{len(text):,} characters" in reply.text
        assert turns[-1].parse["input_chars"] == len(text)
    # The session and the database are intact afterwards.
    assert m.handle(sid, "undo").intent == "undo"
    assert m.store.count_turns(sid) == 3


def reading_manager(planted, real_parser, store, monkeypatch, phrase: str, tags: tuple[str, ...],
                    weights: tuple[float, ...]) -> DialogueManager:
    """A gradient manager whose degree model reads every phrase as `phrase` leaning on `tags`."""
    from engine.degrees.model import Grounding

    reading = Grounding(phrase, " + ".join(tags), tags, weights, False)
    monkeypatch.setattr(planted.degree_model, "ground", lambda said: reading)
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy="gradient")


def test_a_reading_of_words_that_are_no_tag_is_shown_under_those_words(planted, real_parser, store,
                                                                       monkeypatch):
    # "tearjerking" matches the tag "sad" by embedding only, so the degree model's reading is walked
    m = reading_manager(planted, real_parser, store, monkeypatch, "tearjerking", ("sad", "romance"), (0.6, 0.4))
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    reply = m.handle(sid, "more tearjerking")
    assert (reply.intent, reply.tag, reply.alpha) == ("critique", "tearjerking", 1)
    assert "“tearjerking” is not a tag here; I read it as sad + romance" in reply.text
    degrees = [s.degree for s in reply.sequence]
    assert reply.current.degree is not None and all(d > reply.current.degree for d in degrees)


def test_a_clause_no_tag_names_is_walked_beside_the_clauses_that_name_one(planted, real_parser, store,
                                                                          monkeypatch):
    # "less preachy" names no tag: it used to be dropped whenever another clause named one
    m = reading_manager(planted, real_parser, store, monkeypatch, "preachy", ("drama", "war"), (0.7, 0.3))
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    reply = m.handle(sid, "more romantic but less preachy")
    assert reply.intent == "critique" and reply.sequence
    assert [(c["alpha"], c["phrase"]) for c in reply.critiques] == [(1, "romantic"), (-1, "preachy")]


def test_a_title_with_a_critique_no_tag_names_starts_there_and_walks_its_reading(planted, real_parser,
                                                                                 store, monkeypatch):
    m = reading_manager(planted, real_parser, store, monkeypatch, "preachy", ("drama", "war"), (0.7, 0.3))
    reply = m.handle(m.new_session_id(), "Toy Story but less preachy")
    assert reply.current.title.startswith("Toy Story") and reply.sequence
    assert [(c["alpha"], c["phrase"]) for c in reply.critiques] == [(-1, "preachy")]


def test_a_title_with_words_nobody_can_read_starts_there_says_so_and_shows_its_nearest(real_manager):
    session = real_manager.new_session_id()
    reply = real_manager.handle(session, "Toy Story but more pizza")
    assert reply.current.title.startswith("Toy Story")
    assert "I could not match that to any tag I know" in reply.text
    assert "films most like" in reply.text and not reply.understood and reply.critiques == []
    from engine.walks.neighbourhood import nearest_by_kind

    rows, _ = nearest_by_kind(real_manager.retriever, real_manager.retriever.row_of_id[reply.current.item_id])
    nearest = [int(real_manager.retriever.item_ids[r]) for r in rows][:real_manager.steps]
    assert [s.item_id for s in reply.sequence] == nearest  # the nearest by co-rating and kind, as they are
    assert all(s.degree is None and s.gamma is None for s in reply.sequence)
    more = real_manager.handle(session, "more")
    assert more.intent == "more" and more.sequence
    assert not {s.item_id for s in more.sequence} & set(nearest)
    assert [s.item_id for s in more.sequence][0] == [int(real_manager.retriever.item_ids[r]) for r in rows][
        real_manager.steps]
    undone = real_manager.handle(session, "undo")  # back past the "more"
    assert [s.item_id for s in undone.sequence] == nearest
    assert real_manager.handle(session, "undo").current is None  # one more undo: before the title


def test_a_title_with_a_comparative_nobody_reads_is_not_dropped(real_manager):
    # "-ier" of an adjective no lexicon has: the clause is a critique, so the bot says it could
    # not read it (and shows the nearest) instead of silently starting from the title
    reply = real_manager.handle(real_manager.new_session_id(), "Toy Story but a bit zorkier")
    assert reply.current.title.startswith("Toy Story")
    assert "I could not match that" in reply.text and reply.sequence
