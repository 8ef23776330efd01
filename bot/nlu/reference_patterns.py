"""The word patterns of references and selections (used by bot.nlu.references): "the third one",
"#2", "something like X", "I watched X", "start me off with X", a request for similar items."""

from __future__ import annotations

import re

from bot.nlu import lexicon as lx

__all__ = ["CRITIQUE_AFTER_TITLE", "ORDINAL_WORDS", "REFERENCE", "SAME_AS", "SELECT", "SIMILAR_REQUEST", "TRAILING_FILLER",
           "VERB", "VERDICT"]

ORDINAL_WORDS = "|".join(sorted((re.escape(k) for k in lx.ORDINALS), key=len, reverse=True))
_CARD = "|".join(sorted((re.escape(k) for k in lx.CARDINALS), key=len, reverse=True))
# "... sounds good", "... looks great": a verdict after a pick names the pick.
VERDICT = (r"(?:looks?|sounds?|seems?|is|was)\s+(?:(?:really|very|so|pretty)\s+)?"
            r"(?:good|great|nice|interesting|fine|cool|perfect|best|fun|promising|awesome)")
SELECT = re.compile(
    r"^(?:(?:i'?ll|i will|i'?d|i would|let'?s|i wanna|i want to|i'?m going to|i'?m gonna|gonna|going to|"
    r"(?:can|could|may) i|let me|lemme)\s+(?:take|"
    r"go with|go for|pick|choose|watch|select|have|see|try|get|do|check out)\s+|(?:i\s+)?(?:really\s+)?"
    r"(?:liked|loved|like|love|enjoyed|prefer)\s+|(?:i\s+)?(?:pick|choose|select|take|go for|check out|"
    r"want|go with|watch|open|play|show me|tell me (?:more )?about|give me|more about|"
    r"details (?:on|for|about)|what about|how about|(?:more )?info (?:on|about)|what(?:'s| is)|"
    r"see|open up|do)\s+|)"
    r"(?:(?:that|this) one[\s,:-]+)?(?:(?:the|that)\s+)?(?:very\s+)?"
    r"(?:(?P<ord>" + ORDINAL_WORDS + r")(?:\s+(?:one|movie|film|item|option|choice|result|title|pick|please))?"
    r"(?:\s+(?:one|on the list|in the list|from the list|from the top|of (?:those|these|them)|please))?"
    r"|(?:(?:number|no\.?|nr\.?|option|item|choice|result|movie|film)\s*#?|#)\s*"
    r"(?P<num>\d{1,3}|" + _CARD + r")"
    r"(?:\s+(?:one|please))?|(?P<nth>\d{1,2})(?:st|nd|rd|th)(?:\s+(?:one|movie|film|item|option))?"
    r"|(?P<bare>\d{1,3}))"
    r"(?:\s+" + VERDICT + r")?(?:\s+(?:then|please|thanks))?$"
)
# The words that put a film as the point of comparison: "like X", "in the style of X", "close to X".
# "a mix of Toy Story and Shrek", "a cross between Alien and Jaws": two films (title_spans.two_titles).
_MIX = r"(?:a )?(?:mix|mixture|cross|blend|combination|mash-?up|hybrid) (?:of|between)"
MIX_OF = re.compile(rf"^{_MIX}\s+")  # ... said after "like": "something like a mix of X and Y"
MIX_CUE = re.compile(rf"\b{_MIX}\s*$")  # ... as the cue: only two titles follow ("a blend of romance and action" is not)
_LIKE = (rf"like|{_MIX}|similar to|in the vein of|along the lines of|resembling|akin to|comparable to|in the (?:style|spirit|mould|"
         r"mold) of|reminiscent of|(?:very |really |pretty )?close to|closer to|in the same (?:vein|spirit|style) as")
