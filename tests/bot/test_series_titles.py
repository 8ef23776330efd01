"""Words that name one film exactly and a far more watched series too start from the series' most
watched film and name the others ("say 'the 1978 one'"); a critique said with them is walked from
there. Made-up catalog."""

from __future__ import annotations

import pytest

from bot.nlu.parser import Parser

TAGS = ("comedy", "horror", "action", "romance", "drama", "dark")
TITLES = ("Moon Saga: The Beginning (2001)", "Moon Saga: The Return (2003)", "Moon Saga, The (1978)",
          "Skyfall Run: Part One (1999)", "Skyfall Run: Part Two (2001)", "Glass Orchard (1987)",
          "Glass Orchard: Winter (1990)")
POPULARITY = (300, 280, 5, 100, 90, 80, 40)


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-series-tags.npz"
    return Parser(TAGS, TITLES, tuple(range(1, len(TITLES) + 1)), popularity=POPULARITY, tag_vectors_cache=cache)


@pytest.mark.parametrize("text", ["something like Moon Saga", "Moon Saga", "something like the moon saga"])
def test_a_title_a_far_more_watched_series_shares_starts_from_the_series_and_names_that_film(parser, text):
    parse = parser.parse(text)
    assert parse.title == TITLES[0] and not parse.candidates, parse
    assert parse.namesakes == (TITLES[1], "Moon Saga, The (1978)")


def test_a_title_its_series_does_not_outshine_stays_that_film(parser):
    parse = parser.parse("something like Glass Orchard")
    assert parse.title == "Glass Orchard (1987)" and not parse.candidates


@pytest.mark.parametrize("text, title", [("something like Skyfall Run but darker", "Skyfall Run: Part One (1999)"),
                                         ("Moon Saga but darker", TITLES[0]), ("like Moon Saga, only darker", TITLES[0])])
def test_a_critique_said_with_a_series_name_starts_from_its_most_watched_film(parser, text, title):
    parse = parser.parse(text)
    assert parse.title == title and parse.namesakes, parse
    assert [(c.alpha, c.tag) for c in parse.critiques] == [(1, "dark")]


@pytest.fixture(scope="module")
def movie_parser(tmp_path_factory) -> Parser:
    titles = ("Space Jokers: The Movie (1996)", "Glass Orchard (1987)")
    cache = tmp_path_factory.getbasetemp() / "parser-movie-tags.npz"
    return Parser(TAGS, titles, (1, 2), popularity=(50, 40), tag_vectors_cache=cache)


@pytest.mark.parametrize("text", ["I want to watch a movie", "I want a good movie tonight", "I want to watch the movie",
                                  "I want a movie that makes me laugh"])
def test_a_film_noun_alone_is_any_film_never_a_title_subtitled_the_movie(movie_parser, text):
    parse = movie_parser.parse(text)
    assert parse.item_id is None and "Space Jokers: The Movie (1996)" not in parse.candidates, parse


def test_a_title_subtitled_the_movie_is_still_found_by_its_name(movie_parser):
    assert movie_parser.parse("something like Space Jokers").title == "Space Jokers: The Movie (1996)"
