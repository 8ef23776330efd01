"""Turn one user utterance into a structured :class:`bot.types.Parse`.

A short pipeline of stages in `bot.nlu` (docs/parser.md has the details and the limits):

1. clean (`text.clean_utterance`): NFKC, control characters and emoji dropped, cut at
   ``MAX_CHARS``; empty text, non-Latin scripts and SQL/HTML fragments are out of scope;
2. commands (`commands`): polite wrappers off, then undo / restart / help / bye;
3. references and selections (`references`, titles by `engine.retrieval.catalog.TitleResolver`);
4. clause split, 5. polarity and strength (`clauses`), 6. grounding to a tag (`vocabulary`,
   `grounding`), composed by `critiques.read_critiques`; a start and its critiques in one
   utterance ("Heat, just less violent") by `compounds`;
7. a bare title is a reference; anything else is out of scope.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from bot.nlu import lexicon as lx
from bot.nlu.chitchat import looks_like_chitchat, other_domain, said_first, small_talk, without_said_after
from bot.nlu.commands import read_command, simplify
from bot.nlu.compounds import CompoundReader
from bot.nlu.control_words import read_adjustment
from bot.nlu.critiques import Reading, read_critiques
from bot.nlu.described import read_description
from bot.nlu.grounding import ENCODER_ID, Encoder, Grounding, TagGrounder
from bot.nlu.list_controls import ListControlReader
from bot.nlu.limits import read_limits, read_way
from bot.nlu.outside import OutsideTitles
from bot.nlu.renown import named_fact, read_renown
from bot.nlu.reference_patterns import select_pattern, without_similar_request
from bot.nlu.references import ReferenceReader, Shown
from bot.nlu.title_spans import (FAMOUS_SHARE, KNOWN_SHARE, aka_fragment, interjections_only, most_watched, title_case,
                                  title_cut_first, title_cut_short)
from bot.nlu.text import MAX_CHARS, clean_utterance, dictionary_word, norm_phrase, readable, strip_markup, tokenize
from bot.nlu.time import read_years
from bot.nlu.vocabulary import TagVocabulary
from bot.types import Parse
from engine.retrieval.catalog import TitleResolver, normalize_title
from engine.text.normalise import fold

if TYPE_CHECKING:  # pragma: no cover
    from engine.retrieval.retriever import Retriever

__all__ = ["Parser", "ParserConfig", "MAX_CHARS"]

# A question about a fact of a film ("who stars in #3", "how long is Heat", "what language is it in").
_ASKS_FACT = re.compile(r"^(?:who|how long|how much|what language|which language|in what language)\b")
_LIKE_SHOWN = re.compile(r"(?:^|\s)(?:like|similar to) (.+)$")


@dataclass(frozen=True)
class ParserConfig:
    """Thresholds of the grounding and title steps, chosen on the labelled set's dev split."""

    accept: float = Grounding.accept  # cosine needed to ground a clause with a polarity cue
    accept_bare: float = Grounding.accept_bare  # ... and one without any cue ("space battles")
    tie_margin: float = Grounding.tie_margin  # top two tags closer than this: ask which one
    suggest: int = Grounding.suggest  # closest tags suggested when nothing is close
    title_accept: float = 88.0  # rapidfuzz ratio for a fuzzy title to count as a match
    title_margin: float = 4.0  # ... and its lead over the next distinct title
    title_candidates: float = 80.0  # WRatio for a title to be offered as a candidate
    max_chars: int = MAX_CHARS

    @property
    def grounding(self) -> Grounding:
        return Grounding(self.accept, self.accept_bare, self.tie_margin, self.suggest)


