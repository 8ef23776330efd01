"""Statistics for simulated and logged conversations: pure functions over plain arrays.

Conventions used throughout:

* a session outcome is the 1-based turn at which the simulated user reached the target, or 0
  when the session failed (turns or usable tags ran out);
* proportions get Wilson score intervals (they stay inside [0, 1] and behave at 0 % and 100 %,
  unlike the normal approximation); means and paired differences get percentile bootstrap
  intervals with a fixed seed, so a report is reproducible.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its confidence interval (both ends inclusive)."""

    value: float
    low: float
    high: float
    n: int

    def to_json(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.value:.3f} [{self.low:.3f}, {self.high:.3f}]"


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> Estimate:
    """Wilson score interval of a binomial proportion; (0, 0, 1) when n is 0."""
    if n < 0 or successes < 0 or successes > n:
        raise ValueError(f"need 0 <= successes <= n, got {successes} of {n}")
    if n == 0:
        return Estimate(0.0, 0.0, 1.0, 0)
    from scipy.stats import binomtest

    ci = binomtest(int(successes), int(n)).proportion_ci(confidence_level=confidence, method="wilson")
    return Estimate(successes / n, float(ci.low), float(ci.high), int(n))


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


def bootstrap_mean(
    values: np.ndarray | list[float],
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
) -> Estimate:
    """Mean with a percentile bootstrap interval (deterministic for a seed)."""
    values = np.asarray(values, dtype=np.float64)
    n = int(values.size)
    if n == 0:
        return Estimate(float("nan"), float("nan"), float("nan"), 0)
    mean = float(values.mean())
    if n == 1 or np.all(values == values[0]):
        return Estimate(mean, mean, mean, n)
    rng = np.random.default_rng(seed)
    # Resample in chunks: n_resamples x n indices can be large for tens of thousands of turns.
    means = np.empty(n_resamples)
    chunk = max(1, 2_000_000 // n)
    for start in range(0, n_resamples, chunk):
        stop = min(n_resamples, start + chunk)
        means[start:stop] = values[rng.integers(0, n, size=(stop - start, n))].mean(axis=1)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return Estimate(mean, float(low), float(high), n)


def paired_difference(
    a: np.ndarray | list[float],
    b: np.ndarray | list[float],
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
) -> Estimate:
    """Mean of a - b over the same units (same simulated users), with a paired bootstrap interval.

    Resampling users, not sessions of each policy separately, keeps the pairing: the interval
    reflects how much the policies differ on the same people.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"paired samples must have the same shape, got {a.shape} and {b.shape}")
    return bootstrap_mean(a - b, confidence, n_resamples, seed)


def session_lengths(outcomes: np.ndarray | list[int], turns_used: np.ndarray | list[int]) -> np.ndarray:
    """Turns each session took: the success turn, else the turns spent before giving up."""
    outcomes = np.asarray(outcomes, dtype=np.int64)
    turns_used = np.asarray(turns_used, dtype=np.int64)
    return np.where(outcomes > 0, outcomes, turns_used)


def percentiles(values: np.ndarray | list[float], qs: tuple[float, ...] = (50, 95)) -> dict[str, float | None]:
    """{"p50": ..., "p95": ...} with linear interpolation; None for an empty sample."""
    values = np.asarray(values, dtype=np.float64)
    values = values[~np.isnan(values)]
    if values.size == 0:
        return {f"p{q:g}": None for q in qs}
    return {f"p{q:g}": float(np.percentile(values, q)) for q in qs}


def histogram(values: np.ndarray | list[int], minimum: int = 0, maximum: int | None = None) -> dict[int, int]:
    """Counts of each integer value from minimum to maximum (inclusive), zeros included."""
    values = np.asarray(values, dtype=np.int64)
    if maximum is None:
        maximum = int(values.max()) if values.size else minimum
    counts = np.bincount(values[(values >= minimum) & (values <= maximum)] - minimum,
                         minlength=maximum - minimum + 1)
    return {minimum + i: int(c) for i, c in enumerate(counts)}
