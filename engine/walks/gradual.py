"""The gradual walk on a Retriever: its degree model's estimates fed to engine.walks.degree_steps.

`gradual_walk` turns critiques (Modification: tag, alpha, strength as weight) into axes of
estimated degrees (`Retriever.attribute_degrees`, i.e. `engine.degrees.model.DegreeModel.degrees`),
measures "closest in everything else" on the item table with the asked tags' directions F(t)
projected out, and returns a GradientSequence whose steps carry their estimated degree, or a
WalkLimit when the reference has no room left. Nothing here reads the dataset's relevance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from engine.retrieval.retriever import GradientSequence, Modification, modification_json
from engine.walks.degree_steps import AtLimit, Axis, degree_walk, residual_similarity

if TYPE_CHECKING:  # pragma: no cover
    from engine.retrieval.retriever import Retriever

# Room (in calibrated degree) a suggested critique must leave, so that it is worth walking.
SUGGESTION_ROOM = 0.3


@dataclass(frozen=True)
class WalkLimit:
    """No gradual walk: the reference is already at the floor (or ceiling) of an asked attribute.

    `suggestion` is the nearest useful critique instead: the same direction on the closest tag
    (by F(t)) along which the reference still has room; None when there is none.
    """

    reference: int
    modifications: tuple[Modification, ...]  # everything asked
    modification: Modification  # the critique that has no room
    degree: float  # the reference's estimated degree of it
    extreme: float  # the furthest degree the catalog reaches that way
    suggestion: Modification | None = None
    suggestion_degree: float | None = None

    def to_json(self, retriever: "Retriever") -> dict:
        suggestion, first = self.suggestion, self.modifications[0]
        return {
            "reference": {"item_id": int(retriever.item_ids[self.reference]),
                          "title": retriever.titles[self.reference], "degree": self.degree},
            "tag": retriever.tags[first.tag],
            "alpha": first.alpha,
            "modifications": [modification_json(m, retriever) for m in self.modifications],
            "at_limit": {"tag": retriever.tags[self.modification.tag],
                         "alpha": self.modification.alpha, "extreme": self.extreme},
            "suggestion": None if suggestion is None else {
                "tag": retriever.tags[suggestion.tag], "alpha": suggestion.alpha,
                "degree": self.suggestion_degree},
            "sequence": [],
        }


def gradual_walk(retriever: "Retriever", item: int,
                 modifications: tuple[Modification, ...] | list[Modification], *,
                 steps: int = 10, exclude: tuple[int, ...] | list[int] = ()
                 ) -> GradientSequence | WalkLimit:
    """Evenly spaced estimated degrees of every asked tag (engine.walks.degree_steps.degree_walk).

    Each modification's weight is its strength ("a bit" 0.5, plain 1, "much" 2): it sets how
    far toward the catalog's extreme the walk goes. The answer is a WalkLimit when the
    reference has no room left on some asked tag. A step's `gamma` is its place along the span
    (k / steps) and its `score` the similarity to the reference in everything else.
    """
    modifications = tuple(modifications)
    if not modifications:
        raise ValueError("a walk needs at least one modification")
    item = int(item)
    axes = [Axis(retriever.modification_degrees(m), m.alpha, m.weight) for m in modifications]
    directions = np.stack([retriever.tag_vectors[m.tag] if m.grounding is None
                           else retriever.degree_model.direction(m.grounding) for m in modifications])
    similarity = residual_similarity(retriever.item_vectors, item, directions)
    result = degree_walk(similarity, axes, item, steps=steps, exclude=exclude)
    if isinstance(result, AtLimit):
        stuck = modifications[result.axis]
        suggestion = nearest_useful(retriever, item, stuck)
        return WalkLimit(item, modifications, stuck, round(result.degree, 4),
                         round(result.extreme, 4), suggestion,
                         None if suggestion is None else retriever.degree_of(item, suggestion.tag))
    chosen = tuple(
        retriever.shown_step(row, position, float(similarity[row]), modifications)
        for row, position in zip(result.rows, result.positions))
    return GradientSequence(item, modifications, chosen,
                            retriever.modification_degree(item, modifications[0]))


def nearest_useful(retriever: "Retriever", item: int, stuck: Modification,
                   min_room: float = SUGGESTION_ROOM) -> Modification | None:
    """The critique to offer instead of one with no room: the same direction on the tag whose
    F(t) is closest to the stuck tag's, among tags where the item has room."""
    f = retriever.tag_vectors
    norms = np.linalg.norm(f, axis=1) * np.linalg.norm(f[stuck.tag])
    cosine = (f @ f[stuck.tag]) / np.where(norms > 0, norms, 1.0)
    for tag in np.argsort(-cosine, kind="stable"):
        tag = int(tag)
        if tag == stuck.tag:
            continue
        degree = float(retriever.attribute_degrees(tag)[item])
        room = degree if stuck.alpha < 0 else 1.0 - degree
        if room >= min_room:
            return Modification(tag, stuck.alpha, stuck.weight)
    return None
