"""Gradual walks by construction: evenly spaced degrees of the asked attribute.

The paper's walk (`Retriever.walk`) takes the best item per strength gamma and is only as
gradual as the item space's ordering along F(t) (docs/model.md). This walk asks the degree
model instead. For each critique ("less action") it knows every item's estimated degree of the
attribute, calibrated to [0, 1] over the catalog. The sequence spans evenly spaced degrees from
the reference's toward the extreme the catalog reaches; step k takes, among the items whose
degree lies in a window around the k-th target, the one closest to the reference in everything
else. Consecutive steps must also move every asked attribute the asked way, so the sequence is
monotone in the estimated degree whatever the windows hold.

Strength words set the span: a plain critique (strength 1) walks all the way to the catalog's
extreme (the degree only its 2 % most extreme items pass), "a bit" (0.5) half of that way, and
"much" / "way more" (2) further out, to the 1 % extreme. Several critiques move together: each
has its own targets and every window must hold. When the reference already sits at the floor
(or ceiling) the walk would only shuffle noise, so the result is an :class:`AtLimit` that the
dialogue layer turns into a sentence and a better critique.

Everything here is a pure function on arrays; the glue to the degree model and the item table
is `engine.walks.gradual.gradual_walk`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

# Degrees are calibrated to [0, 1]: less room than this toward the asked extreme is "at the
# floor/ceiling" (e.g. "less action" from an item with action 0.04).
MIN_ROOM = 0.1
# Each step's window is this share of the distance between two targets, on each side; under a
# half, consecutive picks are at least (1 - 2 * share) of a step apart in degree.
WINDOW_SHARE = 0.3
# Share of the catalog beyond the extreme a plain critique walks to (a few dozen items, so the
# last step has items to choose from); stronger critiques go further out in proportion.
EXTREME_QUANTILE = 0.02


@dataclass(frozen=True)
class Axis:
    """One asked attribute: every item's degree (calibrated, higher = more) and the request."""

    degrees: np.ndarray  # (n_items,) in [0, 1]
    alpha: int  # +1 more, -1 less
    strength: float = 1.0  # "a bit" < 1 < "way more"


@dataclass(frozen=True)
class DegreeWalk:
    """The chosen rows, step by step, with the target degree of every axis at each step."""

    rows: tuple[int, ...]
    positions: tuple[float, ...]  # k / steps of the step each row fills (1.0 = the span's end)
    targets: np.ndarray  # (len(rows), n_axes): the degree each step aimed at
    degrees: np.ndarray  # (len(rows), n_axes): the chosen items' degrees


@dataclass(frozen=True)
class AtLimit:
    """The reference leaves too little room on `axis` in the asked direction."""

    axis: int  # index into the axes given
    degree: float  # the reference's degree
    extreme: float  # the furthest degree the catalog reaches that way
    room: float  # alpha * (extreme - degree), < MIN_ROOM


def _check_strength(strength: float) -> float:
    if not np.isfinite(strength) or strength <= 0:
        raise ValueError(f"strength must be a positive number, got {strength!r}")
    return float(strength)


def span_fraction(strength: float) -> float:
    """Share of the way to the extreme a critique of this strength walks (0.5 for "a bit")."""
    return min(1.0, _check_strength(strength))


def catalog_extreme(degrees: np.ndarray, alpha: int, allowed: np.ndarray | None = None,
                    strength: float = 1.0) -> float:
    """The degree the catalog reaches in the asked direction: the quantile that leaves
    EXTREME_QUANTILE / strength of the catalog beyond it (strength >= 1; "much" goes further)."""
    values = degrees if allowed is None else degrees[allowed]
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return float("nan")
    share = EXTREME_QUANTILE / max(1.0, _check_strength(strength))
    return float(np.quantile(values, share if alpha < 0 else 1 - share))


def walk_targets(reference: np.ndarray, extremes: np.ndarray, alphas: np.ndarray,
                 strengths: np.ndarray, steps: int) -> np.ndarray:
    """(steps, n_axes) evenly spaced target degrees from the reference toward the extremes.

    Step k of `steps` sits at reference + k / steps * span_fraction(strength) * (extreme -
    reference): the last step reaches the span's end, the first moves one step's worth.
    """
    if steps < 1:
        raise ValueError("steps must be at least 1")
    fractions = np.array([span_fraction(float(s)) for s in strengths])
    spans = fractions * (np.asarray(extremes, dtype=np.float64) - np.asarray(reference))
    k = np.arange(1, steps + 1, dtype=np.float64)[:, None] / steps
    return np.asarray(reference, dtype=np.float64)[None, :] + k * spans[None, :]