class Parser:
    """Text -> Parse for one catalog (its tags and titles). Build once, call `parse` per turn."""

    def __init__(
        self,
        tags: Sequence[str],
        titles: Sequence[str],
        item_ids: Sequence[int],
        *,
        popularity: Sequence[int] | None = None,
        tag_vectors_cache: Path | None = None,
        config: ParserConfig | None = None,
        encoder: Encoder | None = None,
        outside: TitleResolver | None = None,
        watched: Sequence[int] | None = None,
    ):
        self.config = config or ParserConfig()
        c = self.config
        self.titles = TitleResolver(titles, item_ids, popularity, accept=c.title_accept, margin=c.title_margin,
                                    candidate_score=c.title_candidates, watched=watched)
        self.vocab = TagVocabulary(tags)
        encoder_id = ENCODER_ID
        if encoder is None:
            from engine.text.minilm import encode as encoder
        else:  # a cache written by another encoder must not be reused
            encoder_id = getattr(encoder, "encoder_id", f"{ENCODER_ID}+{encoder!r}")
        self.grounder = TagGrounder(self.vocab, encoder, cache=tag_vectors_cache,
                                    config=c.grounding, encoder_id=encoder_id)
        self.references = ReferenceReader(self.titles, self.vocab)
        self.outside = OutsideTitles(outside, self.titles)  # films the data has and the model lacks
        self.compounds = CompoundReader(self.references, self.titles, self.vocab, self.grounder)
        self.controls = ListControlReader(self.references, self._read_attribute, self.vocab.tags, self._names_tag)

    @classmethod
    def from_retriever(cls, retriever: "Retriever", **kw) -> "Parser":
        """A parser for a trained model's catalog (tags, titles, ids and popularity), and the
        titles its data holds beyond the model (engine.retrieval.outside) where they are known."""
        from engine.retrieval.outside import load_outside_titles

        folder = getattr(retriever, "model_dir", None)
        kw.setdefault("popularity", retriever.popularity)
        # "the most watched" namesake counts every rating, where the retriever knows them
        # (engine.models.checkpoint.load_retriever, engine.retrieval.cold.attach_cold_items)
        kw.setdefault("watched", getattr(retriever, "watched", None))
        kw.setdefault("outside", load_outside_titles(folder, retriever.model_id, known=retriever.item_ids))
        return cls(retriever.tags, retriever.titles, retriever.item_ids, **kw)

    @property
    def tags(self) -> tuple[str, ...]:
        return self.vocab.tags

    def parse(self, text: object, *, shown: Shown = ()) -> Parse:
        """Read one utterance. Never raises on user text; unknown input is `out_of_scope`."""
        cleaned = clean_utterance(text, self.config.max_chars)
        out_of_scope = Parse("out_of_scope", text=cleaned)
        if not readable(cleaned):
            return out_of_scope
        simple = self._whole_title(strip_markup(cleaned).strip())
        if not simple:
            return out_of_scope
        found = self._read(simple, shown, cleaned)
        if found is None:
            return out_of_scope
        way = read_way(found.limit, cleaned) if found.limit is not None else None
        return replace(self.outside.review(found, simple), text=cleaned, limit_way=way)

    # -- stages ------------------------------------------------------------------------------

    def _whole_title(self, text: str) -> str:
        """`simplify`'s text, or the whole line when it is exactly a title of two words or more
        that simplifying would cut ("Great Race" is no polite "great" + "race")."""
        simple = simplify(text)
        whole = " ".join(fold(text).split()).strip(" .!,;:\"'?")
        if not simple or whole == simple or len(whole.split()) < 2:
            return simple
        known = self.titles.exact(whole) or (self.outside.outside is not None and self.outside.outside.exact(whole))
        if known:
            return whole
        # "something like Apocalypse Now": the polite pass cut a title's last word ("now"), or
        # "cool hand luke was great": its first
        cut = title_cut_short(whole, simple, simplify, self._is_exact_title)
        return title_cut_first(whole, cut, self._is_exact_title)

    def _is_exact_title(self, words: str) -> bool:
        return bool(self.titles.exact(words))

    def _read(self, simple: str, shown: Shown, original: str) -> Parse | None:
        self.references.typed = original
        command = read_command(simple)
        if command is not None:
            return Parse(command)
        adjustment = read_adjustment(simple)
        if adjustment is not None:  # "the other way", "not that much": the last critique, changed
            return Parse("critique", control=adjustment)
        simple = self._without_asides(simple)
        control = self.controls.read(simple, shown, original)
        if control is not None:  # "more", "seen them all", "the funniest of these", "why?"
            return control
        chat = small_talk(simple, listed=bool(shown))
        if chat is not None:  # "hi", "thanks a lot": no request, but the bot answers in kind
            return Parse("out_of_scope", small_talk=chat)
        if interjections_only(simple):
            return None  # "ha", "wow": a reaction, never the film known as "Ha" by an a.k.a.
        simple = without_similar_request(simple)
        return self._constrained(simple, shown, original)

    def _without_asides(self, simple: str) -> str:
        """"ooh, show me more" -> "show me more", "sorry. groundhog day" -> "groundhog day": a
        reaction or an opener before a request adds nothing, unless a title starts there ("Oh, God!")."""
        trimmed = without_said_after(simple)  # "clue then, but newer", "less kissing lol"; "no more lol" stays
        simple = trimmed if trimmed and trimmed.split()[-1].strip(",.") not in self.vocab.grammar else simple
        start = said_first(simple)
        if not start or not simple[start:].strip(" ,.!?"):
            return simple
        words = simple.split()
        if any(m for n in range(1, min(len(words), 6) + 1) for m in self.titles.exact(" ".join(words[:n]))
               if not aka_fragment(" ".join(words[:n]), m, self.vocab.is_english)):
            return simple
        return simple[start:].strip()

    def _constrained(self, simple: str, shown: Shown, original: str) -> Parse | None:
        """Year phrases ("from the 90s") and requests the catalog cannot answer ("shorter", "with
        Tom Hanks") come out first; the rest is read as usual and carries them ("something
        like Heat from the 90s" is a reference with a year filter)."""
        exact = self.references.exact_title(simple)
        if exact is not None and not (self._only_years(simple) and len(normalize_title(exact.title or "").split()) < 2):
            return self._request(simple, shown, original)  # "That '70s Show" is a title
        simple = self.references.dated(simple) or simple  # "Titanic from 1953" names one film
        years, rest = read_years(simple)
        limit, rest = read_limits(rest, original, self._names_tag, self._names_films)
        if limit is not None and years is None and other_domain(simple):
            return None  # "set a timer for 10 minutes" is no running time
        if limit is not None and _ASKS_FACT.match(simple):
            return Parse("cannot_judge", limit=limit)  # "who stars in #3", "how long is Heat": no pick
        renown, rest = read_renown(rest)
        if years is None and limit is None and not renown:
            return self._request(simple, shown, original)
        found = self._request(rest, shown, original) if rest else None
        if renown and rest and (found is None or found.intent != "reference"):
            # "Twister but more acclaimed": the words left are the film, typed as a title
            whole = self.references.exact_title(rest)
            if whole is not None and whole.item_id is not None and title_case(rest, original):
                found = whole
        if found is not None and all(w in self.vocab.grammar for w in tokenize(rest)) and not _by_position(found):
            found = None  # "what about late sixties?", "not in english": no title "What About Bob?"
        ask = years.to_json() if years is not None else None
        if found is None or found.intent == "out_of_scope" or _nothing_read(found):
            if limit is not None:
                return Parse("cannot_judge", limit=limit, years=ask, critiques=renown)
            return Parse("critique", years=ask, critiques=renown)  # "from the 80s": the last answer, in those years
        return replace(_with_critiques(found, renown), years=ask, limit=limit)

    def _only_years(self, simple: str) -> bool:
        """A year phrase and nothing else ("made in 2001"): a filter, even where a one-word title
        of that year ("Made (2001)") makes the words a title too (longer titles stay titles)."""
        years, rest = read_years(simple)
        return years is not None and all(w in self.vocab.grammar for w in tokenize(rest))

    def _famous(self, simple: str, shown: Shown, original: str) -> bool:
        """A tag's name that is also a much-watched title, typed as a title with no list on screen
        ("Aliens" to start a conversation): the film; "aliens" or "Romance" (few watched Romance
        (1999)) stay critiques."""
        found = self.titles.leader(self.titles.exact(simple))
        return not shown and title_case(simple, original) and most_watched(self.titles, found, FAMOUS_SHARE)

    def _known_whole_title(self, simple: str) -> bool:
        """Two words or more that are exactly a well-known title (KNOWN_SHARE) and hold no plain
        "more" or "less": "dumb & dumber" typed in lower case is the film, not "less philosophical"."""
        if any(w in ("more", "less", "fewer") for w in tokenize(simple)):
            return False
        found = self.titles.leader(self.titles.exact(simple))  # "a scary movie" adds an article: words
        return most_watched(self.titles, found, KNOWN_SHARE) and not _article_added(simple, found.title)

    def _plain_words(self, simple: str, original: str, reading: Reading) -> bool:
        """Words that may be a whole title rather than an attribute: not a tag's or lexicon
        entry's name; one word only when no dictionary has it ("Heartbreakers"), or typed in
        Title Case without grounding well to a tag ("Twisted" stays an attribute)."""
        words = tokenize(simple)
        if not words or self._names_tag(simple) or norm_phrase(simple) in self.vocab.entries:
            return False
        if len(words) > 1 or not (self.vocab.is_english(words[0]) or dictionary_word(words[0])):
            return True
        return title_case(simple, original) and not (reading.critiques and reading.strong)

    def _names_films(self, phrase: str) -> bool:
        return bool(self.titles.exact(phrase) or self.titles.series(phrase))

    def _names_tag(self, phrase: str) -> bool:
        return self.vocab.names_a_tag(phrase) or norm_phrase(phrase) in self.vocab.exact_names

    def _request(self, simple: str, shown: Shown, original: str) -> Parse | None:
        reference = self.references.explicit(simple, original)
        if reference is not None and reference.parse.item_id is None:
            whole = self.references.exact_title(simple)  # "Like Water for Chocolate": no "like" + a title
            reference = reference if whole is None or whole.item_id is None else None
            if whole is not None and whole.item_id is not None:
                return whole
        if reference is not None:
            start = self._on_screen(reference.parse, shown) if reference.strict else reference.parse
            if start.unknown_title or (start.item_id is None and start.candidates):
                return self.compounds.waiting(start, reference.rest)  # the critiques wait for the film
            compound = self.compounds.with_critiques(start, reference.rest) if reference.rest else None
            return compound or start
        whole = self.references.exact_title(simple)  # "the good, the bad and the ugly": no "the good" + critiques
        if whole is not None and whole.item_id is not None and len(tokenize(simple)) >= 4:
            return self._on_screen(whole, shown)
        picked = self.references.selection(simple, shown) if select_pattern(simple) else None
        if picked is not None and whole is None:
            # "go with the second", "let's go with the last one on the list": a place on the list as a
            # whole, never a one-word title ("Go") before a separator with the rest as its critique
            return picked
        compound = self.compounds.read(simple, shown, original)
        if compound is not None:
            return compound
        selection = self.references.selection(simple, shown)
        if selection is None:
            like = _LIKE_SHOWN.search(simple)  # "more like the first one"
            selection = self.references.selection(like.group(1), shown) if like else None
        if selection is not None:
            return selection
        inside = self.references.anywhere(simple)  # "my wife loved Notting Hill, anything funnier?"
        if inside is not None:
            start, rest = inside
            return (self.compounds.with_critiques(start, rest) if rest else None) or start
        return self._critique_or_title(simple, shown, original)

    def _read_attribute(self, phrase: str):
        """An attribute a pick by description ("funniest" -> "funny") or a description of the
        wanted film ("a dark thriller") names, read as "more funny"; "the most obscure" asks how
        well known a film is (bot.nlu.renown), and so does "the highest rating" (`named_fact`)."""
        named = named_fact(phrase)
        if named is not None:
            return (named,), ()
        for text in (f"more {phrase}", phrase):  # "the most popular", "the best rated one"
            renown, rest = read_renown(text)
            if renown and not rest:
                return renown, ()
        reading = read_critiques(f"more {phrase}", self.vocab, self.grounder)
        return reading.critiques, reading.unread

    @staticmethod
    def _on_screen(reference: Parse, shown: Shown) -> Parse:
        """"I'll take Heat" while Heat is on screen: a selection, not a new reference."""
        ids = [int(i) for i, _ in shown]
        if reference.item_id is None or reference.item_id not in ids:
            return reference
        position = ids.index(reference.item_id)
        return Parse("select", index=position + 1, item_id=reference.item_id,
                     title=str(shown[position][1]))

    def _critique_or_title(self, simple: str, shown: Shown = (), original: str = "") -> Parse | None:
        reading = read_critiques(simple, self.vocab, self.grounder)
        typed_title = len(tokenize(simple)) >= 2 and (title_case(simple, original)  # "Dumb & Dumber" alone
                                                      or self._known_whole_title(simple))
        if typed_title or not reading.cued and (norm_phrase(simple) not in self.vocab.exact_names
                                                or self._famous(simple, shown, original)):
            exact = self.references.exact_title(simple)
            if exact is not None and not (not typed_title and _article_added(simple, exact.title)
                                          and read_description(simple, self._read_attribute) is not None):
                return exact  # "a scary movie" describes a film; "Scary Movie" has no article
        if not reading.strong_cue and self._plain_words(simple, original, reading):
            outside = self.outside.whole(simple)  # "funny people", "Heartbreakers": too few ratings
            if outside is not None:
                return outside
        if looks_like_chitchat(simple, has_polarity=reading.strong_cue):
            return None
        wanted = read_description(simple, self._read_attribute)  # "a thought-provoking sci-fi movie"
        if wanted is not None and len(wanted.critiques) >= len(reading.critiques):
            return wanted
        if reading.critiques and (reading.cued or reading.strong):
            # clauses no tag names ride along: the dialogue walks them by the degree model's reading
            return Parse("critique", critiques=reading.critiques, unread=reading.unread)
        title = self.references.bare_title(simple)
        if title is not None:
            return title
        if reading.critiques:
            return Parse("critique", critiques=reading.critiques, unread=reading.unread)
        if reading.strong_cue and (reading.suggestions or _only_polarity(simple)):
            # "more dinosaurs": a critique of something we have no tag for; the bot says so and
            # offers the closest tags. A bare "more please" is a critique of nothing yet.
            return Parse("critique", suggestions=reading.suggestions, unread=reading.unread)
        return self.outside.bare(simple, title_case(simple, original))  # "Coach Carter": too few ratings


