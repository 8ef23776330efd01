"""The parser's view of one tag vocabulary: which phrases name which tag, and typo correction.

A vocabulary tag binds to a lexicon concept when its name is one of the concept's names; the
concept's names and cues then name the tag, its opposites name it with the polarity flipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.nlu import everyday as ev
from bot.nlu import lexicon as lx
from bot.nlu.word_classes import adjective_of_comparative
from bot.nlu.text import (
    PROTECTED_WORDS,
    best_correction,
    comparative_base,
    english_words,
    norm_phrase,
    tokenize,
)

__all__ = ["TagVocabulary", "phrase_index", "match_phrase", "MORE_PHRASES", "LESS_PHRASES"]


def phrase_index(phrases: Sequence[str]) -> tuple[dict[tuple[str, ...], str], int]:
    """Token tuple -> phrase, and the longest phrase's length (for longest-match scans)."""
    out = {tuple(p.split()): p for p in phrases}
    return out, max((len(k) for k in out), default=1)


def match_phrase(tokens: Sequence[str], i: int, table: dict, longest: int) -> int:
    """Length of the longest phrase of `table` starting at tokens[i] (0 when none)."""
    for n in range(min(longest, len(tokens) - i), 0, -1):
        if tuple(tokens[i:i + n]) in table:
            return n
    return 0


MORE_PHRASES = phrase_index([norm_phrase(p) for p in lx.MORE_PHRASES])
LESS_PHRASES = phrase_index([norm_phrase(p) for p in lx.LESS_PHRASES])


