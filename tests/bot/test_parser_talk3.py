"""The conversation misses of issues 21/22 that remained, rule by rule, on a small catalog:
films the data holds but the model lacks (namesakes and number titles), a year phrase over a
one-word title, sequel numbers inside a series, and list controls in free wording."""

from __future__ import annotations

import pytest

from bot.nlu.parser import Parser
from engine.retrieval.catalog import TitleResolver

TAGS = ("comedy", "funny", "horror", "action", "romance", "drama", "dark", "violent", "sci-fi")
TITLES = ("Solaris (1972)", "Cube Zero (2004)", "Shot (2004)", "Grid, The (1999)", "Grid Reloaded, The (2003)",
          "Grid Revolutions, The (2003)", "Snow (2013)", "Snow Planet (2011)",
          "Wizard Boy and the Stone (2001)", "Wizard Boy and the Chamber (2002)",
          "Wizard Boy and the Prisoner (2004)", "Wizard Boy and the Goblet (2005)", "Toy Story (1995)")
IDS = (11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 1984)
POPULARITY = (120, 30, 25, 300, 200, 190, 80, 40, 250, 230, 220, 210, 330)
# In the data, not in the model: a namesake, a film known by a number, a title of its own.
OUTSIDE = TitleResolver(["Solaris (2002)", "1984 (1984)", "Cube (1997)"], [101, 102, 103], [9, 7, 5])


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-talk3-tags.npz"
    return Parser(TAGS, TITLES, IDS, popularity=POPULARITY, tag_vectors_cache=cache, outside=OUTSIDE)


# -- what the data holds beyond the model -------------------------------------------------------

@pytest.mark.parametrize("text", ["something like solaris", "solaris", "I watched Solaris"])
def test_a_bare_title_names_the_namesake_the_model_dropped(parser, text):
    parse = parser.parse(text)
    assert (parse.intent, parse.title) == ("reference", "Solaris (1972)")
    assert parse.outside == ("Solaris (2002)",)


def test_a_title_with_its_year_names_no_other(parser):
    parse = parser.parse("something like solaris 1972")
    assert parse.title == "Solaris (1972)" and parse.outside == ()


def test_a_number_title_only_in_the_data_is_said_so_not_taken_as_an_id(parser):
    parse = parser.parse("something like 1984")
    assert parse.intent == "reference" and parse.item_id is None
    assert parse.outside == ("1984 (1984)",)


def test_an_id_said_as_an_id_stays_one(parser):
    parse = parser.parse("something like item 1984")
    assert parse.item_id == 1984 and parse.outside == ()


def test_a_title_only_in_the_data_is_named_not_called_unknown(parser):
    parse = parser.parse("something like Cube")
    assert parse.intent == "reference" and parse.item_id is None
    assert parse.outside == ("Cube (1997)",)


def test_a_title_nowhere_has_no_outside_name(parser):
    parse = parser.parse("something like Zardoz Returns")
    assert parse.item_id is None and parse.outside == ()


def test_without_the_list_nothing_changes(tmp_path):
    plain = Parser(TAGS, TITLES, IDS, popularity=POPULARITY, tag_vectors_cache=tmp_path / "t.npz")
    parse = plain.parse("something like solaris")
    assert parse.title == "Solaris (1972)" and parse.outside == ()


# -- a year phrase over a one-word title -------------------------------------------------------

@pytest.mark.parametrize("text", ["shot in 2004", "made in 2004", "released in 2004"])
def test_a_year_phrase_is_a_filter_even_where_a_one_word_title_has_that_year(parser, text):
    parse = parser.parse(text)
    assert parse.item_id is None
    assert parse.years == {"min": 2004, "max": 2004}


def test_the_one_word_title_alone_is_still_the_film(parser):
    assert parser.parse("Shot").title == "Shot (2004)"


# -- sequel numbers inside a series ------------------------------------------------------------

