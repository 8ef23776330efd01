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

import functools
import re
from collections.abc import Callable

from bot.nlu import lexicon as lx
from bot.nlu.grounding import LEXICAL
from bot.types import Critique, Parse

# "something gory", "a dark thriller", "I want a really gory film", "looking for an epic movie"
_FRAME = re.compile(
    r"^(?:(?:i(?:'d| would)? (?:like|want|need|fancy)|i'?m (?:looking for|after|in the mood for)|"
    r"i am (?:looking for|after|in the mood for)|looking for|in the mood for|how about|"
    r"(?:show|give|find|get|recommend|suggest)(?: me| us)?)\s+)?"
    r"(?:a|an|some|something|anything)\s+(?P<d>[a-z][a-z' -]*?)"
    r"(?:\s+(?:movie|movies|film|films|flick|one|series|show|to watch|tonight))?"
    r"(?:\s+(?P<p>about|for|with|featuring)\s+(?P<t>[a-z][a-z' -]*?))?$")
# "for my wife", "for our anniversary": who or what the evening is for, no quality of the film
_AUDIENCE = re.compile(r"(?:my|our|his|her|their)\s")
_INTENSIFIERS = frozenset("really very properly super truly genuinely quite pretty proper seriously".split())
# Words of a request that name no quality the catalog's tags can tell ("something new", "a
# good one"), or a fact it lacks, which bot.nlu.limits answers when asked as such ("short").
_GENERIC = frozenset("""interesting different new else similar random
    other like same best better fine ok okay whatever special particular short long quick brief
    cheap expensive free old recent""".split())
MAX_WORDS = 4
_LONGEST_NAME = 3  # words of the longest name read as one part ("black and white")
# One attribute word read as "more <word>": (critiques, unread), as bot.nlu.parser.Parser reads it
AttributeReader = Callable[[str], tuple[tuple[Critique, ...], tuple[Critique, ...]]]


def _a_fact(found) -> bool:  # noqa: ANN001
    """Whether a word reads as a catalog fact ("obscure": how well known, bot.nlu.renown)."""
    return len(found) == 1 and found[0].estimate


def _named_parts(tokens: list[str], read: AttributeReader) -> tuple[list[str], list]:
    """The description's parts and their readings: a run of words that is one name the catalog
    knows as a whole ("black and white", "film noir", "science fiction") is one part, any other
    word ("and" aside) a part of its own."""
    read = functools.cache(read)  # a run is read as a part and again as a longer run's start
    words, readings, i = [], [], 0
    while i < len(tokens):
        if tokens[i] == "and":
            i += 1
            continue
        for span in range(min(_LONGEST_NAME, len(tokens) - i), 0, -1):
            run = " ".join(tokens[i:i + span])
            if span > 1 and (tokens[i + span - 1] == "and"
                             or any(_a_fact(read(" ".join(tokens[i:i + k]))[0]) for k in range(1, span))):
                continue  # "an obscure horror movie": the fact and the kind, not a kind named so
            reading = read(run)
            found = reading[0]
            if span == 1 or _a_fact(found) or len(found) == 1 and found[0].score >= LEXICAL and found[0].phrase == run:
                words.append(run)
                readings.append(reading)
                i += span
                break
    return words, readings


def read_description(simple: str, read: AttributeReader) -> Parse | None:
    """The critiques a description of the wanted film asks for, or None when the sentence is no
    such description or a word of it is not known by name. What it is about or for ("about
    music", "for adults") is read as a whole, as "more adults" is, and must give one attribute."""
    m = _FRAME.match(simple)
    if m is None:
        return None
    tokens = [w for w in re.split(r"[\s,]+", m.group("d")) if w and w not in _INTENSIFIERS]
    tokens = [w for w in tokens if w not in lx.PRAISE_WORDS]  # "a great comedy"; "a good one": none left
    if not tokens or set(tokens) & _GENERIC:
        return None
    topic = m.group("t") if not (m.group("p") == "for" and _AUDIENCE.match(m.group("t") or "")) else None
    words, readings = _named_parts(tokens, read)
    if not words or len(words) > MAX_WORDS:
        return None
    if all(len(found) == 1 and found[0].score >= LEXICAL for found, _ in readings):
        critiques = tuple(found[0] for found, _ in readings)
        unread: tuple[Critique, ...] = ()
        if topic:  # "a documentary about music", "an animated movie for adults"
            found, unread = read(topic)
            if len(found) > 1 or not found and not unread:
                return None
            critiques, unread = (critiques + found, ()) if found else (critiques, unread)
        if len({c.tag for c in critiques}) == len(critiques):  # "scary horror": one attribute twice
            return Parse("critique", critiques=critiques, unread=unread)  # unread: "about pilots"
        return None
    if topic:
        return None
    if len(words) == 1:
        found, unread = readings[0]
        if not found and unread:
            return Parse("critique", unread=unread)  # "something gory": the model reads it
    return None