# (pattern, strict): strict ones ("i like X", "how about X") only count when X is a known
# title, since the same words often start a critique ("I like horror", "how about more action").
REFERENCE = [
    (re.compile(p), strict)
    for p, strict in (
        (r"^(?:start|begin|starting|let'?s start|start off|kick off|restart)(?:\s+(?:me|us))?(?:\s+off)?\s+(?:from|with|at)\s+"
         r"(?P<t>.+)$", False),
        (r"^(?:(?:(?:i(?:'m| am)? |i'?d |i would )(?:want |like |love |looking for |in the mood for )|"
         r"want |looking for |in the mood for |show me |give me |find me |recommend |suggest )?"
         r"(?:a |an |some )?(?:something|anything|movies?|films?|stuff|one|things?|more)?\s*)"
         rf"(?:{_LIKE})\s+(?P<t>.+)$", False),
        (r"^.{0,60}?\b(?:something|anything|movies?|films?|stuff|ones?|things?|more|suggestions?|"
         r"recommendations?|picks?|titles?)\s+(?:just |kind of |sort of |a bit |a little |a lot )?"
         rf"(?:{_LIKE})\s+(?P<t>.+)$", False),
        (r"^.{0,60}?\bif (?:i|you) (?:liked|loved|enjoyed|like|love|enjoy)\s+(?P<t>.+)$", False),
        (r"^(?:(?:i|we)\s+)?(?:just|recently|really|also|last night|yesterday)?\s*(?:(?:i|we)\s+)?"
         r"(?:watched|saw|have seen|'ve seen|loved|liked|enjoyed|adored|rewatched|finished)\s+"
         r"(?P<t>.+?)(?:\s+(?:last night|yesterday|recently|again|and (?:loved|liked) it))?$", False),
        (r"^(?:use|take|start with|try)\s+(?P<t>.+?)\s+as (?:a |the |my )?(?:starting point|reference|"
         r"base|seed|anchor)$", False),
        (r"^(?P<t>.+?)\s+(?:is|was)\s+(?:so good|great|amazing|awesome|brilliant|the best|fantastic)$", True),
        (r"^(?:i'?ve been|i was|been)\s+(?:watching|rewatching|bingeing)\s+(?P<t>.+)$", False),
        (r"^(?:my favou?rite (?:movie|film) is|base it on|set (?:the )?reference (?:to )?|"
         r"anchor on|seed)\s+(?P<t>.+)$", False),
        (r"^(?P<t>.+?)\s+is my favou?rite(?: movie| film)?$", False),
        (r"^(?:item|id|movie id|item id|movie|film)(?:\s+#?|\s*#)\s*(?P<t>\d+)$", False),  # "ID4" is a title
        (r"^(?P<t>.+?\s+meets\s+.+)$", True),  # "Die Hard meets Home Alone": two titles (title_spans.two_titles)
        (r"^(?:(?:what|how) about|use|try|pick|take|go with|(?:i'?ll|i will|let'?s) (?:take|go with|"
         r"pick|try|watch)|i love|i like|i adore|watch)\s+(?P<t>.+)$", True),
    )
]
# A trailing request for similar items adds nothing to the reference before it ("X was great, more like that").
SIMILAR_REQUEST = re.compile(
    r"[\s,;.!-]+(?:and |so )?(?:(?:give|show|find|get) me |i want |(?:have you |do you have |you )?got |any )?"
    r"(?:more|some more|something|anything|others?|ones?|stuff)(?: else)?(?: just| kind of)?"
    r" (?:like (?:that|this|it)(?: one)?|similar(?: to (?:that|this|it))?)$")
SAME_AS = re.compile(r"^(?:(?:something|anything|one|more|just|exactly|pretty much)\s+)?"
                      r"(?:like|(?:the )?same as|similar to)\s+")
TRAILING_FILLER = re.compile(r"(?:[\s,.!?]+(?:please|pls|thanks|maybe|then|again|ok|okay|lately|recently|"
                              r"these days|at the moment|right now))+$|[\s.!?]+$")
# ... and "X that are even weirder", "X which is less slow": a relative clause is the critique; a
# spaced dash ends a title too ("The Station Agent - quiet, small, kind"), and so does a sentence's
# end ("star wars. something darker?"; "mrs." and "vol." are no end, "mr." too short to be one).
CRITIQUE_AFTER_TITLE = re.compile(r"\s*(?:,|(?<=\s)[-\u2013\u2014]+|(?<=[a-z]{3})(?<!\bmrs)(?<!\bvol)[.!?;]+(?=\s)|"
                                  r"\bbut\b|\bwith\b|\bexcept\b|\bonly\b|\band\b|\b(?:that|which)(?:'s|'re|\s+(?:are|is|were|was)\b))\s+")
VERB = re.compile(r"^(?:(?:i'?ll|i will|let'?s|i'?d like to)\s+)?(?:take|go with|pick|choose|select|"
                   r"watch|the one called|show me|open|play)\s+")


def without_similar_request(simple: str) -> str:
    """"X was great, more like that" -> "X was great": the request adds nothing to a reference
    or a pick ("the second one was great, anything similar?")."""
    return SIMILAR_REQUEST.sub("", simple) or simple


def select_pattern(simple: str) -> re.Match | None:
    return SELECT.match(simple)
