"""How well known and how well rated a film is: "less well-known", "more obscure", "better rated".

The catalog records both for every film (how many people gave it 4 stars or more; its mean rating), so these
are critiques like "less dark", walked on the catalog's own numbers
(engine.degrees.model.DegreeModel.fact), not words to read as a tag mix: before this, "more
obscure" was read as mystery + thriller + horror and "less well-known" as less comedy.

`read_renown` finds such a request in a simplified utterance and returns the critiques and the
text without it, so "something like Fargo but less well-known" is still a reference to Fargo.
Only comparisons count here ("more obscure", "lesser-known", "not as famous"); the adjective of a
description ("an obscure horror film") and a pick from the list ("the most popular one") are read
through `bot.nlu.parser.Parser._read_attribute`, which asks this module first.
"""

from __future__ import annotations

import re

from bot.nlu import lexicon as lx
from bot.types import Critique

__all__ = ["read_renown", "named_fact", "ATTRIBUTE_FACTS", "degree_kind"]

# The attribute a critique names (its `tag`, as replies say it) -> the catalog fact it walks
# (engine.degrees.model.FACTS).
ATTRIBUTE_FACTS = {"well known": "popularity", "well rated": "rating"}


def degree_kind(label: str | None) -> str:
    """How a card's degree of `label` is known: "percentile here" for a catalog fact (a rank of
    what the catalog records: how many liked it, its mean rating), else "estimated" (the degree
    model's). One wording for the chat table, the text channels and the widget's cards."""
    return "percentile here" if label in ATTRIBUTE_FACTS else "estimated"

_MORE = r"(?:more|even more|better)"
_LESS = r"(?:less|even less|not (?:as|so|that|too)|lesser)"
_KNOWN = r"(?:well[- ]?known|known|famous|popular|celebrated|watched)"
_OBSCURE = r"(?:obscure|underground|niche|unknown|under[- ]the[- ]radar|overlooked|off the beaten path)"
_RATED = r"(?:(?:highly|well|critically)[- ])?(?:rated|acclaimed|reviewed|regarded|praised|liked|loved)"
_START = r"\b(?:an?\s+)?"
_STRENGTH = r"(?:(?P<strength>" + "|".join(re.escape(w) for w in (*lx.WEAK_WORDS, *lx.STRONG_WORDS)) + r")\s+)?"
# "less known than Fargo", "not as famous as Fargo": the comparison's "than"/"as" goes with it
_END = (r"(?:\s+(?:ones?|films?|movies?|titles?|stuff))?(?:\s+(?:than|as)\b"
        r"|(?=\s*$|\s*[,.!?;]|\s+(?:please|pls|and|but|with|though|maybe|too|instead|for)\b))")

# "like Heat but obscure", "Fargo but something acclaimed": a bare word after "but" compares too
_BUT = r"(?<=\bbut )(?:(?:something|anything|one|a film|a movie)\s+)?"

# Said of how many saw it: "fewer people have seen", "people haven't heard of", "a crowd-pleaser"
# ("a blockbuster" is left to the tags: the parser's blind set reads it as epic)
_FEWER_SAW = (r"(?:(?:that|which)\s+)?(?:fewer|not many|few|not a lot of)\s+people\s+(?:have\s+|had\s+)?(?:seen|watched|heard of)"
              r"|(?:(?:that|which)\s+)?(?:people|most people|nobody|no one)\s+(?:haven't|hasn't|have not|has not|never)\s+"
              r"(?:seen|watched|heard of)|less hyped|a deep cut")
_MORE_SAW = (r"(?:(?:that|which)\s+)?more\s+people\s+(?:have\s+)?(?:seen|watched|heard of)"
             r"|(?<!less of )(?<!not )(?:more (?:of )?)?a crowd[- ]pleaser|more hyped")


def _comparison(*said: str) -> re.Pattern:
    """One way of one fact: any of `said`, after an article and a strength, before the end of
    the comparison."""
    return re.compile(_START + _STRENGTH + r"(?:" + "|".join(said) + r")" + _END)


