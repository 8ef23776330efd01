"""engine.retrieval.title_lengths and the fuzzy title step that uses it: scoring only titles of a
length that can reach the cutoff gives the answers a scan of every title gives."""

from __future__ import annotations

import random

from rapidfuzz import fuzz, process

from engine.retrieval.catalog import TitleResolver, normalize_title
from engine.retrieval.title_lengths import TitlesByLength
from engine.retrieval.title_forms import sequel_numbers

_LETTERS = "abcdefghij "


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_LETTERS) for _ in range(n)).strip() or "a"


def test_near_keeps_every_text_that_can_reach_the_cutoff():
    rng = random.Random(3)
    texts = [_word(rng, rng.randint(1, 40)) for _ in range(600)]
    index = TitlesByLength(texts)
    for _ in range(200):
        query, cutoff = _word(rng, rng.randint(1, 40)), rng.choice([50.0, 84.0, 95.0])
        near = set(index.near(len(query), cutoff))
        reaching = {t for t in texts if fuzz.ratio(query, t) >= cutoff}
        assert reaching <= near
        assert len(near) < len(set(texts))  # lengths far from the query's are left out


def _fuzzy_by_full_scan(resolver: TitleResolver, query: str):
    """The fuzzy step as it was: every title (repeats included) scored."""
    key = normalize_title(query)
    distinct: list[tuple[str, float]] = []
    for text, score, _ in process.extract(key, resolver._normalized, scorer=fuzz.ratio, limit=5,
                                          score_cutoff=resolver.accept - resolver.margin):
        if all(text != d[0] for d in distinct):
            distinct.append((text, float(score)))
    if not distinct or distinct[0][1] < resolver.accept:
        return None
    if len(distinct) > 1 and distinct[0][1] - distinct[1][1] < resolver.margin:
        return None
    if sequel_numbers(key) != sequel_numbers(distinct[0][0]):
        return None
    rows = resolver._by_key[distinct[0][0]]
    return None if len(rows) != 1 else rows[0]


def test_fuzzy_matches_are_those_of_a_full_scan():
    rng = random.Random(7)
    words = ["night", "day", "star", "wars", "alien", "heat", "toy", "story", "dark", "knight", "2", "ii"]
    titles = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))).title() + f" ({1950 + i % 60})"
              for i in range(400)]
    resolver = TitleResolver(titles, list(range(len(titles))), [rng.randint(0, 99) for _ in titles])
    matched = 0
    for _ in range(600):
        title = normalize_title(rng.choice(titles))
        chars = list(title)
        for _ in range(rng.randint(0, 3)):  # typos
            chars[rng.randrange(len(chars))] = rng.choice("abcdefghijklmnopqrstuvwxyz ")
        query = "".join(chars)
        found = resolver._fuzzy(query)
        expected = _fuzzy_by_full_scan(resolver, query)
        assert (found.row if found else None) == expected, query
        matched += expected is not None
    assert matched > 50  # the check saw real matches, not only misses
