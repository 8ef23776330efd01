"""List controls said in free wording that the control grammar (`bot.nlu.control_words`) does
not spell out: a cue phrase of the move plus words that ask for nothing else.

"I'm bored of these, take me somewhere new", "let's switch gears" are a jump; "explain
yourself", "what's the reasoning behind #2", "what do they have in common" ask why. A cue is
not enough: every other word must be grammar, a word of the move's own small vocabulary, a
position ("#2", "the first one") or a word of a title on screen, so "why is the sky blue" or
"something different but funnier" stay what they were (chit-chat, a critique).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from bot.nlu.text import tokenize

__all__ = ["loose_move"]

_JUMP_CUE = re.compile(
    r"\b(?:different|random|randomly|curve ?balls?|wild ?cards?|surprises?|surprising|left field|beaten (?:track|path)|"
    r"change of (?:pace|scenery)|change (?:it|things) up|switch (?:gears|it up|things up)|(?:mix|shake) (?:it|things) up|"
    r"(?:new|another|other) direction|somewhere (?:new|else|different)|complete change|total change|"
    r"(?:complete|total|polar) opposite|opposite|else (?:entirely|altogether)|"
    r"nothing (?:at all )?like (?:these|those|them|this|that|it))\b")
_JUMP_WORDS = frozenset(
    "bored boring tired sick fed same old stale rut totally completely entirely radically wildly altogether "
    "utterly really very direction directions genre genres vibe vibes style mood pick picks choice go going "
    "take throw somewhere new change changes up pace scenery gears switch mix shake things field track path "
    "beaten left out off of from far away wild card cards curveball curve ball opposite surprise surprising "
    "entirely break let lets us how about ready time try else all whatever".split())
_WHY_CUE = re.compile(
    r"\b(?:why|how come|reason|reasons|reasoning|rationale|explain|explanation|justify|in common|connection|"
    r"connected|relate|related|relation|link|linked)\b")
_WHY_WORDS = frozenset(
    "why how come reason reasons reasoning rationale explain explanation justify common connection connected "
    "relate related relation link linked similar similarity alike yourself behind between pick picked picking "
    "choose chose chosen choice suggest suggested suggestion recommend recommended recommendation show showed "
    "shown include included put list listed there here made makes make think thought match matches good fit "
    "fits exactly earth world hell heck share shares same what whats is are was were they their".split())
# What a why-question must point at when it names no position ("why not?" is no question about a pick).
_POINTER = frozenset("pick picked picking choose chose chosen choice suggest suggested suggestion recommend "
                     "recommended recommendation show showed shown list listed these those them they it that this "
                     "one ones yourself behind common connection connected relate related reasoning rationale "
                     "explanation".split())
_POSITION = re.compile(r"#\s*\d+|\b(?:number|no)\s*\d+\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|"
                       r"eighth|ninth|tenth|last|1st|2nd|3rd|\dth)\b")


def loose_move(simple: str, grammar: Collection[str], title_words: Collection[str],
               is_title: Callable[[str], bool] | None = None) -> str | None:
    """"jump" or "explain" when `simple` is that move in free wording; None otherwise.
    `grammar`: the parser's grammar and filler words; `title_words`: words of the titles on
    screen; `is_title(words)`: whether the words left name a catalog film ("how does #1 relate
    to Heat": the reference, named beside a why)."""
    if _WHY_CUE.search(simple):
        kind, cue, allowed = "explain", _WHY_CUE, _WHY_WORDS
    elif _JUMP_CUE.search(simple):
        kind, cue, allowed = "jump", _JUMP_CUE, _JUMP_WORDS
    else:
        return None
    rest = [w for w in tokenize(cue.sub(" ", _POSITION.sub(" ", simple))) if w.isalpha()]
    if kind == "explain" and not (_POSITION.search(simple) or _POINTER.intersection(tokenize(simple))):
        return None  # "why not?", "why me": no answer is pointed at
    others = [w for w in rest if w not in grammar and w not in allowed and w not in title_words]
    if others and kind == "explain" and is_title is not None and is_title(" ".join(others)):
        others = []
    return kind if not others else None