def _by_position(parse: Parse) -> bool:
    """A pick by position ("the second one"): grammar words, but a request."""
    return parse.intent == "select" and parse.index is not None and parse.item_id is None


def _with_critiques(parse: Parse, critiques: tuple) -> Parse:
    """A request with critiques read apart from it ("Fargo, but less well-known"): a film named
    or picked becomes a compound critique's start; a critique gains them."""
    if not critiques:
        return parse
    if parse.intent == "critique" or (parse.intent in ("reference", "select") and not parse.candidates
                                      and (parse.item_id is not None or parse.index is not None)):
        return replace(parse, intent="critique", critiques=parse.critiques + critiques)
    return parse


def _article_added(simple: str, title: str | None) -> bool:
    """Whether the words open with an article the matched title does not have: "a scary movie"
    for "Scary Movie (2000)", not "a christmas story" for "Christmas Story, A (1983)"."""
    if not re.match(r"an?\s", simple) or not title:
        return False
    return not re.search(r"(?:^an?\s|,\s*an?(?:\s*\(\d{4}\))?$)", title.strip(), re.IGNORECASE)


def _nothing_read(parse: Parse) -> bool:
    """A critique with nothing grounded (only tag suggestions): the words were filler."""
    return parse.intent == "critique" and not parse.critiques and not parse.unread and parse.index is None \
        and parse.item_id is None


def _only_polarity(simple: str) -> bool:
    tokens = [t for t in tokenize(simple) if t not in lx.FILLER_WORDS]
    return bool(tokens) and all(t in lx.MORE_WORDS or t in lx.LESS_WORDS for t in tokens)
