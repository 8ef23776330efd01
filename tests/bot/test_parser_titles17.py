"""Titles said the way people type them: a well-known title in lower case whose words hold
critique cues, a film named by a number, a verdict before a request, a pronoun's "'s", a dropped
"g" and "what made you pick ...". Sentences here are not those of the labelled sets."""

from __future__ import annotations

import pytest

from bot.nlu.parser import Parser
from bot_fixtures import DEMO_TAGS

TITLES = (
    "Heat (1995)", "Dumb & Dumber (Dumb and Dumber) (1994)", "Stranger than Fiction (2006)",
    "Wedding Singer, The (1998)", "Better Off Dead... (1985)", "300 (2007)", "21 (2008)",
    "21 Grams (2003)", "2001: A Space Odyssey (1968)", "Toy Story (1995)", "Alien (1979)",
    "Darker than Amber (1970)", "Big (1988)", "Big Lebowski, The (1998)", "Cast Away (2000)",
    "Monsters, Inc. (2001)", "Monster (2003)", "Lock, Stock & Two Smoking Barrels (1998)", "Locke (2013)",
    "Interview with the Vampire: The Vampire Chronicles (1994)", "Interview, The (2014)", "Scary Movie (2000)",
    "Anchorman: The Legend of Ron Burgundy (2004)", "Cool Hand Luke (1967)", "Aladdin (1992)",
    "Aladdin and the King of Thieves (1996)",
)
# catalog id 300 is Heat and 2001 is Toy Story: ids a person never means by a number
IDS = (300, 231, 46976, 1777, 1257, 51662, 58803, 6016, 924, 2001, 1214, 99001, 2797, 1732, 4022,
       4886, 7160, 2542, 110882, 253, 119141, 3785, 8641, 1276, 588, 1091)
POPULARITY = (90, 80, 60, 70, 40, 75, 30, 65, 85, 95, 99, 1, 70, 85, 80, 80, 20, 60, 20, 60, 20, 70, 70, 60, 80, 10)
# most of a catalog is little watched: a well-known title is among the most watched quarter
OBSCURE = tuple(f"Quiet Harbour Part {n} (1971)" for n in range(1, 61))
SHOWN = ((300, "Heat (1995)"), (2001, "Toy Story (1995)"), (1214, "Alien (1979)"))


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-titles17-tags.npz"
    return Parser(DEMO_TAGS, TITLES + OBSCURE, IDS + tuple(range(500, 500 + len(OBSCURE))),
                  popularity=POPULARITY + (5,) * len(OBSCURE), tag_vectors_cache=cache)


@pytest.mark.parametrize("text, item_id", [
    ("dumb & dumber", 231), ("dumb and dumber", 231), ("stranger than fiction", 46976),
    ("the wedding singer", 1777),
])
def test_a_well_known_title_typed_in_lower_case_is_the_film_not_its_cue_words(parser, text, item_id):
    parse = parser.parse(text)
    assert parse.intent == "reference" and parse.item_id == item_id


def test_a_well_known_title_with_an_article_it_lacks_is_a_description(parser):
    assert parser.parse("a scary movie").item_id is None
    assert parser.parse("scary movie").item_id == 3785


def test_an_obscure_title_of_cue_words_stays_a_critique_unless_typed_as_a_title(parser):
    assert parser.parse("darker than amber").item_id is None
    assert parser.parse("Darker Than Amber").item_id == 99001


@pytest.mark.parametrize("shown", [(), SHOWN])
@pytest.mark.parametrize("text, item_id", [("300", 51662), ("21", 58803), ("2001", 924)])
def test_a_number_that_names_a_film_is_that_film_before_a_catalog_id(parser, shown, text, item_id):
    parse = parser.parse(text, shown=shown)
    assert parse.intent == "reference" and parse.item_id == item_id


def test_a_number_on_the_list_is_still_a_pick_and_a_bare_id_beyond_it_still_an_id(parser):
    assert (parser.parse("2", shown=SHOWN).intent, parser.parse("2", shown=SHOWN).index) == ("select", 2)
    assert parser.parse("6016", shown=SHOWN).item_id == 6016


@pytest.mark.parametrize("text", [
    "that's better - even less violent?", "much better! now less violent", "good, now less violent",
    "that is better, less violent", "Brilliant, but I need something less violent tonight",
    "loved it! now something less violent",
])
def test_a_verdict_before_a_request_is_no_title(parser, text):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "critique" and parse.item_id is None
    assert [(c.alpha, c.tag) for c in parse.critiques] == [(-1, "violent")]


def test_a_title_that_starts_with_a_verdict_word_is_still_the_film(parser):
    assert parser.parse("Better Off Dead, but funnier").item_id == 1257


def test_a_pronouns_s_is_no_owner_of_a_title(parser):
    # "that's" is "that is": the words after it are no title with an owner before it
    assert parser.parse("that's better, even less violent", shown=SHOWN).item_id is None
    assert parser.parse("ridley scott's alien - but funnier").item_id == 1214


