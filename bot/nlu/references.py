"""Stage 3 of the parser: references to a catalog item and selections of a shown one.

"something like Toy Story", "I just watched Heat", "start from 123", a bare title -> reference;
"the third one", "#2", "the last one", a title of the sequence on screen -> select.
Titles are matched by the catalog's one resolver (`engine.retrieval.catalog.TitleResolver`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.nlu import everyday as ev
from bot.nlu import lexicon as lx
from bot.nlu.chitchat import small_talk
from bot.nlu.text import dictionary_word, norm_phrase, tokenize
from bot.nlu.title_spans import (ANAPHORA, FAMOUS_SHARE, KNOWN_SHARE, REFERS_BACK, adds_words, aka_fragment, came_after,
                                  dated, famous, goes_on, interjections_only, knows_before, most_watched, request_part,
                                  seen_famous, short_after_seeing, split_after_title, start_cue, title_case, two_titles)
from bot.nlu.reference_patterns import MIX_CUE, MIX_OF, REFERENCE, SAME_AS, SELECT, TRAILING_FILLER, VERB, VERDICT
from bot.nlu.vocabulary import TagVocabulary
from bot.types import Parse
from engine.retrieval.catalog import PREFIX_RATIO, TitleMatch, TitleResolver
from engine.retrieval.title_forms import form_key
from engine.retrieval.series import by_watched, outshone_by_series

__all__ = ["ReferenceReader", "Shown"]

Shown = Sequence[tuple[int, str]]  # (item id, title) of the sequence on screen, in order


@dataclass(frozen=True)
class ExplicitReference:
    parse: Parse
    strict: bool  # the pattern was a weak one ("I'll take X"): X on screen means a selection
    rest: str = ""  # words after the title ("... but funnier"): a critique of it


# Words that point at the list or the conversation ("the others", "them", "it", "more"): never
# a title unless typed as one, in Title Case ("The Others", "Them!").
# When the film was seen, said right after its title and before the request ("saw X last week, ...").
_SAID_WHEN = re.compile(r"\s+(?:last night|yesterday|last (?:week|weekend|month|year)|the other (?:day|night)|recently|"
                        r"a lot|so much|on repeat|over and over|nonstop|lately|again|"
                        r"(?:a while|years|ages|a week|a few days) (?:ago|back))(?=\s*(?:[,;.!?]|$|\bbut\b|\band\b))")
# The relative pronoun that opens a critique after a title ("like Fargo which is less violent").
_RELATIVE = re.compile(r"^(?:that|which)(?:'s|'re|\s+(?:are|is|were|was))\s+")
# "a Marathon Man-type thriller", "Wes Anderson-style", "Lynch-esque": the film before the suffix is the point of comparison.
_STYLED = re.compile(r"^(.+?)-(?:type|style|styled|esque|like|inspired|ish)([,.;!?]*)$")
_LIST_WORDS = re.compile(r"^(?:the\s+)?(?:it|this|that|them|they|those|these|others?|other ones?|ones?|the one|all|"
                         r"(?:all|most|some|half|a few|several|many|any|each|every one) of (?:these|those|them)|both|"
                         r"more|next|same|rest|(?:this|that|the) one|(?:these|those) ones?|"
                         # "I want to watch a movie": any film, never "... 3000: The Movie"
                         r"(?:a|an|some|any|good|great|nice|new)?\s*(?:good\s+)?(?:movies?|films?|flicks?)"
                         r"(?:\s+(?:tonight|now|please|to watch))?)$")


class ReferenceReader:
    """References and selections over one catalog."""

    def __init__(self, resolver: TitleResolver, vocab: TagVocabulary):
        self.titles = resolver
        self.vocab = vocab  # "more like a western" is a critique, not a title
        self.typed = ""  # the utterance as typed (capitals), set by the parser per utterance

    def anywhere(self, simple: str, *, closed: bool = False) -> tuple[Parse, str] | None:
        """A title inside a longer sentence ("my wife loved Notting Hill, anything funnier?"):
        the longest run of words that is a catalog title, typed in Title Case or right after a
        word that names a film one knows ("loved", "like", "watched"); returns the reference and
        the words around it that may hold critiques (anaphora such as "like that" dropped).
        `closed`: the title must end the sentence or a clause ("saw Heat yesterday and ..."), as
        after "watched" a title the catalog lacks is more likely than one inside a sentence."""
        if self.titles.resolve(simple, allow_id=False) is not None:
            return None  # "Magnificent Seven" is one title, not "Seven" inside a sentence
        words, refers_back = simple.split(), REFERS_BACK.search(simple) is not None
        styled = {k for k, w in enumerate(words) if _STYLED.match(w)}  # "Marathon Man-type thrillers"
        words = [_STYLED.sub(r"\1\2", w) for w in words]
        for n in range(min(len(words) - 1, 8), 0, -1):  # a whole-utterance title is read elsewhere
            for i in range(len(words) - n + 1):
                span = " ".join(words[i:i + n]).strip(" ,.;!?")
                after_verb = knows_before(words, i)
                known = after_verb or i + n - 1 in styled
                back = start_cue(words, i, n, self._asks)  # "eurotrip cracked us up, anything sillier?"
                cued = known or back is not None
                if not span or not (cued or refers_back or title_case(span, self.typed)) or self._list_word(span) or any(
                        k in styled for k in range(i, i + n - 1)):
                    continue
                if i + n - 1 not in styled and goes_on(words, i + n, self.typed, closed) or (
                        not known and came_after(words, i, self.typed)):
                    continue  # "Top Gun Maverick", "Frozen 2": a longer title the catalog lacks
                if (self.vocab.names_a_tag(span) and not (known and title_case(span, self.typed))
                        and not seen_famous(words, i, span, self.titles)
                        and not (back is not None and (n >= 3 or n == 1 and not self.vocab.is_english(span)))) or (
                        n == 1 and (not cued and len(span) < 4 or not known and span in self.vocab.grammar)):  # "we watched Alien and ...": the film
                    continue
                found = self.titles.leader(self.titles.exact(span)) or short_after_seeing(words, i, span, self.titles)
                if found is None or not (cued or title_case(span, self.typed)) and not most_watched(
                        self.titles, found, FAMOUS_SHARE if n == 1 else KNOWN_SHARE):
                    continue  # "fell asleep during blade runner, anything like it?": a well-known film
                before, after = " ".join(words[:i - (1 if after_verb else 0)]), " ".join(words[i + n:])
                if back is not None:
                    after = after[back:]
                after = request_part(after, self._asks)  # what they said of it before asking: no critique
                keep = before if self._asks(before) else ""
                rest = ANAPHORA.sub(" ", f"{keep} {after}")
                return self._named(found, span), " ".join(rest.split()).strip(" ,.;!?")
        return None

    def dated(self, simple: str) -> str | None:
        """The utterance with a title and a year that picks a namesake ("titanic (1953)"), else None."""
        return dated(simple, self.titles, lambda head: self._list_word(head) or self.vocab.names_a_tag(head))

    def _typed_or_famous(self, span: str, original: str) -> bool:
        return title_case(span, original) or famous(self.titles, span)

    def _asks(self, words: str) -> bool:  # a polarity word: "less", "funnier", "too", "not"
        return any(w in lx.MORE_WORDS or w in lx.LESS_WORDS or w in ("too", "not", "without")
                   or self.vocab.comparative(w) for w in tokenize(words))

    def _list_word(self, query: str) -> bool:
        """"the others", "it", "them" in lower case: the list or the current item, not a title."""
        key = " ".join(tokenize(query))
        return bool(_LIST_WORDS.match(key)) and not title_case(key, self.typed)

    def explicit(self, simple: str, original: str = "") -> ExplicitReference | None:
        """A reference by pattern ("something like X", "I watched X", "start from 123").

        `original` is the cleaned text with its capitals: "something like Star Wars" names a
        title even though "wars" is a war cue."""
        for pattern, strict in REFERENCE:
            m = pattern.match(simple)
            if not m:
                continue
            query = TRAILING_FILLER.sub("", m.group("t")).strip(" \"'")
            mixed = bool(MIX_CUE.search(simple[:m.start("t")]) or MIX_OF.match(query))
            query = re.sub(r"^(?:the (?:movie|film)|(?:movie|film)|item|id)\s+", "", MIX_OF.sub("", query))
            bare = _SAID_WHEN.sub("", query)  # "watched Gross Pointe Blank yesterday, ...": no title word
            if bare != query and not self.titles.exact(split_after_title(query, self.titles)[0]):
                query = bare
            numbered = not re.match(r"(?:movie |item )?id\b|item\b", simple)  # "item 2001" is an id
            if re.match(r"(?:that|it|this|those|these)\b", query) or self._list_word(query):
                continue  # "something like that": the title is elsewhere in the sentence
            parts = split_after_title(query, self.titles)  # [title, what follows], once per query
            head = parts[0]
            titled = self.titles.exact(query) or (self.titles.exact(head) and not self.vocab.names_a_tag(head))
            if not query or (not titled and self.vocab.names_a_tag(query)):
                continue  # "more like a western", "I like horror": a critique ("like Up but not so sad": Up)
            if (not query.isdigit() or strict) and SELECT.match(query):
                # "more like the first one", "I'll go with 2": the selection step reads it (a
                # number beyond the list on screen is still read there as a catalog id).
                return None
            both = two_titles(self.titles, query)  # "something like Heat and Collateral": films near both
            if both is not None and (first := self._named(both[0], both[2])).item_id is not None:
                rest = request_part(_RELATIVE.sub("", both[3].strip()), self._asks) if both[3] else ""
                return ExplicitReference(replace(first, item_ids=(both[0].item_id, both[1].item_id)), strict, rest)
            if mixed:
                continue  # "a blend of romance and action": what to mix, not films
            found, rest = self._resolve(query, allow_id=True, strict=True, numbered=numbered), ""
            if found is None:
                # "something like Heat but funnier": the title is the part before the critique.
                if len(parts) == 2 and SELECT.match(parts[0]):
                    return None  # "I liked the 2nd one, less violence": a compound pick
                if len(parts) == 2 and parts[0]:
                    found = self._resolve(parts[0], allow_id=True, strict=True, numbered=numbered)
                    if found is not None and self.vocab.names_a_tag(parts[0]) and not self._typed_or_famous(parts[0], original):
                        found = None  # "we just watched dark and want ...": a word, unless "Dark" or a famous film
                    rest = request_part(_RELATIVE.sub("", query[len(parts[0]):].strip()), self._asks) if found is not None else ""
            if found is None and not strict:
                inside = self.anywhere(simple, closed=True)  # "saw Silence of the Lambs yesterday and ..."
                if inside is not None:
                    return ExplicitReference(inside[0], strict, inside[1])
                found = self._loose(query, original, head)
                if found is not None and (found.unknown_title or found.candidates or found.namesakes) and len(parts) == 2:
                    # "like Heat but funnier", "like Star Wars but funnier": kept for the film picked
                    rest = _RELATIVE.sub("", query[len(parts[0]):].strip())
            elif found is None and 0 < len(words := tokenize(query)) <= 3 and not any(map(self.vocab.is_english, words)):
                found = self._loose(query, original, query) if self.vocab.unknown_words(words) == words else None  # "what about oppenheimer?"
            if found is not None:
                return ExplicitReference(found, strict, rest)
        return None

    def _loose(self, query: str, original: str, head: str) -> Parse | None:
        """After "like" / "watched" with no exact title: a partial title ("star wars": the
        candidates), or a title the catalog lacks ("something like Heat": a reference with no
        item, the closest titles as candidates); None when the words describe movies instead
        ("like a spooky mansion"), unless typed in Title Case."""
        head = head.strip()  # the words before the critique (split_after_title)
        words = [t for t in tokenize(head) if t not in lx.FILLER_WORDS]
        if not words or len(words) > 8 or self.vocab.names_a_tag(head):
            return None
        if self.vocab.describes_movies(head) and not title_case(head, original):
            # "like the dark knight" names: a word no lexicon phrase has, no indefinite article.
            if re.match(r"(?:a|an|some)\s", head) or not self.vocab.unknown_words(words):
                return None
        found = self._resolve(query, allow_id=True, strict=False)
        if found is not None and found.item_id is not None:
            return found
        several = self.titles.series(head)
        if len(several) > 1:  # "like indiana jones": the series' most watched film
            return self._series(several)
        offered = found.candidates if found is not None else tuple(
            m.title for m in self.titles.candidates(head))
        return Parse("reference", unknown_title=head, candidates=offered)

    def selection(self, simple: str, shown: Shown) -> Parse | None:
        """An ordinal/number ("the third one", "#2") or a title of the sequence on screen."""
        m = SELECT.match(simple)
        if m:
            return self._numbered(m, shown)
        if not shown:
            return None
        query = VERB.sub("", simple)
        query = re.sub(r"^(?:the one called|the one named)\s+", "", query)
        query = re.sub(r"\s+" + VERDICT + "$", "", query)  # "Heat sounds good"
        on_screen = TitleResolver([str(t) for _, t in shown], [int(i) for i, _ in shown])
        found = on_screen.resolve(query, allow_id=False)
        if found is None:
            return None
        return Parse("select", index=found.row + 1, item_id=found.item_id, title=found.title)

    def starting_point(self, head: str, shown: Shown) -> Parse | None:
        """The item a compound request starts from: "the second one", a shown or catalog title.

        A title that is also a lexicon cue ("Alien") counts only when typed exactly; a tag's own
        name ("Action") never does. "same as #2", "more like the 3rd": the item itself."""
        head = SAME_AS.sub("", head) or head
        m = SELECT.match(head)
        if m:
            return self._numbered(m, shown)
        if norm_phrase(head) in self.vocab.exact_names or head in ev.MOVIE_WORDS or interjections_only(head):
            return None  # "something without so much swearing", "ha, now ...": a request, no title
        picked = self.selection(head, shown)
        if picked is not None:
            return Parse("reference", item_id=picked.item_id, title=picked.title)
        if self._list_word(head):
            return None
        equal = self.titles.exact(head)
        chosen = self.titles.leader([m for m in equal if not aka_fragment(head, m, self.vocab.is_english)])
        if chosen is not None:
            return self._named(chosen, head)
        if equal or self.vocab.names_a_tag(head):
            return None
        found = self.bare_title(head)
        return found if found is not None and found.item_id is not None else None

    def unknown_start(self, head: str, original: str) -> Parse | None:
        """A title the catalog lacks before a critique ("Fargo, just less violent", "Die Hard but
        less violent"): a reference with no item, the closest titles as candidates.

        People type titles in Title Case and attributes in lower case; a capitalised head is a
        name unless it is an attribute's own name ("Scary, but less gory"), a plural cue
        ("Explosions, but ..."), a movie word or has a polarity word. A head in lower case counts
        only when no word of it is English or lexicon ("shrek, but for grown ups")."""
        words = tokenize(head)
        if not words or len(words) > 6 or re.search(r"\d", head):
            return None
        if any(w in lx.MORE_WORDS or w in lx.LESS_WORDS or w in ev.MOVIE_WORDS or self.vocab.comparative(w)
               for w in words):
            return None
        phrase = norm_phrase(head)
        if phrase in self.vocab.exact_names or phrase in _CONCEPT_NAMES or small_talk(head) or interjections_only(head):
            return None
        if all(w in self.vocab.grammar or w.endswith("ly") for w in words):
            return None  # "Honestly, less violent", "So, ..." : no name at all
        if len(words) == 1 and words[0].endswith("s") and words[0] in self.vocab.entries:
            return None  # "Explosions, but ...": a plural cue describes ("Jaws" still names)
        if not title_case(head, original) and (
                self.vocab.unknown_words(words) != words or any(self.vocab.is_english(w) for w in words)):
            return None
        return Parse("reference", unknown_title=head,
                     candidates=tuple(m.title for m in self.titles.candidates(head)))

    def bare_title(self, simple: str) -> Parse | None:
        """A whole utterance that is a catalog title (or a catalog id)."""
        if re.fullmatch(r"\d+", simple):
            # "2046" alone: the film of that name before the catalog id 2046 (whose title is another)
            # "2001" alone: "2001: A Space Odyssey", as after "something like", before catalog id 2001
            named = self.titles.named_by_number(simple, whole=True) or self.titles.named_by_number(simple)
            found = named or self.titles.by_id(int(simple))
            if found is not None:
                return self._named(found, simple) if named else _reference(found)
        query = re.sub(r"^(?:the (?:movie|film)|watch|play)\s+", "", simple)
        if all(w in self.vocab.grammar for w in tokenize(query)):
            return self.exact_title(query)  # "her" is the film; "nothing", "no way" start titles but are words
        found = self._resolve(query, allow_id=False, strict=True)
        if found is None and not self.vocab.names_a_tag(query):
            several = self.titles.series(query)  # "harry potter": the most watched of them
            if len(several) > 1:
                return self._series(several)
            found = self._ending(query) or self._short_form(query)
        return found

    def _short_form(self, query: str) -> Parse | None:
        """A whole line that is a title a person typed short or a letter off: the first word of a
        long title ("Borat"), its initials as the title writes them ("ET": "E.T. the ..."), a typo
        of its main name ("spirted away", "gatacca"). Never a polarity word, a tag, an English
        word alone or a list word; initials only as typed in capitals."""
        query = query.strip(" ,.;:!?")
        words = [w for w in tokenize(query) if any(c.isalnum() for c in w)]
        if not words or len(words) > 6 or self._list_word(query) or self._asks(query) or self.vocab.names_a_tag(query):
            return None
        english = [w for w in words if self.vocab.is_english(w) or dictionary_word(w)]
        if len(words) == 1 or "." in query and len(form_key(query).split()) == 1:  # "e.t."
            dotted, query, words = "." in query, form_key(query), form_key(query).split()
            typed = 2 <= len(query) <= 4 and (dotted or re.search(rf"\b{query.upper()}\b", self.typed) is not None)
            if english == words and not typed:
                return None  # "night", "et", "away": words first
            first = self.titles.leader(self.titles.beginnings(query), ratio=PREFIX_RATIO) \
                if typed or len(query) >= 4 else None
            if first is not None:
                return self._named(first, query)
        if len(english) == len(words) and len(words) < 3:
            return None  # "great movie", "sounds good": two English words are words
        found = self.titles.typo(query)
        return self._named(found, query) if found is not None else None

    def _ending(self, query: str) -> Parse | None:
        """The last words of one title, said alone ("Thunderdome", "mr fox"): that film when they
        are distinctive (several words, or one of 5 letters or more that no English dictionary has) and
        one title is clearly the most watched of those they end (twice the next)."""
        words = tokenize(query)
        if not words or len(words) > 4 or any(w in lx.MORE_WORDS or w in lx.LESS_WORDS for w in words):
            return None
        content = [w for w in words if w not in self.vocab.grammar]
        if len(content) == 1 and (len(content[0]) < 5 or self.vocab.is_english(content[0]) or dictionary_word(content[0])):
            return None  # "fox", "otter", "the end": words first, and the ends of many titles
        if not content:
            return None
        found = self.titles.leader(self.titles.endings(query), ratio=PREFIX_RATIO)
        return self._named(found, query) if found is not None else None

    def exact_title(self, text: str) -> Parse | None:
        if self._list_word(text):
            return None
        equal = self.titles.exact(text)
        return self._from_matches(equal, text) if equal else None

    def _named(self, match: TitleMatch, query: str) -> Parse:
        """A reference; its namesakes ride along, so the bot can name them. Words that name one
        film exactly but a far more watched series too ("The Lord of the Rings"): the series."""
        if series := outshone_by_series(self.titles, match.row, query):
            return self._series(series, also=(match.title,))
        others = tuple(m.title for m in self.titles.namesakes(match.row, query)[:3])
        return Parse("reference", item_id=match.item_id, title=match.title, namesakes=others)

    def _series(self, several: list[TitleMatch], also: tuple[str, ...] = ()) -> Parse:
        """"star wars": the series' most watched film, the others named to switch to ("the 1980 one")."""
        first, *others = by_watched(self.titles, several)
        return Parse("reference", item_id=first.item_id, title=first.title, namesakes=(*(m.title for m in others[:3]), *also))

    def _from_matches(self, matches: list[TitleMatch], query: str) -> Parse:
        chosen = self.titles.leader(matches)
        if chosen is not None:
            return self._named(chosen, query)
        return Parse("reference", candidates=tuple(m.title for m in matches[:5]))

    def _numbered(self, m: re.Match, shown: Shown) -> Parse | None:
        if m.group("ord"):
            return Parse("select", index=lx.ORDINALS[m.group("ord")])
        if m.group("num") in lx.CARDINALS:
            return Parse("select", index=lx.CARDINALS[m.group("num")])
        if m.group("nth"):
            return Parse("select", index=int(m.group("nth")))
        index = int(m.group("num") or m.group("bare"))
        if m.group("bare") and index > len(shown):
            # "300" with ten items on screen or none: the film of that name, before a catalog id
            # ("2571" with three items on screen), which only a list on screen makes a number
            named = self.titles.named_by_number(m.group("bare"), whole=True)
            found = named or (self.titles.by_id(index) if shown else None)
            if found is not None:
                return self._named(found, m.group("bare")) if named else _reference(found)
        return None if index == 0 else Parse("select", index=index)

    def _resolve(self, query: str, *, allow_id: bool, strict: bool, numbered: bool = False) -> Parse | None:
        """Id, exact, normalised, fuzzy; ambiguous -> reference with candidates; loose unless `strict`."""
        if self._list_word(query):
            return None
        found = self.titles.resolve(query, allow_id=allow_id, numbered=numbered)
        if found is not None:
            return self._named(found, query)
        equal = self.titles.exact(query)
        if len(equal) > 1:
            return self._from_matches(equal, query)
        if strict:
            return None
        loose = self.titles.candidates(query)
        if not loose:
            return None
        if (len(loose) == 1 and loose[0].score >= self.titles.partial_accept
                and not adds_words(query, loose[0])):
            return _reference(loose[0])
        return Parse("reference", candidates=tuple(m.title for m in loose[:5]))

_CONCEPT_NAMES = frozenset(norm_phrase(n) for c in lx.CONCEPTS.values() for n in c.names)

def _reference(match: TitleMatch) -> Parse:
    return Parse("reference", item_id=match.item_id, title=match.title)


