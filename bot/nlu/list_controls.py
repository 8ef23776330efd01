"""Moves on the list on screen, read before references and critiques so that they are never
taken for a title or an attribute ("I have seen all of these" is no film; "the least scary of
those" is no critique):

* ``more``: "more", "show me more", "others", "next ones", "any more" (with an item: "show me
  more like #3", the same answer from that item);
* ``exclude``: "seen them all", "not the third one", "I've already watched Heat", "no more
  Tarantino films" (a tag), "what have I excluded?" (``control="list"``);
* ``select`` by description: "the funniest of these", "the least scary one", "the one with the
  highest romance" (``control="degree"``, the attribute as a critique to read like any other),
  "the newest" / "the oldest", "the one from 1999", "the second to last" (index -2);
* ``jump``: "something completely different", "surprise me"; ``explain``: "why?", "why #3?";
* ``about``: "tell me about #3", "what is Heat like?", "is #2 scary?" (with that attribute);

An item is named by position (the selection grammar of `bot.nlu.references`), by a title on
screen or in the catalog, or by "it"/"this one" (the current item: no index, no id).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.nlu import lexicon as lx
from bot.nlu.limits import read_limits
from bot.nlu.list_items import read_exclusion
from bot.nlu.references import ORDINAL_WORDS, ReferenceReader, Shown, select_pattern
from bot.nlu.text import tokenize
from bot.types import Critique, Parse

__all__ = ["ListControlReader"]

# The phrase an attribute pick asks about -> (critiques, unread), read as "more <phrase>" is.
ReadAttribute = Callable[[str], tuple[tuple[Critique, ...], tuple[Critique, ...]]]

_LIST = r"(?:these|those|them|the list|this list|the lot|the bunch|the results|the options)"
_OF_LIST = rf"(?:\s+(?:one|movie|film|title|option|pick))?(?:\s+(?:of|from|among|on|in)\s+{_LIST})?"
_IT = r"(?:it|that|this|that one|this one|the current one|the current movie|the current film|him|her)"

_MORE = re.compile(
    r"^(?:(?:show|give|get|find|bring)(?: me| us)? |(?:i want|i'd like|can i (?:see|have)|got|have you got) )?"
    r"(?:some |any |a few |the |a couple )?"
    r"(?:more|others?|other ones|more ones|next(?: ones?| few| batch| page| set| list)?|"
    r"(?:more|other|different|new|next) (?:ones|options|results|movies|films|picks|titles|suggestions)|"
    r"(?:more|others) (?:of (?:these|those|them|that|this)|like (?:these|those|them|that|this)|please)|"
    r"anything else|something else|what else(?: (?:is there|do you have|have you got|you got))?|"
    rf"(?:(?:more|others) )?(?:besides|apart from|other than) {_LIST}|keep (?:them |it )?(?:coming|going)|"
    r"(?:one|a few|some) more|more more|more please|more of the same|(?:the )?same again|"
    r"(?:the )?(?:rest|remaining ones|remaining (?:movies|films|results|options))(?: of (?:them|the list|the results))?)"
    r"(?: (?:please|then|again|too|as well))?$")
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;.!?]+|\s-+)\s*")
# Words that add nothing to a control beside them ("nah", "anything", "to be honest").
_ASIDE = re.compile(r"(?:no|nope|nah|meh|eh|ugh|hm+|ok|okay|sure|yeah|well|so|lol|haha+|please|thanks|anything|"
                    r"whatever|anything (?:at all|really|goes)|to be honest|honestly|seriously|really)")
_MORE_LIKE = re.compile(r"^(?:(?:show|give|find|get) (?:me )?)(?:more|others|ones|some more|movies|films) "
                        r"like (?P<t>.+)$")
_EXCLUDE_LIST = re.compile(
    r"^(?:what|which)(?: movies?| films?| ones?| titles?)? (?:have i|did i|i have|i've) "
    r"(?:excluded|exclude|ruled out|rule out|said (?:i'?ve|i have) seen|marked (?:as )?seen|seen|skipped|"
    r"set aside|removed|dropped)(?: so far)?|(?:show|list|give)(?: me)? (?:my |the |all )?(?:the )?"
    r"(?:excluded|exclusions|excluded (?:movies|films|ones|items)|seen list|list of (?:excluded|seen) "
    r"(?:movies|films|ones)|ones i'?ve (?:seen|excluded))|my (?:exclusions|seen list|excluded (?:movies|films))|"
    r"what(?:'s| is) excluded$")
_SEEN_ALL = re.compile(
    r"^(?:(?:i(?:'ve| have)?|i already|already|i've already|i have already|ive) )?(?:already )?"
    r"(?:seen|watched|saw|know)(?: (?:all|every one|each one))? (?:them|these|those|all (?:of )?(?:them|these|those)|"
    r"every one of (?:them|these|those)|the lot|the whole list|everything(?: here| on the list)?)"
    r"(?: all| already| before| too)*$|"
    r"^(?:none of (?:these|those|them|that)(?: (?:work|please|thanks|appeal|interest me|are any good))?|"
    r"(?:i(?:'m| am) )?not interested in (?:any of )?(?:these|those|them|the lot)|"
    r"(?:i )?(?:don'?t|do not) (?:like|want) (?:any of )?(?:these|those|them)|nah,? none|no to all|"
    r"(?:seen|watched) (?:all|all of them|all of these|all of those|it all)(?: already)?)$")
_NOT_ITEM = re.compile(
    r"^(?:not|no(?: to)?|skip|drop|remove|exclude|hide|forget|ditch|lose|never|nix|except|without|"
    r"(?:i(?:'m| am) )?not interested in|(?:i )?(?:don'?t|do not) (?:want|like)|"
    r"(?:i(?:'ve| have)? )?(?:already )?(?:seen|watched|saw)|i've already (?:seen|watched)|"
    r"i have already (?:seen|watched)|(?:i )?already (?:seen|watched|saw))\s+(?P<t>.+?)"
    r"(?:\s+(?:already|before|please|thanks|though|either|too))*$")
# A title needs "already"/"before" to be seen rather than named as a reference ("I watched Heat").
_SEEN_TITLE = re.compile(
    r"^(?:i(?:'ve| have)? |ive )?(?:already (?:seen|watched|saw)|(?:seen|watched) (?P<t2>.+?) "
    r"(?:already|before))\s*(?P<t>.*)$")
# "not the third one, seen it", "the second one - watched it already": the reason after an item.
_SEEN_REASON = re.compile(
    r"\s*[,;.!-]+\s*(?:(?:i(?:'ve| have)?|ive)\s+)?(?:already\s+)?(?:seen|watched|saw)\s+"
    r"(?:it|that(?: one)?|this(?: one)?)(?:\s+(?:already|before|too))*$")
_NO_MORE_TAG = re.compile(
    r"^(?:no more|not another|nothing (?:by|with|from)|enough(?: of)?|no|stop showing(?: me)?|"
    r"(?:i )?(?:don'?t|do not) (?:want|show me) (?:any )?(?:more )?)\s+(?P<t>.+?)"
    r"(?:'s)?\s+(?:films?|movies?|stuff|ones?|pictures)(?: please)?$")
# What may lead a pick by description: "which one is", "whichever's", "I'll take", "give me".
_PICK_LEAD = (rf"(?:(?:which|what|whichever|whatever)(?: one| movie| film)?(?: of {_LIST})?(?: is |'s )|"
              r"(?:i'?ll (?:take|have|go with) |give me |show me |pick |i want |let'?s (?:go with|do|take) |"
              r"go with |just )?)")
_POSITION_PICK = re.compile(
    rf"^(?:the\s+)?(?:(?P<n>second|third|fourth|fifth|2nd|3rd|4th|5th|\d)\s*(?:-|\s)?(?:to|from)\s*(?:-|\s)?"
    rf"(?:the\s+)?(?:last|end|bottom)|penultimate|next[- ]to[- ]last|one before (?:the )?last)"
    rf"{_OF_LIST}$")
_YEAR_PICK = re.compile(
    rf"^{_PICK_LEAD}the\s+(?:(?:one|movie|film)\s+(?:from|of|made in|released in|in)\s+"
    rf"(?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)(?:\s+(?:one|movie|film))){_OF_LIST}$")
_AGE_PICK = re.compile(
    rf"^{_PICK_LEAD}the\s+(?:(?P<new>newest|most recent|latest|youngest|last released|most modern)|"
    rf"(?P<old>oldest|earliest|least recent|first released|most dated)){_OF_LIST}$")
_SUPERLATIVE = re.compile(
    rf"^{_PICK_LEAD}"
    rf"(?:the\s+)(?:(?:one|movie|film) (?:with|that has|having) (?:the )?"
    rf"(?P<amount>most|highest|biggest|strongest|largest|greatest|maximum|max|least|lowest|smallest|weakest|"
    rf"minimum|min|fewest)\s+(?P<p1>.+?)|(?P<most>most|least)\s+(?P<p2>.+?)|(?P<est>[a-z]+est)|"
    rf"(?:one|movie|film) (?:with|that has|having|about|where there(?:'s| is| are)) (?:the |a |an |some |lots of )?(?P<p3>.+?))"
    rf"{_OF_LIST}(?:\s+(?:one|of {_LIST}))?$")
# "the funnier one", "the scarier of the two", "the more romantic one": a comparative picks the most.
_COMPARATIVE_PICK = re.compile(
    rf"^{_PICK_LEAD}the\s+(?:(?P<dir>more|less)\s+(?P<p>[a-z][a-z -]*?)|(?P<er>[a-z]+(?:er|r)))\s+"
    rf"(?:one|movie|film|option|pick|of (?:the|those|these) (?:two|three|four|lot)|of (?:these|those|them|both))$")
_LESS_AMOUNT = {"least", "lowest", "smallest", "weakest", "minimum", "min", "fewest"}
_NOT_ATTRIBUTE = {"best", "worst", "latest", "first", "last", "west", "honest", "interest", "forest",
                  "rest", "test", "guest", "quest", "nest", "contest", "protest", "request", "chest"}
_ABOUT = re.compile(
    r"^(?:(?:tell|talk) (?:me |us )?(?:more |a bit |a little )?about|more about|(?:more )?(?:info|information|details) "
    r"(?:on|about|for)|describe|what do you know about|what can you tell me about|"
    r"what kind of (?:movie|film) is|what sort of (?:movie|film) is|what(?:'s| is) the deal with|"
    r"what genres? (?:is|are)|is|should i (?:watch|see))\s+(?P<t>.+?)(?:\s+(?:any good|good|worth (?:it|watching|seeing)))?$|"
    r"^(?:what(?:'s| is| was)|how(?:'s| is))\s+(?P<t2>.+?)\s+(?:like|about)$")
_WHY = re.compile(
    r"^(?:but )?(?:why|how come|what makes|explain|reason for)(?:\s+(?:(?:did|do|would|have)\s+)?you\s+"
    r"(?:pick|choose|chose|show|suggest|recommend|give|offer|take|put|include|select)(?:\s+me)?|"
    r"\s+(?:is|was|are|were)|\s+(?:this|that) (?:choice|pick)|\s+(?:the )?(?:choice|pick) of)?"
    r"(?:\s+(?P<t>.+?))?(?:\s+(?:there|here|on the list|in the list|in there|a good (?:pick|choice|match|fit)|"
    r"chosen|picked|suggested|recommended|shown|then|exactly))*$")
# A why-question that names a shown item anywhere in it ("so why would I like #2", "how is the
# fourth one less dark than Heat?", "in what way is number 3 funnier"): explain that item.
_WHY_ANYWHERE = re.compile(
    r"^(?:(?:huh|hmm+|so|ok|okay|wait|and|but|hey|sorry)\W*\s+)*"
    r"(?:why|how come|how is|how's|how are|in what way is|in which way is|what makes)\b(?P<rest>.*)$")
_NAMED_POSITION = re.compile(
    rf"#\s*\d+|\b(?:number|no\.?)\s*\d+\b|\bthe\s+(?:{ORDINAL_WORDS})(?:\s+(?:one|movie|film|pick|choice))?\b")
_JUMP = re.compile(
    r"^(?:(?:show|give|find|get)(?: me)? |i want |i'd like |let'?s (?:do|see|try) |how about |"
    r"(?:now )?(?:for )?)?(?:something|anything|one|a movie|a film|an?)?\s*(?:(?:completely|totally|entirely|really|"
    r"very|radically|wildly|utterly|altogether) (?:different|else|new)|different(?: altogether| entirely| for a change)?|"
    r"else entirely|random|at random|out of the box|off the wall|unexpected)"
    r"(?: (?:vibes?|mood|kind|genres?|style|direction|type|thing|stuff|one|movie|film|pick)(?: of (?:movie|film|thing))?)?"
    r"(?: for a change| please| now)*$|"
    r"^(?:surprise me|(?:a |something )?(?:wild ?card|curveball|curve ball)|change of (?:pace|scenery)|"
    r"(?:let'?s |i'?d like to |i want to |can we )?try (?:something|anything) (?:new|fresh|different|else)(?: for a change)?|"
    r"(?:something|anything) (?:else|different) (?:altogether|entirely|completely)|(?:let'?s )?(?:switch|mix|shake) (?:it|things) up|"
    r"(?:let'?s |i (?:want|need) to )?change (?:it up|direction|course|tack|lanes|the subject)|"
    r"(?:(?:i|we) (?:want|need|could use)|let'?s have|time for) (?:a change|something (?:else|different|new))|"
    r"(?:let'?s )?(?:try )?(?:a )?(?:different|another|whole new|new) (?:genre|direction|kind of (?:movie|film)s?|type of (?:movie|film)s?)|"
    r"surprise me (?:with (?:something|anything|a (?:movie|film))|again)|"
    r"(?:mix|shake) (?:it|things) up|random (?:pick|movie|film|one)|(?:get|take) me (?:out of here|somewhere else))"
    r"(?: please)?$")

# "is it scary?", "is the second one too violent?": how much of an attribute an item has.
_IS_ATTRIBUTE = re.compile(
    rf"^(?:is|was)\s+(?P<t>{_IT}|#\s*\d+|(?:number|no\.?)\s*\d+|the\s+(?:{ORDINAL_WORDS})(?:\s+(?:one|movie|film))?)"
    r"\s+(?:(?:very|really|too|that|so|kind of|a bit|at all|any|more|less)\s+)*(?P<p>[a-z][a-z -]{2,30}?)(?:\s+at all)?$")
# "what's number 1?", "what is the third one?": a question about a listed item. Without the
# question mark it stays a pick, as the labelled parser sets read "what's the second one".
_WHAT_POSITION = re.compile(rf"^(?:what|which)(?:'s| is| was)\s+(?P<t>{_NAMED_POSITION.pattern})(?P<t2>)$")


class ListControlReader:
    """Reads the list controls of one catalog (titles through the parser's ReferenceReader)."""

    def __init__(self, references: ReferenceReader, read_attribute: ReadAttribute,
                 tag_names: tuple[str, ...], names_tag: Callable[[str], bool]):
        self.references = references
        self.read_attribute = read_attribute
        self._tags = tag_names
        self._names_tag = names_tag  # a phrase the tags or lexicon name: a critique, never a limit

    def read(self, simple: str, shown: Shown, original: str = "") -> Parse | None:
        """The control a whole (simplified) utterance is, or None."""
        whole = self._one(simple, shown, original)
        return whole if whole is not None else self._clauses(simple, shown, original)

    def _one(self, simple: str, shown: Shown, original: str) -> Parse | None:
        for step in (self._more, self._excluded_list, self._exclude, self._jump, self._pick,
                     self._explain, self._about):
            found = step(simple, shown, original)
            if found is not None:
                return found
        return None

    def _clauses(self, simple: str, shown: Shown, original: str) -> Parse | None:
        """Several clauses that are one control and asides ("nah. something else entirely,
        anything", "random pick please, totally different vibe"); a dismissal of the list before
        a request for more or a jump gives way to the request ("none of these. what else?"); items
        set aside before "next" are set aside (the list then fills with new ones)."""
        clauses = [c for c in _CLAUSE_BREAK.split(simple) if c and not _ASIDE.fullmatch(c)]
        if not clauses or clauses == [simple]:
            return None
        read = [self._one(c, shown, original) for c in clauses]
        if any(r is None for r in read):
            return None
        last = read[-1]
        if all((r.intent, r.control) == (last.intent, last.control) and r.index == last.index for r in read):
            return last
        if last.intent in ("more", "jump") and all(
                r.intent in ("more", "jump") or (r.intent, r.control) == ("exclude", "all") for r in read[:-1]):
            return last
        if last.intent == "more" and len(read) == 2 and read[0].intent == "exclude" and read[0].control in ("item", "items"):
            return read[0]  # "seen 3 and 6, next please": set aside; the list fills with new ones
        return None

    # -- one control each ---------------------------------------------------------------------

    def _more(self, simple: str, shown: Shown, original: str) -> Parse | None:
        if _MORE.match(simple):
            return Parse("more")
        like = _MORE_LIKE.match(simple)
        target = self._item(like.group("t"), shown) if like else None
        if target is not None and (target.index is not None or target.item_id is not None):
            return Parse("more", index=target.index, item_id=target.item_id, title=target.title)
        return None

    def _excluded_list(self, simple: str, shown: Shown, original: str) -> Parse | None:
        return Parse("exclude", control="list") if _EXCLUDE_LIST.match(simple) else None

    def _exclude(self, simple: str, shown: Shown, original: str) -> Parse | None:
        reason = _SEEN_REASON.search(simple)
        if reason is not None and reason.start() > 0:
            simple = simple[:reason.start()]
            named = self._item(re.sub(r"^(?:not|no|skip|drop)\s+", "", simple), shown, catalog=False)
            if named is not None and named.index is not None:
                return replace_intent(named, "exclude")
        if _SEEN_ALL.match(simple):
            return Parse("exclude", control="all")
        several = read_exclusion(simple, len(shown))  # "seen 1 and 4 already", "not 2 or 5"
        if several is not None:
            return several
        tag = _NO_MORE_TAG.match(simple)
        if tag is not None:
            name = self._tag_named(tag.group("t"))
            if name is not None:
                return Parse("exclude", control="tag", title=name)
        seen = _SEEN_TITLE.match(simple)
        if seen is not None:
            said = (seen.group("t2") or seen.group("t")).strip()
            target = self._item(said, shown, catalog=True) if said else None
            if target is not None:
                return replace_intent(target, "exclude")
        negated = _NOT_ITEM.match(simple)
        if negated is not None:
            said = negated.group("t")
            # "not the third one", "seen #2": a position; a title only when it is on screen and
            # the words say seen or drop ("not Heat" could be anything).
            target = self._item(said, shown, catalog=False,
                                titles=not re.match(r"(?:not|no|never|except|without)\b", simple))
            if target is not None and (target.intent == "select" or target.item_id is not None):
                return replace_intent(target, "exclude")  # a bare select: "seen it", the current item
        return None

    def _jump(self, simple: str, shown: Shown, original: str) -> Parse | None:
        return Parse("jump") if _JUMP.match(simple) else None

    def _pick(self, simple: str, shown: Shown, original: str) -> Parse | None:
        m = _POSITION_PICK.match(simple)
        if m:
            n = m.group("n")
            back = 2 if n is None else (int(n) if n.isdigit() else lx.ORDINALS.get(n, 2))
            return Parse("select", index=-back, control="position")
        m = _YEAR_PICK.match(simple)
        if m:
            return Parse("select", control="year", year=int(m.group("y") or m.group("y2")))
        m = _AGE_PICK.match(simple)
        if m:
            return Parse("select", control="newest" if m.group("new") else "oldest")
        m = _COMPARATIVE_PICK.match(simple)
        if m and m.group("er") in ("newer", "older"):
            return Parse("select", control="newest" if m.group("er") == "newer" else "oldest")
        base = self.references.vocab.comparative(m.group("er")) if m and m.group("er") else None
        if m and (base or m.group("dir")):  # "the funnier one" = the funniest of the list
            return self._attribute_pick(-1 if m.group("dir") == "less" else 1, base or m.group("p"))
        m = _SUPERLATIVE.match(simple)
        if m:
            # "the shortest one", "the one with Tom Hanks": what the catalog cannot judge
            limit, _ = read_limits(simple, original or simple, self._names_tag)
            return Parse("cannot_judge", limit=limit) if limit else self._degree_pick(m)
        return None

    def _degree_pick(self, m: re.Match) -> Parse | None:
        if m.group("amount"):
            alpha, phrase = (-1 if m.group("amount") in _LESS_AMOUNT else 1), m.group("p1")
        elif m.group("most"):
            alpha, phrase = (1 if m.group("most") == "most" else -1), m.group("p2")
        elif m.group("p3"):  # "the one with the car chases": the most of it on the list
            alpha, phrase = 1, m.group("p3")
        else:
            word = m.group("est")
            if word in _NOT_ATTRIBUTE or len(word) < 5:
                return None
            alpha, phrase = 1, _base_of_superlative(word)
        return self._attribute_pick(alpha, phrase)

    def _attribute_pick(self, alpha: int, phrase: str) -> Parse | None:
        phrase = re.sub(r"^(?:amount of|level of|degree of|bit of)\s+", "", phrase).strip()
        if not phrase or len(tokenize(phrase)) > 4:
            return None
        critiques, unread = self.read_attribute(phrase)
        critiques = tuple(replace(c, alpha=alpha * c.alpha) for c in critiques[:1])
        unread = tuple(replace(c, alpha=alpha) for c in unread[:1])
        if not unread and not critiques:
            unread = (Critique(alpha, "", 0.0, phrase=phrase),)
        return Parse("select", control="degree", critiques=critiques, unread=unread)

    def _explain(self, simple: str, shown: Shown, original: str) -> Parse | None:
        m = _WHY.match(simple)
        if m is not None:
            said = (m.group("t") or "").strip()
            if not said or re.fullmatch(_IT + r"|(?:that|this) (?:movie|film|pick|choice)|them|these|those", said):
                return Parse("explain")
            target = self._item(said, shown, catalog=False)
            if target is not None:
                return replace_intent(target, "explain")
        loose = _WHY_ANYWHERE.match(simple)
        named = _NAMED_POSITION.search(loose.group("rest")) if loose else None
        target = self._item(named.group(0), shown, catalog=False) if named else None
        return None if target is None or target.index is None else replace_intent(target, "explain")

    def _about(self, simple: str, shown: Shown, original: str) -> Parse | None:
        asked = _IS_ATTRIBUTE.match(simple)  # "is #2 scary?": its estimated degree, no walk
        target = self._item(asked.group("t"), shown, catalog=False) if asked else None
        if target is not None and read_limits(asked.group("p"), original, self._names_tag)[0]:
            target = None  # "is it rated r?", "is it in french?": what the catalog cannot judge
        critiques = self.read_attribute(asked.group("p"))[0] if target is not None else ()
        if critiques and (target.index is not None or target.intent == "select"):
            return replace(replace_intent(target, "about"), critiques=critiques[:1])
        m = _ABOUT.match(simple)
        if m is None and original.rstrip().endswith("?"):
            m = _WHAT_POSITION.match(simple)  # "what's number 1?" asks; "what's the second one" picks
        if m is None:
            return None
        said = (m.group("t") or m.group("t2") or "").strip()
        said = re.sub(r"\s+(?:please|then)$", "", said)
        if re.fullmatch(_IT + r"|(?:this|that|the) (?:movie|film)", said):
            return Parse("about")
        target = self._item(said, shown, catalog=True)
        if target is None:
            return None
        return replace_intent(target, "about")

    # -- items and tags ------------------------------------------------------------------------

    def _item(self, said: str, shown: Shown, catalog: bool = True, titles: bool = True) -> Parse | None:
        """A shown position, else (with `titles`) a shown title, else (with `catalog`) a catalog
        title; None when none."""
        said = re.sub(r"^(?:the (?:movie|film)|movie|film)\s+", "", said.strip(" ,.!?\"'"))
        if re.fullmatch(_IT, said):
            return Parse("select")
        m = select_pattern(said)
        if m is not None:
            picked = self.references.selection(said, shown)
            return picked
        picked = self.references.selection(said, shown) if shown and titles else None
        if picked is not None:
            return picked
        if not catalog:
            return None
        found = self.references.bare_title(said)
        if found is not None and (found.item_id is not None or found.candidates):
            return found
        return None

    def _tag_named(self, said: str) -> str | None:
        """The catalog tag a name says ("tarantino" -> "quentin tarantino"), only a tag that the
        whole name or its last word matches, so that "no more violent films" stays a critique."""
        words = tokenize(said)
        if not words:
            return None
        key = " ".join(words)
        if self.references.vocab.names_a_tag(said):
            return None  # "no more horror movies": an attribute, read as a critique
        exact = [t for t in self._tags if t.lower() == key]
        if exact:
            return exact[0]
        named = [t for t in self._tags if len(t.split()) > 1 and t.lower().split()[-1] == words[-1]
                 and all(w in t.lower().split() for w in words)]
        return min(named, key=len) if len(named) >= 1 else None


def replace_intent(parse: Parse, intent: str) -> Parse:
    """The same item reference under another intent ("not the third one": exclude #3); an
    exclusion of one item has control "item"."""
    return replace(parse, intent=intent, control="item" if intent == "exclude" else None)


def _base_of_superlative(word: str) -> str:
    """"funniest" -> "funny", "scariest" -> "scary", "saddest" -> "sad", "darkest" -> "dark"."""
    stem = word[:-3]
    if stem.endswith("i"):
        return stem[:-1] + "y"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        return stem[:-1]
    if stem.endswith(("at", "ud", "rg", "ur", "ng", "ns", "ps")) and len(stem) > 3:
        return stem + "e"  # "largest" -> "large", "tensest" -> "tense" (few words; the grounder reads the rest)
    return stem
