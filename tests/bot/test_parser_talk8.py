"""List controls read by their grammar (issue 22, h-talk8): a request for more said with any verb
of showing or seeing ("I'd love to see a couple more options", "what comes after these?"), "seen"
together with "more" ("seen all of those, next please"), a film set aside by "stop suggesting X" /
"I've seen X a million times", and "about" with the item named by a noun of the list ("the 3rd
suggestion", "the second pick"). Made-up catalog; none of the blind sets' sentences."""

from __future__ import annotations

import pytest
from bot_fixtures import LIST_SHOWN as SHOWN
from bot_fixtures import list_catalog_parser

from bot.nlu.more_requests import asks_for_more, praises_list
from bot.nlu.parser import Parser

TAGS = ("comedy", "funny", "horror", "action", "romance", "drama", "dark", "violence", "gore", "scary")


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    return list_catalog_parser(TAGS, tmp_path_factory.getbasetemp() / "parser-talk8-tags.npz")


MORE_WORDINGS = [
    "I'd love to see a couple more options", "what comes after these?", "and after that?", "what about the rest?",
    "what about some others", "show me what else you've got", "have you got other ideas", "any other ideas?",
    "let's see the next batch", "can I see the following ones", "more suggestions would be nice",
    "show me some additional titles", "what's after these", "are there any more?", "is that all you've got?",
    "is there anything else?", "I wouldn't mind seeing some more", "let me see other ones", "what would come next",
    "show me another batch", "another few please", "any more where those came from?", "bring on the next ones",
    "I want to see more recommendations", "can you suggest some more", "suggest a few others",
    "recommend some more films", "what have you got next", "ok what's next", "show me the next lot",
    "I'd like to see some more of them", "what else would you suggest", "and the rest?", "how about the others",
]


@pytest.mark.parametrize("text", MORE_WORDINGS)
def test_a_sentence_that_only_asks_for_more_is_more(parser, text):
    assert parser.parse(text, shown=SHOWN).intent == "more", text


@pytest.mark.parametrize("text", [
    "these look good. got anything else?", "love them all, but what else is there?", "nice list. more please",
    "lovely, what else have you got", "I'd happily watch them all. what's next?",
])
def test_praise_of_the_list_before_a_request_for_more_adds_nothing(parser, text):
    assert parser.parse(text, shown=SHOWN).intent == "more", text


@pytest.mark.parametrize("text, tag, alpha", [
    ("more comedy", "comedy", 1), ("more of the funny ones", "funny", 1), ("more few scares", "scary", 1),
    ("I want to see more romance", "romance", 1), ("could I get some more action films", "action", 1),
    ("keep going with less action", "action", -1), ("anything else but less scary", "scary", -1),
    ("more love", "romance", 1), ("these are great but too dark", "dark", -1),
])
def test_more_with_an_attribute_stays_a_critique(parser, text, tag, alpha):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "critique" and [(c.alpha, c.tag) for c in parse.critiques] == [(alpha, tag)], (text, parse)


@pytest.mark.parametrize("text", ["I don't want more", "the other one", "anything else by the same director",
                                  "what comes after 2000", "more more scares"])
def test_what_asks_for_something_else_is_no_request_for_more(parser, text):
    assert parser.parse(text, shown=SHOWN).intent != "more", text


def test_the_grammar_of_more_and_of_praise():
    assert asks_for_more("could you show me a few more picks") and asks_for_more("keep em coming")
    assert not asks_for_more("more gore") and not asks_for_more("I know what comes next in heat")
    assert praises_list("these look great") and praises_list("nice") and not praises_list("watched all of these")
    assert not praises_list("something fun") and not praises_list("love")


@pytest.mark.parametrize("text", [
    "seen all of those, next please", "I've watched every one of them, show me more", "already seen these, what else?",
    "saw them all. more please", "know all of these, give me others", "watched the whole lot, next",
    "I've seen them all, any others?", "seen every one of those, what's next",
])
def test_seen_the_list_and_asking_for_more_sets_the_list_aside(parser, text):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control) == ("exclude", "all"), (text, parse)


def test_a_dismissal_before_more_stays_a_request_for_more(parser):
    assert parser.parse("none of these, what else?", shown=SHOWN).intent == "more"


@pytest.mark.parametrize("text, item_id", [
    ("stop suggesting Gravelord, I've watched it like ten times", 13), ("please stop showing me Robots", 14),
    ("don't show me Gravelord again", 13), ("enough of Quiet Town", 12), ("I already know Harbor King", 11),
    ("quit recommending Honor Bound, seen it twice", 15), ("no more Gravelord please, I've seen it loads", 13),
    ("can you stop putting Robots in the list", 14), ("I've seen Robots a million times", 14),
    ("I've watched Gravelord so many times already", 13), ("stop recommending the second one", 13),
    ("don't suggest #3 again, seen it", 15), ("seen Robots too many times", 14),
    ("stop suggesting Heat, I've seen it so often", 16),
])
def test_a_film_said_to_be_seen_or_unwanted_is_set_aside_not_started_from(parser, text, item_id):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "exclude", (text, parse)
    assert parse.item_id == item_id or SHOWN[(parse.index or 0) - 1][0] == item_id, (text, parse)


def test_seen_often_without_the_film_on_screen_may_be_a_favourite(parser):
    parse = parser.parse("I've seen Heat a hundred times")
    assert (parse.intent, parse.item_id) == ("reference", 16)


@pytest.mark.parametrize("text, index", [
    ("tell me a little about the second pick", 2), ("what's the third option about", 3), ("so what's number 2 like", 2),
    ("what's #5 like then", 5), ("give me the lowdown on the fourth one", 4), ("more info on the first film", 1),
    ("some info on number two please", 2), ("what is the last suggestion about", -1),
    ("what can you tell me about the 3rd suggestion", 3), ("what kind of film is the first suggestion", 1),
    ("so what's the first result about then", 1), ("what's the story of the 2nd pick", 2),
    ("tell me about the second recommendation", 2), ("what's the 4th film like, then", 4),
])
def test_about_an_item_named_by_a_noun_of_the_list(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index) == ("about", index), (text, parse)


@pytest.mark.parametrize("text, tag", [
    ("don't show me anything scary", "scary"), ("stop suggesting horror films", "horror"),
    ("don't suggest scary movies", "scary"), ("please stop showing me gory stuff", "gore"),
    ("don't recommend anything too violent", "violence"), ("don't show me romance again", "romance"),
])
def test_an_attribute_not_to_be_shown_is_less_of_it(parser, text, tag):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "critique" and [(c.alpha, c.tag) for c in parse.critiques] == [(-1, tag)], (text, parse)


def test_a_title_not_to_be_shown_is_set_aside_before_any_attribute_reading(parser):
    parse = parser.parse("don't show me Gravelord again", shown=SHOWN)
    assert (parse.intent, parse.item_id) == ("exclude", 13)