# (alpha, attribute, pattern): the fact's way and which fact
_PATTERNS = [
    (1, "well known", _comparison(_MORE + r"\s+(?:well[- ]?)?" + _KNOWN, r"better[- ]known", _LESS + r"\s+" + _OBSCURE,
                                  _BUT + r"(?:well[- ]?known|famous|popular)", _MORE_SAW)),
    (-1, "well known", _comparison(_LESS + r"\s+(?:well[- ]?)?" + _KNOWN, r"lesser[- ]known", r"little[- ]known",
                                   _MORE + r"\s+" + _OBSCURE, r"hidden gems?", _BUT + _OBSCURE, _FEWER_SAW)),
    (1, "well rated", _comparison(_MORE + r"\s+" + _RATED, r"(?:better|higher|best|highest|top)[- ](?:rated|reviewed|regarded)",
                                  r"with better (?:ratings|reviews)",
                                  _BUT + r"(?:(?:highly|well|critically)[- ](?:rated|acclaimed)|acclaimed)")),
    (-1, "well rated", _comparison(_LESS + r"\s+" + _RATED, r"(?:worse|lower|worst|lowest)[- ](?:rated|reviewed|regarded)",
                                   r"with worse (?:ratings|reviews)")),
]


# The facts named by a noun or a question, not a comparison: "sort by rating", "the one with the
# highest rating", "order them by popularity", "by how popular they are" (`named_fact`).
_NAMED = ((re.compile(r"^(?:(?:the |their |user |average |mean )?(?:ratings?|scores?|stars?|reviews?|grades?)|"
                      r"(?:best|highest|top)[\s-]rated|how (?:good|well rated) they are|quality)$"), "well rated"),
          (re.compile(r"^(?:(?:the |their )?(?:popularity|fame|views|number of ratings)|(?:most )?popular|"
                      r"how (?:popular|well known|famous) they are|best[\s-]known|most watched)$"), "well known"))


def named_fact(phrase: str) -> Critique | None:
    """The catalog fact a phrase names as a noun or a question ("rating", "the reviews",
    "popularity", "how popular they are"), as the "more" critique `read_renown` gives for "better
    rated" / "better known"; None for any other phrase ("rating" alone is no tag: it read as
    *children*, through age ratings)."""
    attribute = next((a for pattern, a in _NAMED if pattern.match(phrase.strip())), None)
    return None if attribute is None else Critique(1, attribute, 1.0, 1.0, phrase=attribute, estimate=True)


def _strength(said: str | None) -> float:
    """"a bit" 0.5, "way" 2, else 1: the words said just before the comparison."""
    if said in lx.WEAK_WORDS:
        return lx.WEAK_STRENGTH
    return lx.STRONG_STRENGTH if said in lx.STRONG_WORDS else 1.0


def read_renown(simple: str) -> tuple[tuple[Critique, ...], str]:
    """(the critiques of how well known / well rated asked, the text without them). A critique's
    `tag` and `phrase` are the attribute ("well known"); `estimate` marks it as no catalog tag."""
    found: list[tuple[int, Critique]] = []
    rest = simple
    for alpha, attribute, pattern in _PATTERNS:
        for m in pattern.finditer(simple):
            if any(c.tag == attribute for _, c in found):
                continue  # one critique per fact: "less famous, less known" says it twice
            found.append((m.start(), Critique(alpha, attribute, 1.0, _strength(m.group("strength")),
                                              phrase=attribute, estimate=True)))
            rest = rest.replace(m.group(0), " ", 1)
    rest = re.sub(r"\b(?:but|and|only|just)\s*(?:,\s*)?(?=$|[,.!?])", "", rest)  # "Heat but <it>"
    rest = re.sub(r"^\s*(?:and|but)\b", "", rest)  # "<it> and less dark"
    rest = re.sub(r"\b(but|and)\s+(?:and|but)\b", r"\1", rest)  # "Heat, but <it> and funnier"
    rest = re.sub(r"\s+", " ", rest).strip(" ,.;")
    return tuple(c for _, c in sorted(found, key=lambda x: x[0])), rest
