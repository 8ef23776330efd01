"""Bare titles as people type them (issue 21 point 1, h-titles13): a whole line a letter or two off
a title's main name, the first word of a long title, its initials, an a.k.a. token with a digit, a
title that is a number, an exact title before a longer one that ends with a word of it, namesakes
whose titles differ in form, and namesakes about equally watched (a question). Made-up catalog;
none of the development or blind sets' sentences or films."""

from __future__ import annotations

import numpy as np
import pytest

from bot.nlu.parser import Parser
from engine.retrieval.catalog import TitleResolver
from engine.retrieval.title_forms import form_key
from engine.retrieval.spelling import clearly_ahead, max_edits

TAGS = ("comedy", "funny", "horror", "action", "romance", "drama", "dark", "violence", "scary", "sad")
TITLES = (
    "Whispering Lanterns (Lanternes qui chuchotent, Les) (2003)",  # 0
    "Marbleton (1997)",  # 1
    "Harrow of the Damned (2004)",  # 2
    "Barrow of the Damned (1978)",  # 3
    "Zorvath: Cultural Notes From a Long Road Home (2006)",  # 4
    "Q.X. the Lost Signal (1985)",  # 5
    "Deep Kennel (a.k.a. DK9) (1996)",  # 6
    "9 Lives of Tom (2003)",  # 7
    "3117 (2004)",  # 8
    "Tempest Now (1979)",  # 9
    "Y-Squad: Tempest (2016)",  # 10
    "Spookhunters (a.k.a. Spook Hunters) (1984)",  # 11
    "Spookhunters (2016)",  # 12
    "Whatever (1998)",  # 13
    "Mist, The (1980)",  # 14
    "Mist, The (2005)",  # 15
)
IDS = (201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216)
# the model's popularity (ratings of 4+) and every rating ("watched")
POSITIVES = (60, 50, 40, 6, 25, 70, 80, 3, 5, 70, 9, 60, 1, 2, 1, 0)
WATCHED = (80, 70, 70, 15, 60, 110, 190, 9, 7, 100, 30, 110, 8, 9, 5, 5)


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-titles13-tags.npz"
    return Parser(TAGS, TITLES, IDS, popularity=POSITIVES, watched=WATCHED, tag_vectors_cache=cache)


@pytest.mark.parametrize("text, item_id", [
    ("whisperng lanterns", 201),  # the main name, without the original title MovieLens adds
    ("marbelton", 202),  # two letters swapped
    ("Marbeltonn", 202),
    ("harow of the damned", 203),
    ("Zorvath", 205),  # the first word of a long title
    ("QX", 206),  # initials the title writes with dots, typed in capitals
    ("Q.X.", 206),
    ("DK9", 207),  # an a.k.a. token with a digit is no "id 9"
    ("3117", 209),  # a title that is a number, before the item whose id it is
])
def test_a_whole_line_typed_short_or_a_letter_off_names_the_title(parser, text, item_id):
    parse = parser.parse(text)
    assert (parse.intent, parse.item_id) == ("reference", item_id), parse


@pytest.mark.parametrize("text", ["whenever", "qx", "sounds good", "great movie", "less scary", "darker"])
def test_words_and_critiques_are_not_taken_for_a_title_a_letter_off(parser, text):
    parse = parser.parse(text)
    assert parse.item_id is None, parse


def test_a_typo_as_close_to_two_titles_goes_to_the_far_more_watched():
    titles = TitleResolver(["Harrow of the Damned (2004)", "Barrow of the Damned (1978)", "Other (1990)"],
                           [1, 2, 3], [40, 6, 1], watched=[70, 15, 2])
    assert titles.typo("carrow of the damned") is None  # the first letter typed is rarely the wrong one
    assert titles.typo("harrow of the damnd").item_id == 1
    even = TitleResolver(["Harrow Lane (2004)", "Hallow Lane (1978)"], [1, 2], [10, 9], watched=[20, 19])
    assert even.typo("halrow lane") is None  # one edit from both, neither far ahead


def test_an_exact_title_is_not_lost_to_a_longer_one_ending_with_its_first_word(parser):
    parse = parser.parse("Something like Tempest Now")  # "now" is also a polite word
    assert parse.item_id == 210, parse


def test_namesakes_whose_titles_differ_in_form_are_named(parser):
    parse = parser.parse("Spook hunters")
    assert parse.item_id == 212 and parse.namesakes == ("Spookhunters (2016)",), parse


def test_a_typo_of_a_namesake_takes_the_one_people_mean_and_names_the_other():
    titles = TitleResolver(["Spotted Hounds (1996)", "Spotted Hounds (Hundred Spotted Hounds) (1961)"], [1, 2],
                           np.array([10, 19]), watched=[47, 44])
    found = titles.resolve("spotted houndz", allow_id=False)
    assert found.item_id == 2 and [m.item_id for m in titles.namesakes(found.row, "spotted houndz")] == [1]


def test_namesakes_about_equally_watched_are_asked_about(parser):
    parse = parser.parse("the mist")
    assert parse.item_id is None and set(parse.candidates) == {"Mist, The (1980)", "Mist, The (2005)"}, parse


@pytest.mark.parametrize("first, second, ahead", [(5, 5, False), (1, 0, False), (47, 44, False), (20, 11, True),
                                                  (19, 10, True), (140, 6, True), (1000, 950, False),
                                                  (6, 3, True)])
def test_a_count_is_clearly_ahead_only_beyond_ten_percent_and_chance(first, second, ahead):
    assert clearly_ahead(first, second, 0.9) is ahead


def test_initials_are_one_word_and_keep_their_article_like_letters():
    assert form_key("E.T. the Extra-Terrestrial") == "et the extra terrestrial"
    assert form_key("L.A. Confidential") == form_key("LA Confidential") == "la confidential"
    assert form_key("La Strada") == "strada" and form_key("THE MATRIX") == "matrix"
    assert [max_edits(k) for k in ("abcd", "abcde", "abcdefg")] == [0, 1, 2]


def test_the_parser_counts_every_rating_from_the_retriever_alone(tmp_path):
    from engine.retrieval.retriever import Retriever

    rng = np.random.default_rng(0)
    retriever = Retriever(rng.standard_normal((2, 4)), rng.standard_normal((2, 4)), [1, 2],
                          ["Orbit (1972)", "Orbit (2002)"], ["drama", "comedy"], popularity=[8, 7])
    assert retriever.watched is None  # no every-rating counts: the model's positives decide
    assert Parser.from_retriever(retriever, tag_vectors_cache=tmp_path / "a.npz").parse("orbit").item_id == 1
    retriever.watched = np.array([11, 20])  # as load_retriever or attach_cold_items set them
    assert Parser.from_retriever(retriever, tag_vectors_cache=tmp_path / "b.npz").parse("orbit").item_id == 2