def residual_similarity(item_vectors: np.ndarray, reference: int,
                        directions: np.ndarray | None = None) -> np.ndarray:
    """(n_items,) cosine similarity to the reference in everything but `directions`.

    The asked attributes' directions (rows of `directions`, e.g. sum_t w_t F(t)) are projected
    out first, so "closest in everything else" does not reward sharing the very attribute the
    walk is changing.
    """
    h = np.asarray(item_vectors, dtype=np.float64)
    if directions is not None and len(directions):
        basis, _ = np.linalg.qr(np.asarray(directions, dtype=np.float64).T)  # (D, r) orthonormal
        h = h - (h @ basis) @ basis.T
    norms = np.linalg.norm(h, axis=1)
    norms[norms == 0] = 1.0
    return (h @ h[reference]) / (norms * norms[reference])


def degree_walk(similarity: np.ndarray, axes: Sequence[Axis], reference: int, *,
                steps: int = 10, exclude: Sequence[int] = (),
                min_room: float = MIN_ROOM) -> DegreeWalk | AtLimit:
    """Walk evenly spaced degrees of every axis; see the module docstring.

    Args:
        similarity: (n_items,) closeness to the reference in everything else (higher = closer).
        axes: one per critique; all must have n_items degrees.
        reference: row of the reference item (never shown).
        steps: how many items to show at most (fewer when a window stays empty).
        exclude: rows never to show (e.g. items the user has already seen).
        min_room: room toward the asked extreme below which the answer is AtLimit.
    """
    if not axes:
        raise ValueError("a walk needs at least one axis")
    n = len(similarity)
    degrees = np.stack([np.asarray(a.degrees, dtype=np.float64) for a in axes], axis=1)  # (n, A)
    if degrees.shape[0] != n:
        raise ValueError(f"degrees cover {degrees.shape[0]} items, similarity {n}")
    alphas = np.array([a.alpha for a in axes], dtype=np.float64)
    if not np.all(np.isin(alphas, (1, -1))):
        raise ValueError(f"alpha must be +1 or -1, got {alphas.tolist()}")
    allowed = np.isfinite(similarity) & np.all(np.isfinite(degrees), axis=1)
    allowed[reference] = False
    allowed[np.asarray(exclude, dtype=np.int64)] = False
    start = degrees[reference]
    extremes = np.array([catalog_extreme(degrees[:, i], int(alphas[i]), allowed, a.strength)
                         for i, a in enumerate(axes)])
    rooms = alphas * (extremes - start)
    for i, room in enumerate(rooms):
        if not room >= min_room:  # also catches NaN
            return AtLimit(i, float(start[i]), float(extremes[i]), float(room))
    targets = walk_targets(start, extremes, alphas,
                           np.array([a.strength for a in axes]), steps)
    step = np.abs(targets[0] - start)  # (A,) distance between two targets, per axis
    rows, positions, aimed = [], [], []
    last = start
    for k in range(steps):
        ahead = np.flatnonzero(allowed & np.all(alphas * (degrees - last) > 0, axis=1))
        if len(ahead) == 0:
            break
        # distance to the target in steps, on the axis that is furthest off
        off = np.max(np.abs(degrees[ahead] - targets[k]) / step, axis=1)
        pick = None
        # widen a window that holds nothing (a sparse stretch of the catalog, or critiques
        # that pull apart), up to a step and a half away
        for widen in (1.0, 2.0, 5.0):
            inside = ahead[off <= widen * WINDOW_SHARE]
            if len(inside):
                pick = int(inside[np.argmax(similarity[inside])])
                break
        if pick is None:
            continue
        rows.append(pick)
        positions.append((k + 1) / steps)
        aimed.append(targets[k])
        allowed[pick] = False
        last = degrees[pick]
    chosen = np.asarray(rows, dtype=np.int64)
    return DegreeWalk(tuple(rows), tuple(positions), np.asarray(aimed).reshape(len(rows), len(axes)),
                      degrees[chosen].reshape(len(rows), len(axes)))
