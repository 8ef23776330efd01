"""The simulated user of the critiquing literature, over plain arrays.

A user has a hidden target item and looks at the catalog through the items' tags:

* with graded relevance (the demo world, the tag genome) an item is its vector of relevance in
  [0, 1] per tag; the gap of tag t between target and current item is
  ``rel[target, t] - rel[current, t]`` and two items are as far apart as the mean absolute
  difference of their vectors;
* with binary tags only (ml-latest-small: genres and user tags) an item is its tag set; the gap
  is +1 (the target has the tag, the current item does not), -1 (the other way round) or 0, and
  distance is 1 - Jaccard similarity of the two sets.

Each turn the user critiques one tag it has not used yet, among those whose gap exceeds a
threshold, with alpha = sign(gap). Strategies: ``diff`` (largest |gap|; ties, the rule with
binary tags, are broken at random), ``pop`` (the most popular differing tag) and ``random``.
A ``noise`` share of answers is replaced by a random unused tag with a random sign, as the
Bayesian critiquing simulators do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

STRATEGIES = ("diff", "pop", "random")
START_MODES = ("random", "near", "far")


@dataclass(frozen=True)
class TagSpace:
    """Each item's tag profile as the simulated user perceives it.

    Attributes:
        matrix: (n_items, n_tags) graded relevance as a dense array (NaN read as 0), or binary
            tags as a CSR matrix (tag vocabularies of user tags run into the thousands).
        graded: True when the values are graded relevance, False for binary tags.
        tags: the tag names, aligned with the columns.
        popularity: (n_tags,) how many items carry each tag (relevance >= 0.5 when graded).
        threshold: the smallest |gap| a user notices.
    """

    matrix: np.ndarray | sp.csr_matrix
    graded: bool
    tags: tuple[str, ...]
    popularity: np.ndarray
    threshold: float

    @classmethod
    def from_arrays(
        cls,
        tags: tuple[str, ...] | list[str],
        *,
        relevance: np.ndarray | None = None,
        item_tags=None,
        threshold: float | None = None,
    ) -> "TagSpace":
        """Prefer graded relevance when there is any; fall back to the binary item-tag matrix."""
        if relevance is not None and np.isfinite(relevance).any():
            dense = np.nan_to_num(np.asarray(relevance, dtype=np.float32), nan=0.0)
            matrix = dense
            graded = True
            popularity = np.asarray((dense >= 0.5).sum(axis=0)).ravel()
        elif item_tags is not None:
            matrix = sp.csr_matrix(item_tags, dtype=np.float32)
            matrix.data[:] = 1.0
            matrix.eliminate_zeros()
            graded = False
            popularity = np.asarray(matrix.getnnz(axis=0)).ravel()
        else:
            raise ValueError("a tag space needs graded relevance or a binary item-tag matrix")
        if matrix.shape[1] != len(tags):
            raise ValueError(f"{matrix.shape[1]} tag columns for {len(tags)} tag names")
        if threshold is None:
            # A relevance gap of 0.2 is one a person would name; binary gaps are 0 or 1.
            threshold = 0.2 if graded else 0.5
        return cls(matrix, graded, tuple(tags), np.asarray(popularity, dtype=np.int64), float(threshold))

    @classmethod
    def from_retriever(cls, retriever, threshold: float | None = None) -> "TagSpace":
        return cls.from_arrays(
            retriever.tags, relevance=retriever.relevance, item_tags=retriever.item_tags,
            threshold=threshold,
        )

    @property
    def n_items(self) -> int:
        return self.matrix.shape[0]

    def row(self, item: int) -> np.ndarray:
        if self.graded:
            return self.matrix[int(item)].astype(np.float64)
        return self.matrix[int(item)].toarray().ravel().astype(np.float64)

    def gaps(self, target: int, current: int) -> np.ndarray:
        """(n_tags,) target minus current: positive where the target has more of the tag."""
        return self.row(target) - self.row(current)

    def distances(self, target: int, items: np.ndarray | list[int] | None = None) -> np.ndarray:
        """Distance from the target to each item (all items when None); 0 means identical."""
        rows = self.matrix if items is None else self.matrix[np.asarray(items, dtype=np.int64)]
        t = self.matrix[int(target)]
        if self.graded:
            return np.abs(rows - t[None, :]).mean(axis=1, dtype=np.float64)
        inter = np.asarray((rows @ t.T).toarray()).ravel()
        sizes = np.asarray(rows.getnnz(axis=1)).ravel()
        union = sizes + t.getnnz() - inter
        with np.errstate(invalid="ignore", divide="ignore"):
            jaccard = np.where(union > 0, inter / np.maximum(union, 1), 1.0)
        return 1.0 - jaccard

    def eligible_targets(self) -> np.ndarray:
        """Items a user can describe: at least one tag above the threshold (binary: any tag)."""
        if self.graded:
            counts = (self.matrix >= max(self.threshold, 0.5)).sum(axis=1)
        else:
            counts = np.asarray(self.matrix.getnnz(axis=1)).ravel()
        return np.flatnonzero(counts > 0)


@dataclass(frozen=True)
class DegreeGoal:
    """What one degree-seeking user wants (rows of the item table, a tag column)."""

    reference: int
    tag: int
    alpha: int  # +1 more, -1 less (from the reference)
    wanted: float  # the degree drawn between the reference's and the extreme
    target: int  # the hidden target item
    degree: float  # the target's degree of the tag: what success is measured against
    extreme: float  # the catalog's extreme that way


@dataclass(frozen=True)
class UserSpec:
    """One simulated user: a hidden target and a starting item (rows in the item table).

    A degree-seeking user (bot/sim/degree_user.py) also has a goal; far-target users have none.
    """

    index: int
    target: int
    start: int
    seed: int
    goal: DegreeGoal | None = None

    @property
    def kind(self) -> str:
        return "far" if self.goal is None else "degree"


def sample_users(
    space: TagSpace, n_users: int, seed: int, *, start: str = "random",
    candidates: np.ndarray | None = None,
) -> list[UserSpec]:
    """Deterministic users for a seed: targets among describable items, distinct starts.

    start="random" draws the starting item uniformly; "near"/"far" draw it from the closest /
    farthest third of the catalog as seen from the target (distance as in the module docstring).
    """
    if start not in START_MODES:
        raise ValueError(f"start must be one of {', '.join(START_MODES)}, got {start!r}")
    pool = space.eligible_targets() if candidates is None else np.asarray(candidates, dtype=np.int64)
    if len(pool) < 2 or space.n_items < 2:
        raise ValueError("the catalog needs at least two items with tags to simulate users")
    rng = np.random.default_rng(np.random.SeedSequence([int(seed), 0x5EED]))
    users = []
    for index in range(n_users):
        target = int(rng.choice(pool))
        if start == "random":
            begin = int(rng.integers(0, space.n_items - 1))
            begin += begin >= target  # uniform over the other items
        else:
            dist = space.distances(target)
            dist[target] = np.nan
            order = np.argsort(np.where(np.isnan(dist), np.inf, dist), kind="stable")[:-1]
            third = max(1, len(order) // 3)
            bucket = order[:third] if start == "near" else order[-third:]
            begin = int(rng.choice(bucket))
        users.append(UserSpec(index, target, begin, int(rng.integers(0, 2**31 - 1))))
    return users


def choose_critique(
    gaps: np.ndarray,
    used: set[int] | frozenset[int],
    strategy: str,
    rng: np.random.Generator,
    *,
    popularity: np.ndarray | None = None,
    threshold: float = 0.0,
) -> tuple[int, int] | None:
    """(tag, alpha) to critique next, or None when no unused tag differs by more than threshold."""
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy must be one of {', '.join(STRATEGIES)}, got {strategy!r}")
    gaps = np.asarray(gaps, dtype=np.float64)
    magnitude = np.abs(gaps)
    usable = magnitude > threshold
    if used:
        usable[np.fromiter(used, dtype=np.int64)] = False
    candidates = np.flatnonzero(usable)
    if candidates.size == 0:
        return None
    if strategy == "diff":
        best = magnitude[candidates].max()
        # Exact ties (all binary gaps are 1) are broken at random, not by column order.
        tied = candidates[np.isclose(magnitude[candidates], best, rtol=0, atol=1e-9)]
        tag = int(rng.choice(tied))
    elif strategy == "pop":
        if popularity is None:
            raise ValueError("the pop strategy needs tag popularity")
        pop = np.asarray(popularity)[candidates]
        tag = int(candidates[np.flatnonzero(pop == pop.max())[0]])
    else:
        tag = int(rng.choice(candidates))
    return tag, 1 if gaps[tag] > 0 else -1


def noisy_critique(n_tags: int, used: set[int] | frozenset[int], rng: np.random.Generator) -> tuple[int, int] | None:
    """A random answer: any unused tag, either sign."""
    free = np.setdiff1d(np.arange(n_tags), np.fromiter(used, dtype=np.int64, count=len(used)))
    if free.size == 0:
        return None
    return int(rng.choice(free)), int(rng.choice((-1, 1)))


def pick_closest(space: TagSpace, target: int, shown: list[int], current: int) -> int | None:
    """Position (0-based) of the shown item closest to the target, if it beats the current one.

    A user moves only to an item that looks closer to what they want; otherwise they stay and
    critique again from where they are. Ties go to the earlier position.
    """
    if not shown:
        return None
    dist = space.distances(target, shown + [current])
    best = int(np.argmin(dist[:-1]))
    return best if dist[best] < dist[-1] else None


@dataclass
class UserState:
    """What a user remembers during one session."""

    spec: UserSpec
    current: int
    used: set[int] = field(default_factory=set)