class TagVocabulary:
    """Phrase -> [(tag index, flip)] for tag names, their variants and bound concepts."""

    def __init__(self, tags: Sequence[str]):
        self.tags = tuple(str(t) for t in tags)
        self.keys = [norm_phrase(t) for t in self.tags]
        entries: dict[str, dict[int, bool]] = {}
        exact: dict[str, set[int]] = {}

        def add(key: str, tag: int, flip: bool, is_name: bool = False) -> None:
            if not key:
                return
            entries.setdefault(key, {}).setdefault(tag, flip)
            if is_name:
                exact.setdefault(key, set()).add(tag)

        self.bound: dict[int, list[str]] = {}  # tag -> concept names it binds to
        concept_of_name = {norm_phrase(n): name for name, c in lx.CONCEPTS.items() for n in c.names}
        for i, key in enumerate(self.keys):
            add(key, i, False, True)
            add(key.replace(" ", ""), i, False, True)  # "scifi", "feelgood"
            if not key.endswith("s"):
                add(key + "s", i, False, True)
            concept = concept_of_name.get(key)
            if concept is None and key.endswith("s"):
                concept = concept_of_name.get(key[:-1])
            if concept is not None:
                self.bound.setdefault(i, []).append(concept)
        for i, concepts in self.bound.items():
            for name in concepts:
                c = lx.CONCEPTS[name]
                for phrase in c.names + c.cues:
                    add(norm_phrase(phrase), i, False)
                for phrase in c.opposites:
                    add(norm_phrase(phrase), i, True)
        self.entries = entries
        self.exact_names = exact
        self.phrases, self.longest = phrase_index(list(entries))
        words: set[str] = set()
        for key in entries:
            words.update(key.split())
        self.content_words = frozenset(words)
        grammar = set(lx.FILLER_WORDS) | set(lx.MORE_WORDS) | set(lx.LESS_WORDS) | set(lx.ORDINALS)
        for table in (MORE_PHRASES[0], LESS_PHRASES[0]):
            for key in table:
                grammar.update(key)
        self.grammar = frozenset(w for w in grammar if "_" not in w)
        self._known = self.content_words | self.grammar
        # A typo is corrected to a word that means something on its own: "artsy" is no typo of
        # the "arts" of "martial arts", nor "swearing" of the "sweeping" of "sweeping vistas".
        self._correctable = sorted(w for w in (self.content_words & entries.keys())
                                   | {"more", "less", "fewer", "without"} if len(w) >= 4)
        self._corrections: dict[str, str | None] = {}
        self._protected = set(PROTECTED_WORDS) | (english_words() - self.content_words)

    def prototypes(self, tag: int) -> list[tuple[str, bool]]:
        """(phrase, flip) pairs that describe one tag: its name, its concepts' cues and opposites."""
        phrases = [(self.tags[tag], False)]
        for name in self.bound.get(tag, []):
            c = lx.CONCEPTS[name]
            phrases += [(p, False) for p in c.names + c.cues] + [(p, True) for p in c.opposites]
        return phrases

    def correct(self, token: str) -> str:
        """The token, or the lexicon word it is a typo of ("acton" -> "action")."""
        if token in self._known or not token.isalpha() or len(token) < 4:
            return token
        if token not in self._corrections:
            base = comparative_base(token, self.content_words, lx.IRREGULAR_COMPARATIVES)
            fixed = None if base else best_correction(token, self._correctable, self._protected)
            self._corrections[token] = fixed
        return self._corrections[token] or token

    def comparative(self, token: str) -> str | None:
        """Base of a comparative the lexicon knows ("funnier" -> "funny"), None otherwise."""
        if token in self.entries:
            return None
        return (comparative_base(token, self.content_words, lx.IRREGULAR_COMPARATIVES)
                or adjective_of_comparative(token))

    def is_content(self, token: str) -> bool:
        return token not in self.grammar

    def lexical(self, phrase: str) -> tuple[list[tuple[int, bool]], bool]:
        """(tags named by the phrase or by its longest lexicon n-grams, all agreeing; whole phrase?)"""
        if phrase in self.entries:
            return list(self.entries[phrase].items()), True
        words = phrase.split()
        found: dict[int, bool] = {}
        i = 0
        while i < len(words):
            span = 0
            for n in range(min(self.longest, len(words) - i), 0, -1):
                if " ".join(words[i:i + n]) in self.entries:
                    span = n
                    break
            if span:
                for tag, flip in self.entries[" ".join(words[i:i + span])].items():
                    found.setdefault(tag, flip)
                i += span
            else:
                i += 1
        # Several different concepts in one clause ("space battles"): let the embedding decide.
        concepts = {frozenset(self.bound.get(t, [self.tags[t]])) for t in found}
        if len(concepts) == 1:
            return list(found.items()), False
        return [], False

    def describes_movies(self, text: str) -> bool:
        """Whether the text has a polarity word or a word of the lexicon (corrected): a critique
        phrase ("space battles", "funnier") rather than a title nobody has heard of ("Heat")."""
        words = [self.correct(t) for t in tokenize(text)]
        for word in words:
            if (word in self.entries or word in lx.MORE_WORDS or word in lx.LESS_WORDS
                    or self.comparative(word)):
                return True
        joined = f" {' '.join(words)} "
        return any(len(k) > 1 and f" {' '.join(k)} " in joined for k in self.phrases)

    def unknown_words(self, words: list[str]) -> list[str]:
        """Words no lexicon phrase, grammar word or generic movie noun explains."""
        phrases = " ".join(self.correct(w) for w in words)
        known = {w for k in self.phrases if len(k) > 1 and f" {' '.join(k)} " in f" {phrases} " for w in k}
        return [w for w in (self.correct(w) for w in words)
                if not {w, w + "s", w[:-1] if w.endswith("s") else w} & self.entries.keys()
                and w not in known and w not in self.grammar
                and w not in ev.DESCRIPTIVE_NOUNS and not self.comparative(w)]

    def is_english(self, word: str) -> bool:
        """A common English word or a lexicon word: never taken for an unknown name."""
        return word in self._protected or word in self.content_words

    def names_a_tag(self, text: str) -> bool:
        """Whether the text, fillers aside, is wholly a tag phrase ("a western", "horror")."""
        words = [t for t in tokenize(text) if t not in lx.FILLER_WORDS]
        if not words:
            return False
        hits, full = self.lexical(" ".join(self.correct(w) for w in words))
        return bool(hits) and full
