"""Distinct title keys by length (the only ones a fuzzy ratio above a cutoff can reach), the
closest titles to a typed one by that ratio, and the titles a query may loosely mean."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable


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


def closest_titles(written: str, bare: str, by_length: tuple[TitlesByLength, TitlesByLength], cutoff: float,
                   titles_of_bare: Callable[[str], Iterable[str]]) -> list[tuple[str, float]]:
    """Titles as written (`by_length[0]`) scored against the typed key `written`, and titles
    without a leading article (`by_length[1]`, each standing for `titles_of_bare(text)`) against
    `bare`: "Shawshenk Redemption" is "The Shawshank Redemption". The better score counts; ties go
    to the score as written. Best first, at most five per form, none under `cutoff`."""
    from rapidfuzz import fuzz, process

    best: dict[str, tuple[float, float]] = {}  # title -> (best score, score as written)
    for is_bare, query in enumerate((written, bare)):
        near = by_length[is_bare].near(len(query), cutoff)
        for text, score, _ in process.extract(query, near, scorer=fuzz.ratio, limit=5, score_cutoff=cutoff):
            for title in titles_of_bare(text) if is_bare else (text,):
                old = best.get(title, (0.0, 0.0))
                best[title] = (max(old[0], score), old[1] if is_bare else float(score))
    return [(t, s[0]) for t, s in sorted(best.items(), key=lambda d: (-d[1][0], -d[1][1]))]


def loose_titles(key: str, normalized: list[str], score_cutoff: float) -> dict[int, float]:
    """{row: score} of the titles a normalised query may mean, for "did you mean ...?": WRatio >=
    `score_cutoff` and within 5 points of the best; none for a query of under 4 letters (articles
    aside): WRatio's partial matching would pair "a western" with every "A ..." title."""
    core = re.sub(r"\b(?:the|a|an|of)\b", " ", key).split()
    if sum(len(w) for w in core) < 4:
        return {}
    from rapidfuzz import fuzz, process

    # scored without a leading article: WRatio's partial matching paired "the office" with every
    # "..., The" title (The Usual Suspects, The American President) ahead of Office Space
    key = re.sub(r"^(?:the|a|an)\s+", "", key)
    loose = process.extract(key, normalized, scorer=fuzz.WRatio, limit=8, score_cutoff=score_cutoff)
    # nor with a title of a letter or two inside a longer query ("O (2001)" for "the offce")
    loose = [hit for hit in loose if len(normalized[hit[2]]) >= 3 or len(key) < 4]
    top = loose[0][1] if loose else 0.0
    return {r: float(s) for _, s, r in loose if s >= top - 5}
