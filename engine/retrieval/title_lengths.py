"""Distinct title keys by length: the only ones a fuzzy ratio above a cutoff can reach."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class TitlesByLength:
    """The distinct texts of a catalog sorted by length, for `near`."""

    def __init__(self, texts: Iterable[str]):
        self.texts = sorted(set(texts), key=lambda t: (len(t), t))
        self.lengths = [len(t) for t in self.texts]

    def near(self, length: int, cutoff: float) -> list[str]:
        """The texts whose length lets rapidfuzz's `fuzz.ratio` reach `cutoff` (0-100) against a
        text of `length` characters: ratio = 100 (1 - d / (a + b)) with an edit distance
        d >= |a - b|, so |a - b| <= c (a + b) with c = 1 - cutoff / 100."""
        c = 1.0 - cutoff / 100.0
        if c >= 1.0:
            return self.texts
        low = length * (1.0 - c) / (1.0 + c) - 1.0  # a character of slack for float rounding
        high = length * (1.0 + c) / (1.0 - c) + 1.0
        return self.texts[bisect_left(self.lengths, low):bisect_right(self.lengths, high)]
