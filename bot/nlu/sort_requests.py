"""A request to put the list on screen in another order: "sort by year", "order them by rating",
"newest first", "rank these by how scary they are", "alphabetically"; read by
`bot.nlu.list_controls` into ``select`` with ``control`` "sort_oldest" / "sort_newest" /
"sort_title" / "sort_degree" (the attribute as a critique, its alpha the way: +1 most first)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.nlu.renown import named_fact
from bot.types import Critique, Parse

__all__ = ["read_sort"]

_LIST = (r"(?:them|these|those|it|this|that|all|the list|this list|that list|the results|the movies|the films|"
         r"these (?:movies|films|ones|results)|those (?:movies|films|ones))")
_WAY = (r"(?P<way>ascending|descending|(?:the )?(?:newest|latest|most recent|oldest|earliest|best|worst|highest|"
        r"lowest|most|least|top) (?:ones? )?first|high to low|low to high|old to new|new to old)")
_SORT = re.compile(
    r"^(?:(?:can|could|would) you |please |pls |now |and |ok |okay )*"
    r"(?:sort|order|rank|arrange|re-?order|re-?sort|re-?rank|organi[sz]e)\s+"
    rf"(?:{_LIST}\s+)?(?:by|on|according to|in order of|from)\s+(?P<key>.+?)"
    rf"(?:\s*,?\s*(?:{_WAY}))?(?:\s+please|\s+thanks)?$")
_FIRST = re.compile(
    r"^(?:(?:can you |please |now )*(?:show|put|list|give me|sort|order)\s+)?(?:(?:" + _LIST + r")\s+(?:with )?)?"
    r"(?:the )?(?P<key>newest|latest|most recent|oldest|earliest|best rated|highest rated|top rated|best known|"
    r"most popular|most watched)\s+(?:ones?\s+|movies?\s+|films?\s+)?(?:first|on top|at the top)(?:\s+please)?$")
_BARE = re.compile(rf"^(?:{_LIST}\s+)?(?:sorted|ordered|in order)\s+(?:by\s+|of\s+)?(?P<key>.+?)(?:\s*,?\s*(?:{_WAY}))?$"
                   r"|^(?P<abc>alphabetically|in alphabetical order|a to z|a-z)(?:\s+please)?$")
_YEAR = re.compile(r"^(?:(?:the |their )?(?:release |releasing )?(?:years?|dates?|decades?)|(?:the )?release|age|"
                   r"when (?:they|it) came out|how (?:old|new|recent) they are|chronolog(?:ical(?:ly)?|y)|"
                   r"chronological order|(?P<new>newest|latest|most recent|newness)|(?P<old>oldest|earliest))$")
_TITLE = re.compile(r"^(?:(?:the |their )?(?:titles?|names?)|alphabet(?:ical(?:ly)?)?|alphabetical order|a to z|a-z)$")
_HOW = re.compile(r"^how (?:much |many )?(?P<p>.+?)(?: they are| it is| each (?:one )?is)?$")
_LEAST = ("ascending", "worst", "lowest", "least", "low to high")

ReadAttribute = Callable[[str], tuple[tuple[Critique, ...], tuple[Critique, ...]]]


def read_sort(simple: str, read_attribute: ReadAttribute) -> Parse | None:
    """The order asked for the list on screen, or None when `simple` asks no order."""
    m = _SORT.match(simple) or _BARE.match(simple)
    if m is not None and m.groupdict().get("abc"):
        return Parse("select", control="sort_title")
    first = _FIRST.match(simple) if m is None else None
    if first is not None:
        key, way = first.group("key"), first.group("key").split()[0]
    elif m is not None:
        key, way = m.group("key").strip(" ,.!?"), (m.group("way") or "").replace("the ", "")
    else:
        return None
    most = re.match(r"(?P<w>most|least|the most|the least)\s+(?P<k>.+)$", key)  # "sort by least violent"
    if most is not None:
        key, way = most.group("k"), way or most.group("w").replace("the ", "")
    year = _YEAR.match(key)
    if year is not None:
        newest = bool(year.group("new")) or way.startswith(("newest", "latest", "most recent", "descending",
                                                           "new to old", "high to low"))
        return Parse("select", control="sort_newest" if newest else "sort_oldest")
    if _TITLE.match(key):
        return Parse("select", control="sort_title")
    how = _HOW.match(key)  # "how scary they are"; "how popular they are" names a fact as it is
    phrase = how.group("p") if how and named_fact(key) is None else key
    alpha = -1 if way.startswith(_LEAST) else 1
    critiques, unread = read_attribute(phrase)
    if not critiques and not unread:
        unread = (Critique(1, "", 0.0, phrase=phrase),)
    return Parse("select", control="sort_degree", critiques=tuple(replace(c, alpha=alpha * c.alpha) for c in critiques[:1]),
                 unread=tuple(replace(c, alpha=alpha) for c in unread[:1]))
