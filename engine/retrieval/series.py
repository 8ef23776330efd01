"""The n-th film of a series by release year ("harry potter 7", "die hard 3"), for
`engine.retrieval.catalog.TitleResolver` when the titles themselves carry no such number."""

from __future__ import annotations

import re

from engine.retrieval.title_forms import form_key, normalize_title

__all__ = ["by_watched", "nth_of_series", "outshone_by_series"]

_ROMAN = ("ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")
# A series' film watched this many times more than the one film titled exactly as the words is
# what most people mean by them ("The Lord of the Rings": the 2001-2003 films, 146 against 6 on
# ml-latest-small); below it the title named exactly stands ("Mad Max", 1.9 times).
SERIES_AHEAD = 5


def _has_words(title: str, words: set[str]) -> bool:
    """Every word of a series name in the title, a plural standing for it ("Aliens": "Alien")."""
    has = set(normalize_title(title).split())
    return all(w in has or f"{w}s" in has for w in words)


def _main_title(title: str) -> str:
    """A catalog title without its parenthesised a.k.a.s and year, its article in front."""
    return normalize_title(re.sub(r"\s*\([^()]*\)", "", title))


def nth_of_series(resolver, query: str):  # (TitleResolver, str) -> TitleMatch | None; no import: no cycle
    """"harry potter 7": the 7th film, by release year, of the titles a series name starts
    (when the titles themselves carry no such number: "rocky 3" is "Rocky III" before this).
    Where a film has the series name itself ("The Matrix"), it is the first and only later
    films count ("Frozen 2" is no "Frozen Planet (2011)"); a one-word name needs that film."""
    self = resolver
    m = re.fullmatch(r"(?P<head>.+?)\s+(?:part\s+)?(?P<n>\d{1,2}|ii|iii|iv|v|vi|vii|viii|ix)", normalize_title(query))
    if m is None:
        return None
    n = int(m.group("n")) if m.group("n").isdigit() else _ROMAN.index(m.group("n")) + 2
    first = self.leader(self.exact(m.group("head")))
    named = self._by_series.get(form_key(m.group("head")), [])  # "Lord of the Rings: ..." films
    if first is not None and named and first.row not in named and \
            self.popularity[first.row] < max(self.popularity[r] for r in named):
        first = None  # the rarely watched 1978 "Lord of the Rings" does not start that series
    if first is None and len(m.group("head").split()) < 2:
        return None
    # The series' name: the words said, or the first film's own title where they are its
    # a.k.a. ("MIB 3": "Men in Black"); every film of the series has all its words ("Die
    # Hard 3" is no "Hard Way": "die" is also a German article, which keys drop).
    name = m.group("head") if first is None else _main_title(first.title)
    rows = {x.row for x in self.series(m.group("head"))} | {x.row for x in self.series(name)}
    if first is not None:  # a short name ("The Grid") is a series when a film has it
        rows |= {first.row, *self._rows_starting(form_key(m.group("head")) + " "),
                 *self._rows_starting(form_key(name) + " ")}
    phrase = f" {normalize_title(name)} "
    if first is not None and len(phrase.split()) >= 2:  # "Lost World: Jurassic Park" is Jurassic Park 2
        rows |= {r for r, key in enumerate(self._normalized) if phrase in f" {key} "}
    words = set(normalize_title(name).split()) - {"the", "a", "an"}
    rows = [r for r in rows if _has_words(self.titles[r], words)]
    rows = sorted(rows, key=lambda r: (int(self.years[r]), int(self.item_ids[r])))
    if first is not None:
        rows = [r for r in rows if r == first.row or self.years[r] > self.years[first.row]]
    if not 2 <= n <= len(rows):
        return None
    return self._match(rows[n - 1], 90.0, "normalized")


def outshone_by_series(resolver, row: int, query: str) -> list:  # (TitleResolver, int, str) -> [TitleMatch]
    """The films of the series the words name ("The Lord of the Rings": the titles "Lord of the
    Rings: ..."), most popular first, when one of them is watched SERIES_AHEAD times more than
    the film at `row` that the words name exactly; [] otherwise."""
    rows = [r for r in resolver._by_series.get(form_key(query), []) if r != row]
    if not rows or max(int(resolver.watched[r]) for r in rows) < SERIES_AHEAD * max(1, int(resolver.watched[row])):
        return []
    return [resolver._match(r, 95.0, "normalized") for r in resolver._by_popularity(rows)]


def by_watched(resolver, matches: list) -> list:  # (TitleResolver, [TitleMatch]) -> [TitleMatch]
    """Matches most watched first, the more popular first among equally watched ones (the
    resolver's `leader`; "star wars": A New Hope, then The Empire Strikes Back)."""
    return sorted(matches, key=lambda m: (-int(resolver.watched[m.row]), -int(resolver.popularity[m.row]), m.row))
