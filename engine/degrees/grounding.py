"""How a phrase was read (Grounding) and the thresholds of reading it (GroundingConfig)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Tags that say what form a film takes, not how much of a quality it has: an adjective ("crude",
# "unrealistic", "gory") never makes a film more of a documentary, however often the movies
# closest to its words are documentaries. A phrase leans on one only when it names it (`name_floor`).
FORM_TAGS = frozenset({"documentary", "animation", "anime", "imax", "black and white", "television"})


@dataclass(frozen=True)
class Grounding:
    """How a phrase was read."""

    phrase: str  # what the person said ("gory")
    label: str  # how it was read, for the reply ("violence + horror")
    tags: tuple[str, ...]  # catalog tags it leans on (may be empty)
    weights: tuple[float, ...]
    is_tag: bool  # True when the phrase is (close to) one tag
    # A fact the catalog records about every film rather than a quality people describe:
    # "popularity" (how many gave it 4 stars or more) or "rating" (its mean rating, shrunk to the catalog's
    # for films few rated); "" for a reading of words (engine.degrees.model.FACTS).
    fact: str = ""

    @classmethod
    def of_tag(cls, tag: str, phrase: str | None = None) -> "Grounding":
        """A phrase read as exactly one catalog tag (the tag's own name by default)."""
        return cls(tag if phrase is None else phrase, tag, (tag,), (1.0,), True)

    @classmethod
    def of_mix(cls, phrase: str, tags: Sequence[str], mix: np.ndarray, size: int) -> "Grounding":
        """A phrase read as the (up to) `size` heaviest tags of `mix` (T,), weights renormalised."""
        order = [int(j) for j in np.argsort(-mix, kind="stable")[:size] if mix[j] > 0]
        weights = mix[order] / mix[order].sum()
        names = tuple(tags[j] for j in order)
        return cls(phrase, " + ".join(names), names, tuple(round(float(w), 4) for w in weights), False)

    @classmethod
    def of_fact(cls, phrase: str, fact: str) -> "Grounding":
        """A phrase read as one of the catalog's recorded facts ("better known" -> popularity)."""
        return cls(phrase, fact, (), (), False, fact)

    @classmethod
    def estimate(cls, phrase: str, label: str) -> "Grounding":
        """A phrase read with no tag at all (engine.degrees.model.DegreeModel.estimate)."""
        return cls(phrase, label, (), (), False)


@dataclass(frozen=True)
class AttributeReading:
    """How the bot reads "more <attribute>": the degrees of `grounding`, walked up (`sign` +1) or
    down (-1: the attribute named through an opposite, "more light-hearted" = less dark). An
    evaluation that drops the sign scores such an attribute reversed."""

    grounding: Grounding
    sign: int = 1

    @property
    def label(self) -> str:
        return self.grounding.label if self.sign > 0 else f"less {self.grounding.label}"


@dataclass(frozen=True)
class GroundingConfig:
    """Thresholds of `DegreeModel.ground` (cosines of MiniLM embeddings)."""

    accept: float = 0.45  # the phrase must be this close to some tag or some user tag of the catalog
    same_tag: float = 0.85  # at or above this with one tag, the phrase *is* that tag
    mix: int = 3  # how many tags a phrase that is not a tag leans on
    name_floor: float = 0.55  # a tag name this close to the phrase may be leaned on by name
    neighbours: int = 50  # movies whose text is closest to the phrase, for the tags it implies
    # The phrase is also read with its cosines to the movie texts perturbed `jitter_draws` times
    # by `jitter` times the spread their 8-bit rounding gives, and the readings are averaged
    # (engine.degrees.tag_mix.leaning), so that a rounding of the movie texts moves a reading a
    # little rather than across a cut (0: read once). Off by default: even sharing their work,
    # the nine readings cost a new phrase ~2.5-3 readings (one sender's turn p95 37-42 -> 48-57
    # ms on ml-latest-small, over issue 20's 50 ms in 2 of 4 runs) for +0.1-0.2 points of
    # judged pair accuracy on fresh checkpoints (docs/results.md).
    jitter: float = 0.0
    jitter_draws: int = 8
    # A tag on fewer than this share of the items is too thin to be a whole reading ("funny" on
    # 22 of 6,298 ml-latest-small movies): the phrase is read as a mix that keeps it.
    thin: float = 0.01
