"""Issue 21's everyday turns, rule by rule, on a small catalog with synonym tags and namesakes:
synonyms never asked about, negated words never walking their base's way, titles with the year
that picks a namesake, titles inside a sentence, single years and decade spans, lower-case
names, other domains' requests with a duration, wrappers such as "if possible"."""

from __future__ import annotations

import pytest

from bot.nlu import lexicon as lx
from bot.nlu.commands import simplify
from bot.nlu.limits import given_names, read_limits
from bot.nlu.parser import Parser
from bot.nlu.time import read_years

TAGS = ("comedy", "funny", "humorous", "horror", "action", "romance", "drama", "cerebral",
        "philosophical", "thought-provoking", "sad", "war", "sci-fi", "children", "family",
        "violent", "dark", "quirky", "suspense", "western")
TITLES = ("King Kong (2005)", "King Kong (1933)", "Silence of the Lambs, The (1991)", "Others, The (2001)",
          "Inception (2010)", "Toy Story (1995)", "Ghost Dog (1999)", "Stagecoach (1939)",
          "Star Wars: Episode IV - A New Hope (1977)", "Star Wars: Episode V - The Empire Strikes Back (1980)",
          "Something Wild (1986)", "What About Bob? (1991)", "Up (2009)")
IDS = tuple(range(1, len(TITLES) + 1))
POPULARITY = (300, 90, 280, 120, 250, 330, 40, 60, 310, 290, 20, 70, 200)


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-talk-tags.npz"
    return Parser(TAGS, TITLES, IDS, popularity=POPULARITY, tag_vectors_cache=cache)


def _said(critique) -> int:
    """The direction the user gave their own word (a flipped reading walks the tag's opposite)."""
    return -critique.alpha if critique.flipped else critique.alpha


# -- synonyms are not a question --------------------------------------------------------------

def test_a_concept_bound_to_several_tags_is_never_asked_about(parser):
    """Across the lexicon: every concept this vocabulary binds to two or more tags ("funny",
    "humorous", "comedy"), said by any of its names, cues or opposites, is read without a
    question; its tag is one of the concept's."""
    vocab = parser.vocab
    shared = {}
    for tag, concepts in vocab.bound.items():
        for name in concepts:
            shared.setdefault(name, set()).add(vocab.tags[tag])
    shared = {k: v for k, v in shared.items() if len(v) > 1}
    assert shared  # the fixture has synonym tags
    for name, tags in shared.items():
        concept = lx.CONCEPTS[name]
        for word in [*concept.names, *concept.cues, *concept.opposites][:12]:
            parse = parser.parse(f"a lot more {word}")
            for c in parse.critiques:
                if c.tag in tags:
                    assert c.candidates == (), (word, c)


@pytest.mark.parametrize("text", ["a bit more unfunny", "way dumber", "something with more brains",
                                  "less jokey please"])
def test_self_negating_and_embedded_words_pick_a_synonym_without_asking(parser, text):
    parse = parser.parse(text)
    assert parse.intent == "critique" and parse.critiques
    assert all(c.candidates == () for c in parse.critiques)


def test_a_tie_between_different_concepts_still_asks(tmp_path_factory):
    from bot.nlu.parser import ParserConfig

    cache = tmp_path_factory.getbasetemp() / "parser-talk-tags.npz"
    wide = Parser(TAGS, TITLES, IDS, tag_vectors_cache=cache, config=ParserConfig(tie_margin=0.5))
    (critique,) = wide.parse("more space battles").critiques
    assert len(critique.candidates) >= 2 and critique.tag in critique.candidates


# -- polarity across the lexicon --------------------------------------------------------------

def test_a_negated_lexicon_word_never_walks_its_base_the_same_way(parser):
    """Property over the lexicon: for every single-word name or cue w that names a tag here,
    "more un<w>" (when that is not itself a lexicon phrase) never asks for more of w's tag in
    w's direction: on any tag both readings share, the directions are opposite. ("unfights"
    is read as a typo of "gunfights", not as a negation: such forms are left out.)"""
    vocab = parser.vocab
    words = sorted({w for c in lx.CONCEPTS.values() for w in (*c.names, *c.cues)
                    if w.isalpha() and len(w) >= 4 and vocab.lexical(w)[0]
                    and f"un{w}" not in vocab.entries and vocab.correct(f"un{w}") == f"un{w}"})
    assert len(words) > 20
    for w in words:
        plain = {c.tag: c.alpha for c in parser.parse(f"more {w}").critiques}
        for c in parser.parse(f"more un{w}").critiques:
            if c.tag in plain:
                assert c.alpha == -plain[c.tag], (w, c)


# -- titles -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, title", [
    ("the original king kong from 1933, not the remake", "King Kong (1933)"),
    ("King Kong in 1933", "King Kong (1933)"),
    ("something like king kong from 2005", "King Kong (2005)"),
])
def test_a_year_after_a_title_picks_the_namesake_and_is_no_filter(parser, text, title):
    parse = parser.parse(text)
    assert parse.title == title and parse.years is None


def test_a_year_alone_is_a_filter_of_that_year(parser):
    parse = parser.parse("anything from 1995?")
    assert parse.years == {"min": 1995, "max": 1995} and parse.item_id is None


@pytest.mark.parametrize("text, title, critique", [
    ("I watched The Others with my sister and it was too scary, something like it but less horror",
     "Others, The (2001)", (-1, {"horror"})),
    ("we loved the ending of Toy Story", "Toy Story (1995)", None),
    ("the kids want Toy Story AGAIN. anything like it but less violent", "Toy Story (1995)", (-1, {"violent"})),
    ("inception blew my mind. more like that, only funnier", "Inception (2010)",
     (1, {"comedy", "funny", "humorous"})),
])
def test_a_title_inside_a_longer_sentence(parser, text, title, critique):
    parse = parser.parse(text)
    assert parse.title == title
    if critique is not None:
        alpha, tags = critique
        assert any(c.alpha == alpha and c.tag in tags for c in parse.critiques)
        assert len(parse.critiques) == 1  # what was said of the film before "like that" is no critique


