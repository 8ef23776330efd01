"""List controls said in ways the first readers missed (issue 22, seventh session): a pick phrase
around a one-word title that is also a verb, informal spellings of "what's"/"why's", politeness
around "more", a film named then dropped ("..., take it off"), several films set aside at once,
and a standing refusal of the whole list before "show others"."""

from __future__ import annotations

import pytest

from bot.dialogue.manager import DialogueManager
from bot_fixtures import fixture_parser, planted_retriever

SHOWN = ((40, "Broken Harbor (1973)"), (50, "Iron Harbor (1974)"), (60, "Paper Harbor (1975)"),
         (70, "Night Harbor (1976)"))


@pytest.fixture(scope="module")
def parser():
    return fixture_parser(planted_retriever())


@pytest.fixture(scope="module")
def verb_titles():
    """A catalog where "Go", "Stay" and "Run" are films, beside a few others."""
    from bot.nlu.parser import Parser
    from fast_parser import hashed_ngram_encoder

    titles = ("Go (1999)", "Stay (2005)", "Run (1991)", "Heat (1995)", "Ronin (1998)", "Casino (1995)",
              "Sense and Sensibility (1995)")
    return Parser(("comedy", "crime", "action", "drama"), titles, tuple(range(1, len(titles) + 1)),
                  encoder=hashed_ngram_encoder)


@pytest.mark.parametrize("text, index", [
    ("go with the third one from the list", 3), ("ok let's go with #4", 4), ("go with the last one", -1),
    ("i'll go with the 2nd one", 2), ("go with the fourth then", 4),
])
def test_a_place_on_the_list_wins_over_a_verb_title(verb_titles, text, index):
    shown = ((4, "Heat (1995)"), (5, "Ronin (1998)"), (6, "Casino (1995)"), (2, "Stay (2005)"))
    parse = verb_titles.parse(text, shown=shown)
    assert (parse.intent, parse.index) == ("select", index)
    assert parse.item_id != 1 and not parse.critiques  # never the film "Go" walked "more third"


@pytest.mark.parametrize("text, index, tag", [
    ("ok go with the third one, but make it funnier", 3, "comedy"), ("go with #2 and less crime", 2, "crime"),
])
def test_a_pick_with_a_critique_after_it_starts_from_the_pick(verb_titles, text, index, tag):
    shown = ((4, "Heat (1995)"), (5, "Ronin (1998)"), (6, "Casino (1995)"))
    parse = verb_titles.parse(text, shown=shown)
    assert (parse.intent, parse.index, parse.item_id) == ("critique", index, None)
    assert [c.tag for c in parse.critiques] == [tag]


def test_the_verb_title_alone_is_still_the_film(verb_titles):
    parse = verb_titles.parse("Go", shown=())
    assert (parse.intent, parse.item_id) == ("reference", 1)


@pytest.mark.parametrize("text, intent, index", [
    ("wot's the second one about", "about", 2), ("wots #3 about?", "about", 3),
    ("whys the bottom one so much darker??", "explain", -1), ("whys number 2 on there", "explain", 2),
])
def test_informal_spellings_of_what_and_why(parser, text, intent, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index) == (intent, index)


@pytest.mark.parametrize("text", ["Thank you. Could you show me some more?", "Many thanks! Any others?",
                                  "cheers, what else have you got"])
def test_thanks_around_a_request_for_more(parser, text):
    assert parser.parse(text, shown=SHOWN).intent == "more"


@pytest.mark.parametrize("text", ["not interested in those, show me others", "I don't want any of these, next"])
def test_a_standing_refusal_before_more_sets_the_list_aside(parser, text):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control) == ("exclude", "all")


def test_a_passing_dismissal_before_more_only_asks_for_more(parser):
    assert parser.parse("none of them, what else?", shown=SHOWN).intent == "more"


@pytest.mark.parametrize("text, item_id", [
    ("I've watched Ronin, take it off", 5), ("seen Casino already - remove it from the list", 6),
    ("Heat, get rid of it please", 4),
])
def test_a_film_named_then_dropped_is_excluded(verb_titles, text, item_id):
    shown = ((1, "Go (1999)"), (2, "Stay (2005)"))
    parse = verb_titles.parse(text, shown=shown)
    assert (parse.intent, parse.item_id) == ("exclude", item_id)


@pytest.mark.parametrize("text, ids", [
    ("I've seen Ronin and Casino", (5, 6)), ("already watched Heat, Ronin and Casino", (4, 5, 6)),
    ("seen Stay & Run before", (2, 3)),
])
def test_several_films_are_excluded_at_once(verb_titles, text, ids):
    shown = ((1, "Go (1999)"), (7, "Sense and Sensibility (1995)"))
    parse = verb_titles.parse(text, shown=shown)
    assert (parse.intent, parse.control, parse.item_ids) == ("exclude", "items", ids)
    assert parse.to_json()["item_ids"] == list(ids)


def test_one_title_with_and_in_it_stays_one_film(verb_titles):
    parse = verb_titles.parse("seen Sense and Sensibility already", shown=((1, "Go (1999)"),))
    assert (parse.intent, parse.item_id, parse.item_ids) == ("exclude", 7, ())


def test_several_films_without_a_list_or_already_stay_a_reference(verb_titles):
    parse = verb_titles.parse("I've seen Ronin and Casino", shown=())
    assert parse.intent != "exclude"


def test_the_dialogue_sets_several_named_films_aside(planted, store):
    manager = DialogueManager(planted, fixture_parser(planted), store, model_id="t")
    sid = manager.new_session_id()
    manager.handle(sid, "something like Broken Harbor")
    first = manager.handle(sid, "less action")
    named = [first.sequence[3], first.sequence[6]]
    plain = [s.title.rsplit(" (", 1)[0] for s in named]
    reply = manager.handle(sid, f"I have already seen {plain[0]} and {plain[1]}")
    assert reply.intent == "exclude"
    assert reply.excluded == [{"item_id": s.item_id, "title": s.title} for s in named]
    assert reply.current.item_id == first.current.item_id  # no new reference
    later = manager.handle(sid, "more comedy")
    assert not {s.item_id for s in named} & {s.item_id for s in later.sequence}


@pytest.mark.parametrize("text, control, index", [
    ("the least violent of these would be great", "degree", None), ("the oldest one is fine by me", "oldest", None),
    ("the third one sounds good actually", None, 3), ("the funniest of them works", "degree", None),
])
def test_a_pick_with_a_verdict_after_it_is_still_a_pick(parser, text, control, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control, parse.index) == ("select", control, index)
    assert all(c.phrase not in ("great", "fine", "good") for c in parse.critiques + parse.unread)
