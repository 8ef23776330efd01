"""Titles the data holds but the trained model lacks (engine.retrieval.outside): the last look
at a parse, so that the bot can say so plainly.

* a reference to a film whose namesake the model dropped ("the shining" = the 1980 film; "The
  Shining (1997)" has too few ratings): the namesake rides along in `Parse.outside`;
* a title the model lacks but the data holds ("something like 1941"): a reference with no item
  that names it, never catalog item id 1941 and never "not in this catalog";
* a title nothing holds stays "not in this catalog".
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.types import Parse
from engine.retrieval.catalog import TitleResolver, normalize_title, release_year

__all__ = ["OutsideTitles"]

_ARTICLE = re.compile(r"^(?:the|a|an) ")
# Words after which a title starts ("like Cube", "watched Cube").
_CUES = frozenset("like to as watched saw seen loved liked enjoyed about from with".split())
# "like 1941", "watched 1941": a bare number said where a title goes (not "item 1941", "id 1941").
_NUMBER_AS_TITLE = re.compile(r"(?<!\bitem )(?<!\bid )(?<!\bitem id )(?<!\bmovie id )(?<!#)\b(?P<n>\d{1,4})\s*[.!?]*$")


class OutsideTitles:
    """Adds what the data knows beyond the model to a parse (a no-op without the list)."""

    def __init__(self, outside: TitleResolver | None, catalog: TitleResolver):
        self.outside = outside
        self.catalog = catalog

    def review(self, parse: Parse, simple: str) -> Parse:
        if parse.intent != "reference":
            return parse
        if self.outside is None:  # no list: still no year-like number taken for a catalog id
            return self._number_not_id(parse, simple) or parse
        if parse.item_id is not None:
            instead = self._number_not_id(parse, simple) or self._exact_outside(parse, simple)
            return instead if instead is not None else self._with_namesakes(parse, simple)
        if parse.unknown_title:
            found = self._find(parse.unknown_title)
            return replace(parse, outside=(found,)) if found else parse
        return parse

    def bare(self, simple: str, typed_as_title: bool) -> Parse | None:
        """A whole utterance that is the full title of a film the data holds and the model lacks
        ("Coach Carter"; a typo of it typed in Title Case): a reference with no item that names
        it, so the bot says it has too few ratings instead of "I did not understand". The whole
        title, typed in Title Case or of three words or more: "the fourth" (The Fourth Protocol),
        "what time is it" (What Time Is It There?) or "lol" stay what they were."""
        words = normalize_title(simple).split()
        if self.outside is None or not words or not (typed_as_title or len(words) >= 3):
            return None
        found = self.outside.leader(self.outside.exact(simple))
        if found is None and typed_as_title:
            found = self.outside.resolve(simple, allow_id=False)
            found = found if found is not None and found.how == "fuzzy" else None
        if found is None:
            return None
        offered = tuple(m.title for m in self.catalog.candidates(simple))
        return Parse("reference", unknown_title=simple, outside=(found.title,), candidates=offered)

    def whole(self, simple: str) -> Parse | None:
        """A whole line that is exactly the title of a film the data holds and the model lacks,
        in any case ("funny people", "Heartbreakers"): that film, not a critique of its words.
        The caller judges whether the words are a request instead (a polarity word, a tag)."""
        if self.outside is None or not normalize_title(simple):
            return None
        found = self.outside.leader(self.outside.exact(simple))
        if found is None or found.how != "normalized" and found.how != "exact":
            return None
        offered = tuple(m.title for m in self.catalog.candidates(simple))
        return Parse("reference", unknown_title=simple, outside=(found.title,), candidates=offered)

    def _find(self, said: str) -> str | None:
        """The outside title the words name: exact (most rated of namesakes), else a close typo."""
        exact = self.outside.exact(said)
        if exact:
            return exact[0].title
        found = self.outside.resolve(said, allow_id=False, numbered=said.strip().isdigit())
        return found.title if found is not None else None

    def _number_not_id(self, parse: Parse, simple: str) -> Parse | None:
        """"something like 1941" read as catalog id 1941 while the film "1941" is only in the data."""
        m = _NUMBER_AS_TITLE.search(simple)
        if m is None or parse.item_id != int(m.group("n")) or re.search(r"\b(?:item|id)\b", simple):
            return None
        number = m.group("n")
        if self.catalog.named_by_number(number) is not None:
            return None
        named = self.outside.named_by_number(number) if self.outside is not None else None
        if named is None and not 1900 <= int(number) <= 2030:
            return None  # "like 2571": a catalog id; "like 1941" reads as a title or a year first
        return Parse("reference", unknown_title=number, outside=(named.title,) if named else ())

    def _exact_outside(self, parse: Parse, simple: str) -> Parse | None:
        """"something like cube": "Cube Zero" by its first word, while the data holds "Cube"
        itself: a title said exactly names that film before a loose match names another."""
        words = normalize_title(simple).split()
        if " ".join(words).endswith(_ARTICLE.sub("", normalize_title(parse.title or ""))):
            return None  # the words end with the model's title: no loose match
        for k in range(1, min(len(words), 8) + 1):
            if k < len(words) and words[-k - 1] not in _CUES:
                continue
            found = self.outside.exact(" ".join(words[-k:]))
            if found and normalize_title(found[0].title).endswith(_ARTICLE.sub("", " ".join(words[-k:]))):
                return Parse("reference", unknown_title=" ".join(words[-k:]), outside=(found[0].title,),
                             candidates=(parse.title,) if parse.title else ())
        return None

    def _with_namesakes(self, parse: Parse, simple: str) -> Parse:
        """Outside films of the same name as the one taken, unless the words gave its year."""
        title = parse.title or ""
        year = release_year(title)
        if year is not None and str(year) in simple:
            return parse
        said = set(normalize_title(simple).split())
        others = tuple(m.title for m in self.outside.exact(normalize_title(title))[:2]
                       if set(_ARTICLE.sub("", normalize_title(m.title)).split()) <= said)  # not "item 1941"
        return replace(parse, outside=others) if others else parse
