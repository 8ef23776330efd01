"""Statistics helpers shared by every report: intervals for proportions and means, percentiles.

One convention each: proportions get Wilson score intervals (they stay inside [0, 1] and behave at
0 % and 100 %); means get percentile bootstrap intervals with a fixed seed, resampling single
values (`bootstrap_mean`) or whole groups of them (`grouped_bootstrap_ci`, e.g. every pair of one
judgment record); percentiles interpolate linearly (numpy's default).
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


def grouped_bootstrap_ci(values: np.ndarray, groups: np.ndarray, n_groups: int, *, n_boot: int = 1000,
                 seed: int = 0, level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of mean(values) when whole groups (records) are resampled."""
    if len(values) == 0:
        return float("nan"), float("nan")
    sums = np.bincount(groups, weights=values, minlength=n_groups)
    counts = np.bincount(groups, minlength=n_groups).astype(np.float64)
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(n_groups, np.full(n_groups, 1.0 / n_groups), size=n_boot)
    means = (draws @ sums) / np.maximum(draws @ counts, 1.0)
    tail = (1.0 - level) / 2.0
    return float(np.quantile(means, tail)), float(np.quantile(means, 1.0 - tail))


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


def percentile(values, q: float) -> float:
    """The q-th percentile (0-100, linear interpolation) of the values that are not NaN; NaN for none."""
    values = np.asarray(values, dtype=np.float64)
    values = values[~np.isnan(values)]
    return float(np.percentile(values, q)) if values.size else float("nan")


def percentiles(values: np.ndarray | list[float], qs: tuple[float, ...] = (50, 95)) -> dict[str, float | None]:
    """{"p50": ..., "p95": ...} as `percentile` gives them; None for an empty sample."""
    values = np.asarray(values, dtype=np.float64)
    if np.isnan(values).all():
        return {f"p{q:g}": None for q in qs}
    return {f"p{q:g}": percentile(values, q) for q in qs}


def histogram(values: np.ndarray | list[int], minimum: int = 0, maximum: int | None = None) -> dict[int, int]:
    """Counts of each integer value from minimum to maximum (inclusive), zeros included."""
    values = np.asarray(values, dtype=np.int64)
    if maximum is None:
        maximum = int(values.max()) if values.size else minimum
    counts = np.bincount(values[(values >= minimum) & (values <= maximum)] - minimum,
                         minlength=maximum - minimum + 1)
    return {minimum + i: int(c) for i, c in enumerate(counts)}
