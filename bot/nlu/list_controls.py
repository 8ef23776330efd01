"""Moves on the list on screen, read before references and critiques so that they are never
taken for a title or an attribute ("I have seen all of these" is no film; "the least scary of
those" is no critique):

* ``more``: "more", "show me more", "others", "next ones", "any more" (with an item: "show me
  more like #3", the same answer from that item);
* ``exclude``: "seen them all", "not the third one", "I've already watched Heat", "no more
  Tarantino films" (a tag), "what have I excluded?" (``control="list"``);
* ``select`` by description: "the funniest of these", "the least scary one", "the one with the
  highest romance" (``control="degree"``, the attribute as a critique to read like any other),
  "the newest" / "the oldest", "the one from 1999", "the second to last" (index -2); "sort by
  year", "order them by how scary they are" (``control="sort_..."``, bot.nlu.sort_requests);
* ``jump``: "something completely different", "surprise me"; ``explain``: "why?", "why #3?";
* ``about``: "tell me about #3", "what is Heat like?", "is #2 scary?" (with that attribute);

An item is named by position (the selection grammar of `bot.nlu.references`), by a title on
screen or in the catalog, or by "it"/"this one" (the current item: no index, no id).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.nlu import control_words as cw
from bot.nlu import lexicon as lx
from bot.nlu.limits import read_limits
from bot.nlu.list_items import read_exclusion
from bot.nlu.loose_controls import loose_move
from bot.nlu.more_requests import asks_for_more, more_count, praises_list
from bot.nlu.reference_patterns import select_pattern
from bot.nlu.references import ReferenceReader, Shown
from bot.nlu.sort_requests import read_sort
from bot.nlu.text import tokenize
from bot.types import Critique, Parse

__all__ = ["ListControlReader"]

# The phrase an attribute pick asks about -> (critiques, unread), read as "more <phrase>" is.
ReadAttribute = Callable[[str], tuple[tuple[Critique, ...], tuple[Critique, ...]]]

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
        simple = _TRAILING.sub("", simple) or simple  # "what's #4 like then"
        picked = self._with_verdict(simple, shown, original)
        if picked is not None:
            return picked
        whole = self._one(simple, shown, original)
        if whole is None:
            whole = self._clauses(simple, shown, original)
        if whole is None:  # "nah seen them all", "none of these grab me tbh": asides without a comma
            bare = cw.TRAILING_ASIDE.sub("", cw.LEADING_ASIDE.sub("", simple)).strip()
            whole = self._one(bare, shown, original) if bare and bare != simple else None
        return whole if whole is not None else self._loose(simple, shown)

    def _with_verdict(self, simple: str, shown: Shown, original: str) -> Parse | None:
        """"the least scary of those is fine actually", "the 2nd one would be great": a pick and a
        verdict on it (the verdict is no attribute: "fine", "great")."""
        bare = _VERDICT.sub("", simple)
        if bare == simple or not bare:
            return None
        found = self._one(bare, shown, original)
        if found is None and select_pattern(bare):
            found = self.references.selection(bare, shown)
        return found if found is not None and found.intent == "select" else None

    def _loose(self, simple: str, shown: Shown) -> Parse | None:
        """"let's switch gears", "what's the reasoning behind #2": a move in free wording."""
        title_words = {w for _, title in shown for w in tokenize(re.sub(r"\(\d{4}\)", "", str(title)))}
        move = loose_move(simple, self.references.vocab.grammar, title_words,
                          lambda words: self.references.exact_title(words) is not None)
        if move is None:
            return None
        named = cw.NAMED_POSITION.search(simple)
        target = self._item(named.group(0), shown, catalog=False) if named and move == "explain" else None
        return Parse(move) if target is None else replace_intent(target, move)

    def _one(self, simple: str, shown: Shown, original: str) -> Parse | None:
        for step in (self._more, self._excluded_list, self._exclude, self._unwanted, self._jump,
                     lambda said, *_: read_sort(said, self.read_attribute), self._pick, self._explain, self._about):
            found = step(simple, shown, original)
            if found is not None:
                return found
        return None

    def _clauses(self, simple: str, shown: Shown, original: str) -> Parse | None:
        """Several clauses that are one control and asides ("nah. something else entirely,
        anything", "random pick please, totally different vibe"); a dismissal of the list before
        a request for more or a jump gives way to the request ("none of these. what else?"); items
        set aside before "next" are set aside (the list then fills with new ones)."""
        clauses = [c for c in cw.CLAUSE_BREAK.split(simple) if c and not cw.ASIDE.fullmatch(c)]
        if not clauses or clauses == [simple]:
            return None
        said = [c for c in clauses if not cw.COMMENT.fullmatch(c)]
        if len(said) == 2 and cw.REMOVE_IT.fullmatch(said[1]):  # "I have seen Bad Santa, take it off"
            named = re.sub(r"^(?:(?:i|we)(?:'ve| have)? |ive )?(?:already )?(?:seen|watched|saw)\s+", "", said[0])
            found = self._exclude(f"already seen {named}", shown, original)
            if found is not None:
                return found
        if len(said) == 1 < len(clauses):  # "not the 2nd one, I hated it": the comment adds nothing
            found = self._one(said[0], shown, original)
            return found if found is not None and found.intent in ("select", "exclude") else None
        clauses = [c for c in clauses if not praises_list(c)] or clauses  # "these look great, what else?"
        read = [self._one(c, shown, original) for c in clauses]
        if any(r is None for r in read):
            return None
        last = read[-1]
        if all((r.intent, r.control) == (last.intent, last.control) and r.index == last.index for r in read):
            return last
        seen_all = [r for c, r in zip(clauses, read) if (r.intent, r.control) == ("exclude", "all") and _SEEN.search(c)]
        if last.intent == "more" and seen_all:
            return seen_all[0]  # "watched all of these, next", "not interested in these, show others": set aside
        if last.intent in ("more", "jump") and all(
                r.intent in ("more", "jump") or (r.intent, r.control) == ("exclude", "all") for r in read[:-1]):
            return last
        if last.intent == "more" and len(read) == 2 and read[0].intent == "exclude" and read[0].control in ("item", "items"):
            return read[0]  # "seen 3 and 6, next please": set aside; the list fills with new ones
        return None

    # -- one control each ---------------------------------------------------------------------

    def _more(self, simple: str, shown: Shown, original: str) -> Parse | None:
        if cw.MORE.match(simple) or asks_for_more(simple):
            return Parse("more", count=more_count(simple))
        like = cw.MORE_LIKE.match(simple)
        # without a verb, only a film on screen: "more like Heat" names a film to start from
        target = self._item(like.group("t"), shown, catalog=not simple.startswith("more like")) if like else None
        if target is not None and (target.index is not None or target.item_id is not None):
            return Parse("more", index=target.index, item_id=target.item_id, title=target.title,
                         count=more_count(simple))
        return None

    def _excluded_list(self, simple: str, shown: Shown, original: str) -> Parse | None:
        return Parse("exclude", control="list") if cw.EXCLUDE_LIST.match(simple) else None

    def _exclude(self, simple: str, shown: Shown, original: str) -> Parse | None:
        reason = cw.SEEN_REASON.search(simple)
        if reason is not None and reason.start() > 0:
            simple = simple[:reason.start()]
            said = re.sub(rf"^(?:{cw.STOP_SHOWING}|no more|not|no|skip|drop)\s+", "", simple)
            named = self._item(re.sub(r"\s+(?:please|again|anymore|any more)$", "", said), shown, catalog=False)
            if named is not None and named.index is not None:
                return replace_intent(named, "exclude")
        if cw.SEEN_ALL.match(simple):
            return Parse("exclude", control="all")
        several = read_exclusion(simple, len(shown))  # "seen 1 and 4 already", "not 2 or 5"
        if several is not None:
            return several
        named = self._several_named(simple, shown)  # "I've seen Heat and Ronin"
        if named is not None:
            return named
        tag = cw.NO_MORE_TAG.match(simple)
        if tag is not None:
            name = self._tag_named(tag.group("t"))
            if name is not None:
                return Parse("exclude", control="tag", title=name)
        seen = cw.SEEN_TITLE.match(simple)
        if seen is not None:
            said = (seen.group("t2") or seen.group("t")).strip()
            target = self._item(said, shown, catalog=True) if said else None
            if target is not None:
                return replace_intent(target, "exclude")
        often = cw.SEEN_OFTEN.match(simple)  # "I've seen #2 a hundred times": on screen only
        target = self._item(often.group("t"), shown, catalog=False) if often else None
        if target is not None and target.intent == "select" and (target.index is not None or target.item_id is not None):
            return replace_intent(target, "exclude")
        negated = cw.NOT_ITEM.match(simple)
        if negated is not None:
            said = negated.group("t")
            # "not the third one", "seen #2": a position; a title only when it is on screen and
            # the words say seen or drop ("not Heat" could be anything).
            stop = re.match(cw.STOP_SHOWING, simple) is not None  # "stop suggesting Heat": never a reference
            target = self._item(said, shown, catalog=stop,
                                titles=stop or not re.match(r"(?:not|no|never|except|without)\b", simple))
            if target is not None and (target.intent == "select" or target.item_id is not None):
                return replace_intent(target, "exclude")  # a bare select: "seen it", the current item
        return None

    def _several_named(self, simple: str, shown: Shown) -> Parse | None:
        """"I've seen Heat and Ronin": every film named is set aside, only with a list on screen or
        "already"/"before" said (alone, "I've seen Heat" may name a favourite to start from), and
        never when the words are one title ("Sense and Sensibility")."""
        m = cw.SEEN_SEVERAL.match(simple)
        if m is None or not (shown or re.search(r"\b(?:already|before)\b", simple)):
            return None
        parts = [p for p in cw.TITLE_LIST.split(m.group("t")) if p]
        if len(parts) < 2 or self._item(m.group("t"), shown) is not None:
            return None
        items = [self._item(p, shown) for p in parts]
        if any(i is None or (i.item_id is None and i.index is None) for i in items):
            return None
        return Parse("exclude", control="items", indices=tuple(i.index for i in items if i.item_id is None),
                     item_ids=tuple(dict.fromkeys(i.item_id for i in items if i.item_id is not None)))

    def _unwanted(self, simple: str, shown: Shown, original: str) -> Parse | None:
        """"don't show me anything scary", "stop suggesting horror films": less of that attribute
        (a title there was read by `_exclude` first); only an attribute a tag names."""
        m = cw.UNWANTED.match(simple)
        if m is None or re.search(r"\d|\b(?:but|except|other|apart|besides|without|not|no|less|more|only|else|like|"
                                  r"similar|than|different)\b", m.group("p")):
            return None  # "don't show me anything but comedy", "... older than 1990": not an attribute to avoid
        critiques = self.read_attribute(m.group("p"))[0]
        return Parse("critique", critiques=tuple(replace(c, alpha=-c.alpha) for c in critiques)) if critiques else None

    def _jump(self, simple: str, shown: Shown, original: str) -> Parse | None:
        if cw.JUMP.match(simple):
            return Parse("jump")
        m = cw.JUMP_FROM.match(simple)  # "something not like Heat": away from that film
        target = self._item(m.group("t"), shown) if m else None
        if target is None or (target.item_id is None and target.index is None):
            return None
        return Parse("jump", item_id=target.item_id, title=target.title, index=target.index)

    def _pick(self, simple: str, shown: Shown, original: str) -> Parse | None:
        m = cw.POSITION_PICK.match(simple)
        if m:
            n = m.group("n")
            back = 2 if n is None else (int(n) if n.isdigit() else lx.ORDINALS.get(n, 2))
            return Parse("select", index=-back, control="position")
        m = cw.PLACE_PICK.match(simple) if shown else None
        if m:  # "the middle one" of ten is the 5th
            place = (m.group("m1") or m.group("m2")).split()[-1]
            index = {"top": 1, "topmost": 1, "bottom": -1, "bottommost": -1, "end": -1}.get(place, (len(shown) + 1) // 2)
            return Parse("select", index=index, control="position")
        m = cw.YEAR_PICK.match(simple)
        if m:
            return Parse("select", control="year", year=int(m.group("y") or m.group("y2")))
        m = cw.AGE_PICK.match(simple)
        if m:
            return Parse("select", control="newest" if m.group("new") else "oldest")
        m = cw.COMPARATIVE_PICK.match(simple)
        if m and m.group("er") in ("newer", "older"):
            return Parse("select", control="newest" if m.group("er") == "newer" else "oldest")
        base = self.references.vocab.comparative(m.group("er")) if m and m.group("er") else None
        if m and (base or m.group("dir")):  # "the funnier one" = the funniest of the list
            return self._attribute_pick(-1 if m.group("dir") == "less" else 1, base or m.group("p"))
        m = cw.SUPERLATIVE.match(simple)
        if m:
            # "the shortest one", "the one with Tom Hanks": what the catalog cannot judge
            limit, _ = read_limits(simple, original or simple, self._names_tag)
            return Parse("cannot_judge", limit=limit) if limit else self._degree_pick(m)
        m = cw.ADJECTIVE_PICK.match(simple) if shown else None
        words = set(tokenize(m.group("p"))) if m else set()
        if m and not words & (cw.NOT_DESCRIPTION | set(lx.ORDINALS)) and self.read_attribute(m.group("p"))[0]:
            return self._attribute_pick(1, m.group("p"))  # only an attribute a tag names: no guess
        return None

    def _degree_pick(self, m: re.Match) -> Parse | None:
        if m.group("amount"):
            alpha, phrase = (-1 if m.group("amount") in cw.LESS_AMOUNT else 1), m.group("p1")
        elif m.group("most"):
            alpha, phrase = (1 if m.group("most") == "most" else -1), m.group("p2")
        elif m.group("p3"):  # "the one with the car chases": the most of it on the list
            alpha, phrase = 1, m.group("p3")
        else:
            word = m.group("est")
            if word in cw.NOT_ATTRIBUTE or len(word) < 5:
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
        if cw.UNDERSTOOD.match(simple):
            return Parse("explain", control="reading")  # what the bot made of the request
        m = cw.WHY.match(simple)
        if m is not None:
            said = (m.group("t") or "").strip()
            if not said or re.fullmatch(cw.IT + r"|(?:that|this) (?:movie|film|pick|choice)|them|these|those", said):
                return Parse("explain")
            target = self._item(said, shown, catalog=False)
            if target is not None:
                return replace_intent(target, "explain")
        loose = cw.WHY_ANYWHERE.match(simple)
        if loose is not None and cw.WHY_IT.match(loose.group("rest")) and re.search(
                r"\b(?:what makes|why|how(?: is|'s) th(?:at|is))\b", simple):
            return Parse("explain")  # "what makes it more romantic than Harold and Maude?", "how is that less scary?"
        named = cw.NAMED_POSITION.search(loose.group("rest")) if loose else None
        target = self._item(named.group(0), shown, catalog=False) if named else None
        return None if target is None or target.index is None else replace_intent(target, "explain")

    def _about(self, simple: str, shown: Shown, original: str) -> Parse | None:
        m = cw.ABOUT.match(simple)
        # "is #2 scary?": its estimated degree, no walk; "how old is #4?" asks its year, not "old"
        asked = None if m is not None and m.group("t6") else (
            cw.IS_ATTRIBUTE.match(simple) or cw.HOW_ATTRIBUTE.match(simple) or cw.PICKED_THEN_IS.match(simple))
        target = self._item(asked.group("t"), shown, catalog=False) if asked else None
        if target is not None and read_limits(asked.group("p"), original, self._names_tag)[0]:
            target = None  # "is it rated r?", "is it in french?": what the catalog cannot judge
        critiques = self.read_attribute(asked.group("p"))[0] if target is not None else ()
        if critiques and (target.index is not None or target.intent == "select"):
            return replace(replace_intent(target, "about"), critiques=critiques[:1])
        if target is not None and target.index is not None and asked.re is cw.PICKED_THEN_IS:
            return replace_intent(target, "about")  # "the second one, is it any good?"
        if m is None and original.rstrip().endswith("?"):
            m = cw.WHAT_POSITION.match(simple)  # "what's number 1?" asks; "what's the second one" picks
        if m is None:
            return None
        groups = m.groupdict()
        said = next((groups[g] for g in ("t", "t2", "t3", "t4", "t5", "t6") if groups.get(g)), "").strip()
        said = re.sub(r"\s+(?:please|then)$", "", said)
        if re.fullmatch(cw.IT + r"|(?:this|that|the) (?:movie|film)", said):
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
        said = _ITEM_NOUN.sub(" one", said)  # "the first suggestion" is "the first one"
        if re.fullmatch(cw.IT, said):
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


# Discourse words after a control add nothing to it: "what's #4 like then", "next, anyway".
_TRAILING = re.compile(r"(?:[\s,]+(?:then|though|anyway|anyways|exactly|by the way|btw))+$")
# A verdict after a pick: "... is fine actually", "... sounds good", "... would do".
_VERDICT = re.compile(r"\s+(?:(?:is|'s|would be|will be|sounds|looks|seems)\s+(?:(?:really|very|so|pretty|just|totally)\s+)?"
                      r"(?:fine|good|great|nice|ok|okay|perfect|cool|lovely|grand)|works|will do|would do)"
                      r"(?:\s+(?:actually|then|thanks|by me|for me|i guess|to me|to be honest))*$")
# Words that set the list aside for good ("seen all of these", "not interested in any of these"),
# unlike a passing dismissal ("none of these, what else?"), which only asks for more.
_SEEN = re.compile(r"\b(?:seen|watched|saw|know|knew|not interested|(?:don'?t|do not) want)\b")
# Nouns for a place on the list that the selection grammar reads as "one".
_ITEM_NOUN = re.compile(r"\s+(?:suggestion|recommendation|entry|rec|suggested (?:one|movie|film))$")


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
