"""What a walk is asked and returns: critiques (Modification), the steps shown and their JSON
shape, the walk's settings (WalkDefaults, gamma_grid) and its skip-seen rule."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from collections.abc import Collection, Iterable, Iterator
from typing import Protocol, Sequence

import numpy as np


class Retriever(Protocol):
    """What the JSON shapes read from engine.retrieval.retriever.Retriever (kept structural: it imports us)."""

    tags: tuple[str, ...]
    titles: Sequence[str]
    item_ids: np.ndarray


@dataclass(frozen=True)
class Modification:
    """One critique: alpha=+1 for "more tag", -1 for "less tag"; weight scales its strength.

    `grounding` (engine.degrees.model.Grounding) is set when the user's words were read as something
    other than the tag itself ("gory" -> violence + horror): the gradual walk then follows the
    degrees of that reading, and `tag` is its closest catalog tag (for the paper's walk and lists).
    """

    tag: int
    alpha: int
    weight: float = 1.0
    grounding: object | None = None


@dataclass(frozen=True)
class Step:
    item: int  # row in the item table
    item_id: int  # the catalog's own id
    title: str
    gamma: float
    score: float
    relevance: float | None  # relevance to the (first) critiqued tag, None when unknown
    degree: float | None = None  # the degree model's estimate of the (first) asked attribute


@dataclass(frozen=True)
class GradientSequence:
    reference: int
    modifications: tuple[Modification, ...]
    steps: tuple[Step, ...]
    reference_degree: float | None = None  # the reference's estimated degree (first critique)
    # True when the answer kept to the films of a form tag (engine.walks.neighbourhood.form_members):
    # reference_degree is then 1 or 0, whether the reference carries that tag, not an estimate
    tagged: bool = False
    # True when no item moved every asked attribute the asked way and the answer holds those
    # that move them furthest on balance (engine.walks.neighbourhood, `balance`)
    balanced: bool = False

    def to_json(self, retriever: "Retriever") -> dict:
        """The stable JSON shape of `cgir retrieve --json`."""
        first = self.modifications[0] if self.modifications else None
        return {
            "reference": {
                "item_id": int(retriever.item_ids[self.reference]),
                "title": retriever.titles[self.reference],
            } | ({} if self.reference_degree is None else {"degree": self.reference_degree})
              | ({"tagged": True} if self.tagged else {}),
            "tag": retriever.tags[first.tag] if first else None,
            "alpha": first.alpha if first else None,
            "modifications": [modification_json(m, retriever) for m in self.modifications],
            "sequence": [
                {k: v for k, v in asdict(step).items() if k != "item"} for step in self.steps
            ],
        }


def modification_json(m: Modification, retriever: "Retriever") -> dict:
    out = {"tag": retriever.tags[m.tag], "alpha": m.alpha, "weight": m.weight}
    if m.grounding is not None:
        out["reading"] = m.grounding.label
    return out


def unseen_rows(ordered: Iterable, seen: Collection[int], banned: Collection[int] = ()) -> Iterator[int]:
    """The gamma walk's skip-seen rule, the one copy every walk uses: a step's candidate rows,
    best first, without the banned ones and without those an earlier step already showed."""
    for row in ordered:
        row = int(row)
        if row not in banned and row not in seen:
            yield row


@dataclass(frozen=True)
class WalkDefaults:
    """The walk settings a model was trained with (TrainConfig.steps, gamma_min, gamma_max).

    Callers use them when the user gives none; a stored gamma_min of 0 stays 0.
    """

    steps: int = 10
    gamma_min: float = 0.1
    gamma_max: float = 1.0

    def __post_init__(self) -> None:
        if self.steps < 1:
            raise ValueError(f"steps must be at least 1, got {self.steps}")
        if self.gamma_max < self.gamma_min:
            raise ValueError(f"gamma_max {self.gamma_max} is below gamma_min {self.gamma_min}")


def gamma_grid(steps: int = 10, gamma_min: float = 0.1, gamma_max: float = 1.0) -> np.ndarray:
    """Evenly spaced strengths, e.g. 0.1, 0.2, ..., 1.0 for the defaults."""
    if steps < 1:
        raise ValueError("steps must be at least 1")
    if steps == 1:
        return np.array([gamma_max], dtype=np.float32)
    return np.linspace(gamma_min, gamma_max, steps, dtype=np.float32).round(6)
