"""Readings of a phrase from what a catalog's users wrote as tags: whether they wrote it, the
estimate of a word the catalog has no tag for (from the movies they tagged with close words), and
each movie's share of close tags. Part of DegreeModel (engine.degrees.model), which holds the
user-tag language (`user_tags`, engine.degrees.exemplars.UserTags), the phrase embeddings and the
sentence encoder."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from engine.degrees.grounding import Grounding
from engine.degrees.phrases import clean_phrase, derivations, per_phrase

if TYPE_CHECKING:  # pragma: no cover
    from engine.degrees.exemplars import UserTags


class UserTagReadings:
    """DegreeModel's readings of a phrase against the catalog's user tags (a mixin: `encode`
    is DegreeModel's)."""

    language: tuple[str, ...]
    language_vectors: np.ndarray | None
    language_counts: object  # (M, L) scipy.sparse
    _vectors: dict[str, np.ndarray]

    @property
    def user_tags(self) -> "UserTags":
        from engine.degrees.exemplars import UserTags

        return UserTags(self.language, self.language_vectors, self.language_counts)

    @per_phrase
    def users_wrote(self, phrase: str, cosine: float = 0.9) -> bool:
        """Whether this catalog's users applied the phrase (or a derivation: "gory" -> "gore")
        as a tag, up to spelling: the bar for walking words no parser tag matched, so that
        "more pizza" is not walked on a near-miss ("pizza beer")."""
        text = clean_phrase(phrase)
        if not text or self.language_vectors is None or not len(self.language_vectors):
            return False
        vectors = self.encode([text, *derivations(text)])
        return bool((vectors @ self.language_vectors.T).max() >= cosine)

    @per_phrase
    def estimate(self, phrase: str) -> Grounding | None:
        """Words naming what the catalog does not record ("long", "big budget") read from the
        movies its users tagged with close words only (engine.degrees.score.exemplar_scores: no
        tag mix, no learned weight); None when no user tag is close enough."""
        text = clean_phrase(phrase)
        if not text or self.user_tags.exemplars(self.phrase_vector(text)) is None:
            return None
        return Grounding.estimate(text, "what people tagged " + ", ".join(self.user_tags.closest(self.phrase_vector(text))))

    @per_phrase
    def tagged_share(self, phrase: str) -> np.ndarray | None:
        """(M,) the share of what this catalog's users tagged each movie with that is close to
        the phrase (engine.degrees.exemplars.tag_shares); None without close user tags."""
        text = clean_phrase(phrase)
        return self.user_tags.shares(self.phrase_vector(text)) if text else None

    def phrase_vector(self, phrase: str) -> np.ndarray:
        """The embedding a phrase was read with (encoded once)."""
        vector = self._vectors.get(phrase)
        if vector is None:
            vector = self._vectors[phrase] = self.encode([phrase])[0]
        return vector

