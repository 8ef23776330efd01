"""Stage 6 of the parser: ground a clause's content phrase to a tag of the vocabulary.

Lexicon first (tag names, variants, concept cues: score 1.0), then the sentence embedding:
cosine similarity of the phrase to every tag prototype (the tag's name and its concept's cues),
a tag scoring its best prototype. Prototype vectors are cached on disk per vocabulary. With a
static encoder (engine.text.static), a bare phrase's word-mean vector is replaced by the real one.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bot.nlu import lexicon as lx
from bot.nlu.negation import negated_base, negates
from bot.nlu.vocabulary import TagVocabulary
from bot.types import Critique

__all__ = ["Grounding", "TagGrounder", "Encoder", "ENCODER_ID", "guessed_opposite", "static_table_texts"]

ENCODER_ID = "all-MiniLM-L6-v2"
LEXICAL = 1.0  # a critique's score when its word is a tag or a lexicon word (not an embedding match)
EMBEDDING_DIM = 384
Encoder = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Grounding:
    """Thresholds, chosen on the development split of the labelled set."""

    accept: float = 0.62  # cosine needed to ground a clause that carries a polarity cue
    accept_bare: float = 0.72  # ... and one without any cue ("space battles")
    tie_margin: float = 0.03  # top two tags closer than this: ask which one
    suggest: int = 3  # how many closest tags to suggest when nothing is close


def guessed_opposite(critique: Critique, config: Grounding = Grounding()) -> bool:
    """Whether a critique's flip rests only on an embedding's nearest prototype being a declared
    opposite, below the cosine an uncued match needs (`accept_bare`): antonyms sit close in an
    embedding ("complicated" is nearest "simple", an opposite of thought-provoking, at 0.66),
    so such a flip is a guess. A near-synonym of the opposite ("straightforward" 0.78 to
    "simple"), a lexicon word and a word that negates itself ("unfunny") are no guess."""
    return (critique.flipped and critique.score < config.accept_bare
            and not any(negated_base(word) for word in critique.phrase.split()))


def static_table_texts(vocab: TagVocabulary, common: Sequence[str] = ()) -> list[str]:
    """What a static encoder (engine.text.static) must hold for this vocabulary: every tag
    prototype (so prototypes keep their exact MiniLM vectors), every lexicon phrase, the
    vocabulary's phrases and `common` words; the table adds each text's words itself."""
    texts: list[str] = []
    for i in range(len(vocab.tags)):
        texts += [phrase for phrase, _ in vocab.prototypes(i)]
    for concept in lx.CONCEPTS.values():
        texts += [*concept.names, *concept.cues, *concept.opposites]
    texts += list(vocab.entries)
    texts += list(common)
    return list(dict.fromkeys(texts))


class TagGrounder:
    """Phrase -> Critique for one vocabulary, by lexicon hit or by embedding similarity."""

    def __init__(self, vocab: TagVocabulary, encoder: Encoder, *, cache: Path | None = None,
                 config: Grounding | None = None, encoder_id: str = ENCODER_ID):
        self.vocab = vocab
        self.config = config or Grounding()
        self._encode = encoder
        self._encoder_id = encoder_id
        self._phrase_vectors: dict[str, np.ndarray] = {}
        self._precise_vectors: dict[str, np.ndarray] = {}
        texts: list[str] = []
        owner: list[int] = []
        flips: list[bool] = []
        for i in range(len(vocab.tags)):
            seen: set[str] = set()
            for phrase, flip in vocab.prototypes(i):
                if phrase.lower() in seen:
                    continue
                seen.add(phrase.lower())
                texts.append(phrase)
                owner.append(i)
                flips.append(flip)
        self._texts = texts
        self._owner = np.asarray(owner, dtype=np.int64)
        self._flip = np.asarray(flips, dtype=bool)
        self._cache = cache
        self._prototype_lock = threading.Lock()
        self._prototypes: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def encoder(self) -> Encoder:
        return self._encode

    @property
    def _vectors(self) -> np.ndarray:
        return self._prototype_vectors()[0]

    @property
    def _name_vectors(self) -> np.ndarray:
        return self._prototype_vectors()[1]

    def _prototype_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(every prototype's vector, each tag's name vector), embedded on first use: a reply
        that grounds no phrase (a title, "more", "why?") never waits for the encoder, which a
        first run may still be building (engine.text.static.load_or_build)."""
        with self._prototype_lock:
            if self._prototypes is None:
                vectors = self._cached_encode(self._texts, self._cache)
                # The first prototype of each tag is its own name (for ranking tags a lexicon hit shares).
                first: dict[int, int] = {}
                for row in np.flatnonzero(~self._flip):
                    first.setdefault(int(self._owner[row]), int(row))
                tags = range(len(self.vocab.tags))
                names = (vectors[[first[i] for i in tags]] if self.vocab.tags
                         else np.zeros((0, EMBEDDING_DIM), dtype=np.float32))
                self._prototypes = (vectors, names)
            return self._prototypes

    # -- public ------------------------------------------------------------------------------

    def from_hits(self, phrase: str, hits: list[tuple[int, bool]], polarity: int,
                  strength: float) -> Critique:
        """A critique from lexicon hits; several tags of one concept are ranked by name."""
        exact = self.vocab.exact_names.get(phrase, set())
        named = [h for h in hits if h[0] in exact]
        if named:
            hits = named
        tags = self.vocab.tags
        if len(hits) == 1:
            tag, flip = hits[0]
            return Critique(-polarity if flip else polarity, tags[tag], LEXICAL, strength, phrase, flipped=flip)
        # Several tags share the concept ("funny", "comedy", "humorous" in one vocabulary).
        sims = self._name_vectors[[h[0] for h in hits]] @ self.embed([phrase])[0]
        order = np.argsort(-sims)
        tag, flip = hits[int(order[0])]
        close = self._distinct(tag, [hits[int(j)][0] for j in order
                                     if sims[order[0]] - sims[int(j)] < self.config.tie_margin])
        return Critique(-polarity if flip else polarity, tags[tag], LEXICAL, strength, phrase,
                        candidates=close, flipped=flip)

    def from_vector(self, phrase: str, vector: np.ndarray, polarity: int, strength: float,
                    cued: bool) -> tuple[Critique | None, tuple[str, ...]]:
        """(critique or None, closest tags) by embedding; `cued` lowers the bar."""
        if not len(self._vectors):
            return None, ()
        if not cued:
            vector = self._precise(phrase, vector)
        per_tag, best_row = self._per_tag(self._vectors @ vector)
        ranking = np.argsort(-per_tag)
        top = int(ranking[0])
        score = float(per_tag[top])
        tags = self.vocab.tags
        close = tuple(tags[int(t)] for t in ranking[: self.config.suggest])
        if score < (self.config.accept if cued else self.config.accept_bare):
            return None, close
        flip = bool(self._flip[best_row[top]])
        if negates(phrase, self._texts[best_row[top]]):
            flip = not flip  # "more unfunny" sits next to "funny": it is less funny
        else:
            flip = self._through_base(phrase, top, flip)
        ties = self._distinct(top, [int(t) for t in ranking[:4]
                                    if score - float(per_tag[int(t)]) < self.config.tie_margin])
        critique = Critique(-polarity if flip else polarity, tags[top], round(score, 4), strength,
                            phrase, candidates=ties, flipped=flip)
        if guessed_opposite(critique, self.config):
            # asking "less cerebral or less philosophical?" would offer what may be the reverse
            # of the request; the dialogue reads the words themselves
            critique = replace(critique, candidates=())
        return critique, close

    def nearest(self, phrase: str) -> tuple[str, float] | None:
        """The tag closest to a phrase and its cosine, however far (for a guess said as one)."""
        if not len(self._vectors):
            return None
        per_tag, _ = self._per_tag(self._vectors @ self.embed([phrase])[0])
        top = int(np.argmax(per_tag))
        return self.vocab.tags[top], round(float(per_tag[top]), 4)

    def embed(self, phrases: Sequence[str]) -> np.ndarray:
        """Unit vectors of the phrases, one encoder call for the ones not seen before."""
        missing = [p for p in dict.fromkeys(phrases) if p not in self._phrase_vectors]
        if missing:
            if len(self._phrase_vectors) + len(missing) > 4096:
                self._phrase_vectors.clear()
            for p, v in zip(missing, self._encode(missing)):
                self._phrase_vectors[p] = np.asarray(v, dtype=np.float32)
        if not phrases:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        return np.stack([self._phrase_vectors[p] for p in phrases])

    # -- steps -------------------------------------------------------------------------------

    def _through_base(self, phrase: str, top: int, flip: bool) -> bool:
        """A negated word whose tag is its base's: "unrealistic" lands on "documentary" because
        "realistic" does, so "more unrealistic" is less documentary. The base must be a word of
        the language that grounds to the same tag on its own ("unique" has no base "ique")."""
        words = phrase.split()
        base = negated_base(words[-1]) if words else None
        if base is None or not self.vocab.is_english(base):
            return flip
        said = " ".join([*words[:-1], base])
        per_tag, best_row = self._per_tag(self._vectors @ self.embed([said])[0])
        if int(np.argmax(per_tag)) != top or float(per_tag[top]) < self.config.accept:
            return flip
        return not bool(self._flip[best_row[top]])

    def _distinct(self, top: int, close: list[int]) -> tuple[str, ...]:
        """The tags worth a question among the close ones: a tag bound to a concept the top tag
        is bound to is its synonym ("funny", "humorous", "comedy"; "cerebral", "philosophical"),
        so "more unfunny", "dumber" or "something with a brain" take the top one instead of
        asking which. Empty when no other tag is left."""
        concepts = set(self.vocab.bound.get(top, ()))
        kept = [t for t in close if t == top or not concepts & set(self.vocab.bound.get(t, ()))]
        if top not in kept:
            kept.insert(0, top)
        return tuple(self.vocab.tags[t] for t in kept) if len(kept) > 1 else ()

    def _precise(self, phrase: str, vector: np.ndarray) -> np.ndarray:
        """The encoder's own vector where `vector` is a static encoder's word mean: a bare
        phrase ("tell me something funny") has no polarity word to vouch for it, and a mean
        leans on its one tag word (measured: chit-chat read as a critique 2 % -> 14 %)."""
        approximate = getattr(self._encode, "approximate", None)
        if approximate is None or not approximate(phrase):
            return vector
        if phrase not in self._precise_vectors:
            if len(self._precise_vectors) > 1024:
                self._precise_vectors.clear()
            self._precise_vectors[phrase] = self._encode.precise([phrase])[0]
        return self._precise_vectors[phrase]

    def _per_tag(self, sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each tag's best prototype similarity and the row of that prototype."""
        n = len(self.vocab.tags)
        per_tag = np.full(n, -1.0, dtype=np.float32)
        best_row = np.full(n, -1, dtype=np.int64)
        np.maximum.at(per_tag, self._owner, sims.astype(np.float32))
        for row in np.argsort(-sims):
            tag = self._owner[row]
            if best_row[tag] < 0:
                best_row[tag] = row
        return per_tag, best_row

    def _cached_encode(self, texts: list[str], cache: Path | None) -> np.ndarray:
        digest = hashlib.sha256("\x1f".join([self._encoder_id, *texts]).encode()).hexdigest()
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
            encoded = np.asarray(self._encode(unique), dtype=np.float32)
            row = {t: i for i, t in enumerate(unique)}
            vectors = encoded[[row[t] for t in texts]]
        else:
            vectors = np.zeros((0, EMBEDDING_DIM), np.float32)
        if cache is not None:
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_name(cache.name + ".tmp.npz")
                np.savez(tmp, digest=np.asarray(digest), vectors=vectors)
                tmp.replace(cache)
            except OSError:
                pass  # a read-only cache folder only costs speed
        return vectors
