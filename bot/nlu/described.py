"""A request that describes the film wanted, with no word of comparison: "something gory", "a
thought-provoking sci-fi movie", "a funny romantic film", "I'm in the mood for something epic".

Such a sentence asks for films with *more* of each thing it names (and, with no film on the
table yet, for one to start from: the dialogue offers the best-known films that go furthest that
way). The general reader hears "thought-provoking sci-fi" as one phrase and reads it as the
closest single tag, or as nothing at all; here every word the catalog knows by name (a tag or a
lexicon word) is a critique of its own. A description of one word the catalog has no tag for
("gory", "epic") is read as "more gory" is: the dialogue walks the degree model's reading of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.nlu.grounding import LEXICAL
from bot.types import Critique, Parse

# "something gory", "a dark thriller", "I want a really gory film", "looking for an epic movie"
_FRAME = re.compile(
    r"^(?:(?:i(?:'d| would)? (?:like|want|need|fancy)|i'?m (?:looking for|after|in the mood for)|"
    r"i am (?:looking for|after|in the mood for)|looking for|in the mood for|how about|"
    r"(?:show|give|find|get|recommend|suggest)(?: me| us)?)\s+)?"
    r"(?:a|an|some|something|anything)\s+(?P<d>[a-z][a-z' -]*?)"
    r"(?:\s+(?:movie|movies|film|films|flick|one|to watch|tonight))?$")
_INTENSIFIERS = frozenset("really very properly super truly genuinely quite pretty proper seriously".split())
# Words of a request that name no quality the catalog's tags can tell ("something new", "a
# good one"), or a fact it lacks, which bot.nlu.limits answers when asked as such ("short").
_GENERIC = frozenset("""good great nice decent cool interesting different new else similar random
    other like same best better fine ok okay whatever special particular short long quick brief
    cheap expensive free old recent""".split())
MAX_WORDS = 4
# One attribute word read as "more <word>": (critiques, unread), as bot.nlu.parser.Parser reads it
AttributeReader = Callable[[str], tuple[tuple[Critique, ...], tuple[Critique, ...]]]


def read_description(simple: str, read: AttributeReader) -> Parse | None:
    """The critiques a description of the wanted film asks for, or None when the sentence is no
    such description or a word of it is not known by name."""
    m = _FRAME.match(simple)
    if m is None:
        return None
    words = [w for w in re.split(r"[\s,]+", m.group("d")) if w and w not in _INTENSIFIERS and w != "and"]
    if not words or len(words) > MAX_WORDS or set(words) & _GENERIC:
        return None
    readings = [read(w) for w in words]
    if all(len(found) == 1 and found[0].score >= LEXICAL for found, _ in readings):
        critiques = tuple(found[0] for found, _ in readings)
        if len({c.tag for c in critiques}) == len(critiques):  # "scary horror": one attribute twice
            return Parse("critique", critiques=critiques)
        return None
    if len(words) == 1:
        found, unread = readings[0]
        if not found and unread:
            return Parse("critique", unread=unread)  # "something gory": the model reads it
    return None