# -- years ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lo, hi, rest", [
    ("anything from the 60s or 70s", 1960, 1979, ""),
    ("the seventies and eighties please", 1970, 1989, ""),
    ("made in 1987 and funnier", 1987, 1987, "funnier"),
    ("released in 2003", 2003, 2003, ""),
    ("from 1985 to 1990", 1985, 1990, ""),
    ("from 1999 onwards", 1999, None, ""),
])
def test_decade_spans_and_single_years(text, lo, hi, rest):
    ask, left = read_years(text)
    assert (ask.min, ask.max, ask.relative) == (lo, hi, None) and left == rest


# -- what the catalog cannot judge ------------------------------------------------------------

@pytest.mark.parametrize("text, topic", [
    ("anything with john cusack", "actors"), ("films starring susan sarandon please", "actors"),
    ("more directed by james cameron", "directors"),
])
def test_a_person_typed_in_lower_case_is_a_limit(text, topic):
    assert read_limits(text, text, lambda phrase: False)[0] == topic


@pytest.mark.parametrize("text", ["something with grace and style", "with more action", "with a twist",
                                  "with will ferrell"])
def test_words_after_with_are_no_person_unless_a_name_starts_them(text):
    is_tag = lambda phrase: phrase in ("will ferrell", "action", "twist")  # noqa: E731
    assert read_limits(text, text, is_tag)[0] is None


def test_the_given_names_are_names_not_words():
    names = given_names()
    assert {"john", "mary", "susan"} <= names and not {"the", "and", "a"} & names


@pytest.mark.parametrize("text", ["set an alarm for 10 minutes", "remind me in 20 minutes"])
def test_another_domains_duration_is_out_of_scope(parser, text):
    assert parser.parse(text).intent == "out_of_scope"


def test_a_films_duration_is_still_a_limit(parser):
    assert parser.parse("something under 90 minutes").intent == "cannot_judge"


# -- wrappers and comparatives ----------------------------------------------------------------

@pytest.mark.parametrize("text, simple", [("darker if possible", "darker"),
                                          ("more action if you can, thanks", "more action")])
def test_if_possible_is_a_wrapper(text, simple):
    assert simplify(text) == simple


def test_the_comparative_of_a_word_the_lexicon_lacks(parser):
    vocab = parser.vocab
    assert vocab.comparative("nicer") == "nice" and vocab.comparative("crazier") == "crazy"
    assert vocab.comparative("never") is None and vocab.comparative("water") is None
    assert vocab.comparative("regarder") is None  # a French infinitive compares nothing
    assert parser.parse("nicer please").intent == "critique"


@pytest.mark.parametrize("text", ["something like Toy Story 7", "we saw Tiny Inception last week",
                                  "i watched inception reloaded tonight, anything darker?",
                                  "something like Stagecoach Warriors"])
def test_a_title_inside_a_longer_one_the_catalog_lacks_is_not_that_title(parser, text):
    parse = parser.parse(text)
    assert parse.item_id is None and parse.intent in ("reference", "out_of_scope")


def test_a_bare_short_form_of_several_titles_is_the_most_watched_and_names_the_others(parser):
    parse = parser.parse("star wars")
    assert parse.intent == "reference" and parse.title == "Star Wars: Episode IV - A New Hope (1977)"
    assert parse.namesakes[0] == "Star Wars: Episode V - The Empire Strikes Back (1980)"


def test_something_is_a_request_word_not_the_start_of_a_title(parser):
    parse = parser.parse("something without so much horror")
    assert parse.item_id is None and (parse.intent, [(c.alpha, c.tag) for c in parse.critiques]) == (
        "critique", [(-1, "horror")])


@pytest.mark.parametrize("text, years", [("what about the late seventies?", {"min": 1975, "max": 1979}),
                                         ("how about something from 1999", {"min": 1999, "max": 1999})])
def test_the_words_around_a_year_request_are_no_title(parser, text, years):
    parse = parser.parse(text)
    assert parse.item_id is None and parse.candidates == () and parse.years == years


def test_a_short_form_after_like_is_a_film_rather_than_one_said_to_be_missing(parser):
    parse = parser.parse("something like star wars")
    assert parse.unknown_title is None and parse.item_id is not None and len(parse.namesakes) == 1


def test_a_short_title_before_a_critique_that_names_a_tag(parser):
    parse = parser.parse("i want a film like Up but not so sad")
    assert parse.title == "Up (2009)" and [(c.alpha, c.tag) for c in parse.critiques] == [(-1, "sad")]
    assert parser.parse("more like a western but darker").item_id is None


@pytest.mark.parametrize("text", ["last week we saw Inception and cried, want something like that but funnier",
                                  "loved Toy Story but it dragged a bit. anything like it, only funnier?"])
def test_what_was_said_of_a_film_before_asking_is_no_critique(parser, text):
    parse = parser.parse(text)
    assert parse.item_id is not None and parse.unread == ()
    assert [c.tag for c in parse.critiques] in (["comedy"], ["funny"], ["humorous"])


def test_a_critique_said_before_the_request_word_is_kept(parser):
    parse = parser.parse("I liked Toy Story but less violent please, something with more action")
    assert parse.title == "Toy Story (1995)"
    assert {(c.alpha, c.tag) for c in parse.critiques} == {(-1, "violent"), (1, "action")}
