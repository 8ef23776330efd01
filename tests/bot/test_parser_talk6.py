"""List controls, years and negations in wordings h-talk6 found unread: "what other ones are
there", "the one in the middle", "who is #3 for?", "the second one, what's it about",
"anything but romantic", "it shouldn't be so violent", "made after I was born in 1990", "the
turn of the century". Made-up catalog; none of the blind sets' sentences."""

from __future__ import annotations

import pytest

from bot.nlu.parser import Parser

TAGS = ("comedy", "funny", "horror", "action", "romance", "drama", "dark", "violence", "gore", "scary")
TITLES = ("Harbor King (1980)", "Quiet Town (1988)", "Gravelord (1992)", "Robots (2005)", "Honor Bound (2001)")
IDS = (11, 12, 13, 14, 15)
POPULARITY = (300, 40, 60, 200, 90)
SHOWN = ((12, "Quiet Town (1988)"), (13, "Gravelord (1992)"), (15, "Honor Bound (2001)"),
         (11, "Harbor King (1980)"), (14, "Robots (2005)"))


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-talk6-tags.npz"
    return Parser(TAGS, TITLES, IDS, popularity=POPULARITY, tag_vectors_cache=cache)


@pytest.mark.parametrize("text", [
    "do you have more?", "did you have any others", "what other ones are there", "what other options have you got",
    "and the next ones?", "further options", "hit me with more", "whatever comes next", "everything else",
])
def test_asking_for_more_in_other_words(parser, text):
    assert parser.parse(text, shown=SHOWN).intent == "more", text


