"""Degree-seeking simulated users: "like this one, but a bit less dark".

The use a gradient is for. A user starts from a reference item and wants *some amount* less or
more of one tag while keeping the rest. On a catalog with graded relevance (the demo world's
planted relevance is the ground truth of every item's degree of every tag):

* **Goal.** A random reference, tag and direction with room: the catalog's extreme that way
  (its 1 % / 99 % quantile of the tag) lies at least MIN_CHANGE beyond the reference. The wanted
  degree is a uniform point between the reference's degree and that extreme, at least
  MIN_CHANGE away from the reference (a change of 0.2 is one a person would name, as for the
  far-target users). The hidden target is the item closest to the reference on the *other*
  tags among those within the degree tolerance of the wanted degree; a draw whose target is
  not within the others tolerance is drawn again.
* **Success.** An item is acceptable when its degree is within `Tolerance.degree` of the
  target's and its mean absolute difference from the reference on the other tags is at most
  `Tolerance.others`. `miss` is the larger of the two gaps, each divided by its tolerance:
  acceptable means miss <= 1.
* **Each turn.** From the current item, if its degree is off by more than the tolerance, the
  user asks for the tag toward the target, sized by the share of the remaining way to the
  extreme it wants (under SMALL_SHARE "a bit", over LARGE_SHARE "much", plain between).
  Otherwise it asks for the other tag that drifted furthest from the reference (by more than
  DRIFT) back toward the reference, sized the same way, each such tag once. It then picks the shown item
  with the smallest miss, if that beats the current item's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.sim.user import DegreeGoal, TagSpace

MIN_CHANGE = 0.2  # smallest change of degree a user asks for (and the far users' notice gap)
EXTREME_QUANTILE = 0.01  # the catalog's extreme: its 1 % most extreme items lie beyond
SMALL_SHARE = 0.4  # below this share of the remaining way: "a bit"
LARGE_SHARE = 0.8  # above: "much"
DRIFT = 0.1  # another tag this far from the reference's is worth correcting
MAX_DRAWS = 200  # draws per user before the catalog is declared unfit


@dataclass(frozen=True)
class Tolerance:
    """What a degree-seeking user accepts, on the planted relevance scale [0, 1].

    degree: how far the shown item's degree of the asked tag may be from the target's (0.1:
    a tenth of the scale, half the smallest change a user asks for).
    others: mean absolute difference from the reference over every other tag (0.15: nearest
    neighbours in the demo world are 0.09-0.13 apart, a random pair about 0.2).
    """

    degree: float = 0.1
    others: float = 0.15

    def __post_init__(self) -> None:
        if not (0 < self.degree < MIN_CHANGE and 0 < self.others < 1):
            raise ValueError(f"tolerances must be in (0, {MIN_CHANGE}) and (0, 1), got "
                             f"degree {self.degree}, others {self.others}")


def others_distance(space: TagSpace, tag: int, reference: int, items) -> np.ndarray:
    """Mean absolute difference from the reference over every tag but `tag`."""
    rows = space.matrix[np.asarray(items, dtype=np.int64)]
    gaps = np.abs(rows - space.matrix[int(reference)][None, :])
    gaps[:, tag] = 0.0
    return gaps.sum(axis=1, dtype=np.float64) / (space.matrix.shape[1] - 1)


def miss(space: TagSpace, goal: DegreeGoal, tolerance: Tolerance, items) -> np.ndarray:
    """How far each item is from acceptable, in tolerances: <= 1 means the user is satisfied."""
    items = np.asarray(items, dtype=np.int64)
    degree_gap = np.abs(space.matrix[items, goal.tag].astype(np.float64) - goal.degree)
    return np.maximum(degree_gap / tolerance.degree,
                      others_distance(space, goal.tag, goal.reference, items) / tolerance.others)


def catalog_extremes(space: TagSpace) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) per tag: the 1 % and 99 % quantiles of the catalog's degrees."""
    return (np.quantile(space.matrix, EXTREME_QUANTILE, axis=0),
            np.quantile(space.matrix, 1 - EXTREME_QUANTILE, axis=0))


def draw_goal(space: TagSpace, tolerance: Tolerance, rng: np.random.Generator,
              extremes: tuple[np.ndarray, np.ndarray] | None = None) -> DegreeGoal:
    """One goal as the module docstring describes; ValueError if none is found."""
    if not space.graded:
        raise ValueError("degree-seeking users need graded relevance (binary tags have no degrees)")
    low, high = extremes if extremes is not None else catalog_extremes(space)
    n_items, n_tags = space.matrix.shape
    for _ in range(MAX_DRAWS):
        reference = int(rng.integers(n_items))
        tag = int(rng.integers(n_tags))
        alpha = int(rng.choice((-1, 1)))
        start = float(space.matrix[reference, tag])
        extreme = float(high[tag] if alpha > 0 else low[tag])
        room = alpha * (extreme - start)
        if room < MIN_CHANGE:
            continue
        wanted = start + alpha * float(rng.uniform(MIN_CHANGE, room))
        column = space.matrix[:, tag]
        near = np.flatnonzero(np.abs(column - wanted) <= tolerance.degree)
        near = near[near != reference]
        if len(near) == 0:
            continue
        others = others_distance(space, tag, reference, near)
        best = int(np.argmin(others))
        if others[best] > tolerance.others or abs(column[near[best]] - start) <= tolerance.degree:
            continue  # nothing close enough otherwise, or the reference itself would do
        target = int(near[best])
        return DegreeGoal(reference, tag, alpha, round(wanted, 4), target,
                          float(column[target]), extreme)
    raise ValueError(f"no degree-seeking goal found in {MAX_DRAWS} draws: no item is within the "
                     f"tolerances of a reference's neighbours")


def size_for(share: float) -> str:
    """How a user sizes a change: the share of the remaining way to the extreme it wants."""
    return "small" if share < SMALL_SHARE else ("large" if share > LARGE_SHARE else "plain")


def _share(space: TagSpace, tag: int, degree: float, gap: float) -> float:
    """The share of the way from `degree` to the catalog's edge (its extreme item) that a
    change of `gap` covers: how big the change feels."""
    column = space.matrix[:, tag]
    edge = float(column.max()) if gap > 0 else float(column.min())
    way = abs(edge - degree)
    return abs(gap) / way if way > 0 else 1.0


def next_request(space: TagSpace, goal: DegreeGoal, tolerance: Tolerance, current: int,
                 corrected: set[int]) -> tuple[int, int, str] | None:
    """(tag, alpha, size) the user asks for from `current`, or None when nothing is left."""
    row = space.matrix[int(current)]
    gap = goal.degree - float(row[goal.tag])
    if abs(gap) > tolerance.degree:
        return goal.tag, 1 if gap > 0 else -1, size_for(_share(space, goal.tag, float(row[goal.tag]), gap))
    drift = space.matrix[goal.reference] - row
    drift[goal.tag] = 0.0
    if corrected:
        drift[np.fromiter(corrected, dtype=np.int64)] = 0.0
    tag = int(np.argmax(np.abs(drift)))
    if abs(drift[tag]) <= DRIFT:
        return None
    return tag, 1 if drift[tag] > 0 else -1, size_for(_share(space, tag, float(row[tag]), float(drift[tag])))
