"""Words that name one film exactly and a far more watched series too ask which one is meant;
a critique said with a title that needs such a question waits for the answer. Made-up catalog."""

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
def test_a_title_a_far_more_watched_series_shares_asks_which_one(parser, text):
    parse = parser.parse(text)
    assert parse.item_id is None and parse.candidates[:2] == TITLES[:2], parse
    assert parse.candidates[-1] == "Moon Saga, The (1978)"


def test_a_title_its_series_does_not_outshine_stays_that_film(parser):
    parse = parser.parse("something like Glass Orchard")
    assert parse.title == "Glass Orchard (1987)" and not parse.candidates


@pytest.mark.parametrize("text", ["something like Skyfall Run but darker", "Moon Saga but darker",
                                  "like Moon Saga, only darker"])
def test_a_critique_said_with_a_title_that_needs_a_question_waits_for_the_answer(parser, text):
    parse = parser.parse(text)
    assert parse.item_id is None and len(parse.candidates) >= 2, parse
    assert [(c.alpha, c.tag) for c in parse.critiques] == [(1, "dark")]
