"""Degrees: how much of an attribute each item has, for any phrase a person uses.

One place grounds a phrase ("gory", "more violent", "cheesy") and scores every item along it;
the bot's "more <attribute>", the gradient walk and `cgir eval judgments` all call it, so the
evaluation measures the product. docs/model.md ("Degrees") describes the score and its limits.

A :class:`Grounding` says how a phrase was read (a tag, or a weighted mix of tags, with a label
the bot can show); :meth:`DegreeModel.raw_scores` orders items by how much of it they have, and
:meth:`DegreeModel.degrees` maps those scores to [0, 1] over the catalog (rank percentiles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from engine.degrees_features import ItemSignals
    from engine.retrieval import Retriever

Encoder = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Grounding:
    """How a phrase was read."""

    phrase: str  # what the person said ("gory")
    label: str  # how it was read, for the reply ("violence + horror")
    tags: tuple[str, ...]  # catalog tags it leans on (may be empty)
    weights: tuple[float, ...]
    is_tag: bool  # True when the phrase is (close to) one tag


@dataclass(frozen=True)
class GroundingConfig:
    """Thresholds of `DegreeModel.ground` (cosines of MiniLM phrase and tag-name embeddings)."""

    accept: float = 0.5  # below this for every tag, the phrase is not an attribute
    same_tag: float = 0.85  # at or above this, the phrase *is* that tag
    mix: int = 4  # how many near tags a phrase that is not a tag leans on
    mix_margin: float = 0.1  # ... only those within this cosine of the best one


def clean_phrase(phrase: str) -> str:
    """Lower-case, single-spaced, edge punctuation stripped."""
    text = " ".join(str(phrase).lower().split())
    return re.sub(r"^[^\w]+|[^\w]+$", "", text)


def rank_percentiles(scores: np.ndarray) -> np.ndarray:
    """Scores to [0, 1] by rank over the catalog (ties share their mean rank)."""
    scores = np.asarray(scores, dtype=np.float64)
    n = len(scores)
    if n <= 1:
        return np.full(n, 0.5, dtype=np.float32)
    from scipy.stats import rankdata

    return ((rankdata(scores, method="average") - 1.0) / (n - 1)).astype(np.float32)


class DegreeModel:
    """Grounds phrases to item-space directions and scores items along them.

    Built from a Retriever (its item table H and tag vectors F(t)); `encode` embeds phrases
    (MiniLM, `engine.text.encode`, loaded on first use).
    """

    def __init__(self, item_vectors: np.ndarray, tag_vectors: np.ndarray,
                 tags: tuple[str, ...] | list[str], *, encode: Encoder | None = None,
                 config: GroundingConfig | None = None, signals: "ItemSignals | None" = None,
                 word_encoder: dict[str, np.ndarray] | None = None):
        self.item_vectors = np.asarray(item_vectors, dtype=np.float32)
        self.tag_vectors = np.asarray(tag_vectors, dtype=np.float32)
        self.tags = tuple(tags)
        self.config = config or GroundingConfig()
        self._encode = encode
        self._tag_index = {t: i for i, t in enumerate(self.tags)}
        self._tag_name_vectors: np.ndarray | None = None
        self.signals = signals  # graded item signals (degrees.npz), None for a bare checkpoint
        self._word_encoder = word_encoder or {}

    @classmethod
    def from_retriever(cls, retriever: "Retriever", **kwargs) -> "DegreeModel":
        return cls(retriever.item_vectors, retriever.tag_vectors, retriever.tags, **kwargs)

    @property
    def n_items(self) -> int:
        return self.item_vectors.shape[0]

    # -- embeddings ------------------------------------------------------------------------

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._encode is None:
            from engine.text import encode

            self._encode = encode
        return np.asarray(self._encode(list(texts)), dtype=np.float32)

    def tag_name_vectors(self) -> np.ndarray:
        """(T, 384) unit MiniLM embeddings of the tag names (cached per vocabulary)."""
        if self._tag_name_vectors is None:
            if self._encode is None:
                from engine.models.words import word_vectors

                self._tag_name_vectors = word_vectors(list(self.tags))
            else:
                self._tag_name_vectors = self.encode(list(self.tags))
        return self._tag_name_vectors

    @property
    def has_word_encoder(self) -> bool:
        return bool(self._word_encoder)

    def phrase_code(self, phrase: str) -> np.ndarray:
        """F(phrase) = sum over the phrase's words of f(word vector) (eq. 7), for any words."""
        from engine.models.words import words_of

        vectors = self.encode(words_of(clean_phrase(phrase)))
        e = self._word_encoder
        hidden = np.tanh(vectors @ e["f_w1"].T + e["f_b1"])
        return (1.0 / (1.0 + np.exp(-(hidden @ e["f_w2"].T + e["f_b2"])))).sum(axis=0)

    # -- grounding -------------------------------------------------------------------------

    def ground(self, phrase: str) -> Grounding | None:
        """How `phrase` reads as an attribute; None when it is not one (no tag is close)."""
        text = clean_phrase(phrase)
        if not text or not self.tags:
            return None
        if text in self._tag_index:
            return Grounding(text, text, (text,), (1.0,), True)
        sims = self.tag_name_vectors() @ self.encode([text])[0]
        best = int(np.argmax(sims))
        if sims[best] < self.config.accept:
            return None
        if sims[best] >= self.config.same_tag:
            return Grounding(text, self.tags[best], (self.tags[best],), (1.0,), True)
        order = [int(j) for j in np.argsort(-sims)[: self.config.mix]
                 if sims[j] >= sims[best] - self.config.mix_margin]
        weights = np.maximum(sims[order], 1e-6)
        weights = weights / weights.sum()
        names = tuple(self.tags[j] for j in order)
        return Grounding(text, " + ".join(names), names, tuple(float(w) for w in weights),
                         len(names) == 1)

    # -- scores ----------------------------------------------------------------------------

    def direction(self, g: Grounding) -> np.ndarray:
        """The item-space direction of a grounding: sum_t w_t F(t)."""
        direction = np.zeros(self.item_vectors.shape[1], dtype=np.float32)
        for tag, weight in zip(g.tags, g.weights):
            direction += float(weight) * self.tag_vectors[self._tag_index[tag]]
        return direction

    def raw_scores(self, g: Grounding) -> np.ndarray:
        """(n_items,) progress along the grounding, <h_j, d>; higher = more of it."""
        return self.item_vectors @ self.direction(g)

    def degrees(self, g: Grounding) -> np.ndarray:
        """(n_items,) in [0, 1]: each item's rank percentile of `raw_scores` over the catalog."""
        return rank_percentiles(self.raw_scores(g))


def load_degree_model(retriever: "Retriever") -> DegreeModel:
    """The DegreeModel of a retriever (and of its checkpoint's degree artefact, when present)."""
    from engine.degrees_features import load_signals

    model_dir = getattr(retriever, "model_dir", None)
    loaded = load_signals(model_dir) if model_dir is not None else None
    if loaded is None:
        return DegreeModel.from_retriever(retriever)
    signals, arrays = loaded
    encoder = {k: v for k, v in arrays.items() if k.startswith("f_")}
    return DegreeModel.from_retriever(retriever, signals=signals, word_encoder=encoder)
