"""Titles as people say them (issue 21 point 1, h-talk10): a whole line that is exactly a title,
in or outside the model, in any case; a title's distinctive last words alone; a title after "start
me off with", after "first turn:", with foreign particles, before "instead"; a short form at the
start that gives way to a title named in full later; "the 96 one" for a namesake. Made-up catalog;
none of the development or blind sets' sentences or films."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bot.dialogue.pending import AskTitle
from bot.nlu.parser import Parser
from bot.types import Parse
from engine.retrieval.catalog import TitleResolver
from engine.retrieval.outside import load_watched

TAGS = ("comedy", "funny", "horror", "action", "romance", "drama", "dark", "violence", "gore", "scary", "sad",
        "harvest")
TITLES = ("Great Harvest, The (1991)", "Captain Blackwater Beyond Stormgate (1987)", "Fantastic Mrs. Otter (2011)",
          "Gravelord (1992)", "Lune de Miel (1984)", "Copper Kettle (1988)", "My Brother Sam Is Gone (1992)",
          "Harbor (1990)", "Return of the Quiet Night (1990)", "Sunday Drivers (1999)")
IDS = (51, 52, 53, 54, 55, 56, 57, 58, 59, 60)
POPULARITY = (8, 30, 12, 25, 6, 14, 40, 300, 9, 20)
OUTSIDE = TitleResolver(["Sad Clowns (2005)", "Bonecrushers (2004)", "Horror (2003)"], [901, 902, 903], [9, 7, 5])


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-talk10-tags.npz"
    return Parser(TAGS, TITLES, IDS, popularity=POPULARITY, tag_vectors_cache=cache, outside=OUTSIDE)


@pytest.mark.parametrize("text", ["Great Harvest", "great harvest", "The Great Harvest"])
def test_a_whole_line_title_keeps_a_word_the_polite_pass_would_drop(parser, text):
    parse = parser.parse(text)  # not "more harvest": "great" is part of the title here
    assert parse.intent == "reference" and parse.item_id == 51, parse


@pytest.mark.parametrize("text, outside", [
    ("sad clowns", "Sad Clowns (2005)"), ("Sad Clowns", "Sad Clowns (2005)"),
    ("Bonecrushers", "Bonecrushers (2004)"), ("bonecrushers", "Bonecrushers (2004)"),
])
def test_a_whole_line_that_is_a_title_outside_the_model_is_that_title(parser, text, outside):
    parse = parser.parse(text)
    assert parse.intent == "reference" and parse.item_id is None and parse.outside == (outside,), parse


@pytest.mark.parametrize("text, tag, alpha", [
    ("horror", "horror", 1), ("less horror", "horror", -1), ("sadder clowns", "sad", 1), ("less sad clowns", "sad", -1),
])
def test_attribute_words_stay_critiques_beside_outside_titles(parser, text, tag, alpha):
    parse = parser.parse(text)
    assert parse.intent == "critique" and (alpha, tag) in [(c.alpha, c.tag) for c in parse.critiques], parse


@pytest.mark.parametrize("text, item_id", [
    ("Stormgate", 52), ("stormgate", 52), ("Mrs Otter", 53), ("mrs. otter", 53),
])
def test_the_distinctive_last_words_of_a_title_name_it(parser, text, item_id):
    assert parser.parse(text).item_id == item_id, text


@pytest.mark.parametrize("text", ["night", "Night", "otter"])
def test_one_english_word_at_the_end_of_a_title_is_no_title(parser, text):
    assert parser.parse(text).item_id is None, text


@pytest.mark.parametrize("text, item_id, tag, alpha", [
    ("start me off with Gravelord, then make it less gory", 54, "gore", -1),
    ("start us off with Harbor, then less violent", 58, "violence", -1),
    ("alright first pick: Lune de Miel. i want it less sad", 55, "sad", -1),
    ("my brother and I saw Copper Kettle last week, want one like that but less dark", 56, "dark", -1),
])
def test_a_title_inside_a_request_starts_it_and_the_critique_follows(parser, text, item_id, tag, alpha):
    parse = parser.parse(text)
    assert parse.item_id == item_id, parse
    assert (alpha, tag) in [(c.alpha, c.tag) for c in parse.critiques], parse
    assert parse.limit is None  # "with Harbor" names a film, not an actor


def test_a_title_before_instead_keeps_the_decade(parser):
    parse = parser.parse("how about something like Sunday Drivers instead, still 90s")
    assert parse.item_id == 60 and parse.years == {"min": 1990, "max": 1999}, parse


def test_a_title_with_a_particle_typed_in_title_case_is_found_inside_a_sentence(parser):
    assert parser.parse("honestly Lune de Miel was lovely, anything darker?").item_id == 55


def test_two_digits_of_a_year_pick_a_namesake():
    titles = TitleResolver(["Undertow (2004)", "Undertow (1996)", "Harbor (1990)"], [1, 2, 3], [40, 10, 5])
    question = AskTitle(("Undertow (1996)",), numbered=False)
    for said in ("no, the 96 one", "the '96 version", "96"):
        picked = question.resolve(Parse("out_of_scope", text=said), said, titles)
        assert picked is not None and picked.item_id == 2, said
    assert question.resolve(Parse("out_of_scope", text="the 97 one"), "the 97 one", titles) is None


def test_the_most_watched_namesake_counts_every_rating(tmp_path):
    # positives (the model's popularity) say the 1972 one, 8 > 7; all ratings say the 2002 one, 20 > 11
    (tmp_path / "outside_titles.json").write_text(json.dumps(
        {"item_ids": [], "titles": [], "ratings": [], "watched": [11, 20]}))
    watched = load_watched(tmp_path, "m", 2)
    assert watched.tolist() == [11, 20] and load_watched(tmp_path, "m", 3) is None
    by_positives = TitleResolver(["Orbit (1972)", "Orbit (2002)"], [1, 2], np.array([8, 7]))
    by_ratings = TitleResolver(["Orbit (1972)", "Orbit (2002)"], [1, 2], np.array([8, 7]), watched=watched)
    assert by_positives.leader(by_positives.exact("orbit")).item_id == 1
    assert by_ratings.leader(by_ratings.exact("orbit")).item_id == 2


@pytest.mark.parametrize("positives, expected", [((10, 19), 2), ((19, 10), 1), ((18, 19), None)])
def test_equally_watched_namesakes_go_to_the_clearly_better_liked_else_a_question(positives, expected):
    titles = TitleResolver(["Spotted Dogs (1996)", "Spotted Dogs (1961)"], [1, 2], np.array(positives),
                           watched=[47, 44])
    found = titles.leader(titles.exact("spotted dogs"))
    assert (found.item_id if found else None) == expected


def test_the_parser_takes_the_most_watched_namesake_when_given_every_rating(tmp_path):
    parser = Parser(TAGS, ("Orbit (1972)", "Orbit (2002)"), (1, 2), popularity=(8, 7), watched=(11, 20),
                    tag_vectors_cache=tmp_path / "tags.npz")
    parse = parser.parse("orbit")
    assert parse.item_id == 2 and parse.namesakes == ("Orbit (1972)",), parse
