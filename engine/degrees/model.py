"""Degrees: how much of an attribute each item has, for any phrase a person uses.

One place grounds a phrase ("gory", "more violent", "cheesy") and scores every item along it;
the bot's "more <attribute>", the gradient walk and `cgir eval judgments` all call it, so the
evaluation measures the product. docs/model.md ("Degrees") describes the score and its limits.

A :class:`Grounding` says how a phrase was read (a tag, or a weighted mix of tags, with a label
the bot can show); :meth:`DegreeModel.raw_scores` orders items by how much of it they have, and
:meth:`DegreeModel.degrees` maps those scores to [0, 1] over the catalog (rank percentiles).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable, Protocol

import numpy as np

from engine.degrees.grounding import FORM_TAGS, Grounding, GroundingConfig  # noqa: F401  (re-exported)
from engine.degrees.phrases import (FUNCTION_WORDS, clean_phrase, derivations,  # noqa: F401
                                 per_phrase, rank_percentiles)
from engine.degrees.tag_mix import TagTable, leaning, text_jitter
from engine.degrees.user_readings import UserTagReadings

if TYPE_CHECKING:  # pragma: no cover
    from engine.degrees.anchors import AnchorRidge, Anchors, Borrowed
    from engine.degrees.features import ItemSignals


class Catalog(Protocol):
    """What a DegreeModel reads from a Retriever (kept structural: retrieval imports us)."""

    item_vectors: np.ndarray
    tag_vectors: np.ndarray
    tags: tuple[str, ...]
    item_tags: object
    title_resolver: object

Encoder = Callable[[list[str]], np.ndarray]
# What the catalog records about every film that a person may ask more or less of ("better
# known", "better rated"): read from the ratings themselves, not from words (`DegreeModel.fact`).
FACTS = ("popularity", "rating")


class DegreeModel(UserTagReadings):
    """Grounds phrases to item-space directions and scores items along them.

    Built from a Retriever (its item table H, tag vectors F(t), binary tags) and, when the
    checkpoint has one, its degree artefact (`engine.degrees.features`): graded tag signals,
    movie-text embeddings, the catalog's user-tag language and f's weights. `encode` embeds
    phrases (MiniLM, `engine.text.minilm.encode`, loaded on first use). `weights` are the degree score's
    feature weights (`engine.degrees.score.FEATURES`); the shipped ones come from
    engine/degrees/weights.json.
    """

    def __init__(self, item_vectors: np.ndarray, tag_vectors: np.ndarray,
                 tags: tuple[str, ...] | list[str], *, item_tags=None,
                 encode: Encoder | None = None, config: GroundingConfig | None = None,
                 signals: "ItemSignals | None" = None,
                 word_encoder: dict[str, np.ndarray] | None = None,
                 language: tuple[str, ...] | list[str] = (),
                 language_vectors: np.ndarray | None = None,
                 tag_predictor: np.ndarray | None = None,
                 weights: np.ndarray | None = None,
                 anchors: "Anchors | None" = None,
                 anchor_rows: np.ndarray | None = None,
                 language_valence: np.ndarray | None = None,
                 language_counts=None):
        import scipy.sparse as sp

        from engine.degrees.score import FEATURES

        self.item_vectors = np.asarray(item_vectors, dtype=np.float32)
        self.tag_vectors = np.asarray(tag_vectors, dtype=np.float32)
        self.tags = tuple(tags)
        self.config = config or GroundingConfig()
        self._encode = encode
        self._tag_index = {t: i for i, t in enumerate(self.tags)}
        self._form_tags = np.array([t in FORM_TAGS for t in self.tags], dtype=bool)
        self._tag_name_vectors: np.ndarray | None = None
        self.signals = signals  # graded item signals (degrees.npz), None for a bare checkpoint
        self._word_encoder = word_encoder or {}
        self.language = tuple(language)
        self.language_vectors = language_vectors
        self.language_valence = language_valence  # (L, 2) tag ratings (engine.degrees.valence)
        self.language_counts = language_counts  # (M, L) users who applied each (exemplars)
        m, t = self.item_vectors.shape[0], len(self.tags)
        self.item_tags = (sp.csr_matrix(item_tags, dtype=np.float32)[:m] if item_tags is not None
                          else sp.csr_matrix((m, t), dtype=np.float32))
        counts = self.item_tags.sum(axis=0).A.ravel()
        self._thin = counts < self.config.thin * m if self.item_tags.nnz else np.zeros(t, dtype=bool)
        self.centroids = np.asarray(self.item_tags.T @ self.item_vectors) / np.maximum(counts, 1)[:, None]
        self._tag_table = TagTable.of(self.item_tags)  # what every reading's tag lifts count on
        self._predicted = None
        self._log_counts = None
        if signals is not None:
            self._log_counts = signals.tag_counts.tocsc().log1p()
            if tag_predictor is not None:
                from engine.degrees.score import predict_tags

                self._predicted = predict_tags(self.predictor_inputs(), tag_predictor)
        self.weights = (np.asarray(weights, dtype=np.float64) if weights is not None
                        else np.full(len(FEATURES), 1.0 / len(FEATURES)))
        self._vectors: dict[str, np.ndarray] = {}  # phrase -> the embedding it was read with
        self.anchors = anchors  # judged degrees of some attributes (engine.degrees.anchors)
        self.anchor_rows = anchor_rows  # catalog row of each anchor title, -1 when absent
        self._jitter: tuple | None = None  # (config key, (draws, M) perturbations of text cosines)
        self._ridge: "AnchorRidge | None" = None  # the anchors' ridge, for the anchor rows it was built on
        # Items whose graded relevance the score never saw (engine.degrees.features): walk or
        # degree figures against relevance are held out only on these.
        self.relevance_withheld = np.zeros(m, dtype=bool)
        # (M, T) genome relevance, predicted where an item has none (engine.degrees.graded);
        # NaN columns for tags without a genome. None when the dataset has no genome.
        self.graded: np.ndarray | None = None

    @classmethod
    def from_retriever(cls, retriever: Catalog, **kwargs) -> "DegreeModel":
        n = getattr(retriever, "n_shown", len(retriever.item_vectors))  # trained rows (engine.retrieval.cold)
        return cls(retriever.item_vectors[:n], retriever.tag_vectors, retriever.tags, item_tags=retriever.item_tags, **kwargs)

    def is_thin(self, tag: str) -> bool:
        """True for a tag on too few items to be a whole reading (GroundingConfig.thin)."""
        index = self._tag_index.get(tag)
        return index is not None and bool(self._thin[index])

    @property
    def n_items(self) -> int:
        return self.item_vectors.shape[0]

    @property
    def predicted_tags(self) -> np.ndarray | None:
        """(M, T) each item's tags as regressed from its vector and movie text; None without."""
        return self._predicted

    def predictor_inputs(self) -> np.ndarray:
        """Item inputs of the tag-degree regression: [h_j, text embedding_j]."""
        parts = [self.item_vectors]
        if self.signals is not None:
            parts.append(self.signals.text_vectors)
        return np.hstack(parts)

    # -- embeddings ------------------------------------------------------------------------

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._encode is None:
            from engine.text.minilm import encode

            self._encode = encode
        return np.asarray(self._encode(list(texts)), dtype=np.float32)

    def tag_name_vectors(self) -> np.ndarray:
        """(T, 384) unit MiniLM embeddings of the tag names (cached per vocabulary)."""
        if self._tag_name_vectors is None:
            if self._encode is None:
                from engine.text.words import word_vectors

                self._tag_name_vectors = word_vectors(list(self.tags))
            else:
                self._tag_name_vectors = self.encode(list(self.tags))
        return self._tag_name_vectors

    @property
    def has_word_encoder(self) -> bool:
        return bool(self._word_encoder)

    @per_phrase
    def phrase_code(self, phrase: str) -> np.ndarray:
        """F(phrase) = sum over the phrase's words of f(word vector) (eq. 7), for any words
        (remembered: every perturbed reading of a phrase needs it)."""
        from engine.text.words import words_of

        vectors = self.encode(words_of(clean_phrase(phrase)))
        e = self._word_encoder
        hidden = np.tanh(vectors @ e["f_w1"].T + e["f_b1"])
        return (1.0 / (1.0 + np.exp(-(hidden @ e["f_w2"].T + e["f_b2"])))).sum(axis=0)

    # -- grounding -------------------------------------------------------------------------

    def _evidence(self, vector: np.ndarray) -> tuple[np.ndarray, float]:
        """(cosine with every tag name, best cosine with any tag or user tag of the catalog)."""
        sims = self.tag_name_vectors() @ vector
        best = float(sims.max())
        if self.language_vectors is not None and len(self.language_vectors):
            best = max(best, float((self.language_vectors @ vector).max()))
        return sims, best

    def _read(self, text: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(embedding, tag cosines) the phrase is read with, or None when it is no attribute."""
        words = text.split()
        if all(w in FUNCTION_WORDS for w in words):
            return None
        candidates = [text, *derivations(text)]
        vectors = self.encode(candidates)
        readings = [(self._evidence(v), v) for v in vectors]
        (sims, evidence), vector = readings[0]
        if evidence < self.config.accept:
            (sims, evidence), vector = max(readings, key=lambda r: r[0][1])
        if evidence < self.config.accept:
            return None
        return vector, sims

    @per_phrase
    def ground(self, phrase: str) -> Grounding | None:
        """How `phrase` reads as an attribute; None when it is not one.

        A phrase is an attribute when it (or a derivation: "gory" -> "gore") is close to some
        tag or some user tag of the catalog. It *is* a tag when it names one or is very close to
        one; otherwise it leans on a weighted mix of the tags whose names are close to it and
        the tags its closest movies carry ("gory" -> violence + horror).
        """
        text = clean_phrase(phrase)
        if not text or not self.tags:
            return None
        own = self._tag_index.get(text)  # the phrase names a tag
        if own is not None and not self._thin[own]:
            self._vectors[text] = self.encode([text])[0]
            return Grounding.of_tag(text)
        read = self._read(text)
        if read is None:
            return None
        vector, sims = read
        self._vectors[text] = vector
        best = int(np.argmax(sims))
        if own is None and sims[best] >= self.config.same_tag:
            if not self._thin[best]:
                return Grounding.of_tag(self.tags[best], text)
            own = best
        by_name = np.where(sims >= max(self.config.name_floor, sims[best] - 0.1), sims, 0.0)
        unnamed_forms = self._form_tags & (sims < self.config.name_floor)
        lean = self._leaning(text, vector, by_name, unnamed_forms, best)
        if own is None:
            return Grounding.of_mix(text, self.tags, lean, self.config.mix)
        # a thin tag keeps a share of its reading; the tags its closest movies carry take the rest
        lean = lean.copy()
        lean[own] = 0.0
        kept = np.argsort(-lean, kind="stable")[: self.config.mix]
        share = np.zeros(len(self.tags))
        if lean[kept].sum() > 0:
            share[kept] = lean[kept] / lean[kept].sum() * len(kept) / (len(kept) + 1)
        share[own] = 1.0 - share.sum()
        return Grounding.of_mix(text, self.tags, share, self.config.mix + 1)

    def _leaning(self, text: str, vector: np.ndarray, by_name: np.ndarray,
                 unnamed_forms: np.ndarray, best: int) -> np.ndarray:
        """(T,) the tags a phrase leans on (engine.degrees.tag_mix.leaning), read with its
        cosines to the movie texts as they are and perturbed (GroundingConfig.jitter). The
        readings share every feature row but the text's (`memo`): nine cost little more than one."""
        perturbed = None
        if self.signals is not None and self.item_tags.nnz:
            cosines = self.signals.text_vectors @ vector
            perturbed = np.concatenate([cosines[None, :], cosines[None, :] + self._text_jitter()])
        memo: dict = {}

        def read_back(mix: np.ndarray, cosines: np.ndarray | None) -> np.ndarray:
            g = Grounding.of_mix(text, self.tags, mix, self.config.mix)
            return self._judgment_free_scores(g, text=cosines, memo=memo)

        return leaning(self._tag_table, perturbed, by_name, unnamed_forms, best,
                       self.config.neighbours, read_back)

    def _text_jitter(self) -> np.ndarray:
        """(draws, M) the perturbations a phrase is also read under (GroundingConfig.jitter)."""
        key = (self.config.jitter_draws, self.config.jitter)
        if self._jitter is None or self._jitter[0] != key:  # computed once per configuration
            draws = self.config.jitter_draws if self.config.jitter > 0 else 0
            self._jitter = (key, text_jitter(self.signals.text_vectors, draws, self.config.jitter))
        return self._jitter[1]

    def _judgment_free_scores(self, g: Grounding, rows: list[int] | None = None,
                              text: np.ndarray | None = None, memo: dict | None = None) -> np.ndarray:
        """Equal-weight sum of feature `rows` (default: all but the anchors) with no judgment in
        them (no anchors, no learned weights), so that how a phrase is read never depends on
        judgments about it."""
        from engine.degrees.score import FEATURES

        everything = frozenset(self.anchors.attributes) if self.anchors is not None else frozenset()
        features = self.features(g, exclude_anchors=everything, text=text, memo=memo)
        if rows is None:
            rows = [k for k, name in enumerate(FEATURES) if name != "anchors"]
        return features[rows].sum(axis=0)

    # -- scores ----------------------------------------------------------------------------

    def direction(self, g: Grounding) -> np.ndarray:
        """The item-space direction of a grounding's tags: sum_t w_t F(t)."""
        direction = np.zeros(self.item_vectors.shape[1], dtype=np.float32)
        for tag, weight in zip(g.tags, g.weights):
            direction += float(weight) * self.tag_vectors[self._tag_index[tag]]
        return direction

    def _anchored(self, g: Grounding, exclude: frozenset[str], memo: dict | None = None) -> "Borrowed | None":
        """What the grounding borrows from the judged attributes other than `exclude`
        (engine.degrees.anchors.borrow), from its own content reading and its valence (`memo`:
        the caller's, whose content rows that reading shares)."""
        from engine.degrees.anchors import borrow
        from engine.degrees.score import CONTENT_ROWS

        a = self.anchors
        if a is None or self.anchor_rows is None or (self.anchor_rows >= 0).sum() < 5:
            return None
        keep = np.array([name not in exclude for name in a.attributes])
        if not keep.any():
            return None
        own = self._judgment_free_scores(g, CONTENT_ROWS, memo=memo)  # content only: no judgment in it
        return borrow(own, a.degrees[keep], self.anchor_rows, self.anchor_ridge, self.sides,
                      self.valence(g.phrase))

    @property
    def anchor_ridge(self) -> "AnchorRidge":
        """engine.degrees.anchors.AnchorRidge of the standardised predictor inputs over the
        anchor titles in the catalog, built once per set of anchor rows (every new phrase
        borrows through it; a study may set other anchors)."""
        from engine.degrees.anchors import AnchorRidge

        rows = self.anchor_rows[self.anchor_rows >= 0]
        if self._ridge is None or not np.array_equal(self._ridge.rows, rows):
            x = self.predictor_inputs().astype(np.float64)
            self._ridge = AnchorRidge.of((x - x.mean(axis=0)) / (x.std(axis=0) + 1e-6), rows)
        return self._ridge

    @functools.cached_property
    def sides(self) -> dict[str, np.ndarray]:
        """engine.degrees.anchors.side_signals of the item signals ({} without), computed once."""
        from engine.degrees.anchors import side_signals

        return {} if self.signals is None else side_signals(self.signals)

    def valence(self, phrase: str) -> float:
        """In (-1, 1): whether people who tag with words like `phrase` rate those movies above
        or below their mean (engine.degrees.valence); 0 without the checkpoint's tag ratings."""
        from engine.degrees.valence import phrase_valence

        if self.language_valence is None or self.language_vectors is None:
            return 0.0
        return phrase_valence(self.language_vectors @ self.phrase_vector(phrase), self.language_valence)

    def features(self, g: Grounding, exclude_anchors: frozenset[str] = frozenset(),
                 text: np.ndarray | None = None, memo: dict | None = None) -> np.ndarray:
        """(len(FEATURES), n_items) standardised readings of the grounding; `exclude_anchors`
        leaves those judged attributes out of the anchors feature (cross-validation by attribute;
        a phrase is never its own anchor); `text`, `memo`: engine.degrees.score.feature_matrix."""
        from engine.degrees.score import feature_matrix

        tag_weights = np.zeros(len(self.tags))
        for tag, weight in zip(g.tags, g.weights):
            tag_weights[self._tag_index[tag]] = weight
        vector = self.phrase_vector(g.phrase)
        s = self.signals
        memo = {} if memo is None else memo  # the content reading borrowed from shares its rows
        borrowed = self._anchored(g, exclude_anchors | {g.phrase}, memo)
        if "valence" not in memo:  # one phrase's readings share its valence
            memo["valence"] = self.valence(g.phrase)
        valence = memo["valence"]
        return feature_matrix(
            tag_weights=tag_weights, item_vectors=self.item_vectors, tag_vectors=self.tag_vectors,
            centroids=self.centroids, phrase_vector=vector,
            phrase_code=self.phrase_code(g.phrase) if self.has_word_encoder else None,
            text_vectors=None if s is None else s.text_vectors, log_counts=self._log_counts,
            predicted=self._predicted,
            log_popularity=None if s is None else np.log1p(s.popularity),
            mean_rating=None if s is None else self.sides["rating"],
            anchored=None if borrowed is None else borrowed.degrees,
            side_signs=None if borrowed is None else borrowed.signs,
            scales=None if borrowed is None else borrowed.scales,
            valence=valence, text_scores=text, memo=memo)

    def fact(self, phrase: str, name: str) -> Grounding | None:
        """The phrase read as the catalog fact `name` (one of FACTS); None when this checkpoint
        does not record it (no rating signals)."""
        if name not in FACTS:
            raise ValueError(f"unknown catalog fact {name!r}; expected one of {', '.join(FACTS)}")
        return Grounding.of_fact(phrase, name) if name in self.sides else None

    def raw_scores(self, g: Grounding) -> np.ndarray:
        """(n_items,) how much of the grounding each item has; higher = more of it.

        A catalog fact is read from the ratings, tags with a genome from the genome (it measures
        degrees directly), an estimate from its exemplars, anything else from the learned combination of readings (engine.degrees.score).
        """
        from engine.degrees.score import combine, exemplar_scores

        if g.fact:  # log popularity or shrunk mean rating: the ratings say it, no reading needed
            return np.asarray(self.sides[g.fact], dtype=np.float32)
        if not g.tags:  # an estimate: judgment-free
            exemplars = self.user_tags.exemplars(self.phrase_vector(g.phrase))
            text = None if self.signals is None else self.signals.text_vectors
            return (np.zeros(self.n_items) if exemplars is None else
                    exemplar_scores(self.item_vectors, text, exemplars)).astype(np.float32)
        columns = [self._tag_index[t] for t in g.tags]
        if self.graded is not None and columns and np.isfinite(self.graded[:, columns]).all():
            return (self.graded[:, columns] @ np.asarray(g.weights)).astype(np.float32)
        return combine(self.features(g), self.weights).astype(np.float32)

    def degrees(self, g: Grounding) -> np.ndarray:
        """(n_items,) in [0, 1]: each item's rank percentile of `raw_scores` over the catalog."""
        return rank_percentiles(self.raw_scores(g))
