"""Years as a constraint (bot.nlu.time), what the catalog cannot judge (bot.nlu.limits) and words
that carry their own negation (bot.nlu.negation), read by the production parser."""

from __future__ import annotations

import itertools

import pytest

from bot.nlu import lexicon as lx
from bot.nlu.limits import read_limits
from bot.nlu.negation import negated_base, negates
from bot.nlu.time import read_years


@pytest.mark.parametrize("text, lo, hi, rest", [
    ("only stuff from the seventies", 1970, 1979, ""),
    ("something like heat but from the 2000s", 2000, 2009, "something like heat"),
    ("the early 80s", 1980, 1984, ""),
    ("made before 1975 please", None, 1974, ""),
    ("after 1999", 2000, None, ""),
    ("nothing older than 1985", 1985, None, ""),
    ("no films after 1990", None, 1990, ""),
    ("between 1960 and 1970", 1960, 1970, ""),
    ("2005 or later, and funnier", 2005, None, "funnier"),
])
def test_year_phrases_become_inclusive_bounds(text, lo, hi, rest):
    ask, left = read_years(text)
    assert (ask.min, ask.max, ask.relative) == (lo, hi, None)
    assert left == rest


@pytest.mark.parametrize("text, relative", [
    ("a newer one", "newer"), ("something more recent please", "newer"), ("older than that", "older"),
    ("older films", "older"), ("new movies only", "recent"), ("classics only", "classic"),
    ("not that old please", "newer"), ("nothing too old", "newer"), ("not so old", "newer"),
    ("none as old", "newer"), ("not too new", "older"), ("nothing that recent, please", "older"),
])
def test_relative_year_words_are_left_to_the_manager(text, relative):
    ask, left = read_years(text)
    assert ask.relative == relative and left == ""


@pytest.mark.parametrize("text, relative, rest", [
    ("but more old-school", "older", ""), ("more old fashioned please", "older", ""),
    ("true grit, but more vintage", "older", "true grit"), ("more oldschool", "older", ""),
    ("less old-fashioned", "newer", ""), ("not so old-fashioned", "newer", ""),
    ("nothing too old school, and funnier", "newer", "funnier"),
    ("psycho but modern", "newer", "psycho"), ("casablanca, but contemporary please", "newer", "casablanca"),
    ("psycho but modern and scarier", "newer", "psycho but scarier"),
])
def test_an_age_said_as_a_style_is_a_year_request(text, relative, rest):
    # the catalog records no era style: its thin "classic" tag read "more old-school" as a genre mix
    ask, left = read_years(text)
    assert (ask.relative, left) == (relative, rest)


@pytest.mark.parametrize("text", ["the second one, but newer", "the second one, only not so old", "#2 but newer"])
def test_a_pick_by_position_keeps_its_age_request(real_parser, text):
    parse = real_parser.parse(text)
    assert (parse.intent, parse.index, parse.years) == ("select", 2, {"min": None, "max": None, "relative": "newer"})


@pytest.mark.parametrize("text", ["whatever year", "drop the year filter", "the decade doesn't matter"])
def test_clearing_the_filter(text):
    assert read_years(text)[0].clear


@pytest.mark.parametrize("text", ["for older teens, less violent", "less gory", "rocky 2", "star wars 1977",
                                  "apollo 13", "darker please", "an old-fashioned romance",
                                  "something old school", "not too old for the kids",
                                  "nothing new under the sun"])
def test_no_year_request_in_titles_audiences_or_critiques(text):
    assert read_years(text) == (None, text)


def _never_tag(phrase: str) -> bool:
    return False


@pytest.mark.parametrize("text, original, topic, rest", [
    ("under 90 minutes", "under 90 minutes", "running time", ""),
    ("a shorter one and faster", "a shorter one and faster", "running time", "faster"),
    ("anything with meryl streep", "anything with Meryl Streep", "actors", ""),
    ("more films directed by kubrick", "more films directed by Kubrick", "directors", ""),
    ("with english subtitles", "with English subtitles", "language", ""),
    ("a low budget one", "a low budget one", "budget", ""),
    ("something rated pg-13", "something rated PG-13", "age rating", ""),
])
def test_limits_name_the_topic_and_keep_the_rest(text, original, topic, rest):
    assert read_limits(text, original, _never_tag) == (topic, rest)


def test_a_person_the_tags_name_is_no_limit():
    assert read_limits("more with al pacino", "more with Al Pacino", lambda p: p == "al pacino") == (
        None, "more with al pacino")
    assert read_limits("what a long day", "what a long day", _never_tag) == (None, "what a long day")


@pytest.mark.parametrize("word, base", [("tasteless", "taste"), ("unscary", "scary"), ("nonviolent", "violent"),
                                        ("uncreative", "creative"), ("scary", None), ("under", None)])
def test_negated_base(word, base):
    assert negated_base(word) == base


def test_every_negated_form_of_a_lexicon_word_negates_it():
    """Property over the lexicon: "un" + w and the "-less" forms negate w; never w itself."""
    words = sorted({w for c in lx.CONCEPTS.values() for p in (*c.names, *c.cues) for w in p.split()
                    if w.isalpha() and len(w) >= 4})
    for w in words:
        assert negates("un" + w, w), w
        assert not negates(w, w), w


def test_polarity_never_inverted_by_self_negating_words(real_parser):
    """Every polarity word x every self-negating word: the user's direction on the user's own
    word is kept (a phrase read through its tag's opposite is `flipped`: alpha is the tag's)."""
    self_negating = ["mindless", "brainless", "predictable", "unfunny", "humourless", "unscary"]
    polarity = [("more", 1), ("even more", 1), ("a bit more", 1), ("less", -1), ("a lot less", -1),
                ("not so", -1)]
    for (cue, sign), word in itertools.product(polarity, self_negating):
        parse = real_parser.parse(f"{cue} {word}")
        for c in parse.critiques:
            said = -c.alpha if c.flipped else c.alpha
            assert said == sign, (cue, word, c)


@pytest.mark.parametrize("text", ["not very violent", "without gore", "nothing too scary", "no blood please"])
def test_negated_phrasing_asks_for_less(real_parser, text):
    parse = real_parser.parse(text)
    assert parse.critiques and all((-c.alpha if c.flipped else c.alpha) == -1 for c in parse.critiques)


@pytest.mark.parametrize("text", ["only films rated r", "is it rated r?", "rated r stuff please"])
def test_an_age_rating_letter_is_no_chat_short_form(real_parser, text):
    # "r" is "are" in chat ("r u there"), but after "rated" it is the rating the catalog lacks
    parse = real_parser.parse(text)
    assert parse.limit == "age rating" and parse.critiques == ()