@pytest.mark.parametrize("text", [
    "big fan of the big lebowski - want another comedy in that vein, only weirder",
    "i'm a huge fan of the big lebowski, anything weirder?",
])
def test_the_title_after_fan_of_is_the_film_not_a_shorter_title_at_the_start(parser, text):
    assert parser.parse(text).item_id == 1732


@pytest.mark.parametrize("text, intent", [
    ("keep goin", "more"), ("keep goin'", "more"),
    ("What made you pick the second one?", "explain"), ("what made you choose that one", "explain"),
])
def test_everyday_spellings_of_more_and_why(parser, text, intent):
    assert parser.parse(text, shown=SHOWN).intent == intent


def test_a_dropped_g_is_restored_in_chat_verbs_only(parser):
    from bot.nlu.chitchat import expand_short_forms

    assert expand_short_forms("lookin' for somethin like heat") == "looking for something like heat"
    assert expand_short_forms("jumpin jill sprak") == "jumpin jill sprak"  # a title's word, typed


@pytest.mark.parametrize("text", [
    "we just watched alien and want something less scary", "we watched alien, want something less scary",
])
def test_after_a_verb_of_seeing_a_famous_title_is_the_film_not_its_lexicon_cue(parser, text):
    parse = parser.parse(text)
    assert parse.item_id == 1214 and [(c.alpha, c.tag) for c in parse.critiques] == [(-1, "horror")]


def test_a_genre_after_like_is_still_a_genre(parser):
    assert parser.parse("i like horror").item_id is None


@pytest.mark.parametrize("text, intent", [("cast away but darker", "critique"), ("more like cast away please", "reference")])
def test_a_role_word_that_starts_a_title_is_no_question_about_the_cast(parser, text, intent):
    parse = parser.parse(text)
    assert (parse.intent, parse.item_id) == (intent, 4022)


def test_a_question_about_the_cast_is_still_one(parser):
    assert parser.parse("who is in the cast of heat").intent == "cannot_judge"


@pytest.mark.parametrize("text, item_id, expected", [
    ("something like monsters, inc. but less violent", 4886, [(-1, "violent")]),
    ("i loved monsters, inc., anything funnier?", 4886, [(1, "comedy")]),
    ("something like lock, stock and two smoking barrels but funnier", 2542, [(1, "comedy")]),
    ("something like interview with the vampire but less violent", 253, [(-1, "violent")]),
    ("something like heat, but less violent", 300, [(-1, "violent")]),
])
def test_a_title_with_a_separator_inside_is_split_after_the_whole_title(parser, text, item_id, expected):
    parse = parser.parse(text)
    assert parse.item_id == item_id and [(c.alpha, c.tag) for c in parse.critiques] == expected


@pytest.mark.parametrize("text", [
    "my boyfriend keeps quoting Anchorman, find something like it only less violent",
    "my boyfriend keeps quoting anchorman, find something like it only less violent",
])
def test_a_short_form_after_a_verb_of_liking_names_the_film(parser, text):
    parse = parser.parse(text)
    assert parse.item_id == 8641 and [(c.alpha, c.tag) for c in parse.critiques] == [(-1, "violent")]


@pytest.mark.parametrize("text, expected", [
    ("less violent for the kids", [(-1, "violent")]), ("less violent for a date night", [(-1, "violent")]),
    ("less violent for my kids", [(-1, "violent")]),
])
def test_who_or_what_a_critique_is_for_is_no_part_of_it(parser, text, expected):
    parse = parser.parse(text, shown=SHOWN)
    assert [(c.alpha, c.tag) for c in parse.critiques] == expected


def test_for_the_kids_alone_still_asks_for_family_films(parser):
    assert [c.alpha for c in parser.parse("something for the kids").critiques] == [1]


@pytest.mark.parametrize("text", ["something like heat with a better cast", "something like heat with famous actors"])
def test_what_is_said_of_the_cast_goes_with_it_and_asks_nothing_of_the_film(parser, text):
    parse = parser.parse(text)
    assert (parse.intent, parse.item_id, parse.limit, parse.critiques) == ("reference", 300, "actors", ())


def test_a_title_whose_first_word_is_a_polite_word_keeps_it(parser):
    # "cool" opens many lines as a reaction; here it is the first word of the film
    assert parser.parse("cool hand luke was great, more like that").item_id == 1276
    assert parser.parse("cool, something like heat").item_id == 300


def test_after_a_verb_of_liking_a_famous_title_is_the_film_not_its_lexicon_cue(parser):
    parse = parser.parse("my wife loved alien, anything less violent?")
    assert parse.item_id == 1214 and [(c.alpha, c.tag) for c in parse.critiques] == [(-1, "violent")]


def test_a_short_form_never_ends_on_a_joining_word(parser):
    parse = parser.parse("we just watched aladdin and want something less violent")
    assert parse.item_id == 588
