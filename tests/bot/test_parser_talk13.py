"""A reference inside a long chatty sentence and critique clauses around it, from sentences
written for h-talk13 (none of the blind sets'): an owner's name before the title ("Kubrick's
X"), a year in brackets and a description after it, "X-type"/"X-style" films, a dash that ends
a title, words that keep an attribute as it is ("just as scary", "anything else that violent"),
hedges ("if anything"), "classic ones" as a year filter and a self-negating word under "less"
whose base grounds only loosely. Made-up catalog."""

from __future__ import annotations

import pytest

from bot.nlu.equal_forms import without_kept
from bot.nlu.grounding import Grounding
from bot.nlu.parser import Parser
from bot.nlu.time import read_years

TAGS = ("comedy", "funny", "horror", "action", "romance", "drama", "dark", "violent", "gore", "scary", "weird",
        "classic")
TITLES = ("Lantern Road (1957)", "Quiet Town (1988)", "Gravelord (1992)", "Harbor King (1980)", "Paper Moths (2004)")
IDS = (21, 22, 23, 24, 25)
POPULARITY = (120, 40, 60, 300, 90)


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-talk13-tags.npz"
    return Parser(TAGS, TITLES, IDS, popularity=POPULARITY, tag_vectors_cache=cache)


def _read(parse) -> list[tuple[str, int]]:
    return sorted((c.tag, c.alpha) for c in parse.critiques)


@pytest.mark.parametrize("text, item_id", [
    ("Kubrick's Lantern Road is one of my all time faves, more like that please", 21),
    ("my dad's Harbor King obsession is real lol, got anything similar", 24),
    ("Lynch's Paper Moths blew my mind, anything in that vein", 25),
])
def test_an_owner_before_the_title_does_not_hide_it(parser, text, item_id):
    assert parser.parse(text).item_id == item_id, text


def test_an_owner_before_the_title_keeps_the_critique_after_it(parser):
    parse = parser.parse("Carpenter's Gravelord still rules honestly, but i want it way less violent")
    assert parse.item_id == 23 and _read(parse) == [("violent", -1)], parse


@pytest.mark.parametrize("text, expected", [
    ("hunting for something along the lines of Gravelord (1992), grim monster stuff, but less violent",
     [("violent", -1)]),
    ("in the spirit of Harbor King (1980), sweaty and tense, but funnier", [("funny", 1)]),
])
def test_a_description_after_the_title_is_no_critique(parser, text, expected):
    parse = parser.parse(text)
    assert parse.item_id == (23 if "Gravelord" in text else 24), text
    assert [t for t in _read(parse) if t[0] != "comedy"] == expected, parse


def test_a_description_alone_after_the_title_leaves_the_reference(parser):
    parse = parser.parse("something close to Gravelord (1992), dark monster stuff")
    assert parse.intent == "reference" and parse.item_id == 23 and not parse.critiques, parse


def test_a_bare_attribute_after_but_is_still_asked_for(parser):
    parse = parser.parse("something like Quiet Town but violent")
    assert parse.item_id == 22 and ("violent", 1) in _read(parse), parse


@pytest.mark.parametrize("text", [
    "looking for Gravelord-type creature features, but way less gory",
    "any gravelord-style monster movies with less gore?",
    "gimme some Gravelord-esque stuff, less gore this time",
])
def test_a_title_before_type_or_style_is_the_reference(parser, text):
    parse = parser.parse(text)
    assert parse.item_id == 23 and ("gore", -1) in _read(parse), parse


@pytest.mark.parametrize("text", [
    "Adored Quiet Town - slow, sad, odd. More of that, and weirder if anything",
    "rewatched Quiet Town \u2014 gorgeous, lonely. weirder next time",
])
def test_a_dash_ends_the_title(parser, text):
    parse = parser.parse(text)
    assert parse.item_id == 22 and _read(parse) == [("weird", 1)], parse


