"""One way to find a catalog item from what a person typed: its id or its title.

Used by `cgir retrieve --item`, by the utterance parser ("something like Toy Story"), by the
dialogue manager ("which one did you mean?") and by anything matching titles from outside data.
Matching goes from strict to loose, and a loose match must be clearly ahead of the next title:

1. ``id``: the query is a catalog item id (only when the caller allows ids);
2. ``exact``: the title as written, case and accents aside, its year included
   ("Heat (2013)" / "heat 2013" picks the remake);
3. ``normalized``: `normalize_title` equal ("Matrix, The" = "the matrix"), then without a leading
   article ("Matrix" = "The Matrix");
4. ``fuzzy``: rapidfuzz ratio >= `accept` and `margin` points ahead of the next distinct title
   ("Toy Stroy").

5. ``normalized`` again on the forms people use (engine.retrieval.title_forms): a.k.a. and
   original titles ("Amelie"), series subtitles ("The Fellowship of the Ring"), sequel numbers
   ("Part 2" = "II"), apostrophes ("oceans eleven");
6. a short form: the part before a series colon ("Terminator 2") or a title's first words
   ("Crouching Tiger"), only when one title is clearly ahead (`PREFIX_RATIO`);
7. (`endings`, `beginnings`, `typo`: asked by the parser for a whole line) "Mr Fox", "Borat", "gatacca".

Several equal titles (namesakes: "Titanic (1997)" and "Titanic (1953)") resolve to the most
watched (`watched`: every rating, where known; else the most popular) unless the next is genuinely
close (`CLOSE_RATIO`), then to the clearly more popular of the close ones; `namesakes`
lists the others so the reply can name them. Otherwise `candidates` offers titles (WRatio >=
`candidate_score`), most popular first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from engine.memo import Memo
from engine.retrieval.series import by_watched, nth_of_series
from engine.retrieval.spelling import MainNames, clearly_ahead
from engine.retrieval.title_forms import (TitleEnds, alias_keys, form_key, keeps_article, normalize_title,
                                          sequel_numbers, series_heads)
from engine.retrieval.title_lengths import TitlesByLength, closest_titles, loose_titles
from engine.text.normalise import fold

__all__ = ["TitleMatch", "TitleResolver", "normalize_title", "release_year"]

MatchKind = Literal["id", "exact", "normalized", "fuzzy"]

# No title is longer; fuzzy-matching a paragraph would only cost time.
MAX_QUERY_CHARS = 200
_YEAR = re.compile(r"\(?\b(1[89]\d\d|20\d\d)\)?\s*$")
_ARTICLE = re.compile(r"^(?:the|a|an) ")
# "Planet of the Apes, the 2001 version", "Titanic from 1953": a year that picks a namesake.
_VERSION = re.compile(r"[\s,]*(?:\b(?:the|from|in)\s+)?\(?\b(1[89]\d\d|20\d\d)\)?"
                      r"(?:\s+(?:one|version|film|movie|remake|original))?\s*$")
_NON_WORD = re.compile(r"[^\w]+")


_RELEASE = re.compile(r"\((\d{4})(?:[-\u2013]\d{0,4})?\)\s*$")


def release_year(title: str) -> int | None:
    """The release year MovieLens writes at the end of a title ("Heat (1995)"), None without one."""
    m = _RELEASE.search(title)
    return int(m.group(1)) if m else None


def _with_year(text: str) -> str:
    """The title as written, folded, punctuation to spaces, the year kept ("heat 2013")."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


CLOSE_RATIO = 0.9  # namesakes within 10 % of the leader's popularity are genuinely close: ask
PREFIX_RATIO = 0.5  # a short form ("Star Wars") names the leader only at twice the next one's
FUZZY_MEMO = 8192  # typed keys whose fuzzy answer is remembered (~1 MB at most)


@lru_cache(maxsize=32768)
def _title_keys(title: str) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """(normalized, with year, alias keys, series heads) of a catalog title. Remembered: the
    parser builds a resolver over the titles on screen on most turns (~0.2 ms of regular
    expressions per title), and those are the same catalog titles again and again."""
    return normalize_title(title), _with_year(title), tuple(alias_keys(title)), tuple(series_heads(title))


