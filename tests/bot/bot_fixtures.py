"""Test helpers for the dialogue layer: a planted retriever and a rule-based parser double.

The planted retriever has the demo world's 30 tags and an item table built so that moving along
F(tag) raises exactly that tag's relevance (H = relevance @ B + noise, F = B with orthonormal rows),
so a walk for "less action" must show items with falling action relevance.
"""

from __future__ import annotations

import re

import numpy as np

from bot.types import Critique, Parse
from engine.errors import UnknownItem
from engine.retrieval import Retriever

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


class RuleParser:
    """A tiny rule-based stand-in for bot.parser.Parser (same call shape), for manager unit tests.

    Grammar: "like TITLE" (reference), "more|less TAG[, and ...]" (critique; "a bit" halves the
    strength; "weird" is ambiguous between quirky and dark; "blorp" matches no tag), "the Nth one"
    / "#N" / "the last one" / a title shown (select), undo / restart / help / bye, "boom" raises.
    """

    ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}

    def __init__(self, retriever: Retriever):
        self.r = retriever
        self.calls = 0

    def parse(self, text: str, *, shown=()) -> Parse:
        self.calls += 1
        s = text.strip().lower()
        if s == "boom":
            raise RuntimeError("parser exploded")
        if s in ("undo", "restart", "help", "bye"):
            return Parse(s, text=text)
        m = re.fullmatch(r"(?:the )?(?:#(\d+)|(\w+) one)", s)
        if m:
            index = int(m.group(1)) if m.group(1) else self.ORDINALS.get(m.group(2))
            if index is not None:
                return Parse("select", index=index, text=text)
        for item_id, title in shown:
            if s == title.lower():
                return Parse("select", item_id=item_id, title=title, text=text)
        m = re.fullmatch(r"(?:something )?like (.+)", s)
        if m:
            try:
                row = self.r.resolve_item(m.group(1))
            except UnknownItem as error:
                return Parse("reference", candidates=tuple(error.candidates), text=text)
            return Parse("reference", item_id=int(self.r.item_ids[row]), title=self.r.titles[row], text=text)
        critiques = []
        for clause in re.split(r",|\band\b", s):
            m = re.fullmatch(r"\s*(a bit )?(more|less) (.+?)\s*", clause)
            if not m:
                if clause.strip():
                    return Parse("out_of_scope", text=text)
                continue
            alpha = 1 if m.group(2) == "more" else -1
            strength = 0.5 if m.group(1) else 1.0
            word = m.group(3)
            if word == "weird":
                critiques.append(Critique(alpha, "quirky", 0.6, strength, word, ("quirky", "dark")))
            elif word == "blorp":
                return Parse("critique", suggestions=("comedy", "quirky"), text=text)
            elif word in DEMO_TAGS:
                critiques.append(Critique(alpha, word, 1.0, strength, word))
            else:
                return Parse("out_of_scope", text=text)
        if critiques:
            return Parse("critique", critiques=tuple(critiques), text=text)
        return Parse("out_of_scope", text=text)
