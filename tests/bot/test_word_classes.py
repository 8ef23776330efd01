"""Words that describe a degree (readable as an attribute) versus words that name a thing."""

from __future__ import annotations

import pytest

from bot.nlu.word_classes import describes_degree, is_descriptive


@pytest.mark.parametrize("word", ["long", "believable", "gory", "boring", "exaggerated",
                                  "gripping", "impactful", "artsy"])
def test_adjectives_participles_and_unknown_words_with_an_adjectives_ending_describe(word):
    assert describes_degree(word)


@pytest.mark.parametrize("word", ["pizza", "popcorn", "cats", "explosions", "asdfgh", "the",
                                  "tuesday", "italy"])
def test_nouns_names_and_unknown_words_without_an_adjectives_ending_do_not(word):
    assert not describes_degree(word)


def test_a_phrase_describes_when_one_of_its_words_does():
    assert is_descriptive("big budget") and is_descriptive("far fetched")
    assert is_descriptive("documentary style")
    assert not is_descriptive("pizza and popcorn") and not is_descriptive("")