@pytest.mark.parametrize("text, title", [
    ("something like wizard boy 3", "Wizard Boy and the Prisoner (2004)"),
    ("wizard boy 2", "Wizard Boy and the Chamber (2002)"),
    ("something like the grid 2", "Grid Reloaded, The (2003)"),
    ("something like the grid 3", "Grid Revolutions, The (2003)"),
])
def test_a_number_after_a_series_name_is_its_nth_film_by_year(parser, text, title):
    assert parser.parse(text).title == title


@pytest.mark.parametrize("text", ["something like snow 2", "something like wizard boy 9", "something like toy story 4"])
def test_no_nth_film_is_made_up(parser, text):
    """"Snow 2": "Snow Planet (2011)" came before "Snow"; no 9th film; "Toy Story 4" is no typo."""
    assert parser.parse(text).item_id is None


# -- list controls in free wording ----------------------------------------------------------------

SHOWN = tuple((i, t) for i, t in zip(IDS[:6], TITLES[:6]))


@pytest.mark.parametrize("text, indices", [
    ("the first two are old news", (1, 2)),
    ("seen numbers 3 and 5", (3, 5)),
    ("cross off 2 and 4", (2, 4)),
    ("rule out the last two", (-2, -1)),
])
def test_positions_said_in_free_wording_are_excluded(parser, text, indices):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "exclude" and parse.indices == indices


@pytest.mark.parametrize("text", ["those are all old news to me", "it's all old news"])
def test_old_news_is_seen(parser, text):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control) == ("exclude", "all")


@pytest.mark.parametrize("text, tag, alpha", [
    ("the darker one", "dark", 1), ("the more violent of the two", "violent", 1),
    ("the less romantic one", "romance", -1),
])
def test_a_comparative_picks_by_degree(parser, text, tag, alpha):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.control) == ("select", "degree")
    assert (parse.critiques[0].tag, parse.critiques[0].alpha) == (tag, alpha)


def test_the_newer_one_picks_by_year(parser):
    assert parser.parse("the newer one", shown=SHOWN).control == "newest"


@pytest.mark.parametrize("text", ["can we try something fresh", "i'd like to try something else"])
def test_trying_something_new_is_a_jump(parser, text):
    assert parser.parse(text, shown=SHOWN).intent == "jump"


@pytest.mark.parametrize("text", ["let's shake things up", "time for something different", "we need a change",
                                  "another kind of film please", "something different altogether"])
def test_wanting_a_change_is_a_jump(parser, text):
    assert parser.parse(text, shown=SHOWN).intent == "jump"


# -- questions about a listed film ---------------------------------------------------------------

@pytest.mark.parametrize("text, index, tag", [("is number 4 too violent?", 4, "violent"),
                                              ("was the third one dark", 3, "dark"),
                                              ("is it romantic?", None, "romance")])
def test_is_it_an_attribute_asks_about_the_film_not_for_a_walk(parser, text, index, tag):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.index) == ("about", index)
    assert parse.critiques[0].tag == tag


@pytest.mark.parametrize("text, limit", [("who stars in the fourth one", "actors"),
                                         ("how long is Solaris", "running time"),
                                         ("what language is number 2 in", "language")])
def test_a_question_of_fact_is_what_the_catalog_cannot_judge_not_a_pick(parser, text, limit):
    parse = parser.parse(text, shown=SHOWN)
    assert (parse.intent, parse.limit) == ("cannot_judge", limit)


@pytest.mark.parametrize("text, indices", [("the last two i know already", (-2, -1)),
                                           ("numbers 1 and 6 are old hat", (1, 6)),
                                           ("the top three are not for me", (1, 2, 3))])
def test_knowing_or_not_wanting_positions_excludes_them(parser, text, indices):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "exclude" and parse.indices == indices


def test_not_knowing_them_excludes_nothing(parser):
    assert parser.parse("i don't know the last two", shown=SHOWN).intent != "exclude"
