"""Stage 2 of the parser: polite wrappers off, then whole-utterance commands (undo, restart ...)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.nlu import lexicon as lx
from bot.nlu import everyday as ev
from bot.nlu.chitchat import expand_short_forms, small_talk
from engine.text.normalise import fold

__all__ = ["simplify", "read_command"]

_POLITE = re.compile(r"^(?:(?:ok(?:ay)?|so|well|hey|um+|uh+|hm+|yes|yeah|yep|yup|sure|right|alright|"
                     r"oh|ah|cool|nice|great|perfect|please|pls|can you|could you|"
                     r"oops|whoops|wait|hold on|hang on|oh no|uh oh|hmm+|argh|ugh|"
                     r"no wait|can we|could we|let'?s|just|i want to|i'?d like to|i wanna)[ ,]+)+|"
                     r"(?:[ ,]+(?:please|pls|thanks|thank you|now(?<!for now)|bot|for me|if (?:at all )?possible|"
                     r"if you can|if you could|if there (?:is|are) any|if you have (?:any|one|some)))+$")


_GREETING = re.compile(r"^(?:" + "|".join(ev.GREETING_PATTERNS) + r")[ ,!.:;-]+(?=\S)")


def _alternation(patterns: Sequence[str], suffix: str = "") -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in patterns) + r")" + suffix + "$")


# Any farewell may say for how long: "goodbye for now", "I'm off for today".
_FOR_NOW = r"(?: for (?:now|today|tonight|the day|the night))?"


_COMMANDS = (
    ("undo", _alternation(lx.UNDO_PATTERNS)),
    ("restart", _alternation(lx.RESTART_PATTERNS)),
    ("help", _alternation(lx.HELP_PATTERNS)),
    ("bye", _alternation(lx.BYE_PATTERNS, _FOR_NOW)),
)


def simplify(text: str) -> str:
    """Folded, lower-case text, chat short forms expanded, no polite wrappers ("ok so ... pls")."""
    s = expand_short_forms(fold(text).strip())
    s = re.sub(r"\s+", " ", s)
    s = s.strip(" .!,;:\"'")
    # "no, I meant comedy": a reply's leading "no" is not a negation of what follows.
    s = re.sub(r"^(?:no|nope|nah)\s*[,.!;-]+\s*(?=\S)", "", s)
    if small_talk(s) is None:  # "hi there, something funnier": the greeting is no request
        s = _GREETING.sub("", s)
    s = _CHANGE_OF_MIND.sub("", s) or s  # "scrap that, Rocky 2 instead" -> "rocky 2"
    s = _INSTEAD.sub("", s) or s
    previous = None
    while previous != s:
        previous = s
        s = _POLITE.sub("", s).strip(" .!,;:\"'")
        if s.strip("? "):  # a lone "?" asks for help; elsewhere "?" is only punctuation
            s = s.strip("? .!,")
    return s


# A change of mind before a new request adds nothing to it: "scrap that, Rocky 2 instead", "ok now
# pans labyrinth", "hmm no, something like ...", "not Rushmore, I mean Ghost World". Only before
# more words: "forget that" alone is a command.
_CHANGE_OF_MIND = re.compile(
    r"^(?:(?:hmm+|ok(?:ay)?|oh|well|wait|sorry|ah)\W*\s+)*(?:(?:no|nope|nah)\W*\s+)?"
    r"(?:(?:scrap|forget|ditch|drop) (?:that|this|it)(?: one)?|never ?mind(?: that)?|actually|ok(?:ay)? now|now|"
    r"not [^,.;]{1,60}[,.;]+\s*(?:i mean|i meant))\s*[,.!;:-]*\s+(?=\S)")
_INSTEAD = re.compile(r"[\s,]+(?:instead|then instead|rather)$")
# Clauses that add nothing to a command around them ("oops", "thanks", "ok").
_ASIDE = re.compile(r"^(?:oops|whoops|wait|no|nope|nah|ok|okay|ok then|alright|hmm+|ugh|argh|sorry|"
                    r"thanks|thank you|thx|cheers|please|pls|lol|haha+|well|so)$")
_CLAUSE_BREAK = re.compile(r"\s*[,;.!]+\s*|\s+(?:and(?: then)?|then|so)\s+")


def _whole_command(simple: str) -> str | None:
    bare = " ".join(re.sub(r"[,;.!]+", " ", simple).split())
    for intent, pattern in _COMMANDS:
        if pattern.match(simple) or pattern.match(bare):
            return intent
    return None


def read_command(simple: str) -> str | None:
    """The command a whole (simplified) utterance is, or None. Anchored: "go back to X" is not.

    An utterance of several clauses is a command when every clause says that command or is an
    aside ("wipe it all and start over", "that's enough for me, see ya", "oh no, undo"); one
    clause that is anything else ("go back and less action") makes it no command."""
    whole = _whole_command(simple)
    if whole is not None:
        return whole
    clauses = [c for c in _CLAUSE_BREAK.split(simple) if c and not _ASIDE.match(c)]
    if len(clauses) < 1 or len(clauses) == 1 and clauses[0] == simple:
        return None
    said = {_whole_command(c) for c in clauses}
    return said.pop() if len(said) == 1 and None not in said else None
