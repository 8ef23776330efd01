"""Release years as a constraint: "from the 90s", "before 1990", "newer than this", "any year".

`read_years` finds the year phrases of a simplified utterance and returns what they ask for and
the text without them (the rest is parsed as usual: "something like Heat from the 90s" is a
reference to Heat with a year filter). Bounds are inclusive: "before 1990" = up to 1989, "after
2005" = from 2006, "nothing before 1995" / "not older than 1960" = from 1995 / 1960.

Words relative to something the parser does not know are left to the dialogue manager
(`relative`): "newer"/"older" (than the current item), "recent" (the catalog's last
`RECENT_YEARS` years), "classics" (released before `CLASSIC_BEFORE`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["YearAsk", "read_years", "CLASSIC_BEFORE", "RECENT_YEARS"]

CLASSIC_BEFORE = 1980  # "classics": released before this year
RECENT_YEARS = 10  # "recent": the catalog's last ten release years

_Y = r"((?:19|20)\d\d)"
_WORD_DECADES = {"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
                 "seventies": 1970, "eighties": 1980, "nineties": 1990, "two thousands": 2000,
                 "noughties": 2000, "aughts": 2000}
_DECADE = re.compile(
    r"\b(?:(?:from|in|of|during|set in|made in|released in)\s+)?(?:the\s+)?"
    r"(?:(?P<part>early|mid|late)[\s-]+)?"
    r"(?:(?P<full>(?:19|20)\d0)'?s|'?(?P<short>\d0)'?s|(?P<word>" + "|".join(_WORD_DECADES) + r"))"
    r"(?:\s+(?:only|movies?|films?|stuff|ones?|please|pls|maybe|era))*\b"
    r"(?:\s+(?:(?P<later>or later|onwards?|on(?=\s*(?:$|[,.;!?]))|and later|and up|or newer|and newer|or after)|"
    r"(?P<earlier>or earlier|and earlier|or older|and older|or before))\b|(?P<plus>\+))?")
_BETWEEN = re.compile(r"\b(?:(?:made|released|from)\s+)?(?:between|from)\s+" + _Y + r"\s*(?:and|to|-|till|until)\s*"
                      + _Y + r"\b|\b" + _Y + r"\s*-\s*" + _Y + r"\b")
# (pattern, bound, offset): "before 1990" -> max 1989.
_BOUNDS = [
    (re.compile(r"\b(?:nothing|no(?:thing| films?| movies?)?|not)\s+(?:made\s+|released\s+)?(?:after|later than|newer than|past)\s+" + _Y), "max", 0),
    (re.compile(r"\b(?:nothing|no(?:thing| films?| movies?)?|not)\s+(?:made\s+|released\s+)?(?:before|earlier than|older than|prior to)\s+" + _Y), "min", 0),
    (re.compile(r"\b(?:no later than|up to|until|till|through|or earlier than)\s+" + _Y), "max", 0),
    (re.compile(r"\b(?:no earlier than|since|starting (?:from|in)|from)\s+" + _Y + r"\s+(?:on|onwards?|or later|and later|and up)\b"), "min", 0),
    (re.compile(r"\b" + _Y + r"\s+(?:or later|onwards?|and later|and newer|or newer|or after|and after|and up|\+)"), "min", 0),
    (re.compile(r"\b" + _Y + r"\s+(?:or earlier|and earlier|and older|or older|or before)"), "max", 0),
    (re.compile(r"\b(?:no earlier than|since)\s+" + _Y), "min", 0),
    (re.compile(r"\b(?:made\s+|released\s+|filmed\s+)?(?:before|pre-?|earlier than|older than|prior to)\s*" + _Y), "max", -1),
    (re.compile(r"\b(?:made\s+|released\s+|filmed\s+)?(?:after|post-?|later than|newer than)\s*" + _Y), "min", 1),
]
# "from 1995", "made in 1987", "released during 2001": that one year ("from 1995 on" and
# "from 1990 to 1995" are read before this).
_ONE_YEAR = re.compile(r"\b(?:(?:made|released|filmed|shot|that came out|came out)\s+)?(?:from|in|during)\s+"
                       r"(?:the\s+year\s+)?" + _Y + r"\b(?!\s*(?:-|to|and|till|until|or)\s*(?:19|20)\d\d"
                       r"|\s+(?:on|onwards?|or later|and later|and up|or earlier|and earlier)\b|\s*\+)")
# Nouns after which "older"/"newer" describe the film; "for older kids" is about the audience.
_FILM_NOUNS = r"(?:ones?|films?|movies?|stuff|things?|titles?|releases?|versions?|classics?|picks?|options?|stuff)"
# "not that old", "nothing too new": an age the person does not want, so the other way
_NOT_SO = r"(?:not|nothing|none)\s+(?:(?:that|so|too|as|very|quite|overly)\s+)?"
# "more old-school", "less old-fashioned": an age said as a style. The catalog records no style of
# an era, and its thin "classic" tag read these as a genre mix ("True Grit (2010), but more
# old-school" showed The Fighter and Shutter Island); its release years say what the person means.
_OLD_STYLE = r"(?:old[- ]?school|old[- ]fashioned|vintage)"
# What may follow an age word for it to be the request ("older please", "newer than this")
_AGE_END = (r"(?=\s*$|\s*[,.!?;]|\s+(?:than|" + _FILM_NOUNS + r"|please|pls|plz|maybe|too|then|only|"
            r"instead|and|but|with|without|though|one)\b)")
_NEWER = re.compile(r"\b(?:newer|more recent|more modern|less old|(?<=but )(?:modern|contemporary)|" + _NOT_SO + r"old"
                    r"|less\s+" + _OLD_STYLE + r"|" + _NOT_SO + _OLD_STYLE + r")"
                    + _AGE_END)
_OLDER = re.compile(r"\b(?:older|less recent|less modern|more old|" + _NOT_SO + r"(?:new|recent|modern)"
                    r"|more\s+" + _OLD_STYLE + r")"
                    + _AGE_END)
_THAN_THIS = re.compile(r"(?:^|\s+)than\s+(?:this|that|it|this one|that one|the current one|the last one)\b")
_RECENT = re.compile(r"\b(?:recent|new|modern|contemporary)\s+(?:" + _FILM_NOUNS + r")(?:\s+only)?\b"
                     r"|\b(?:something|anything)\s+(?:recent|new|modern)\b|\brecent(?:ly made)?\s*(?:only)?$")
_CLASSIC = re.compile(r"(?<!more of the )(?<!more of )(?<!less of the )(?<!less of )"  # "more of the old classics": the tag
                      r"\b(?:(?:old|older|real|true|proper|golden age)\s+)?classics(?:\s+only)?\b"
                      r"|\b(?:something|anything)\s+classic\s*$|(?<!more of )(?<!less of )\ban?\s+(?:old\s+)?classic\s*$"
                      # "classic ones only", "only classic films": a kind of film, so years; "more classic
                      # films" asks for more of the attribute (the tag "classic"), and stays a critique
                      r"|(?<!more )(?<!less )(?<!most )(?<!more of the )(?<!less of the )\b(?:old\s+)?classic\s+"
                      r"(?:ones?|films?|movies?|stuff|titles?|picks?)(?:\s+only)?\b|\bonly\s+(?:the\s+)?classics?\b")
# "from the same decade", "from that era": the current item's decade (the manager knows its year).
# "the last ten years", "recently": the catalog's last years, as "recent" is.
_LAST_YEARS = re.compile(r"\b(?:(?:from|in|of|during)\s+)?(?:the\s+)?(?:last|past)\s+(?:few|couple(?: of)?|"
                         r"\d{1,2}|two|three|four|five|ten|fifteen|twenty)\s+years\b|\b(?:(?:from|in|of)\s+)?"
                         r"(?:the\s+)?(?:last|past)\s+decade\b|\b(?:released|made)\s+recently\b")
# "around 1995", "circa 1980": two years either side.
_AROUND = re.compile(r"\b(?:(?:from|made|released|in)\s+)?(?:around|circa|about|roughly|approximately|ca\.?)\s+"
                     r"(?:the\s+year\s+)?" + _Y + r"\b(?!\s*(?:-|to|and)\s*(?:19|20)\d\d)")
# Centuries and the millennium said in words, as the years they stand for.
_CENTURY = [(re.compile(r"\b(?:this|the\s+current|the\s+21st|the\s+twenty[- ]first)\s+century\b"), "2000 or later"),
            (re.compile(r"\b(?:the\s+)?(?:last|previous|20th|twentieth)\s+century\b"), "1999 or earlier"),
            (re.compile(r"\b(?:the\s+)?(?:new\s+)?(?:millennium|millenium|y2k)\b"), "2000"),
            (re.compile(r"\b(?:the\s+)?turn\s+of\s+the\s+(?:21st\s+|twenty[- ]first\s+)?century\b"), "1998-2002"),
            (re.compile(r"\b(?:the\s+)?golden\s+age(?:\s+of\s+(?:hollywood|cinema|film|movies))?\b"), "classics")]
# "made after I was born in 1990", "before my dad was born (1960)": the year itself is the bound.
_BORN = re.compile(r"\b(after|before|since)\s+(?:i|we|he|she|they|(?:my|our)\s+\w+)\s+(?:was|were|got)\s+born"
                   r"\s+(?:in\s+|back in\s+)?(?=(?:19|20)\d\d\b)")
_SAME_DECADE = re.compile(r"\b(?:(?:from|in|of)\s+)?(?:the\s+same|that|its|this)\s+(?:decade|era)\b")
# "'95" is 1995, "'05" 2005 ("from '95 to 2005"); "'90s" is a decade, read by _DECADE.
_SHORT_YEAR = re.compile(r"(?<![\w'])['\u2019](\d\d)\b(?!['\u2019]?s\b)")
# "before the year 2000", "after the year of 1995": the year itself.
_THE_YEAR = re.compile(r"\bthe\s+year\s+(?:of\s+)?(?=(?:19|20)\d\d\b)")
_CLEAR = re.compile(
    r"\b(?:any|all|whatever)\s+(?:release\s+)?(?:years?|decades?|eras?|dates?|time period)(?:\s+is\s+(?:fine|ok|okay|good))?\b"
    r"|\b(?:forget|drop|remove|clear|ignore|lose|never mind|nevermind|skip)\s+(?:about\s+)?(?:the\s+)?"
    r"(?:release\s+)?(?:years?|decades?|dates?|eras?|time)(?:\s+(?:thing|filter|limit|constraint|restriction))?\b"
    r"|\bno\s+(?:year|date|decade)\s+(?:filter|limit|constraint|restriction)s?\b"
    r"|\b(?:year|decade|date|age)\s+(?:doesn'?t|does not|don'?t)\s+matter\b"
    # "no restriction on the year", "I don't care what year", "regardless of the decade", "lift
    # the year filter", "never mind the decade", "release date is irrelevant", "old or new, doesn't matter"
    r"|\bno\s+(?:restrictions?|limits?|filter|constraints?)\s+(?:on|about|for)\s+(?:the\s+)?(?:release\s+)?"
    r"(?:years?|dates?|decades?|eras?)\b"
    r"|\b(?:(?:i\s+)?(?:do\s+not|don'?t|dont)\s+(?:care|mind)|regardless of|no matter|irrespective of)\s+"
    r"(?:about\s+)?(?:what\s+|which\s+|the\s+)?(?:release\s+)?(?:years?|dates?|decades?|eras?|when it was made)\b"
    r"|\b(?:i\s+)?(?:do\s+not|don'?t|dont)\s+mind\s+(?:when|how old)\b|\bwhenever it was made\b"
    r"|\b(?:lift|cancel|reset|undo)\s+(?:the\s+)?(?:release\s+)?(?:years?|dates?|decades?|eras?)(?:\s+(?:filter|limit|"
    r"constraint|restriction))?\b|\b(?:never\s*mind|forget)\s+(?:the\s+)?(?:release\s+)?(?:decades?|eras?|dates?|years?)\b"
    r"|\b(?:release\s+)?(?:years?|dates?|decades?|eras?)\s+(?:is|are)\s+(?:irrelevant|not important|unimportant)\b"
    r"|\b(?:from\s+)?any\s+period\b|\b(?:old|older)\s+or\s+(?:new|newer|recent),?\s+(?:doesn'?t|does not|don'?t)"
    r"\s+matter\b|\b(?:new|newer|recent)\s+or\s+(?:old|older),?\s+(?:doesn'?t|does not|don'?t)\s+matter\b"
    r"|\bno need to (?:stick to|keep to)\s+(?:those|these|the)\s+(?:years|dates|decades?)\b")


@dataclass(frozen=True)
class YearAsk:
    """What the user asked about release years: bounds (inclusive), a relative word for the
    manager to resolve, or `clear` ("any year")."""

    min: int | None = None
    max: int | None = None
    relative: str | None = None  # "newer" / "older" (than the current item), "decade" (its), "recent", "classic"
    clear: bool = False

    def to_json(self) -> dict:
        out: dict = {"min": self.min, "max": self.max}
        if self.relative:
            out["relative"] = self.relative
        if self.clear:
            out["clear"] = True
        return out


def _decade(m: re.Match) -> tuple[int, int]:
    if m.group("full"):
        start = int(m.group("full"))
    elif m.group("short"):
        d = int(m.group("short"))
        start = 2000 + d if d in (0, 10) else 1900 + d
    else:
        start = _WORD_DECADES[m.group("word")]
    part = m.group("part")
    if part == "early":
        return start, start + 4
    if part == "mid":
        return start + 3, start + 7
    if part == "late":
        return start + 5, start + 9
    return start, start + 9


def _cut(text: str, m: re.Match) -> str:
    return " ".join((text[: m.start()] + " " + text[m.end():]).split())


def read_years(simple: str) -> tuple[YearAsk | None, str]:
    """(what the year phrases ask, the text without them); (None, text) when there are none."""
    text = _SHORT_YEAR.sub(lambda y: f"{19 if int(y.group(1)) > 30 else 20}{y.group(1)}", simple)
    text = _THE_YEAR.sub("", text)
    text = _BORN.sub(r"\1 ", text)
    for pattern, years in _CENTURY:
        text = pattern.sub(years, text)
    if m := _CLEAR.search(text):
        return YearAsk(clear=True), _cut(text, m)
    lo: int | None = None
    hi: int | None = None
    relative: str | None = None
    found = False
    while m := _AROUND.search(text):
        year = int(m.group(1))
        lo, hi, found, text = year - 2, year + 2, True, _cut(text, m)
    while m := _BETWEEN.search(text):
        a, b = (int(g) for g in m.groups() if g)
        lo, hi, found, text = min(a, b), max(a, b), True, _cut(text, m)
    decades = []
    while m := _DECADE.search(text):  # "the 40s or 50s", "80s and 90s": the span of them all
        start, end = _decade(m)
        decades.append((None if m.group("earlier") else start, None if m.group("later") or m.group("plus") else end))
        text = _cut(text, m)
    if decades:  # "the 90s or later": from 1990 on
        starts, ends = [d[0] for d in decades], [d[1] for d in decades]
        lo, hi, found = (None if None in starts else min(starts)), (None if None in ends else max(ends)), True
        text = re.sub(r"^(?:or|and|to|through)(?:\s+|$)|\s+(?:or|and|to|through)(?=\s*$)", "", text)
    for pattern, bound, offset in _BOUNDS:
        while m := pattern.search(text):
            year = int(m.group(1)) + offset
            if bound == "min":
                lo = year
            else:
                hi = year
            found, text = True, _cut(text, m)
    while m := _ONE_YEAR.search(text):
        lo = hi = int(m.group(1))
        found, text = True, _cut(text, m)
    for pattern, word in ((_NEWER, "newer"), (_OLDER, "older"), (_SAME_DECADE, "decade"), (_LAST_YEARS, "recent"),
                          (_RECENT, "recent"),
                          (_CLASSIC, "classic")):
        if m := pattern.search(text):  # with explicit bounds too ("older, 90s maybe"): they win
            relative = None if found else word
            text = _THAN_THIS.sub("", _cut(text, m), count=1) if word in ("newer", "older") else _cut(text, m)
            found = True
            break
    if not found:
        return None, simple
    return YearAsk(lo, hi, relative), _tidy(text)


# "give me a [90s movie]" loses its dangling article; "like Easy A [from the 80s]" keeps the title's.
_BEFORE_ARTICLE = re.compile(r"(^|\b(?:me|us|want|need|like|watch|see|find|show|give|got|have|for|of|with|is|just|"
                             r"maybe|try|into|about|prefer))\s*\b(?:a|an|the)$")


def _tidy(text: str) -> str:
    """What is left once the year words are out: no dangling connective or film noun."""
    text = re.sub(r"\b(but|and)\s+(?:and|but)\b", r"\1", text)
    # ... a film noun the year words leave ("newer [movies] with ..."), not one inside a title ("10 Things I Hate About You")
    text = re.sub(r"(?:^|\s)(?:" + _FILM_NOUNS + r")(?=\s*(?:$|[,;.!?]|(?:but|and|with|without|that|which|only|please|pls|plz)\b))",
                  " ", text)
    text = re.sub(r"\s+(?:either|too|as well)(?=\s*$)", "", text)
    text = " ".join(text.split()).strip(" ,;.!?-")
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"(?:^|\s+)(?:but|and|only|from|in|with|something|anything|some|pls|please|plz)$",
                      "", text).strip(" ,;.!?-")
        # "give me a [90s movie]" loses its article; "like Easy A [from the 80s]" keeps the title's
        text = _BEFORE_ARTICLE.sub(r"\1", text).strip(" ,;.!?-")
        text = re.sub(r"^(?:but|and|or|so|the)(?:\s+|$)|^(?:a|an)(?:$|\s+(?=(?:but|and|or|so)\b))", "", text).strip(" ,;.!?-")
    # "a dark thriller [from the 80s]" keeps its article: it frames a description of the film
    # wanted (bot.nlu.described), which "dark thriller" alone is not
    return text
