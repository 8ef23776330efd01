"""Little-known films named inside longer sentences (issue 21 point 1, h-talk9): a title at the
start of the sentence (perhaps after "hmm," or "ok so") that a verb says something of ("... was
a hoot", "... cracked us up") or that a later "like that" points back at, and a title after
"loves" / "keeps quoting"; ordinary sentences stay critiques. Made-up catalog; none of the blind
sets' sentences."""

from __future__ import annotations

import pytest

from bot.nlu.parser import Parser
from bot.nlu.title_spans import start_cue

TAGS = ("comedy", "funny", "horror", "action", "romance", "drama", "dark", "violence", "gore", "scary", "sad")
TITLES = ("Copper Kettle (1988)", "Lantern Bay (1986)", "Sunday Drivers (1999)", "Quiet Harvest (1994)",
          "Paper Moonlight (1979)", "Gravelord (1992)", "Heat (1995)", "Marsh Lights (2003)", "Harbor (1990)",
          "Harbor and the Storm, The (1996)")
IDS = (31, 32, 33, 34, 35, 36, 37, 38, 39, 40)
POPULARITY = (12, 9, 20, 7, 15, 25, 400, 6, 300, 11)


@pytest.fixture(scope="module")
def parser(tmp_path_factory) -> Parser:
    cache = tmp_path_factory.getbasetemp() / "parser-talk9-tags.npz"
    return Parser(TAGS, TITLES, IDS, popularity=POPULARITY, tag_vectors_cache=cache)


@pytest.mark.parametrize("text, item_id", [
    ("copper kettle was a hoot, got anything like it?", 31),
    ("lantern bay cracked us up, anything even sillier", 32),
    ("sunday drivers was sweet, something like that please", 33),
    ("hmm, quiet harvest was lovely. more like that", 34),
    ("ok so paper moonlight was nice, something less sad", 35),
    ("marsh lights had me hooked, show me something similar", 38),
    ("gravelord rocks, anything with more gore", 36),
    ("lantern bay was great", 32),
    ("my dad loves sunday drivers, any similar comedies?", 33),
    ("my sister keeps quoting copper kettle, got anything like it but newer?", 31),
    ("gravelord was intense, something less dark", 36),
    ("my brother thinks marsh lights is underrated, anything like it", 38),
    ("gravelord was so weird, anything similar", 36),
    ("Harbor and the Storm scared me silly, give me something similar but less violent", 40),
    ("so my girlfriend made me watch lantern bay, anything less sad like it", 32),
    ("hmmm, sunday drivers was sweet, more like that", 33),
])
def test_a_lower_case_title_said_of_or_pointed_back_at_is_the_reference(parser, text, item_id):
    assert parser.parse(text).item_id == item_id, text


@pytest.mark.parametrize("text, tag, alpha", [
    ("lantern bay cracked us up, anything even funnier", "funny", 1),
    ("gravelord was intense, something less dark", "dark", -1),
    ("ok so paper moonlight was nice, something less sad", "sad", -1),
])
def test_the_critique_after_the_film_is_kept(parser, text, tag, alpha):
    parse = parser.parse(text)
    assert parse.intent == "critique" and (alpha, tag) in [(c.alpha, c.tag) for c in parse.critiques], parse


@pytest.mark.parametrize("text", [
    "the ending was too dark, something funnier", "that was great, anything less scary",
    "it was fun but something less violent", "ok so the last one was sad, more comedy",
    "honestly it was a hoot, more action please",
])
def test_ordinary_sentences_name_no_film(parser, text):
    assert parser.parse(text).item_id is None, text


def test_start_cue_needs_the_sentence_start_and_a_verb_or_a_pointer_back():
    def asks(words: str) -> bool:
        return "less" in words.split()
    words = "hmm, lantern bay was nice, less dark".split()
    assert start_cue(words, 1, 2, asks) == len("was nice, ")
    assert start_cue("we saw lantern bay was nice, less dark".split(), 2, 2, asks) is None
    assert start_cue("lantern bay today".split(), 0, 2, asks) is None
    assert start_cue("lantern bay was fine, more like that".split(), 0, 2, asks) == len("was fine, more like that")
