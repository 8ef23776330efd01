"""Chit-chat and other domains: never a critique, even with a word near a tag.

"sing me a song" is not "more musical", "are you a robot?" not "more sci-fi", "recommend a good
book" not "more based on a book". An utterance is chit-chat when it matches one of the lexicon's
chit-chat or other-domain patterns and carries neither a movie word ("something", "film") nor a
real polarity word ("more", "less", "funnier"): "I'm bored, something funnier" stays a critique.
"""

from __future__ import annotations

import re

from bot.nlu import everyday as ev
from bot.nlu import lexicon as lx
from bot.nlu.text import tokenize

__all__ = ["looks_like_chitchat", "other_domain", "expand_short_forms", "said_first", "small_talk", "without_said_after"]

_CHITCHAT = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in
                                          ev.CHITCHAT_PATTERNS + ev.OFF_DOMAIN_PATTERNS) + r")[?.! ]*$")
_OTHER_DOMAIN = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in ev.OFF_DOMAIN_PATTERNS) + r")[?.! ]*$")
# reactions around a refusal ("lol no", "nah, ugh"), without the comma a reaction before a
# request needs (bot.nlu.parser), since nothing else follows
_REACTIONS = r"(?:(?:" + "|".join(sorted(ev.INTERJECTIONS, key=len, reverse=True)) + r")[ ,.!]*)*"
_DEFERRAL = r"(?:" + "|".join(ev.DEFERRAL_PATTERNS) + r")"
_SMALL_TALK = (
    ("greeting", re.compile(r"^(?:" + "|".join(ev.GREETING_PATTERNS) + r")[?.!, ]*$")),
    ("thanks", re.compile(r"^(?:" + "|".join(ev.THANKS_PATTERNS) + r")[?.!, ]*$")),
    ("deferral", re.compile(r"^" + _REACTIONS + _DEFERRAL + r"(?:[ ,.!]+" + _DEFERRAL + r")*[?.!, ]*$")),  # "dunno, you pick"
    ("refusal", re.compile(r"^" + _REACTIONS + r"(?:" + "|".join(ev.REFUSAL_PATTERNS) + r")[?.!, ]*"
                           + _REACTIONS + r"$")),
    ("count", re.compile(r"^(?:so |and |ok |okay )?how many (?:(?:films|movies|results|options|matches|titles|of them) )?"
                         r"(?:did you (?:find|get)|(?:are|were) there|have you (?:got|found)|do you have|is that|are these|"
                         r"in total|total|altogether|you got)(?: (?:in total|altogether|for me|on the list))?[?.! ]*$")),
    ("acknowledgement", re.compile(r"^(?=\S)" + _REACTIONS + r"(?:(?:" + "|".join(ev.ACKNOWLEDGEMENT_PATTERNS)
                                   + r")[?.!, ]*)*" + _REACTIONS + r"$")),
)
# "rated r" is an age rating (bot.nlu.limits), not "rated are"
_SHORT = re.compile(r"(?<![\w/])(?<!rated )(" + "|".join(
    re.escape(k) for k in sorted(ev.SHORT_FORMS, key=len, reverse=True)) + r")(?![\w/])")


# Reactions said before a request ("ooh, show me more", "ha ha, now darker").
_INTERJECTION = re.compile(r"^(?:(?:" + "|".join(sorted(ev.INTERJECTIONS, key=len, reverse=True))
                           + r")(?:\s+|\s*[,.!?]+\s*))*(?:" + "|".join(sorted(ev.INTERJECTIONS, key=len, reverse=True))
                           + r")\s*[,.!?]+\s*(?=\S)")
# Openers of a turn that carry no request: "ok then mean girls", "sorry. groundhog day", "cool, ...".
_OPENER = re.compile(r"^(?:(?:ok(?:ay)?|alright|all right|fine|cool|sorry|well|right|so)(?:\s+(?:then|so|now))?\s*[,.!?;:]+\s*"
                     r"|(?:ok(?:ay)?|alright|all right|fine|well)\s+(?:then|so|now)\s+|then\s+)(?=\S)")
# ... and after a title or a request: "clue then, but newer", "less kissing lol".
_SAID_AFTER = re.compile(r"\s+then(?=\s*(?:[,.!?;]|$))|[\s,.!]+(?:lol|lmao|rofl|haha+|hehe+|xd)[\s.!?]*$")
# A verdict on the last answer before a request ("that's better - even less tense?", "much better!
# now funnier"): the request is what follows ("Closer, but darker" is the film Closer).
_VERDICT_FIRST = re.compile(
    r"^(?:(?:that|this|it|now that)(?:'s| is)\s+|now\s+)?(?:much |a lot |way |a bit |a little |getting )?"
    r"(?:better|closer|good|great|nice|perfect|more like it|brilliant|awesome|amazing|excellent|fantastic|wonderful|"
    r"lovely|(?:i )?lov(?:ed|e) (?:it|that)|(?:i )?liked (?:it|that))\s*(?:[,.!?;:]+|\s[-\u2013\u2014]+)\s*(?=\S)")


def expand_short_forms(simple: str) -> str:
    """Chat spellings as plain words ("moar laughs pls" -> "more laughs please")."""
    return " ".join(_SHORT.sub(lambda m: ev.SHORT_FORMS[m.group(1)], simple).split())


def said_first(simple: str) -> int:
    """Where the request starts after what adds nothing to it: a reaction ("ooh, ..."), a verdict
    on the last answer ("that's better - ...") or an opener ("sorry. ..."); 0 when none is said."""
    m = _INTERJECTION.match(simple) or _VERDICT_FIRST.match(simple) or _OPENER.match(simple)
    return m.end() if m is not None else 0


def without_said_after(simple: str) -> str:
    """The utterance without a "then" after a title or a laugh at its end; "" when nothing else is left."""
    return _SAID_AFTER.sub("", simple)


def looks_like_chitchat(simple: str, *, has_polarity: bool) -> bool:
    """Whether a simplified utterance is chit-chat or another domain's request (see module doc)."""
    if has_polarity or any(t in ev.MOVIE_WORDS for t in tokenize(simple)):
        return False
    return bool(_CHITCHAT.match(simple))


def other_domain(simple: str) -> bool:
    """Another domain's request with no movie word and no polarity word ("set a timer for 10
    minutes"): out of scope even where a word of it names what the catalog cannot judge."""
    tokens = tokenize(simple)
    if any(t in ev.MOVIE_WORDS or t in lx.MORE_WORDS or t in lx.LESS_WORDS for t in tokens):
        return False
    return bool(_OTHER_DOMAIN.match(simple))


def small_talk(simple: str, listed: bool = False) -> str | None:
    """"greeting" for "hi" / "good morning", "thanks" for "thanks a lot", "refusal" for "nah" /
    "lol no", "deferral" for "you pick" ("whatever" too when a list is `listed`): a whole
    utterance the bot answers in kind; None otherwise ("hi, less action" and "no, funnier" are
    critiques)."""
    if listed and simple.strip(" ?.!,") in ev.DEFERRAL_WORDS_WITH_A_LIST:
        return "deferral"
    for kind, pattern in _SMALL_TALK:
        if pattern.match(simple):
            return kind
    return None
