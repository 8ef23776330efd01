"""The forms people use for a catalog title, as lookup keys of `engine.retrieval.catalog.TitleResolver`.

MovieLens writes "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)", "Léon: The Professional
(a.k.a. The Professional) (Léon) (1994)", "Lord of the Rings: The Fellowship of the Ring, The
(2001)", "Godfather: Part II, The (1974)". People say "Amelie", "The Professional", "The
Fellowship of the Ring", "The Godfather Part 2", "oceans eleven". `alias_keys` lists the keys of
one title: the title without its parentheses, each parenthesised a.k.a./original title, the parts
before and after a series colon ("Terminator 2", "The Fellowship of the Ring"); `form_key` turns
what a person typed into the same kind of key: accents folded, apostrophes dropped ("ocean's" =
"oceans"), articles dropped wherever MovieLens puts them, "&" = "and", sequel numbers in one
form ("Part II" = "part 2" = "2").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from engine.text.normalise import fold

__all__ = ["TitleEnds", "alias_keys", "form_key", "normalize_title", "sequel_numbers", "series_heads"]

_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "x": "10"}
_NUMBERS = {w: str(n) for n, w in enumerate("two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                              "fifteen sixteen seventeen eighteen nineteen twenty".split(), start=2)}
# British spellings of words ending in -our ("colour", "honour", "harbour", "favourite"); the
# two letters before "our" keep "your", "four", "hour" out (both sides are keyed alike).
_BRITISH = re.compile(r"(?<=\w\w)our(?=s?\b|ites?\b|ed\b|ing\b)")
_ARTICLES = frozenset("the a an le la les l el il das der die det den un une".split())
_TRAILING_ARTICLE = re.compile(r",\s*(the|a|an|le|la|les|l'|el|il|das|der|die|det|den)$", re.IGNORECASE)


_APOSTROPHE = re.compile(r"['\u2019]")
_INITIALS = re.compile(r"\b[a-z](?:\.[a-z])+\b\.?")
_NON_WORD = re.compile(r"[^\w]+")
_PART_NUMBER = re.compile(r"\bpart (\d+)\b")
_PAREN_YEAR = re.compile(r"\(\s*\d{4}\s*\)\s*$")
_ARTICLE_LAST = re.compile(r"^(.*), (the|a|an|les|la|le|il|das|der|die)$")


@lru_cache(maxsize=16384)  # pure; the titles on screen and common phrases come back every turn
def normalize_title(text: str) -> str:
    """Lower-case, accents folded, punctuation to spaces, a trailing "(1995)" removed."""
    text = _PAREN_YEAR.sub("", fold(text).strip())
    # MovieLens writes "Matrix, The"; people say "The Matrix".
    text = _ARTICLE_LAST.sub(r"\2 \1", text.strip())
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=16384)  # pure; the same titles and phrases are keyed again every turn
def form_key(text: str) -> str:
    """A typed or catalog title as a key: "The Godfather, Part II" -> "godfather part 2"."""
    typed_caps = re.match(r"[A-Z]{2,}\b", text.strip()) is not None and not text.isupper()  # "LA Confidential"
    text = fold(text).replace("&", " and ")
    text = _APOSTROPHE.sub("", text)  # "ocean's" = "oceans"
    initials = typed_caps or _INITIALS.match(text.strip()) is not None  # "L.A.": "la" is no article there
    text = _INITIALS.sub(lambda m: m.group(0).replace(".", ""), text)  # "E.T." = "ET", "L.A." = "LA"
    text = _BRITISH.sub("or", text)  # "Three Colours: Red" = "Three Colors: Red"
    text = _TRAILING_ARTICLE.sub("", text.strip())
    words = _NON_WORD.sub(" ", text).split()
    if words and words[0] in _ARTICLES and len(words) > 1 and not initials:
        words = words[1:]
    out = []
    for i, w in enumerate(words):
        if w in _ROMAN and (i > 0):  # "part ii", "rocky iii"; never a leading "I"/"X"
            w = _ROMAN[w]
        elif w in _NUMBERS and (words[i - 1] == "part" or i == len(words) - 1 if i > 0 else len(words) > 1):
            w = _NUMBERS[w]  # "Ocean's Eleven" = "ocean's 11", "Twelve Angry Men" = "12 Angry Men"
        out.append(w)
    joined = " ".join(out)
    return _PART_NUMBER.sub(r"\1", joined)  # "part 2" = "2"


def alias_keys(title: str) -> list[str]:
    """Every key a catalog title is known by (the main one first), without its year."""
    body = re.sub(r"\s*\((?:\d{4})(?:[-\u2013]\d{0,4})?\)\s*$", "", title.strip())
    # Only the groups at the end are other titles; one inside ("You Are (Not) Alone") is a word.
    tail = re.search(r"(?:\s*\([^()]*\))*\s*$", body)
    groups = re.findall(r"\(([^()]*)\)", tail.group(0))
    main = re.sub(r"[()]", "", body[: tail.start()]).strip()
    names = [main]
    for g in groups:
        names.append(re.sub(r"^\s*a\.k\.a\.?\s*", "", g, flags=re.IGNORECASE))
    keys: list[str] = []
    for name in names:
        full = _TRAILING_ARTICLE.sub("", name.strip())
        keys.append(form_key(full))
        series = re.split(r"\s*(?::|\bor:)\s+", full, maxsplit=1)
        if len(series) == 2:
            keys.append(form_key(series[1]))  # "The Fellowship of the Ring" (the head is looser)
            number = re.match(r"(?:episode|part|chapter|vol\.?|volume)\s+(\w+)\b", series[1], re.IGNORECASE)
            if number:  # "Star Wars: Episode IV - A New Hope" is also "Star Wars 4"
                keys.append(form_key(f"{series[0]} {number.group(1)}"))
            dash = re.split(r"\s+-\s+", series[1], maxsplit=1)
            if len(dash) == 2:  # "Episode V - The Empire Strikes Back"
                keys.append(form_key(dash[1]))
    # "Part 1" alone is no name of "Deathly Hallows: Part 1" ("seen 1 and 4" is not that film)
    return [k for k in dict.fromkeys(keys) if k and not k.replace(" ", "").isdigit()]


def series_heads(title: str) -> list[str]:
    """The keys of the part before a series colon: "Star Wars: Episode IV ..." -> "star wars"."""
    main = re.sub(r"\s*\([^()]*\)", "", title).strip()
    head = re.split(r"\s*(?::|\bor:)\s+", main, maxsplit=1)
    return [form_key(re.sub(r"\s+or$", "", head[0]))] if len(head) == 2 else []


def sequel_numbers(key: str) -> set[str]:
    """The sequel numbers of a normalised title ("rocky 2", "rocky ii"): a typo never changes one."""
    return {w for w in key.split() if w.isdigit() or w in ("ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")}


class TitleEnds:
    """Titles by their last words, a short form people use for a long title: "Thunderdome" (Mad
    Max Beyond Thunderdome), "Mr Fox" (Fantastic Mr. Fox). Keyed by each title's main `form_key`
    (no a.k.a.s), only words the title has more than. Whether a short form is distinctive enough
    (one word that is no English word, or several words) is the caller's judgement: "fox" or
    "race" end many titles and mean an animal and a contest first."""

    def __init__(self, main_keys: Sequence[str]):
        self._by_end: dict[str, list[int]] = {}
        for row, key in enumerate(main_keys):
            words = key.split()
            for k in range(1, len(words)):
                self._by_end.setdefault(" ".join(words[-k:]), []).append(row)

    def rows(self, key: str) -> list[int]:
        return list(self._by_end.get(key, ()))


def keeps_article(query: str, title: str) -> bool:
    """Whether `title` has the English article `query` opens with: "The Office" is no short form
    of "Office Space (1999)", though its other word starts that title, while "the bourne" is one
    of "Bourne Identity, The (2002)". True for a query that opens with no such article."""
    words = fold(query).split()
    if len(words) < 2 or words[0] not in ("the", "a", "an"):
        return True
    return re.search(rf"(?:^{words[0]}\s|,\s*{words[0]}(?=\s*\(|\s*$))", fold(title)) is not None