def _main_name(title: str) -> str:
    """A title's main name as a key ("spirited away" of its a.k.a. forms), "" when it has none."""
    aliases = _title_keys(title)[2]
    return aliases[0] if aliases else ""


@dataclass(frozen=True)
class TitleMatch:
    """One catalog row matched by a query; `score` is 100 for id/exact/normalized matches."""

    row: int
    item_id: int
    title: str
    score: float
    how: MatchKind


class TitleResolver:
    """Id and title lookups over one catalog. Build once; `resolve` / `candidates` per query."""

    def __init__(
        self,
        titles: Sequence[str],
        item_ids: Sequence[int],
        popularity: Sequence[int] | None = None,
        *,
        accept: float = 88.0,
        margin: float = 4.0,
        candidate_score: float = 80.0,
        partial_accept: float = 90.0,
        watched: Sequence[int] | None = None,
    ):
        if len(titles) != len(item_ids):
            raise ValueError("titles and item_ids must have the same length")
        self.titles = tuple(str(t) for t in titles)
        self.item_ids = np.asarray(item_ids, dtype=np.int64)
        self.popularity = (np.asarray(popularity, dtype=np.int64) if popularity is not None
                           else np.zeros(len(self.titles), dtype=np.int64))
        # Ratings of any value, where known: "the most watched" namesake; `popularity` (a model's
        # positives) then breaks a near tie (the better liked of two equally watched films).
        self.watched = np.asarray(watched, dtype=np.int64) if watched is not None else self.popularity
        self._every_rating = watched is not None  # namesakes' closeness by chance needs those counts
        self.accept, self.margin, self.candidate_score = accept, margin, candidate_score
        self.partial_accept = partial_accept
        keys = [_title_keys(t) for t in self.titles]
        self._normalized = [k[0] for k in keys]
        self._by_key: dict[str, list[int]] = {}
        self._by_bare_key: dict[str, list[int]] = {}  # leading article dropped
        self._by_full: dict[str, list[int]] = {}  # year kept
        for row, key in enumerate(self._normalized):
            self._by_key.setdefault(key, []).append(row)
            self._by_bare_key.setdefault(_ARTICLE.sub("", key), []).append(row)
            self._by_full.setdefault(keys[row][1], []).append(row)
        self._row_of_id = {int(x): i for i, x in enumerate(self.item_ids)}
        self._years: np.ndarray | None = None
        # Forms people use (engine.retrieval.title_forms): a.k.a. and original titles, series
        # subtitles, sequel numbers; the part before a series colon ("Star Wars") is looser.
        self._by_alias: dict[str, list[int]] = {}
        self._by_series: dict[str, list[int]] = {}
        self._sorted_aliases: list[str] | None = None  # for first-words lookups, built on first use
        self._by_length: tuple[TitlesByLength, TitlesByLength] | None = None  # fuzzy: as written, bare
        # The fuzzy step's answer per typed key: a pure function of the key and this catalog, and
        # the parser tries the same words ("funnier", "less violent") as titles turn after turn.
        self._fuzzy_found: Memo[TitleMatch | None] = Memo(FUZZY_MEMO)
        self._ends: TitleEnds | None = None  # last words ("Mr Fox"), built on first use
        self._main: MainNames | None = None  # main names, for typos ("spirted away"), on first use
        for row, (_, _, aliases, heads) in enumerate(keys):
            for key in aliases:
                self._by_alias.setdefault(key, []).append(row)
            for key in heads:
                self._by_series.setdefault(key, []).append(row)

    # -- public ------------------------------------------------------------------------------

    @property
    def years(self) -> np.ndarray:
        """(n,) release year of each row from its title, 0 where the title has none (parsed once)."""
        if self._years is None:
            self._years = np.array([release_year(t) or 0 for t in self.titles], dtype=np.int64)
        return self._years

    def row_of_id(self, item_id: int) -> int | None:
        return self._row_of_id.get(int(item_id))

    def by_id(self, item_id: int) -> TitleMatch | None:
        row = self.row_of_id(item_id)
        return None if row is None else self._match(row, 100.0, "id")

    def exact(self, query: str) -> list[TitleMatch]:
        """Every row whose title equals the query (steps 2-3), most popular first; else every
        row known by that form (an a.k.a., a series subtitle, "Part 2" for "Part II")."""
        rows, how = self._exact_rows(query)
        if how == "normalized":  # "Ghostbusters" is also "Ghostbusters (a.k.a. Ghost Busters) (1984)"
            # ... but a title as typed beats its article-only variant ("Heat", not "The Heat");
            # `namesakes` still names that one.
            bare = {_ARTICLE.sub("", self._normalized[r]) for r in rows}
            rows = [*rows, *(r for r in self._alias_rows(query)
                             if not rows or _ARTICLE.sub("", self._normalized[r]) not in bare)]
        return [self._match(r, 100.0, how) for r in self._by_popularity(rows)]

    def leader(self, matches: list[TitleMatch], ratio: float | None = None) -> TitleMatch | None:
        """The one match people mean: the only one, or the most watched (`watched`, else
        `popularity`) unless the next is genuinely close; among equally watched ones, the clearly
        most popular (Parser: the most liked). Namesakes (the default `ratio`) are close within
        10 % or, counted in every rating, within chance (`spelling.clearly_ahead`); a short
        form (a `ratio` given) within `ratio`."""
        if len(matches) == 1:
            return matches[0]
        if not matches:
            return None

        by_chance = ratio is None and self._every_rating
        within = CLOSE_RATIO if ratio is None else ratio

        def ahead(first: int, second: int) -> bool:
            return clearly_ahead(first, second, within) if by_chance else second < within * first

        seen = by_watched(self, matches)
        first, second = (int(self.watched[m.row]) for m in seen[:2])
        if ahead(first, second):
            return seen[0]
        close = sorted((m for m in seen if not ahead(first, int(self.watched[m.row]))),
                       key=lambda m: (-int(self.popularity[m.row]), m.row))
        first, second = (int(self.popularity[m.row]) for m in close[:2])
        return close[0] if ahead(first, second) else None

    def namesakes(self, row: int, query: str) -> list[TitleMatch]:
        """Other rows the query also names, articles and a.k.a. forms aside ("Titanic (1953)"
        for "titanic", "Heat, The (2013)" for "heat"), most popular first; none when the query
        names a year ("Titanic (1997)", "Heat, the 1995 one"): the person said which one."""
        if _VERSION.search(query):
            return []
        # the query's form, and the main name of the film taken: "Ghost busters" names the 1984
        # film by its a.k.a. and "Ghostbusters (2016)" by that film's own name
        main = _title_keys(self.titles[row])[2][:1]
        rows = {r for key in (form_key(_VERSION.sub("", query)), *main) for r in self._by_alias.get(key, [])}
        rows.discard(row)
        return [self._match(r, 100.0, "normalized") for r in self._by_popularity(list(rows))]

    def resolve(self, query: str, *, allow_id: bool = True, fuzzy: bool = True,
                partial: bool = False, numbered: bool = False) -> TitleMatch | None:
        """The one item the query names, or None (nothing close, or several equally close).

        With `partial`, a query that has exactly one candidate scoring >= `partial_accept`
        ("star wars" in a catalog with one Star Wars film) names it too. With `numbered`, a bare
        number is a title that is or starts with it before it is an id ("something like 2001").
        """
        query = str(query).strip()
        if not self.titles or not query or len(query) > MAX_QUERY_CHARS:
            return None
        if numbered and query.isdigit() and (named := self.named_by_number(query)) is not None:
            return named
        if allow_id and re.fullmatch(r"\d{1,12}", query):
            found = self.by_id(int(query))
            if found is not None:
                return found
        exact = self.exact(query)
        if exact:
            return self.leader(exact)
        found = self._fuzzy(query) if fuzzy else None
        group = self.exact(_main_name(found.title) or found.title) if found is not None else []
        if len(group) > 1:  # "101 dalmations": of its namesakes, the film people mean
            found = self.leader(group) or found
        if found is None:
            found = self._series_or_prefix(query)
        if found is None:
            found = nth_of_series(self, query)  # "harry potter 7" (engine.retrieval.series)
        if found is None and partial:
            loose = self.candidates(query)
            if len(loose) == 1 and loose[0].score >= self.partial_accept:
                found = loose[0]
        return found

    def candidates(self, query: str, limit: int = 5) -> list[TitleMatch]:
        """Titles the query may mean, for "did you mean ...?", most popular first: equal titles
        when the query is ambiguous, else those `title_lengths.loose_titles` finds."""
        query = str(query).strip()
        if not self.titles or not query or len(query) > MAX_QUERY_CHARS:
            return []
        exact = self.exact(query)
        if exact:
            return exact[:limit]
        scored = loose_titles(normalize_title(query), self._normalized, self.candidate_score)
        rows = self._by_popularity(list(scored))[:limit]
        return [self._match(r, round(scored[r], 2), "fuzzy") for r in rows]

    # -- steps -------------------------------------------------------------------------------

    def _exact_rows(self, query: str) -> tuple[list[int], MatchKind]:
        full = _with_year(query)
        if full in self._by_full:
            return self._by_full[full], "exact"
        year = _YEAR.search(query)
        if year:  # "Heat (2013)", "heat 2013": the year tells remakes apart
            query = query[: year.start()]
        key = normalize_title(query)
        if not key:
            return [], "normalized"
        stripped = _ARTICLE.sub("", key)
        rows = (self._by_key.get(key) or self._by_bare_key.get(key)
                or self._by_bare_key.get(stripped) or [])
        if year:
            pool = {*self._by_key.get(key, []), *self._by_bare_key.get(key, []),
                    *self._by_bare_key.get(stripped, [])}
            dated = [r for r in sorted(pool)
                     if re.search(rf"\({year.group(1)}\)\s*$", self.titles[r])]
            # "The Lion King 2019" when only the 1994 one is here: another film, not this one (a
            # year misremembered by one still finds it).
            near = [r for r in sorted(pool) if abs(int(self.years[r]) - int(year.group(1))) <= 1]
            rows = dated or near
        return rows, "normalized"

    def _alias_rows(self, query: str) -> list[int]:
        year = _VERSION.search(query)
        key = form_key(query[: year.start()] if year else query)
        rows = self._by_alias.get(key, [])
        if year:
            rows = [r for r in rows if int(self.years[r]) == int(year.group(1))]
        return rows

    def series(self, query: str) -> list[TitleMatch]:
        """Titles a short form names, most popular first: "Star Wars" (the part before a series
        colon), "Crouching Tiger", "Harry Potter" (the first words of a title); [] for a query
        of one short word."""
        key = form_key(query)
        if len(key.split()) < 2 and len(key) < 6:
            return []
        rows = self._by_series.get(key) or self._rows_starting(key + " ")
        rows = [r for r in rows if keeps_article(query, self.titles[r])]
        return [self._match(r, 95.0, "normalized") for r in self._by_popularity(rows)]

    def _series_or_prefix(self, query: str) -> TitleMatch | None:
        """A short form (`series`) names the most popular title only when it is clearly ahead
        (twice the next), since such short forms fit several titles."""
        matches = self.series(query)
        return self.leader(matches, ratio=PREFIX_RATIO) if matches else None

    def endings(self, query: str) -> list[TitleMatch]:
        """Titles whose main name ends with the query's words, most popular first ("Mr Fox":
        "Fantastic Mr. Fox"; engine.retrieval.title_forms); whether such a short form is
        distinctive enough is the caller's judgement."""
        if self._ends is None:
            self._ends = TitleEnds([_main_name(t) for t in self.titles])
        rows = self._ends.rows(form_key(query))
        return [self._match(r, 90.0, "normalized") for r in self._by_popularity(rows)]

    def typo(self, query: str) -> TitleMatch | None:
        """A title's main name with a letter or two wrong ("spirted away", "gatacca": `spelling`),
        of the closest names the clearly most watched (twice the next), of its namesakes the one
        people mean; whether the words may be a title at all is the caller's judgement."""
        if self._main is None:
            self._main = MainNames([_main_name(t) for t in self.titles])
        closest = self._main.closest(form_key(query))
        ratio = PREFIX_RATIO if len(closest) > 1 else None
        return self.leader([self._match(r, 90.0, "fuzzy") for rows in closest for r in rows], ratio=ratio)

    def beginnings(self, query: str) -> list[TitleMatch]:
        """Titles whose main name starts with the query's words ("Borat", "ET" for "E.T. the
        Extra-Terrestrial"), most popular first, with no length limit (`series` has one)."""
        key = form_key(query)
        rows = self._by_series.get(key, []) + self._rows_starting(key + " ") if key else []
        rows = [r for r in rows if keeps_article(query, self.titles[r])]
        return [self._match(r, 90.0, "normalized") for r in self._by_popularity(rows)]

    def _rows_starting(self, prefix: str) -> list[int]:
        """Rows with a form that starts with `prefix`: a range of the sorted forms (a scan of
        every form cost ~2 ms per reference on ml-latest-small)."""
        if self._sorted_aliases is None:
            self._sorted_aliases = sorted(self._by_alias)
        keys = self._sorted_aliases
        rows: list[int] = []
        for i in range(bisect_left(keys, prefix), len(keys)):
            if not keys[i].startswith(prefix):
                break
            rows.extend(self._by_alias[keys[i]])
        return rows

    def _fuzzy(self, query: str) -> TitleMatch | None:
        key = normalize_title(query)
        return self._fuzzy_found.get(key, lambda: self._closest(key)) if key else None

    def _closest(self, key: str) -> TitleMatch | None:
        """The one title within the fuzzy cutoff of a normalised key, clearly ahead of the next."""
        # Under accept - margin a title changes nothing below (engine.retrieval.title_lengths).
        cutoff = max(0.0, self.accept - self.margin)
        self._by_length = self._by_length or (TitlesByLength(self._by_key), TitlesByLength(self._by_bare_key))
        distinct = closest_titles(key, _ARTICLE.sub("", key), self._by_length, cutoff,
                                  lambda bare: {self._normalized[r] for r in self._by_bare_key[bare]})
        # the next title, its article-only namesake aside ("Heat" before "The Heat", as `exact`)
        others = [d for d in distinct[1:] if _ARTICLE.sub("", d[0]) != _ARTICLE.sub("", distinct[0][0])]
        if not distinct or distinct[0][1] < self.accept or (others and distinct[0][1] - others[0][1] < self.margin):
            return None
        if sequel_numbers(key) != sequel_numbers(distinct[0][0]):
            return None  # "toy story 4" is not a typo of "toy story" nor of "toy story 3"
        rows = self._by_key[distinct[0][0]]
        if len(rows) != 1:
            return None  # the closest title exists twice: ambiguous
        return self._match(rows[0], round(distinct[0][1], 2), "fuzzy")

    def named_by_number(self, number: str, whole: bool = False) -> TitleMatch | None:
        """The most watched title that is, or starts with, this number ("1984", "2001: A Space
        Odyssey", "300"): "something like 2001" names a film before it names a catalog id.
        `whole`: only titles that are the number and nothing more ("21", not "21 Grams")."""
        rows = [r for r, key in enumerate(self._normalized)
                if (key if whole else key.split(" ", 1)[0]) == number]
        return self._match(self._by_popularity(rows)[0], 100.0, "normalized") if rows else None

    def _by_popularity(self, rows: list[int]) -> list[int]:
        return sorted(set(rows), key=lambda r: (-int(self.popularity[r]), r))

    def _match(self, row: int, score: float, how: MatchKind) -> TitleMatch:
        return TitleMatch(row, int(self.item_ids[row]), self.titles[row], score, how)
