"""Simulated users' wordings read back correctly through the real parser."""

from __future__ import annotations

import numpy as np
import pytest

from bot.sim.templates import phrase, variants

DEMO_TAGS = (
    "action, adventure, animation, comedy, crime, drama, fantasy, horror, musical, mystery, romance, "
    "sci-fi, thriller, war, western, violent, dark, family, gory, feel-good, thought-provoking, "
    "quirky, sad, epic, slow-paced, visually stunning, classic, twist ending, based on a book, superhero"
).split(", ")


@pytest.fixture(scope="module")
def parser():
    from bot.nlu.parser import Parser

    return Parser(DEMO_TAGS, ["Toy Story (1995)", "Heat (1995)", "Casablanca (1942)"], [1, 2, 3])


def understood(parser, text: str, tag: str, alpha: int) -> bool:
    parse = parser.parse(text)
    return (parse.intent == "critique" and len(parse.critiques) == 1
            and parse.critiques[0].tag == tag and parse.critiques[0].alpha == alpha)


@pytest.mark.parametrize("text,tag,alpha", [
    ("less violent please", "violent", -1),
    ("could it be more quirky?", "quirky", 1),
    ("not so dark", "dark", -1),
    ("too scary for me", "horror", -1),
    ("I'd like something funnier", "comedy", 1),
    ("something a little darker", "dark", 1),
    ("too much gore for me", "gory", -1),
    ("not romantic enough", "romance", 1),
    ("can you cut down on the explosions?", "action", -1),
    ("more science fiction please", "sci-fi", 1),
])
def test_key_wordings_parse_to_what_the_user_meant(parser, text, tag, alpha):
    assert text in variants(tag, alpha)
    assert understood(parser, text, tag, alpha)


def test_a_random_sample_of_wordings_parses_back(parser):
    rng = np.random.default_rng(0)
    sample = []
    for _ in range(300):
        tag = DEMO_TAGS[int(rng.integers(len(DEMO_TAGS)))]
        alpha = int(rng.choice((-1, 1)))
        sample.append((phrase(tag, alpha, rng), tag, alpha))
    wrong = [s for s in sample if not understood(parser, *s)]
    # The simulator measures the parser's misses; the templates themselves must be sayable.
    assert len(wrong) <= 0.05 * len(sample), wrong[:10]
    plain = [(t, a) for t in DEMO_TAGS for a in (1, -1)]
    assert all(understood(parser, variants(t, a, "plain")[0], t, a) for t, a in plain)
