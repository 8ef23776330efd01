"""Turn one user utterance into a structured :class:`bot.types.Parse`.

Pipeline (docs/parser.md has the details and the limits):

1. clean: NFKC, control characters and emoji dropped, cut at ``MAX_CHARS``; empty text,
   non-Latin scripts and SQL/HTML fragments are out of scope;
2. commands (undo, restart, help, bye) by anchored patterns;
3. explicit references ("something like X", "I just watched X", "start from 123");
4. selections ("the third one", "#2", "the last one", a title from the last sequence shown);
5. critiques: the utterance is split into clauses, each clause gets a polarity from cue words
   (more / less / too / not enough / comparatives / negations) and a content phrase, and the
   phrase is grounded to a tag: lexicon first (tag names, paraphrase cues, typo-corrected), then
   cosine similarity of its MiniLM embedding to every tag's prototypes;
6. a bare title ("Toy Story") is a reference; anything else is out of scope.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.nlu import lexicon as lx
from bot.nlu.text import (
    MAX_CHARS,
    PROTECTED_WORDS,
    best_correction,
    clean,
    english_words,
    comparative_base,
    fold,
    latin_share,
    looks_like_code,
    norm_phrase,
    strip_markup,
    tokenize,
)
from bot.types import Critique, Parse
from engine.retrieval import normalize_title

if TYPE_CHECKING:  # pragma: no cover
    from engine.retrieval import Retriever

__all__ = ["Parser", "ParserConfig", "MAX_CHARS"]

ENCODER_ID = "all-MiniLM-L6-v2"
MAX_TITLE_CHARS = 200


@dataclass(frozen=True)
class ParserConfig:
    """Thresholds of the grounding step, chosen on the development split of the labelled set."""

    accept: float = 0.62  # cosine needed to ground a clause that carries a polarity cue
    accept_bare: float = 0.72  # ... and one without any cue ("space battles")
    tie_margin: float = 0.03  # top two tags closer than this: ask which one
    suggest: int = 3  # how many closest tags to suggest when nothing is close
    title_accept: float = 88.0  # rapidfuzz ratio for a fuzzy title to count as a match
    title_margin: float = 4.0  # ... and its lead over the next distinct title
    title_candidates: float = 80.0  # WRatio for a title to be offered as a candidate
    max_chars: int = MAX_CHARS


@dataclass
class _Clause:
    tokens: list[str]
    polarity: int | None = None  # +1 / -1 / None (inherit)
    explicit: bool = False  # a polarity word was present (not only inherited)
    weak: bool = False  # ... and it was only a weak one ("I like", "give me", "with")
    strength: float = 1.0
    content: list[str] = field(default_factory=list)


@dataclass
class _Reading:
    critiques: list[Critique]
    suggestions: tuple[str, ...]  # closest tags, for phrases that grounded to none
    cued: bool  # any polarity word, weak ones ("I like") included
    strong: bool  # some phrase grounded well enough to stand without a polarity word
    strong_cue: bool  # a real polarity word (more, less, too, comparatives, negations)


def _alternation(patterns: Sequence[str]) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in patterns) + r")$")


_UNDO = _alternation(lx.UNDO_PATTERNS)
_RESTART = _alternation(lx.RESTART_PATTERNS)
_HELP = _alternation(lx.HELP_PATTERNS)
_BYE = _alternation(lx.BYE_PATTERNS)
_POLITE = re.compile(r"^(?:(?:ok(?:ay)?|so|well|hey|um+|uh+|please|pls|can you|could you|"
                     r"can we|could we|let'?s|just|i want to|i'?d like to|i wanna)[ ,]+)+|"
                     r"(?:[ ,]+(?:please|pls|thanks|thank you|now|bot|for me))+$")
_ORD = "|".join(sorted((re.escape(k) for k in lx.ORDINALS), key=len, reverse=True))
_CARD = "|".join(sorted((re.escape(k) for k in lx.CARDINALS), key=len, reverse=True))
_SELECT = re.compile(
    r"^(?:(?:i'?ll|i will|i'?d|i would|let'?s|i wanna|i want to|(?:can|could|may) i)\s+(?:take|"
    r"go with|pick|choose|watch|select|have|see|try|get)\s+|(?:i\s+)?(?:pick|choose|select|take|"
    r"want|go with|watch|open|play|show me|tell me (?:more )?about|give me|more about|"
    r"details (?:on|for|about)|what about|how about)\s+|)"
    r"(?:(?:the|that)\s+)?(?:very\s+)?"
    r"(?:(?P<ord>" + _ORD + r")(?:\s+(?:one|movie|film|item|option|choice|result|title|pick|please))?"
    r"(?:\s+(?:one|on the list|in the list|from the list|from the top|please))?"
    r"|(?:(?:number|no\.?|nr\.?|option|item|choice|result|movie|film)\s*#?|#)\s*"
    r"(?P<num>\d{1,3}|" + _CARD + r")"
    r"(?:\s+(?:one|please))?|(?P<nth>\d{1,2})(?:st|nd|rd|th)(?:\s+(?:one|movie|film|item|option))?"
    r"|(?P<bare>\d{1,3}))"
    r"(?:\s+(?:looks?|sounds?|seems?|is)\s+(?:good|great|nice|interesting|fine|cool|perfect|best))?$"
)
# (pattern, strict): strict ones ("i like X", "how about X") only count when X is a known
# title, since the same words often start a critique ("I like horror", "how about more action").
_REFERENCE = [
    (re.compile(p), strict)
    for p, strict in (
        (r"^(?:start|begin|starting|let'?s start|start off|kick off|restart)\s+(?:from|with|at)\s+"
         r"(?P<t>.+)$", False),
        (r"^(?:(?:(?:i(?:'m| am)? |i'?d |i would )(?:want |like |love |looking for |in the mood for )|"
         r"want |looking for |in the mood for |show me |give me |find me |recommend |suggest )?"
         r"(?:a |an |some )?(?:something|anything|movies?|films?|stuff|one|things?|more)?\s*)"
         r"(?:like|similar to|in the vein of|along the lines of|resembling|akin to|comparable to)\s+"
         r"(?P<t>.+)$", False),
        (r"^(?:i\s+)?(?:just|recently|really|also|last night|yesterday)?\s*(?:i\s+)?"
         r"(?:watched|saw|have seen|'ve seen|loved|liked|enjoyed|adored|rewatched|finished)\s+"
         r"(?P<t>.+?)(?:\s+(?:last night|yesterday|recently|again|and (?:loved|liked) it))?$", False),
        (r"^(?:my favou?rite (?:movie|film) is|base it on|set (?:the )?reference (?:to )?|"
         r"anchor on|seed)\s+(?P<t>.+)$", False),
        (r"^(?P<t>.+?)\s+is my favou?rite(?: movie| film)?$", False),
        (r"^(?:item|id|movie id|item id|movie|film)\s*#?\s*(?P<t>\d+)$", False),
        (r"^(?:(?:what|how) about|use|try|pick|take|go with|(?:i'?ll|i will|let'?s) (?:take|go with|"
         r"pick|try|watch)|i love|i like|i adore|watch)\s+(?P<t>.+)$", True),
    )
]
_TRAILING_FILLER = re.compile(r"(?:[\s,.!?]+(?:please|pls|thanks|maybe|then|again|ok|okay))+$|[\s.!?]+$")


def _phrase_index(phrases: Sequence[str]) -> tuple[dict[tuple[str, ...], str], int]:
    out = {tuple(p.split()): p for p in phrases}
    return out, max((len(k) for k in out), default=1)


_MORE_PH, _MORE_N = _phrase_index([norm_phrase(p) for p in lx.MORE_PHRASES])
_LESS_PH, _LESS_N = _phrase_index([norm_phrase(p) for p in lx.LESS_PHRASES])
_NEGATORS = {("not",), ("no",), ("never",), ("nothing",), ("dont",), ("doesnt",), ("didnt",),
             ("dont", "want"), ("do", "not", "want"), ("dont", "like"), ("do", "not", "like"),
             ("no", "more"), ("none", "of"), ("not",)}
_WEAK_MORE = {tuple(norm_phrase(p).split()) for p in lx.MORE_PHRASES} - {
    ("not", "enough"), ("isnt", "enough"), ("wasnt", "enough"), ("not", "nearly", "enough"),
    ("need", "more"), ("needs", "more"), ("more", "of"), ("lacks",), ("lacking",), ("missing",),
    ("turn", "up"), ("ramp", "up"), ("crank", "up"), ("amp", "up"), ("dial", "up"), ("pump", "up"),
}
_WEAK = [tuple(norm_phrase(p).split()) for p in lx.WEAK_WORDS]
_STRONG = [tuple(norm_phrase(p).split()) for p in lx.STRONG_WORDS]
_CUE_WORDS = {"too", "not", "no", "without", "enough", "dont", "hate", "never", "lacks", "missing"}
_SPLIT_WORDS = {"and", "nor", "but", "plus", "while", "whereas", "yet", "though", "although", "also",
                "however", "except", "&", ",", ";", ".", "!", "/", "then", "or"}


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
        encoder=None,
    ):
        if len(titles) != len(item_ids):
            raise ValueError("titles and item_ids must have the same length")
        self.config = config or ParserConfig()
        self.tags = tuple(str(t) for t in tags)
        self.titles = tuple(str(t) for t in titles)
        self.item_ids = np.asarray(item_ids, dtype=np.int64)
        self.popularity = (
            np.asarray(popularity, dtype=np.int64) if popularity is not None
            else np.zeros(len(self.titles), dtype=np.int64)
        )
        if encoder is None:
            from engine.text import encode as encoder
        self._encode = encoder
        self._embedding_cache: dict[str, np.ndarray] = {}
        self._build_lexicon()
        self._build_prototypes(tag_vectors_cache)
        self._build_titles()

    @classmethod
    def from_retriever(cls, retriever: "Retriever", **kw) -> "Parser":
        """A parser for a trained model's catalog (tags, titles, ids and popularity)."""
        kw.setdefault("popularity", retriever.popularity)
        return cls(retriever.tags, retriever.titles, retriever.item_ids, **kw)

    # -- building ----------------------------------------------------------------------------

    def _build_lexicon(self) -> None:
        """Phrase -> [(tag index, flip)] for tag names, their variants and bound concepts."""
        self._tag_keys = [norm_phrase(t) for t in self.tags]
        entries: dict[str, dict[int, bool]] = {}
        exact: dict[str, set[int]] = {}

        def add(key: str, tag: int, flip: bool, is_name: bool = False) -> None:
            if not key:
                return
            entries.setdefault(key, {}).setdefault(tag, flip)
            if is_name:
                exact.setdefault(key, set()).add(tag)

        self._bound: dict[int, list[str]] = {}  # tag -> concept names it binds to
        concept_of_name = {norm_phrase(n): name for name, c in lx.CONCEPTS.items() for n in c.names}
        for i, key in enumerate(self._tag_keys):
            add(key, i, False, True)
            add(key.replace(" ", ""), i, False, True)  # "scifi", "feelgood"
            if not key.endswith("s"):
                add(key + "s", i, False, True)
            concept = concept_of_name.get(key)
            if concept is None and key.endswith("s"):
                concept = concept_of_name.get(key[:-1])
            if concept is not None:
                self._bound.setdefault(i, []).append(concept)
        for i, concepts in self._bound.items():
            for name in concepts:
                c = lx.CONCEPTS[name]
                for phrase in c.names + c.cues:
                    add(norm_phrase(phrase), i, False)
                for phrase in c.opposites:
                    add(norm_phrase(phrase), i, True)
        self._lexicon = entries
        self._exact_names = exact
        self._lex_phrases, self._lex_max = _phrase_index(list(entries))
        words: set[str] = set()
        for key in entries:
            words.update(key.split())
        self._content_words = words
        grammar = set(lx.FILLER_WORDS) | set(lx.MORE_WORDS) | set(lx.LESS_WORDS) | set(lx.ORDINALS)
        for table in (_MORE_PH, _LESS_PH):
            for key in table:
                grammar.update(key)
        self._grammar = {w for w in grammar if "_" not in w}
        self._known = self._content_words | self._grammar
        self._correctable = sorted(w for w in self._content_words | {"more", "less", "fewer", "without"}
                                   if len(w) >= 4)
        self._comparative_known = {w for w in words}
        self._correction_cache: dict[str, str | None] = {}
        self._protected = set(PROTECTED_WORDS) | (english_words() - self._content_words)

    def _build_prototypes(self, cache: Path | None) -> None:
        """One embedding per (tag, phrase): the tag's name plus its concept's cues and opposites."""
        texts: list[str] = []
        owner: list[int] = []
        flips: list[bool] = []
        for i, tag in enumerate(self.tags):
            phrases = [(tag, False)]
            for name in self._bound.get(i, []):
                c = lx.CONCEPTS[name]
                phrases += [(p, False) for p in c.names + c.cues] + [(p, True) for p in c.opposites]
            seen = set()
            for phrase, flip in phrases:
                key = phrase.lower()
                if key in seen:
                    continue
                seen.add(key)
                texts.append(phrase)
                owner.append(i)
                flips.append(flip)
        self._proto_owner = np.asarray(owner, dtype=np.int64)
        self._proto_flip = np.asarray(flips, dtype=bool)
        self._proto_vectors = self._cached_encode(texts, cache)
        names = np.flatnonzero(~self._proto_flip)
        # The first prototype of each tag is its own name (for tie-breaking lexical hits).
        first = {}
        for row in names:
            first.setdefault(int(self._proto_owner[row]), int(row))
        self._name_vectors = (
            self._proto_vectors[[first[i] for i in range(len(self.tags))]]
            if self.tags else np.zeros((0, 384), dtype=np.float32)
        )

    def _cached_encode(self, texts: list[str], cache: Path | None) -> np.ndarray:
        digest = hashlib.sha256(("\x1f".join([ENCODER_ID, *texts])).encode()).hexdigest()
        if cache is not None:
            cache = Path(cache)
            try:
                with np.load(cache, allow_pickle=False) as data:
                    if str(data["digest"]) == digest:
                        return np.asarray(data["vectors"], dtype=np.float32)
            except (OSError, KeyError, ValueError):
                pass  # absent, stale or corrupt: recompute below
        unique = list(dict.fromkeys(texts))  # synonym tags share their concept's cues
        if unique:
            encoded = np.asarray(self._encode_one_thread(unique), dtype=np.float32)
            row = {t: i for i, t in enumerate(unique)}
            vectors = encoded[[row[t] for t in texts]]
        else:
            vectors = np.zeros((0, 384), np.float32)
        if cache is not None:
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_name(cache.name + ".tmp.npz")
                np.savez(tmp, digest=np.asarray(digest), vectors=vectors)
                tmp.replace(cache)
            except OSError:
                pass  # a read-only cache folder only costs speed
        return vectors

    def _build_titles(self) -> None:
        self._title_norm = [normalize_title(t) for t in self.titles]
        self._title_rows: dict[str, list[int]] = {}
        self._title_rows_bare: dict[str, list[int]] = {}  # leading article dropped
        self._title_full: dict[str, list[int]] = {}  # "heat 1995": the year told apart
        for row, key in enumerate(self._title_norm):
            self._title_rows.setdefault(key, []).append(row)
            self._title_rows_bare.setdefault(re.sub(r"^(?:the|a|an) ", "", key), []).append(row)
            full = " ".join(re.sub(r"[^\w]+", " ", fold(self.titles[row])).split())
            self._title_full.setdefault(full, []).append(row)
        self._row_of_id = {int(x): i for i, x in enumerate(self.item_ids)}

    # -- public ------------------------------------------------------------------------------

    def warm_up(self, background: bool = False) -> None:
        """Load the sentence encoder now (seconds), not on the first utterance that needs it."""
        if background:
            import threading

            threading.Thread(target=self._warm, daemon=True).start()
        else:
            self._warm()

    def _warm(self) -> None:
        # Two shapes: torch initialises lazily per input size, the first calls are slow.
        self._encode_one_thread(["warm up"])
        self._encode_one_thread(["a longer phrase to warm the encoder up", "and a second one"])

    def parse(self, text: str, *, shown: Sequence[tuple[int, str]] = ()) -> Parse:
        """Read one utterance. Never raises on user text; unknown input is `out_of_scope`."""
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        cleaned = clean(text, self.config.max_chars)
        keep = cleaned
        out_of_scope = Parse("out_of_scope", text=keep)
        if not cleaned or not any(c.isalnum() or c == "?" for c in cleaned):
            return out_of_scope
        if latin_share(cleaned) < 0.5 or looks_like_code(cleaned):
            return out_of_scope
        cleaned = strip_markup(cleaned).strip()
        simple = self._simple(cleaned)
        if not simple:
            return out_of_scope
        bare = " ".join(re.sub(r"[,;.!]+", " ", simple).split())
        for intent, pattern in (("undo", _UNDO), ("restart", _RESTART), ("help", _HELP), ("bye", _BYE)):
            if pattern.match(simple) or pattern.match(bare):
                return Parse(intent, text=keep)

        reference, strict = self._explicit_reference(simple)
        if reference is not None:
            shown_ids = [int(i) for i, _ in shown]
            if strict and reference.item_id is not None and reference.item_id in shown_ids:
                # "I'll take Heat" while Heat is on screen: a selection, not a new reference.
                position = shown_ids.index(reference.item_id)
                return Parse("select", index=position + 1, item_id=reference.item_id,
                             title=str(shown[position][1]), text=keep)
            return replace(reference, text=keep)
        selection = self._selection(simple, shown)
        if selection is None and reference is None:
            ordinal = re.match(r"^(?:something |anything |a movie |one )?(?:more )?(?:like|similar to) (.+)$", simple)
            if ordinal:
                selection = self._selection(ordinal.group(1), shown)
        if selection is not None:
            return replace(selection, text=keep)

        reading = self._critiques(simple)
        critiques, suggestions, cued = reading.critiques, reading.suggestions, reading.cued
        if not cued and norm_phrase(simple) not in self._exact_names:
            exact = self._exact_title(simple)
            if exact is not None:
                return replace(exact, text=keep)
        if critiques and (cued or reading.strong):
            return Parse("critique", critiques=tuple(critiques), text=keep)
        title = self._bare_title(simple)
        if title is not None:
            return replace(title, text=keep)
        if critiques:
            return Parse("critique", critiques=tuple(critiques), text=keep)
        if reading.strong_cue and (suggestions or self._only_polarity(simple)):
            # "more dinosaurs": a critique of something we have no tag for; the bot says so and
            # offers the closest tags. A bare "more please" is a critique of nothing yet.
            return Parse("critique", suggestions=tuple(suggestions), text=keep)
        return out_of_scope

    def _only_polarity(self, simple: str) -> bool:
        tokens = [t for t in tokenize(simple) if t not in lx.FILLER_WORDS]
        return bool(tokens) and all(t in lx.MORE_WORDS or t in lx.LESS_WORDS for t in tokens)

    # -- steps -------------------------------------------------------------------------------

    @staticmethod
    def _simple(text: str) -> str:
        s = fold(text).strip()
        s = re.sub(r"\s+", " ", s)
        s = s.strip(" .!,;:\"'")
        # "no, I meant comedy": a reply's leading "no" is not a negation of what follows.
        s = re.sub(r"^(?:no|nope|nah)\s*[,.!;-]+\s*(?=\S)", "", s)
        previous = None
        while previous != s:
            previous = s
            s = _POLITE.sub("", s).strip(" .!,;:\"'")
            if s.strip("? "):  # a lone "?" asks for help; elsewhere "?" is only punctuation
                s = s.strip("? .!,")
        return s

    def _explicit_reference(self, simple: str) -> tuple[Parse | None, bool]:
        """A reference by pattern, and whether the pattern was a weak one ("I'll take X")."""
        for pattern, strict in _REFERENCE:
            m = pattern.match(simple)
            if not m:
                continue
            query = _TRAILING_FILLER.sub("", m.group("t")).strip(" \"'")
            query = re.sub(r"^(?:the (?:movie|film)|(?:movie|film)|item|id)\s+", "", query)
            if not query or self._names_a_tag(query):
                continue  # "more like a western", "I like horror": a critique, not a title
            if not query.isdigit() and _SELECT.match(query):
                return None, False  # "more like the first one": the selection step reads it
            found = self._resolve_title(query, allow_id=True, strict=True)
            if found is None:
                # "something like Heat but funnier": the title is the part before the critique.
                head = re.split(r"\s*(?:,|\bbut\b|\bwith\b|\bexcept\b|\bonly\b|\band\b)\s+", query)[0]
                if head and head != query:
                    found = self._resolve_title(head, allow_id=True, strict=True)
            if found is None and not strict:
                found = self._resolve_title(query, allow_id=True, strict=False)
            if found is not None:
                return found, strict
        return None, False

    def _names_a_tag(self, query: str) -> bool:
        """Whether the words after "like ..." are a critique phrase rather than a title."""
        words = [t for t in tokenize(query) if t not in lx.FILLER_WORDS]
        if not words or self._title_lookup(query):
            return False
        phrase = " ".join(self._correct(w) for w in words)
        hits, full = self._lexical(phrase)
        return bool(hits) and full

    def _selection(self, simple: str, shown: Sequence[tuple[int, str]]) -> Parse | None:
        m = _SELECT.match(simple)
        if m:
            if m.group("ord"):
                index = lx.ORDINALS[m.group("ord")]
            elif m.group("num") in lx.CARDINALS:
                index = lx.CARDINALS[m.group("num")]
            elif m.group("nth"):
                index = int(m.group("nth"))
            else:
                index = int(m.group("num") or m.group("bare"))
                if m.group("bare") and shown and index > len(shown) and index in self._row_of_id:
                    row = self._row_of_id[index]
                    return Parse("reference", item_id=index, title=self.titles[row])
                if index == 0:
                    return None
            return Parse("select", index=index)
        if not shown:
            return None
        query = re.sub(r"^(?:(?:i'?ll|i will|let'?s|i'?d like to)\s+)?(?:take|go with|pick|choose|select|"
                       r"watch|the one called|show me|open|play)\s+", "", simple)
        query = re.sub(r"^(?:the one called|the one named)\s+", "", query)
        key = normalize_title(query)
        if not key:
            return None
        shown_keys = [normalize_title(str(t)) for _, t in shown]
        hits = [i for i, k in enumerate(shown_keys) if k == key or re.sub(r"^(?:the|a|an) ", "", k) == key]
        if not hits:
            from rapidfuzz import fuzz, process

            best = process.extract(key, shown_keys, scorer=fuzz.ratio, limit=2)
            if best and best[0][1] >= self.config.title_accept and (
                len(best) == 1 or best[0][1] - best[1][1] >= self.config.title_margin
            ):
                hits = [best[0][2]]
        if len(hits) == 1:
            item_id, title = shown[hits[0]]
            return Parse("select", index=hits[0] + 1, item_id=int(item_id), title=str(title))
        return None

    def _bare_title(self, simple: str) -> Parse | None:
        if re.fullmatch(r"\d+", simple) and int(simple) in self._row_of_id:
            row = self._row_of_id[int(simple)]
            return Parse("reference", item_id=int(simple), title=self.titles[row])
        query = re.sub(r"^(?:the (?:movie|film)|watch|play)\s+", "", simple)
        found = self._resolve_title(query, allow_id=False, strict=True)
        return found

    def _title_lookup(self, query: str) -> list[int]:
        """Rows whose title equals the query: with its year, normalised, then without article."""
        full = " ".join(re.sub(r"[^\w]+", " ", fold(query)).split())
        if full in self._title_full:
            return self._title_full[full]
        year = re.search(r"\(?\b(1[89]\d\d|20\d\d)\)?\s*$", query)
        if year:  # "Heat (2013)", "heat 2013": the year tells remakes apart
            query = query[: year.start()]
        key = normalize_title(query)
        if not key:
            return []
        stripped = re.sub(r"^(?:the|a|an) ", "", key)
        rows = (self._title_rows.get(key) or self._title_rows_bare.get(key)
                or self._title_rows_bare.get(stripped) or [])
        if year:
            pool = {*self._title_rows.get(key, []), *self._title_rows_bare.get(key, []),
                    *self._title_rows_bare.get(stripped, [])}
            dated = [r for r in sorted(pool) if re.search(rf"\({year.group(1)}\)\s*$", self.titles[r])]
            rows = dated or rows
        return rows

    def _exact_title(self, query: str) -> Parse | None:
        rows = self._title_lookup(query)
        return self._from_rows(rows) if rows else None

    def _resolve_title(self, query: str, *, allow_id: bool, strict: bool = False) -> Parse | None:
        """Exact title, then normalised, then fuzzy; ambiguous -> reference with candidates."""
        if not self.titles or len(query) > MAX_TITLE_CHARS:
            return None  # no title is that long; fuzzy matching it would only cost time
        if allow_id and re.fullmatch(r"\d{1,12}", query):
            row = self._row_of_id.get(int(query))
            if row is not None:
                return Parse("reference", item_id=int(self.item_ids[row]), title=self.titles[row])
        rows = self._title_lookup(query)
        if rows:
            return self._from_rows(rows)
        key = normalize_title(query)
        if not key:
            return None
        from rapidfuzz import fuzz, process

        ratio = process.extract(key, self._title_norm, scorer=fuzz.ratio, limit=5)
        distinct = []
        for text, score, row in ratio:
            if all(text != d[0] for d in distinct):
                distinct.append((text, score, row))
        if distinct and distinct[0][1] >= self.config.title_accept and (
            len(distinct) == 1 or distinct[0][1] - distinct[1][1] >= self.config.title_margin
        ):
            return self._from_rows(self._title_rows[distinct[0][0]])
        if strict:
            return None
        # Partial names ("star wars") and near misses: offer candidates, the bot asks which.
        # Articles would let WRatio's partial matching pair "a western" with every "A ..." title.
        core = re.sub(r"\b(?:the|a|an|of)\b", " ", key).split()
        if sum(len(w) for w in core) < 4:
            return None
        loose = process.extract(key, self._title_norm, scorer=fuzz.WRatio, limit=8,
                                score_cutoff=self.config.title_candidates)
        if not loose:
            return None
        top = loose[0][1]
        rows = [r for _, s, r in loose if s >= top - 5]
        if len(rows) == 1 and top >= 90:
            return self._from_rows(rows)
        rows = sorted(rows, key=lambda r: -int(self.popularity[r]))[:5]
        return Parse("reference", candidates=tuple(self.titles[r] for r in rows))

    def _from_rows(self, rows: list[int]) -> Parse:
        rows = sorted(set(rows), key=lambda r: -int(self.popularity[r]))
        if len(rows) == 1:
            row = rows[0]
            return Parse("reference", item_id=int(self.item_ids[row]), title=self.titles[row])
        return Parse("reference", candidates=tuple(self.titles[r] for r in rows[:5]))

    # -- critiques ---------------------------------------------------------------------------

    def _correct(self, token: str) -> str:
        if token in self._known or not token.isalpha() or len(token) < 4:
            return token
        if token not in self._correction_cache:
            base = comparative_base(token, self._comparative_known, lx.IRREGULAR_COMPARATIVES)
            fixed = None if base else best_correction(token, self._correctable, self._protected)
            self._correction_cache[token] = fixed
        return self._correction_cache[token] or token

    def _clauses(self, tokens: list[str]) -> list[_Clause]:
        """Split at conjunctions/punctuation, and before a polarity word once a clause has content."""
        clauses: list[_Clause] = []
        current: list[str] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok in _SPLIT_WORDS:
                if current:
                    clauses.append(_Clause(current))
                current = []
                i += 1
                continue
            # Protect multi-word lexicon phrases ("blood and guts", "based on a book").
            span = self._match_phrase(tokens, i, self._lex_phrases, self._lex_max)
            if span > 1:
                current.append(" ".join(tokens[i:i + span]))
                i += span
                continue
            starts_cue = (
                tok in lx.MORE_WORDS or tok in lx.LESS_WORDS or tok in ("too", "with")
                or (tok in ("not", "no", "without") and i + 1 < len(tokens))
                or self._is_comparative(tok)
            )
            if starts_cue and current and self._has_content(current) and self._has_cue(current):
                # "less horror more comedy": a new polarity word after content opens a clause,
                # unless it is a strength word's partner ("a lot more") or a negation of it.
                clauses.append(_Clause(current))
                current = []
            current.append(tok)
            i += 1
        if current:
            clauses.append(_Clause(current))
        return clauses

    def _is_comparative(self, tok: str) -> bool:
        return tok not in self._lexicon and comparative_base(
            tok, self._comparative_known, lx.IRREGULAR_COMPARATIVES) is not None

    def _has_cue(self, tokens: list[str]) -> bool:
        joined = " " + " ".join(tokens) + " "
        return any(
            t in lx.MORE_WORDS or t in lx.LESS_WORDS or t in _CUE_WORDS or self._is_comparative(t)
            for t in tokens
        ) or any(f" {' '.join(k)} " in joined for k in _MORE_PH if len(k) > 1)

    def _has_content(self, tokens: list[str]) -> bool:
        return any(t not in self._grammar for t in tokens)

    @staticmethod
    def _match_phrase(tokens: list[str], i: int, table: dict, longest: int) -> int:
        for n in range(min(longest, len(tokens) - i), 0, -1):
            if tuple(tokens[i:i + n]) in table:
                return n
        return 0

    def _read_clause(self, clause: _Clause) -> None:
        """Polarity, strength and content words of one clause."""
        words: list[str] = []
        for t in clause.tokens:
            words.extend(t.split()) if " " not in t else words.append(t)
        cues: list[tuple[int, int, str]] = []  # (position, polarity, kind)
        content: list[str] = []
        strength_at: list[tuple[int, float]] = []
        i = 0
        n = len(words)
        while i < n:
            w = words[i]
            if " " in w:  # a protected lexicon phrase
                content.append(w)
                i += 1
                continue
            matched = False
            for weight, table in ((lx.WEAK_STRENGTH, _WEAK), (lx.STRONG_STRENGTH, _STRONG)):
                for phrase in sorted(table, key=len, reverse=True):
                    if tuple(words[i:i + len(phrase)]) == phrase:
                        nxt = words[i + len(phrase)] if i + len(phrase) < n else ""
                        # "so much" inside "too much"/"don't want so much" is not a strength.
                        if (nxt in lx.MORE_WORDS or nxt in lx.LESS_WORDS or self._is_comparative(nxt)
                                or nxt == "too"):
                            strength_at.append((i, weight))
                            i += len(phrase)
                            matched = True
                        break
                if matched:
                    break
            if matched:
                continue
            for polarity, table, longest in ((1, _MORE_PH, _MORE_N), (-1, _LESS_PH, _LESS_N)):
                span = 0
                for k in range(min(longest, n - i), 0, -1):
                    if tuple(words[i:i + k]) in table:
                        span = k
                        break
                if span:
                    key = tuple(words[i:i + span])
                    if polarity == 1 and key in _WEAK_MORE:
                        kind = "weak"
                    elif key in _NEGATORS:
                        kind = "neg"
                    else:
                        kind = "explicit"
                    cues.append((i, polarity, kind))
                    i += span
                    matched = True
                    break
            if matched:
                continue
            if w in lx.MORE_WORDS:
                cues.append((i, 1, "explicit"))
            elif w in lx.LESS_WORDS:
                cues.append((i, -1, "explicit"))
            elif w == "enough":
                cues.append((i, 1, "enough"))
            else:
                base = None if w in self._lexicon else comparative_base(
                    w, self._comparative_known, lx.IRREGULAR_COMPARATIVES)
                if base:
                    cues.append((i, 1, "explicit"))
                    content.append(base)
                elif w not in lx.FILLER_WORDS:
                    content.append(w)
            i += 1
        explicit = [c for c in cues if c[1] and c[2] == "explicit"]
        negs = [c for c in cues if c[2] == "neg"]
        polarity: int | None = None
        if explicit:
            pos, polarity, _ = explicit[0]
            if any(p < pos for p, _, _ in negs) and polarity == 1:
                polarity = -1  # "I don't want more horror", "no more gore"
            elif any(p < pos for p, _, _ in negs) and polarity == -1 and not any(
                    c[2] == "explicit" and c[1] == -1 and c[0] != pos for c in cues):
                # "not less funny" is rare but means more; "not too scary" is a LESS phrase.
                polarity = 1 if words[pos] in ("less", "fewer") else -1
        elif negs and any(c[2] == "enough" for c in cues):
            polarity = 1  # "it's not funny enough"
        elif negs:
            polarity = -1
        elif any(c[2] == "weak" for c in cues):
            polarity = 1
        clause.polarity = polarity
        clause.explicit = polarity is not None
        clause.weak = bool(cues) and all(c[2] == "weak" for c in cues)
        if strength_at:
            clause.strength = strength_at[0][1]
        clause.content = content

    def _critiques(self, simple: str) -> "_Reading":
        """The critique reading of an utterance (see `_Reading`)."""
        tokens = [self._correct(t) for t in tokenize(simple)[:200]]
        clauses = self._clauses(tokens)
        for clause in clauses:
            self._read_clause(clause)
        cued = any(c.explicit for c in clauses)
        strong_cue = any(c.explicit and not c.weak for c in clauses)
        previous, previous_cued = 1, False
        pending: list[tuple[_Clause, int, str]] = []
        for clause in clauses:
            if clause.polarity is None:
                # "less horror and gore": a clause without a polarity word takes the last one.
                clause.polarity, clause.explicit = previous, previous_cued
            previous, previous_cued = clause.polarity, clause.explicit
            phrase = " ".join(clause.content).strip()
            if phrase:
                pending.append((clause, clause.polarity, phrase))
        critiques: list[Critique] = []
        suggestions: list[str] = []
        strong = False
        to_embed = []
        lexical: list[list[tuple[int, bool]] | None] = []
        for clause, polarity, phrase in pending:
            hits, full = self._lexical(phrase)
            # Without a polarity word, a tag word inside a longer phrase ("tell me a joke about
            # cats", "Star Wars") is weak evidence: the whole phrase must ground, by embedding.
            if hits and (full or clause.explicit):
                lexical.append(hits)
            else:
                lexical.append(None)
                to_embed.append(phrase)
        vectors = self._embed(to_embed)
        k = 0
        for (clause, polarity, phrase), hits in zip(pending, lexical):
            if hits is not None:
                crit = self._from_hits(phrase, hits, polarity, clause.strength)
                if crit is not None:
                    critiques.append(crit)
                    strong = True
                continue
            vector = vectors[k]
            k += 1
            crit, close = self._from_embedding(phrase, vector, polarity, clause)
            if crit is not None:
                critiques.append(crit)
                strong = strong or crit.score >= self.config.accept_bare
            else:
                suggestions.extend(t for t in close if t not in suggestions)
        # One tag critiqued twice in one utterance ("less blood and gore") counts once.
        # If the two disagree, the better grounded reading wins (a lexicon hit over an embedding).
        unique: dict[str, Critique] = {}
        for crit in critiques:
            if crit.tag not in unique or crit.score > unique[crit.tag].score:
                unique[crit.tag] = crit
        return _Reading(list(unique.values()), tuple(suggestions[: self.config.suggest]), cued,
                        strong, strong_cue)

    def _lexical(self, phrase: str) -> tuple[list[tuple[int, bool]], bool]:
        """(tags named by the phrase or by its longest lexicon n-grams, all agreeing; whole phrase?)"""
        if phrase in self._lexicon:
            return list(self._lexicon[phrase].items()), True
        words = phrase.split()
        found: dict[int, bool] = {}
        i = 0
        while i < len(words):
            span = 0
            for n in range(min(self._lex_max, len(words) - i), 0, -1):
                if " ".join(words[i:i + n]) in self._lexicon:
                    span = n
                    break
            if span:
                for tag, flip in self._lexicon[" ".join(words[i:i + span])].items():
                    found.setdefault(tag, flip)
                i += span
            else:
                i += 1
        # Several different concepts in one clause ("space battles"): let the embedding decide.
        concepts = {frozenset(self._bound.get(t, [self.tags[t]])) for t in found}
        if len(concepts) == 1:
            return list(found.items()), False
        return [], False

    def _from_hits(self, phrase: str, hits: list[tuple[int, bool]], polarity: int,
                   strength: float) -> Critique | None:
        exact = self._exact_names.get(phrase, set())
        named = [h for h in hits if h[0] in exact]
        if named:
            hits = named
        if len(hits) == 1:
            tag, flip = hits[0]
            return Critique(-polarity if flip else polarity, self.tags[tag], 1.0, strength, phrase)
        # Several tags share the concept ("funny", "comedy", "humorous" in one vocabulary):
        # rank them by how close their names are to the phrase.
        vector = self._embed([phrase])[0]
        sims = self._name_vectors[[h[0] for h in hits]] @ vector
        order = np.argsort(-sims)
        tag, flip = hits[int(order[0])]
        close = tuple(self.tags[hits[int(j)][0]] for j in order
                      if sims[order[0]] - sims[int(j)] < self.config.tie_margin)
        return Critique(-polarity if flip else polarity, self.tags[tag], 1.0, strength, phrase,
                        candidates=close if len(close) > 1 else ())

    def _from_embedding(self, phrase: str, vector: np.ndarray, polarity: int, clause: _Clause):
        if not len(self._proto_vectors):
            return None, ()
        sims = self._proto_vectors @ vector
        per_tag = np.full(len(self.tags), -1.0, dtype=np.float32)
        best_row = np.full(len(self.tags), -1, dtype=np.int64)
        order = np.argsort(-sims)
        for row in order:
            tag = self._proto_owner[row]
            if best_row[tag] < 0:
                best_row[tag] = row
                per_tag[tag] = sims[row]
        ranking = np.argsort(-per_tag)
        top = int(ranking[0])
        score = float(per_tag[top])
        threshold = self.config.accept if clause.explicit else self.config.accept_bare
        close = tuple(self.tags[int(t)] for t in ranking[: self.config.suggest])
        if score < threshold:
            return None, close
        flip = bool(self._proto_flip[best_row[top]])
        ties = tuple(self.tags[int(t)] for t in ranking[:4]
                     if score - float(per_tag[int(t)]) < self.config.tie_margin)
        return Critique(-polarity if flip else polarity, self.tags[top], round(score, 4),
                        clause.strength, phrase, candidates=ties if len(ties) > 1 else ()), close

    def _encode_one_thread(self, texts: list[str]) -> np.ndarray:
        """Encode short phrases on one torch thread.

        On a busy two-core machine torch's default two intra-op threads make one short phrase
        take 0.5 s instead of 40 ms, and the 627 lexicon phrases 31 s instead of 3.3 s (measured
        while models trained beside it); for such short inputs one thread is about as fast when
        the machine is idle. The setting is global, so it is restored right after.
        """
        import sys

        torch = sys.modules.get("torch")
        threads = torch.get_num_threads() if torch is not None else 1
        if threads > 1:
            torch.set_num_threads(1)
        try:
            return self._encode(texts)
        finally:
            if threads > 1:
                torch.set_num_threads(threads)

    def _embed(self, phrases: list[str]) -> np.ndarray:
        missing = [p for p in dict.fromkeys(phrases) if p not in self._embedding_cache]
        if missing:
            for p, v in zip(missing, self._encode_one_thread(missing)):
                if len(self._embedding_cache) > 4096:
                    self._embedding_cache.clear()
                self._embedding_cache[p] = np.asarray(v, dtype=np.float32)
        if not phrases:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._embedding_cache[p] for p in phrases])
