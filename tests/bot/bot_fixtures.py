"""Test helpers for the dialogue layer: a planted retriever and the real parser on a fast encoder.

The planted retriever has the demo world's 30 tags and an item table built so that moving along
F(tag) raises exactly that tag's relevance (H = relevance @ B + noise, F = B with orthonormal rows),
so a walk for "less action" must show items with falling action relevance.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from fast_parser import fixture_parser, hashed_ngram_encoder  # noqa: F401  (one shared test encoder)

from engine.retrieval.retriever import Retriever

DEMO_TAGS = (
    "action", "adventure", "animation", "comedy", "crime", "drama", "fantasy", "horror", "musical",
    "mystery", "romance", "sci-fi", "thriller", "war", "western", "violent", "dark", "family",
    "gory", "feel-good", "thought-provoking", "quirky", "sad", "epic", "slow-paced",
    "visually stunning", "classic", "twist ending", "based on a book", "superhero",
)
_WORDS = ("Red", "Silent", "Golden", "Last", "Broken", "Hidden", "Wild", "Lost", "Iron", "Paper",
          "Night", "River", "Summer", "Glass", "Winter", "Storm")
_NOUNS = ("Harbor", "Garden", "Empire", "Signal", "Circus", "Frontier", "Orchard", "Machine")


def planted_retriever(n_items: int = 128, seed: int = 0, *, relevance: bool = True) -> Retriever:
    rng = np.random.default_rng(seed)
    t = len(DEMO_TAGS)
    rel = rng.beta(0.6, 1.6, size=(n_items, t)).astype(np.float32)
    basis, _ = np.linalg.qr(rng.normal(size=(32, t)))
    tag_vectors = basis.T.astype(np.float32)  # (T, 32), orthonormal rows
    items = rel @ tag_vectors + 0.01 * rng.normal(size=(n_items, 32)).astype(np.float32)
    titles = [f"{_WORDS[i % len(_WORDS)]} {_NOUNS[(i // len(_WORDS)) % len(_NOUNS)]} ({1970 + i % 50})"
              for i in range(n_items)]
    titles[0] = "Toy Story (1995)"
    titles[1] = "Heat (1995)"
    titles[2] = "Heat (2013)"  # an ambiguous title on purpose
    popularity = rng.integers(1, 500, size=n_items)
    popularity[0] = 1000
    return Retriever(items, tag_vectors, np.arange(1, n_items + 1) * 10, titles, DEMO_TAGS,
                     relevance=rel if relevance else None, popularity=popularity,
                     synthetic=True, model_id="planted-test")


# A made-up catalog with five of its films on screen, for parser tests of list controls and
# references said around a list (sentences of the tests' own; none of the bench sets').
LIST_TITLES = ("Harbor King (1980)", "Quiet Town (1988)", "Gravelord (1992)", "Robots (2005)", "Honor Bound (2001)",
               "Heat (1995)")
LIST_IDS = (11, 12, 13, 14, 15, 16)
LIST_POPULARITY = (300, 40, 60, 200, 90, 400)
LIST_SHOWN = ((12, "Quiet Town (1988)"), (13, "Gravelord (1992)"), (15, "Honor Bound (2001)"),
              (11, "Harbor King (1980)"), (14, "Robots (2005)"))


def list_catalog_parser(tags: tuple[str, ...], cache: Path):
    """The real parser (MiniLM, its tag vectors cached at `cache`) on the made-up list catalog."""
    from bot.nlu.parser import Parser

    return Parser(tags, LIST_TITLES, LIST_IDS, popularity=LIST_POPULARITY, tag_vectors_cache=cache)
