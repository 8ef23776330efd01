"""Statistics of simulated conversations: success curves and session lengths, over plain arrays.

Conventions used throughout:

* a session outcome is the 1-based turn at which the simulated user reached the target, or 0
  when the session failed (turns or usable tags ran out);
* intervals follow engine/metrics/stats.py (Wilson for proportions, a seeded percentile
  bootstrap for means and paired differences), so a report is reproducible.
"""

from __future__ import annotations

import numpy as np

from engine.metrics.stats import Estimate, wilson_interval


def success_at(outcomes: np.ndarray | list[int], max_turns: int) -> np.ndarray:
    """Share of sessions that succeeded within 1..max_turns turns, shape (max_turns,).

    `outcomes` holds the success turn per session (0 for a failure).
    """
    outcomes = np.asarray(outcomes, dtype=np.int64)
    if outcomes.size == 0:
        return np.zeros(max_turns, dtype=np.float64)
    turns = np.arange(1, max_turns + 1)
    reached = (outcomes[None, :] >= 1) & (outcomes[None, :] <= turns[:, None])
    return reached.mean(axis=1)


def success_curve(
    outcomes: np.ndarray | list[int], max_turns: int, confidence: float = 0.95
) -> list[Estimate]:
    """Success rate at 1..max_turns turns, each with a Wilson interval."""
    outcomes = np.asarray(outcomes, dtype=np.int64)
    n = int(outcomes.size)
    counts = np.rint(success_at(outcomes, max_turns) * n).astype(int) if n else np.zeros(max_turns, int)
    return [wilson_interval(int(k), n, confidence) for k in counts]


def session_lengths(outcomes: np.ndarray | list[int], turns_used: np.ndarray | list[int]) -> np.ndarray:
    """Turns each session took: the success turn, else the turns spent before giving up."""
    outcomes = np.asarray(outcomes, dtype=np.int64)
    turns_used = np.asarray(turns_used, dtype=np.int64)
    return np.where(outcomes > 0, outcomes, turns_used)