@pytest.mark.parametrize("text, expected", [
    ("just finished Paper Moths and i'm a wreck haha. need something just as scary but far less gory",
     [("gore", -1)]),
    ("Paper Moths was a blast!! anything else that violent but a bit funnier", [("funny", 1)]),
    ("Paper Moths rocked, want one every bit as dark but less violent", [("violent", -1)]),
])
def test_words_that_keep_an_attribute_ask_nothing_of_it(parser, text, expected):
    parse = parser.parse(text)
    assert parse.item_id == 25, text
    assert [t for t in _read(parse) if t[0] != "comedy"] == expected, parse
    assert not parse.unread, parse


@pytest.mark.parametrize("tokens, kept", [
    ("something just as scary but less gory", "something but less gory"),
    ("anything else that weird though funnier", "anything though funnier"),
    ("equally bleak and more violent", "and more violent"),
    ("as dark as that one but funnier", "but funnier"),
    ("as violent as possible", "as violent as possible"),  # the most, not the same
    ("twice as scary as it", "twice as scary as it"),
    ("something that scares me", "something that scares me"),  # a verb, no degree
    ("quieter if anything", "quieter"),
])
def test_without_kept(tokens, kept):
    assert " ".join(without_kept(tokens.split(), lambda w: w.isalpha() and w not in ("me", "it", "that"))) == kept


@pytest.mark.parametrize("text, relative", [
    ("classic ones only", "classic"), ("only classic films please", "classic"), ("the old classic movies", "classic"),
    ("more classic films", None), ("less classic ones", None),
])
def test_classic_as_a_kind_of_film_is_a_year_filter(text, relative):
    years, _ = read_years(text)
    assert (years.relative if years is not None else None) == relative, text


def test_more_classic_stays_the_attribute(parser):
    parse = parser.parse("more classic films")
    assert parse.years is None and _read(parse) == [("classic", 1)], parse


def test_a_loosely_grounded_base_under_less_keeps_the_users_word(parser):
    """"less plotless": no tag names "plotless"; its base "plot" grounds to no tag closely, so the
    word stays the user's (unread, direction -1) for the degree model, never a loose flip."""
    parse = parser.parse("less plotless")
    assert all(not c.flipped or c.score >= Grounding().accept_bare for c in parse.critiques), parse
    said = [(c.alpha, c.phrase) for c in parse.unread]
    assert said == [(-1, "plotless")] or any(c.flipped for c in parse.critiques), parse


@pytest.mark.parametrize("text", [
    "honestly carpenter's gravelord wrecked me for days, anything similar but less violent",
    "john carpenter's gravelord was brutal, something like that but less violent",
])
def test_an_owner_before_a_lower_case_title_that_starts_the_sentence(parser, text):
    parse = parser.parse(text)
    assert parse.item_id == 23 and ("violent", -1) in _read(parse), parse


def test_shorter_on_an_attribute_is_less_of_it_not_a_running_time(parser):
    parse = parser.parse("same again but shorter on the gore")
    assert parse.limit is None and _read(parse) == [("gore", -1)], parse


def test_an_owner_before_a_title_cut_by_a_dash(parser):
    parse = parser.parse("Ridley Scott's Harbor King - sweaty, loud, odd. weirder if anything")
    assert parse.item_id == 24 and _read(parse) == [("weird", 1)], parse


def test_what_one_says_of_a_film_before_asking_as_much_as_that(parser):
    parse = parser.parse("paper moths (2004) absolutely rules, anything as dark as that but less violent")
    assert parse.item_id == 25 and _read(parse) == [("violent", -1)], parse


def test_how_often_it_was_watched_ends_the_title(parser):
    parse = parser.parse("been rewatching Paper Moths (2004) a lot, anything that weird but less violent")
    assert parse.item_id == 25 and _read(parse) == [("violent", -1)], parse


def test_what_was_said_of_a_film_before_something_similar_is_no_critique(parser):
    parse = parser.parse("watched quiet town w my cousins, they adored it, something similar but a bit less scary")
    assert parse.item_id == 22 and _read(parse) == [("scary", -1)], parse


def test_a_span_among_the_lead_words_is_no_start_and_never_crashes():
    from bot.nlu.title_spans import start_cue

    words = "hmm ok so quiet town was fun".split()
    assert start_cue(words, 1, 1, lambda _: False) is None  # "ok" lies before the lead words end: once IndexError
    assert start_cue(words, 3, 2, lambda _: False) is not None
