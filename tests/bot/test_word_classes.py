"""Words that describe a degree (readable as an attribute) versus words that name a thing."""

from __future__ import annotations

import pytest

from bot.nlu.word_classes import adjective_of_comparative, describes_degree, is_descriptive


@pytest.mark.parametrize("word", ["long", "believable", "gory", "boring", "exaggerated",
                                  "gripping", "impactful", "artsy"])
def test_adjectives_participles_and_unknown_words_with_an_adjectives_ending_describe(word):
    assert describes_degree(word)


@pytest.mark.parametrize("word", ["pizza", "popcorn", "cats", "explosions", "asdfgh", "the",
                                  "tuesday", "italy"])
def test_nouns_names_and_unknown_words_without_an_adjectives_ending_do_not(word):
    assert not describes_degree(word)


@pytest.mark.parametrize("word", ["similar", "alike", "comparable", "akin", "same"])
def test_adjectives_of_likeness_name_no_degree(word):
    # "anything similar but less gory" asks for the neighbourhood; read as a degree, "similar"
    # became "more comedy" beside the critique
    assert not describes_degree(word)


def test_a_phrase_describes_when_one_of_its_words_does():
    assert is_descriptive("big budget") and is_descriptive("far fetched")
    assert is_descriptive("documentary style")
    assert not is_descriptive("pizza and popcorn") and not is_descriptive("")


@pytest.mark.parametrize("word, base", [("soapier", "soapy"), ("campier", "campy"), ("wordier", "wordy"),
                                        ("harsher", "harsh"), ("flashier", "flashy"), ("calmer", "calm")])
def test_a_comparative_gives_its_adjective_known_or_not(word, base):
    assert adjective_of_comparative(word) == base


@pytest.mark.parametrize("word", ["soldier", "courier", "dossier", "letter", "speaker", "poster", "later",
                                  "earlier", "never", "sooner", "ever", "ier", "fer"])
def test_nouns_adverbs_and_time_words_ending_in_er_are_not_comparatives(word):
    assert adjective_of_comparative(word) is None


def test_likeness_beside_a_critique_adds_no_critique_of_its_own(real_parser):
    parse = real_parser.parse("something comparable but less scary")
    assert [(c.alpha, c.phrase or c.tag) for c in parse.critiques] == [(-1, "scary")]
    # the chat reads a word left over as a degree when it describes one (critique_axes.read_unread)
    assert not [c.phrase for c in parse.unread if is_descriptive(c.phrase)]
