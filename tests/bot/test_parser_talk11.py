"""Parser fixes of h-talk11 (issues 21-22), with our own sentences (none of a benchmark set's):
a word formed from a real word is never spelling-corrected into another word; list controls said
with asides and no comma; a jump said as "anything but this (kind of film)"."""

from __future__ import annotations

import pytest

from bot.nlu.text import best_correction
from bot_fixtures import fixture_parser, planted_retriever

SHOWN = ((40, "Broken Harbor (1973)"), (50, "Iron Harbor (1974)"), (60, "Paper Harbor (1975)"))


@pytest.fixture(scope="module")
def parser():
    return fixture_parser(planted_retriever())


@pytest.mark.parametrize("token, vocabulary", [
    ("arty", ["army"]), ("showy", ["snowy"]), ("leggy", ["laggy"]), ("charmless", ["harmless"]),
])
def test_a_word_form_of_a_real_word_is_no_typo_of_another_word(token, vocabulary):
    assert best_correction(token, vocabulary, set()) is None


def test_a_word_ending_in_ish_is_its_own_word_not_a_typo_of_its_stem_forms():
    # "nothing too cartoonish" about a live-action film asks for less of a style, not less animation
    assert best_correction("cartoonish", ["cartoons", "cartoon"], set()) is None
    assert best_correction("actiony", ["action"], set()) == "action"  # "-y" keeps reading as its stem


@pytest.mark.parametrize("token, vocabulary, fixed", [
    ("funy", ["funny"], "funny"), ("scarry", ["scary"], "scary"), ("actoin", ["action"], "action"),
    ("mistery", ["mystery"], "mystery"),  # "mister" + y, but "mystery" is no form of another word
])
def test_typos_are_still_corrected(token, vocabulary, fixed):
    assert best_correction(token, vocabulary, set()) == fixed


def test_less_arty_is_not_read_as_the_lexicon_word_army(parser):
    parse = parser.parse("a bit less arty")
    assert "army" not in [c.phrase for c in parse.critiques] and "war" not in [c.tag for c in parse.critiques]
    assert "arty" in [c.phrase for c in (*parse.critiques, *parse.unread)]


@pytest.mark.parametrize("text", ["meh none of these grab me honestly", "ugh seen them all already",
                                  "yeah watched them all tbh", "nope not interested in any of those sorry"])
def test_a_whole_list_dismissed_with_asides_and_no_comma_is_excluded(parser, text):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control) == ("exclude", "all"), parse


@pytest.mark.parametrize("text", ["anything but these please", "something other than this sort of movie",
                                  "let's go crazy", "go nuts, anything except this type of film", "ok surprise me"])
def test_anything_but_this_kind_of_film_is_a_jump(parser, text):
    assert parser.parse(text, shown=SHOWN).intent == "jump", text


def test_anything_but_an_attribute_stays_a_critique(parser):
    parse = parser.parse("anything but horror", shown=SHOWN)
    assert parse.intent == "critique" and (-1, "horror") in [(c.alpha, c.tag) for c in parse.critiques]


@pytest.mark.parametrize("text, topic", [
    ("how about spielberg's budget for the second one", "budget"),
    ("what was the wachowskis' budget on this", "budget"),
    ("and nolan's running time on it?", "running time"),
])
def test_the_owner_of_what_the_catalog_cannot_say_is_no_critique(parser, text, topic):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.limit, parse.critiques, parse.unread) == ("cannot_judge", topic, (), ()), parse


@pytest.mark.parametrize("text", ["more Kate Winslet", "less Adam Sandler please", "more jennifer lawrence"])
def test_more_or_less_of_a_person_is_something_the_catalog_cannot_judge(parser, text):
    parse = parser.parse(text)
    assert (parse.intent, parse.limit, parse.critiques) == ("cannot_judge", "actors", ()), parse


@pytest.mark.parametrize("text", ["cheaper looking", "something more expensive looking", "better production values please",
                                  "less cheap-looking"])
def test_how_costly_a_film_looks_is_a_budget_question(parser, text):
    parse = parser.parse(text)
    assert (parse.intent, parse.limit, parse.critiques) == ("cannot_judge", "budget", ()), parse


@pytest.mark.parametrize("text", ["more sandy beaches", "less dark comedy", "more Toy Story"])
def test_words_after_more_that_name_no_person_are_no_actor(parser, text):
    assert parser.parse(text).limit is None, text


@pytest.mark.parametrize("text, alpha", [("less over the top", -1), ("a bit more over the top please", 1),
                                         ("more toned down", 1)])
def test_a_polarity_phrase_after_more_or_less_is_the_attribute_asked_about(parser, text, alpha):
    parse = parser.parse(text)
    said = [(c.alpha, c.phrase) for c in (*parse.critiques, *parse.unread)]
    assert parse.intent == "critique" and said and said[0][0] == alpha and said[0][1] in ("over the top", "toned down")


def test_over_the_top_beside_an_attribute_is_still_its_cue(parser):
    parse = parser.parse("the gore is over the top")
    assert [(c.alpha, c.tag) for c in parse.critiques] == [(-1, "gory")]


@pytest.mark.parametrize("text, alpha, tag", [("nah more action", 1, "action"), ("nope less gore please", -1, "gory"),
                                              ("no more gore", -1, "gory"), ("horror? nah", -1, "horror")])
def test_a_reply_word_before_a_request_does_not_negate_it(parser, text, alpha, tag):
    parse = parser.parse(text)
    assert (alpha, tag) in [(c.alpha, c.tag) for c in parse.critiques], parse
