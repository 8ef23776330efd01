"""Exemplars: the movies this catalog's users tagged with words close to a phrase.

A phrase that names no tag of the vocabulary ("long", "big budget", "talkier") is often close to
words people did write as tags on a few movies ("too long", "way too long", "big budget",
"conversation"). Those movies are the phrase's exemplars; how close every other movie is to
them, in the item space (people who watched them) and in the movie texts, is one more reading of
the phrase (`engine.degrees.score.exemplar_scores`). The user tags are
weighted softly by their cosine with the phrase above a floor, so no rounding of an embedding
switches one exemplar set for another.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

# A user tag that says a movie lacks something ("not funny", "no plot", "isn't scary")
NEGATION = re.compile(r"\b(?:not|no|never|without|non)\b|n't")


@dataclass(frozen=True)
class ExemplarConfig:
    floor: float = 0.5  # a user tag weighs (cosine - floor), so nothing below the floor counts
    closest: int = 10  # at most this many of the closest user tags


def language_weights(cosines: np.ndarray, config: ExemplarConfig = ExemplarConfig()) -> np.ndarray:
    """(L,) weight of each user tag, summing to 1 (all 0 when none is above the floor)."""
    cosines = np.asarray(cosines, dtype=np.float64)
    weights = np.zeros(len(cosines))
    if not len(cosines):
        return weights
    k = min(config.closest, len(cosines))
    top = np.argpartition(-cosines, k - 1)[:k]
    weights[top] = np.clip(cosines[top] - config.floor, 0.0, None)
    total = weights.sum()
    return weights / total if total > 0 else weights


def exemplar_items(language_counts: sp.spmatrix | None, cosines: np.ndarray,
                   config: ExemplarConfig = ExemplarConfig()) -> np.ndarray | None:
    """(M,) how much each movie is an exemplar of the phrase (sums to 1), or None when no user
    tag is close enough or none of the close ones is on a catalog movie."""
    items = close_applications(language_counts, cosines, config)
    total = 0.0 if items is None else items.sum()
    return items / total if total > 0 else None


def close_applications(language_counts: sp.spmatrix | None, cosines: np.ndarray,
                       config: ExemplarConfig = ExemplarConfig()) -> np.ndarray | None:
    """(M,) each movie's applications of the user tags close to the phrase, weighted as
    `language_weights`; None when no user tag is close enough (or the counts are another
    language's)."""
    if language_counts is None or language_counts.shape[1] != len(cosines):
        return None
    weights = language_weights(cosines, config)
    if not weights.any():
        return None
    return np.asarray(language_counts @ weights, dtype=np.float64).ravel()


@functools.lru_cache(maxsize=8)
def negated(language: tuple[str, ...]) -> np.ndarray:
    """(L,) True for the user tags that say a movie lacks something (NEGATION)."""
    return np.array([bool(NEGATION.search(tag)) for tag in language], dtype=bool)


def user_tag_cosines(language: tuple[str, ...], language_vectors: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """(L,) a phrase's cosine with each user tag, -1 for a tag that negates: the sentence encoder
    puts "not funny" next to "funny" (0.82), and a movie tagged "not funny" is no exemplar of it."""
    return np.where(negated(tuple(language)), -1.0, np.asarray(language_vectors) @ vector)


def phrase_exemplars(language: tuple[str, ...], language_vectors: np.ndarray | None,
                     language_counts: sp.spmatrix | None, vector: np.ndarray) -> np.ndarray | None:
    """`exemplar_items` of a phrase's embedding; None without the catalog's user language."""
    if language_vectors is None:
        return None
    return exemplar_items(language_counts, user_tag_cosines(language, language_vectors, vector))


def tag_shares(language_counts: sp.spmatrix | None, cosines: np.ndarray,
               config: ExemplarConfig = ExemplarConfig()) -> np.ndarray | None:
    """(M,) the share of each movie's user-tag applications that use words close to the phrase
    (weighted as `language_weights`), or None when no user tag is close enough. A share, not a
    count: a movie its users tagged with hundreds of words (Pulp Fiction) is not the best
    example of every one of them."""
    close = close_applications(language_counts, cosines, config)
    if close is None:
        return None
    total = np.asarray(language_counts.sum(axis=1), dtype=np.float64).ravel()
    return close / np.maximum(total, 1.0)


def closest_user_tags(language: tuple[str, ...], cosines: np.ndarray, n: int = 3,
                      config: ExemplarConfig = ExemplarConfig()) -> tuple[str, ...]:
    """The user tags an exemplar reading leans on most, for a label ("too long, way too long")."""
    weights = language_weights(cosines, config)
    order = [int(j) for j in np.argsort(-weights, kind="stable")[:n] if weights[j] > 0]
    return tuple(language[j] for j in order)


@dataclass(frozen=True)
class UserTags:
    """A catalog's user-tag language (the tags its users wrote, their embeddings, and how many
    users applied each to each movie), read against a phrase's embedding."""

    language: tuple[str, ...]
    vectors: np.ndarray | None  # (L, 384)
    counts: sp.spmatrix | None  # (M, L)

    def cosines(self, vector: np.ndarray) -> np.ndarray:
        return user_tag_cosines(self.language, self.vectors, vector)

    def exemplars(self, vector: np.ndarray) -> np.ndarray | None:
        """`phrase_exemplars` of the phrase."""
        return phrase_exemplars(self.language, self.vectors, self.counts, vector)

    def shares(self, vector: np.ndarray) -> np.ndarray | None:
        """`tag_shares` of the phrase; None without a user-tag language."""
        return None if self.vectors is None else tag_shares(self.counts, self.cosines(vector))

    def closest(self, vector: np.ndarray) -> tuple[str, ...]:
        """`closest_user_tags` of the phrase."""
        return closest_user_tags(self.language, self.cosines(vector))
