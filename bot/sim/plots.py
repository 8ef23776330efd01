"""PNG figures for simulation results and log statistics (matplotlib, headless Agg backend)."""

from __future__ import annotations

from pathlib import Path

from engine.metrics.stats import Estimate

COLORS = {"adaptive": "#d62728", "gradient": "#1f77b4", "list": "#ff7f0e", "single": "#2ca02c"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; set before pyplot is imported
    import matplotlib.pyplot as plt

    return plt


def _save(plt, fig, path: Path) -> Path:
    """Lay out, write the PNG (creating its folder) and free the figure."""
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path


def _label(ax, xlabel: str, ylabel: str, title: str) -> None:
    """Axis labels, an optional title and a light horizontal grid (bar and histogram plots)."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title, fontsize=10)
    ax.grid(axis="y", alpha=0.3)


def success_plot(curves: dict[str, list[Estimate]], path: Path, title: str = "") -> Path:
    """Success rate against turns, one line per policy with its 95 % band."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4), dpi=120)
    for name, curve in curves.items():
        turns = list(range(1, len(curve) + 1))
        color = COLORS.get(name)
        ax.plot(turns, [e.value for e in curve], marker="o", ms=3, label=name, color=color)
        ax.fill_between(turns, [e.low for e in curve], [e.high for e in curve], alpha=0.2, color=color)
    ax.set_xlabel("turns (critiques)")
    ax.set_ylabel("success rate")
    # Low success rates (binary-tag catalogs) would be a flat line on a 0..1 axis.
    top = max((e.high for curve in curves.values() for e in curve), default=1.0)
    ax.set_ylim(0, min(1.0, max(0.1, top * 1.15)))
    ax.set_xticks(range(1, max((len(c) for c in curves.values()), default=1) + 1))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left")
    if title:
        ax.set_title(title, fontsize=10)
    return _save(plt, fig, path)


def bar_plot(counts: dict, path: Path, xlabel: str, ylabel: str = "count", title: str = "") -> Path:
    """A bar chart of a discrete distribution (keys in the order given)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=120)
    keys = [str(k) for k in counts]
    ax.bar(keys, list(counts.values()), color="#1f77b4")
    _label(ax, xlabel, ylabel, title)
    return _save(plt, fig, path)


def histogram_plot(values, path: Path, xlabel: str, bins: int = 30, title: str = "") -> Path:
    """A histogram of a continuous sample (latencies)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=120)
    ax.hist(list(values), bins=bins, color="#1f77b4")
    _label(ax, xlabel, "turns", title)
    return _save(plt, fig, path)
