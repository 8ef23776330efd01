"""Short forms and typos of a title said alone, for `engine.retrieval.catalog.TitleResolver`.

People type "spirted away", "gatacca", "shawn of the dead" (a letter or two off the main name,
with the a.k.a.s MovieLens adds in parentheses: "Spirited Away (Sen to Chihiro no kamikakushi)"),
and the first words of a long title ("Borat", "ET" for "E.T. the Extra-Terrestrial"). Whether
such words are distinctive enough to be a title (no English word, typed in capitals) is the
caller's judgement; these functions only find the titles and keep the clear winner.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["CHANCE", "MainNames", "chance_of_lead", "clearly_ahead", "max_edits"]


def max_edits(key: str) -> int:
    """Edits a typo of a title of this key may have: none under 5 letters (too many short titles
    are a letter apart), one under 7, two from 7 letters on (as the parser's word typos)."""
    letters = len(key.replace(" ", ""))
    return 0 if letters < 5 else 1 if letters < 7 else 2


CHANCE = 1 / 3  # a lead that chance alone gives at least this often decides nothing


def chance_of_lead(first: int, second: int) -> float:
    """How often chance alone gives one of two equally watched films at least `first` of
    `first + second` ratings: a one-sided binomial test at even odds (normal approximation
    beyond 400 ratings)."""
    n = first + second
    if n == 0 or first <= second:
        return 1.0
    if n > 400:
        return 0.5 * math.erfc((first - second - 1) / math.sqrt(2 * n))
    return sum(math.comb(n, k) for k in range(first, n + 1)) / 2 ** n


def clearly_ahead(first: int, second: int, ratio: float) -> bool:
    """Whether a count `first` is clearly ahead of `second`: not within `ratio` of it, and a lead
    chance gives less often than `CHANCE`: 6 ratings to 3 ("House of Wax", 2005 and 1953: 0.25)
    decide, 5 to 5 ("The Fog", 1980 and 2005) or 1 rating of 4+ to none (0.5) do not; 20 to 11
    ("Solaris": 0.08) and 19 to 10 (0.07) do."""
    return second < ratio * first and chance_of_lead(first, second) < CHANCE


class MainNames:
    """The main names of the catalog's titles (their first `form_key`, without a.k.a.s), for typos."""

    def __init__(self, main_keys: Sequence[str]):
        self._rows: dict[str, list[int]] = {}
        for row, key in enumerate(main_keys):
            if key:
                self._rows.setdefault(key, []).append(row)
        self._keys = list(self._rows)

    def closest(self, key: str) -> list[list[int]]:
        """The rows of each main name closest to `key` within `max_edits` (optimal string
        alignment distance, so a swap of two letters is one edit), same first letter: the typed
        first letter is rarely the wrong one ("gatacca" = "gattaca", never "cattaca")."""
        limit = max_edits(key)
        if not limit:
            return []
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        found = [(name, d) for name, d, _ in process.extract(key, self._keys, scorer=OSA.distance,
                                                              score_cutoff=limit, limit=None)
                 if name[:1] == key[:1] and name != key]
        if not found:
            return []
        best = min(d for _, d in found)
        return [self._rows[name] for name, d in found if d == best]
