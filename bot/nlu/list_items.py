"""Exclusions said in free word order, read as a bag of words around the positions they name:
"seen 1 and 4 already", "not 2 or 5", "skip the first three", "seen most of those, esp. the 2nd
and the 6th", "i've watched everything on this list tbh".

An utterance counts only when it has an exclusion cue ("seen", "not", "skip" ...), names either
positions of the list on screen or the whole list, and every other word is a function word of
such a sentence: one title word or attribute left over ("seen 2001", "not the first one but
darker") and it is something else, read by the later stages. A negated seeing ("I haven't seen
any of these") excludes nothing.
"""

from __future__ import annotations

import re

from bot.nlu import lexicon as lx
from bot.types import Parse

__all__ = ["read_positions", "read_exclusion"]

_NUMBER = "|".join(sorted((re.escape(k) for k in lx.CARDINALS), key=len, reverse=True))
_ORDINAL = "|".join(sorted((re.escape(k) for k in lx.ORDINALS), key=len, reverse=True))
_ONE = r"(?:\s+(?:ones?|movies?|films?|items?|titles?|picks?|options?))?"
# "the first three", "the top 3", "the last two", "the bottom 2 ones"
_RANGE_END = re.compile(rf"\b(?:the\s+)?(?P<end>first|top|last|bottom)\s+(?P<n>\d{{1,2}}|{_NUMBER}){_ONE}\b")
# "1-3", "2 to 4", "#2 through #5"
_RANGE_SPAN = re.compile(r"(?<![\w#])#?(?P<a>\d{1,2})\s*(?:-|to|through|thru)\s*#?(?P<b>\d{1,2})(?![\w])")
# "#3", "number 3", "no. 3", "the 2nd", "the third one", a bare "4"
_SINGLE = re.compile(
    rf"(?:(?<![\w])#\s*|\b(?:numbers?|no\.?|nr\.?|items?|options?)\s*#?\s*)(?P<num>\d{{1,2}})\b|"
    rf"\bnumber\s+(?P<word>{_NUMBER})\b|\b(?:the\s+)?(?P<ord>{_ORDINAL}){_ONE}\b|"
    rf"(?<![\w.#])(?:(?P<nth>\d{{1,2}})(?:st|nd|rd|th)|(?P<bare>\d{{1,2}})){_ONE}(?![\w.])")
_WHOLE = re.compile(r"\b(?:all|everything|every (?:single )?one|each (?:and every )?one|them|these|those|the lot|the bunch|"
                    r"th(?:is|e) (?:whole )?list|the whole (?:list|lot|thing))\b")
# Seeing may sit anywhere ("1 and 4 seen already"); a refusal starts the sentence ("not 2 or 5";
# "the first one, not the second" is a pick, not two exclusions).
_SEEING = re.compile(r"\b(?:seen|watched|saw|know|knew)\b")
_REFUSAL = re.compile(r"^(?:(?:please|just|and|also|so|i'm|i am)\s+)*(?:not|no|none|skip|drop|remove|exclude|hide|ditch|"
                      r"knock out|cross (?:off|out)|rule out|take out|leave out|get rid of|scratch|strike|"
                      r"lose|nix|except|without|(?:i\s+)?(?:do not|don't|dont) (?:want|like|show me)|"
                      r"(?:i'm |i am )?not interested in)\b")
_NEGATED_SEEING = re.compile(r"\b(?:haven'?t|have not|hadn'?t|never|didn'?t|did not|don'?t know|do not know|not (?:yet )?"
                             r"(?:seen|watched)|yet to (?:see|watch))\b")
# The words such a sentence may have besides its cue and its positions.
_FUNCTION = frozenset(
    """i i've ive i'd have had already before too also as well both and or nor plus & of on in
    from the a this that those these them list lot most some few several couple many half
    esp especially like namely particularly mainly mostly eg e.g i.e ie also one ones movie movies
    film films please thanks to be honest honestly lol haha really actually though tho again
    any show me want like do don't dont interested into in am i'm just all every each everything
    whole bunch single either neither yeah yes yep yup nope nah ok okay so well hmm here there already seen watched saw not no none skip
    drop remove exclude hide ditch lose nix except without they they're theyre we've numbers items options are is was were it's its that's
    knock out cross off rule take leave get rid scratch strike know knew we us""".split())
# When they were seen ("i saw 4 and 9 last week", "watched the first two years ago"): no position
# ("last" is none here) and no word the sentence may not have.
_WHEN = re.compile(r"\b(?:(?:last|this|past) (?:week|weekend|month|year|night|time|summer|winter|christmas)|"
                   r"(?:days|weeks|months|years|ages|a while|a long time) ago|a while back|back then|"
                   r"yesterday|recently|lately|earlier|today|tonight)\b")


