"""Stage 2 of the parser: polite wrappers off, then whole-utterance commands (undo, restart ...)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.nlu import lexicon as lx
from bot.nlu.chitchat import expand_short_forms
from bot.nlu.text import fold

__all__ = ["simplify", "read_command"]

_POLITE = re.compile(r"^(?:(?:ok(?:ay)?|so|well|hey|um+|uh+|please|pls|can you|could you|"
                     r"can we|could we|let'?s|just|i want to|i'?d like to|i wanna)[ ,]+)+|"
                     r"(?:[ ,]+(?:please|pls|thanks|thank you|now|bot|for me))+$")


def _alternation(patterns: Sequence[str]) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in patterns) + r")$")


_COMMANDS = (
    ("undo", _alternation(lx.UNDO_PATTERNS)),
    ("restart", _alternation(lx.RESTART_PATTERNS)),
    ("help", _alternation(lx.HELP_PATTERNS)),
    ("bye", _alternation(lx.BYE_PATTERNS)),
)


def simplify(text: str) -> str:
    """Folded, lower-case text, chat short forms expanded, no polite wrappers ("ok so ... pls")."""
    s = expand_short_forms(fold(text).strip())
    s = re.sub(r"\s+", " ", s)
    s = s.strip(" .!,;:\"'")
    # "no, I meant comedy": a reply's leading "no" is not a negation of what follows.
    s = re.sub(r"^(?:no|nope|nah)\s*[,.!;-]+\s*(?=\S)", "", s)
    previous = None
    while previous != s:
        previous = s
        s = _POLITE.sub("", s).strip(" .!,;:\"'")
        if s.strip("? "):  # a lone "?" asks for help; elsewhere "?" is only punctuation
            s = s.strip("? .!,")
    return s


def read_command(simple: str) -> str | None:
    """The command a whole (simplified) utterance is, or None. Anchored: "go back to X" is not."""
    bare = " ".join(re.sub(r"[,;.!]+", " ", simple).split())
    for intent, pattern in _COMMANDS:
        if pattern.match(simple) or pattern.match(bare):
            return intent
    return None