@pytest.mark.parametrize("text,index", [
    ("the middle one", 3), ("the one in the middle", 3), ("the one at the bottom", -1), ("that one at the top", 1),
    ("I'll take the top one", 1), ("the one just above the last", -2), ("the one right before the last one", -2),
])
def test_a_place_on_the_list_picks_that_position(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "select" and parse.index == index, (text, parse)


def test_a_place_word_without_a_list_is_no_pick(parser):
    assert parser.parse("the middle one").intent != "select"


@pytest.mark.parametrize("text,index", [
    ("any details on the second one?", 2), ("give me the details on #1", 1), ("what's the story with #2", 2),
    ("who is #3 for?", 3), ("the second one, what's it about", 2), ("and #3, what sort of film is it?", 3),
    ("number 4 - tell me about it", 4),
])
def test_about_an_item_in_more_wordings(parser, text, index):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == "about" and parse.index == index, (text, parse)


@pytest.mark.parametrize("text", ["none of those grab me", "none of these appeal to us",
                                  "been there with #2", "we have seen every one of these"])
def test_dismissals_and_seen_in_more_wordings_set_items_aside(parser, text):
    assert parser.parse(text, shown=SHOWN).intent == "exclude", text


@pytest.mark.parametrize("text,tag", [
    ("anything but romantic", "romance"), ("everything but scary please", "scary"),
    ("it shouldn't be so violent", "violence"), ("it should not be too dark", "dark"),
    ("don't make it so gory", "gore"),
])
def test_constructions_that_ask_for_less_of_a_word(parser, text, tag):
    parse = parser.parse(text)
    assert parse.intent == "critique" and [(c.alpha, c.tag) for c in parse.critiques] == [(-1, tag)], (text, parse)


@pytest.mark.parametrize("text,years", [
    ("made after I was born in 1990", {"min": 1991, "max": None}),
    ("something from before my dad was born in 1965", {"min": None, "max": 1964}),
    ("anything from the turn of the century", {"min": 1998, "max": 2002}),
    ("released around the millennium", {"min": 1998, "max": 2002}),
])
def test_years_said_around_a_life_or_the_century(parser, text, years):
    parse = parser.parse(text)
    assert parse.years == years, (text, parse)


@pytest.mark.parametrize("text,intent,index", [
    ("could I see some other options?", "more", None), ("seen it all before", "exclude", None),
    ("the second last one", "select", -2), ("the third last", "select", -3),
    ("what's the plot of #3", "about", 3), ("the premise of the second one", "about", 2),
])
def test_more_seen_positions_and_about_in_yet_other_words(parser, text, intent, index):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent == intent and parse.index == index, (text, parse)


@pytest.mark.parametrize("text,years", [("1990 or newer", {"min": 1990, "max": None}),
                                        ("1985 or older", {"min": None, "max": 1985})])
def test_a_year_with_or_newer_or_older_is_a_bound(parser, text, years):
    assert parser.parse(text).years == years, text


def test_it_need_not_be_so_x_asks_for_less(parser):
    parse = parser.parse("it doesn't need to be so dark")
    assert [(c.alpha, c.tag) for c in parse.critiques] == [(-1, "dark")], parse


# -- a self-negating word no tag or lexicon word names: its base read through the grounding ---------

class _Grounder:
    """Grounds only the words in `tags` (exact), as an embedding would at a high cosine."""

    def __init__(self, tags):
        self.tags = tags

    def embed(self, phrases):
        return list(phrases)

    def from_vector(self, phrase, vector, polarity, strength, explicit):
        from bot.types import Critique

        tag = self.tags.get(vector)
        return (Critique(polarity, tag, 0.8, strength, phrase), ()) if tag else (None, ())


class _Vocab:
    def is_english(self, word):
        return word in ("plot", "end", "joy")


@pytest.mark.parametrize("phrase,polarity,expected", [
    ("plotless", 1, (-1, "story", "plotless")), ("plotless", -1, (1, "story", "plotless")),
    ("joyless", 1, (-1, "happy", "joyless")), ("endless", 1, None), ("unique", 1, None),
])
def test_a_self_negating_word_reads_its_base_with_the_direction_turned(phrase, polarity, expected):
    from types import SimpleNamespace

    from bot.nlu.critiques import _through_negated_base

    clause = SimpleNamespace(phrase=phrase, polarity=polarity, strength=1.0)
    crit = _through_negated_base(clause, _Vocab(), _Grounder({"plot": "story", "joy": "happy", "end": "ending"}))
    assert (None if crit is None else (crit.alpha, crit.tag, crit.phrase)) == expected
    assert crit is None or crit.flipped


# -- a title that is also an attribute word, typed as a title inside a sentence ----------------------

@pytest.fixture(scope="module")
def tag_titled(tmp_path_factory) -> Parser:
    """A catalog with a film named as a tag ("Dark")."""
    cache = tmp_path_factory.getbasetemp() / "parser-talk6-tags.npz"
    return Parser(TAGS, (*TITLES, "Dark (2015)"), (*IDS, 16), popularity=(*POPULARITY, 120), tag_vectors_cache=cache)


def test_a_title_cased_tag_word_after_watched_is_the_film_inside_a_sentence(tag_titled):
    parse = tag_titled.parse("we just watched Dark and want something similar but funnier")
    assert parse.item_id == 16 and [(c.alpha, c.tag) for c in parse.critiques] == [(1, "funny")], parse


def test_the_same_word_in_lower_case_stays_an_attribute(tag_titled):
    assert tag_titled.parse("we just watched dark and want something similar but funnier").item_id is None


# -- a namesake note and a year filter -----------------------------------------------------------------

@pytest.mark.parametrize("text,picked", [("the 1988 one", "Quiet Town (1988)"), ("from around 1988", None),
                                         ("something from around 1988", None)])
def test_a_year_range_after_a_namesake_note_is_a_filter_not_a_pick(parser, text, picked):
    from bot.dialogue.pending import AskTitle

    ask = AskTitle(("Harbor King (1980)", "Quiet Town (1988)"), numbered=False)
    found = ask.resolve(parser.parse(text), text, parser.references.titles)
    assert (found.title if found else None) == picked, (text, found)


@pytest.mark.parametrize("text", ["watched most of those", "I've seen some of them", "loved a few of these",
                                  "something like any of those"])
def test_a_part_of_the_list_is_never_read_as_a_title(parser, text):
    parse = parser.parse(text, shown=SHOWN)
    assert parse.intent != "reference" and not parse.unknown_title and parse.item_id is None, (text, parse)