def read_positions(text: str, n_shown: int) -> tuple[tuple[int, ...], str] | None:
    """The positions a phrase names (1-based; negative from the end) and the text left around
    them; None when it names none. Bare numbers and ranges count only up to the list's length
    ("#12" on a list of ten is a position the bot says it does not have)."""
    found: list[int] = []
    limit = max(n_shown, 1)

    def take(values: list[int]) -> str:
        found.extend(v for v in values if v not in found)
        return " "

    def span(m: re.Match) -> str:
        n = int(m.group("n")) if m.group("n").isdigit() else lx.CARDINALS[m.group("n")]
        if n < 2 or n > limit:
            return m.group(0)  # "the first one" is a single position, read below
        first = m.group("end") in ("first", "top")
        return take(list(range(1, n + 1)) if first else list(range(-n, 0)))

    def between(m: re.Match) -> str:
        a, b = int(m.group("a")), int(m.group("b"))
        return take(list(range(a, b + 1))) if 1 <= a < b <= limit else m.group(0)

    def single(m: re.Match) -> str:
        if m.group("ord"):
            return take([lx.ORDINALS[m.group("ord")]])
        if m.group("bare"):  # a bare number is a position only on the list ("seen 2001" is no #2001)
            value = int(m.group("bare"))
            return take([value]) if 1 <= value <= limit else m.group(0)
        raw = m.group("num") or m.group("nth") or m.group("word")
        return take([int(raw) if raw.isdigit() else lx.CARDINALS[raw]])

    rest = _RANGE_END.sub(span, text)
    rest = _RANGE_SPAN.sub(between, rest)
    rest = _SINGLE.sub(single, rest)
    return (tuple(found), rest) if found else None


# "they're all old news to me", "the first three are old hat": seen; "... are not for me": refused.
_OLD_NEWS = re.compile(r"(?:\s+(?:are|is|were|was))?\s+old (?:news|hat)(?:\s+(?:to|for) (?:me|us))?\b")
_DONE_THAT = re.compile(r"\bbeen there(?:,? done that)?(?:\s+(?:with|on|for))?\b")
_NOT_FOR_ME = re.compile(r"(?:\s+(?:are|is|were|was))?\s+(?:no good|not for me|not my (?:thing|cup of tea)|a no)\b"
                         r"|\s+(?:are|is)\s+not$")  # "... is not for me" once the wrapper "for me" is off


_ALL_BUT = re.compile(r"\b(?:all|every (?:single )?one|everything|them all|all of (?:them|these|those))\s+"
                     r"(?:but|except(?: for)?|apart from|bar|save|other than)\s+(?P<kept>.+)$")


def read_exclusion(simple: str, n_shown: int) -> Parse | None:
    """An exclusion said in free word order: of positions (control "items", `indices`) or of the
    whole list (control "all"); None when the utterance is not one."""
    simple = _OLD_NEWS.sub(" seen", f" {simple}").strip()
    simple = _DONE_THAT.sub("seen", simple)
    if _NOT_FOR_ME.search(simple):
        simple = "skip " + _NOT_FOR_ME.sub(" ", simple).strip()
    if not n_shown or _NEGATED_SEEING.search(simple) or not (_SEEING.search(simple) or _REFUSAL.match(simple)):
        return None
    simple = _WHEN.sub(" ", simple)
    but = _ALL_BUT.search(simple)  # "seen all but #4", "watched all of them except the last two"
    if but is not None:
        kept = read_positions(but.group("kept"), n_shown)
        if kept is None or re.sub(r"\b(?:and|or|ones?|already)\b|[\s,&.!?]", "", kept[1]) \
                or not _SEEING.search(simple[:but.start()]):
            return None
        wanted = {p if p > 0 else n_shown + 1 + p for p in kept[0]}
        left = tuple(i for i in range(1, n_shown + 1) if i not in wanted)
        return Parse("exclude", control="items", indices=left) if left else None
    positions = read_positions(simple, n_shown)
    rest = positions[1] if positions else simple
    if positions is None and not _WHOLE.search(rest):
        return None
    if positions is None and re.search(r"\b(?:most|some|few|several|couple|many|half)\b", rest):
        return None  # "seen most of those": which ones is not said
    words = (w.strip(".") for w in re.findall(r"[a-z.&']+", rest.replace("e.g.", "eg")))
    if any(w and w not in _FUNCTION for w in words):
        return None
    if positions is None:
        return Parse("exclude", control="all")
    if len(positions[0]) == 1:
        return Parse("exclude", control="item", index=positions[0][0])
    return Parse("exclude", control="items", indices=positions[0])
