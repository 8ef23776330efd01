"""Tables (laid out like the paper's Tables 1 and 3) and plots (Figures 5 and 6) of `cgir eval`."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from engine.eval.protocols import get_protocol
from engine.models.registry import MODEL_NAMES


def _cell(mean: float, std: float) -> str:
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        return "n/a"
    return f"{mean:.4f} ± {std:.4f}"


def _table(results: dict, columns: list[tuple[str, str]], source: str = "models") -> str:
    header = "| Model | " + " | ".join(label for label, _ in columns) + " |"
    rule = "|---|" + "---|" * len(columns)
    lines = [header, rule]
    for key, block in results[source].items():
        cells = []
        for _, name in columns:
            if source == "models":
                cells.append(_cell(block[name], block["std"][name]))
            else:
                cells.append(_cell(block.get(name, float("nan")),
                                   block.get(name + "_std", float("nan"))))
        lines.append(f"| {MODEL_NAMES.get(key, key)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def table1(results: dict) -> str:
    """Hit@20, Hit@50, MRR, MGS (the paper's Table 1)."""
    return _table(results, [("Hit@20", "hit@20"), ("Hit@50", "hit@50"), ("MRR", "mrr"),
                            ("MGS", "mgs")])


def table3(results: dict) -> str:
    """MGS, MGS-C, MGS-R, Ind. (the paper's Table 3)."""
    return _table(results, [("MGS", "mgs"), ("MGS-C", "mgs_c"), ("MGS-R", "mgs_r"),
                            ("Ind.", "ind")])


def table_skip(results: dict) -> str:
    """The product's mode (items already shown skipped) and the signed independence."""
    return _table(results, [("MGS", "mgs_skip"), ("MGS-C", "mgs_c_skip"),
                            ("MGS-R", "mgs_r_skip"), ("Ind. (signed, authors' code)",
                                                      "ind_signed")], source="extra")


def markdown(results: dict) -> str:
    """The whole report: both tables, the extra table, and how the numbers were made."""
    seeds = ", ".join(str(s) for s in results["seeds"])
    parts = [
        f"# cgir eval: {results['dataset']} (protocol {results.get('protocol', 'paper')})",
        "",
        *(["**Partial results: the run was still going or was stopped; models may have "
           "different numbers of seeds.**", ""] if results.get("complete") is False else []),
        f"Seeds {seeds}; mean ± sample std over seeds. Relevance: {results.get('relevance')}. "
        f"Machine: {results.get('machine')}; {results.get('seconds')} s in all.",
        "",
        "## Table 1: gradient item retrieval",
        "",
        table1(results),
        "",
        "## Table 3: gradient effect",
        "",
        table3(results),
    ]
    extra = results.get("extra") or {}
    if any("mgs_skip" in v or "ind_signed" in v for v in extra.values()):
        parts += ["", "## Product mode (items already shown are skipped)", "",
                  table_skip(results)]
    splits = results.get("splits") or []
    if splits:
        parts += ["", "Triples per seed (train / valid / test): " + "; ".join(
            f"seed {s['seed']}: {s['train']} / {s['valid']} / {s['test']}" for s in splits)]
    return "\n".join(parts) + "\n"


def text_tables(results: dict) -> str:
    """What `cgir eval` prints on stdout (without --json)."""
    return markdown(results)


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_examples(results: dict, gammas: np.ndarray, path: Path) -> Path:
    """Figure 6: relevance of the asked tag along gamma, one panel per example query."""
    plt = _pyplot()
    examples = results["examples"]
    n = len(examples)
    cols = min(2, n)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(6.5 * cols, 3.6 * rows), squeeze=False)
    protocol = get_protocol(results.get("protocol", "paper"))
    if str(results.get("relevance", "")).startswith("graded"):
        k = protocol.k_graded
        ylabel = "relevance of the top-1 item" if k == 1 else f"mean relevance of the top {k}"
    else:
        ylabel = f"share of the top {protocol.k_binary} with the tag"
    for ax, ex in zip(axes.ravel(), examples):
        for key, curve in ex["curves"].items():
            values = np.array([np.nan if v is None else v for v in curve], dtype=float)
            ax.plot(gammas[:len(values)], values, marker="o", ms=3, label=MODEL_NAMES.get(key, key))
        word = "more" if ex["alpha"] > 0 else "less"
        title = ex["ref"] if len(ex["ref"]) <= 40 else ex["ref"][:37] + "..."
        ax.set_title(f"{title}\n{word} {ex['tag']!r}", fontsize=9)
        ax.set_xlabel("gamma")
        ax.set_ylabel(ylabel, fontsize=8)
        ax.grid(alpha=0.3)
    for ax in axes.ravel()[n:]:
        ax.axis("off")
    axes.ravel()[0].legend(fontsize=7)
    fig.suptitle(f"{results['dataset']}: asked tag along the walk (seed {results['seeds'][0]})",
                 fontsize=10)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_sweep(sweep: dict, path: Path) -> Path:
    """Figure 5: independence level against MGS, one point per (beta, seed)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 4.2))
    points = sweep["points"]
    ind = np.array([p["ind"] for p in points], dtype=float)
    mgs = np.array([p["mgs"] for p in points], dtype=float)
    betas = np.array([p["beta"] for p in points], dtype=float)
    scatter = ax.scatter(ind, mgs, c=np.log10(betas + 1e-3), cmap="viridis")
    for p in points:
        ax.annotate(f"β={p['beta']:g}", (p["ind"], p["mgs"]), fontsize=7,
                    xytext=(3, 3), textcoords="offset points")
    fig.colorbar(scatter, ax=ax, label="log10(beta + 0.001)")
    ax.set_xlabel("independence level (eq. 14)")
    ax.set_ylabel("MGS")
    ax.set_title(f"{sweep['dataset']}: independence vs MGS over a beta sweep", fontsize=10)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def sweep_markdown(sweep: dict) -> str:
    lines = [f"# Beta sweep: {sweep['dataset']} (protocol {sweep['protocol']})", "",
             "| beta | seed | Ind. | MGS | MGS-C | MGS-R | MRR |", "|---|---|---|---|---|---|---|"]
    for p in sweep["points"]:
        lines.append(f"| {p['beta']:g} | {p['seed']} | {p['ind']:.4f} | {p['mgs']:.4f} | "
                     f"{p['mgs_c']:.4f} | {p['mgs_r']:.4f} | {p['mrr']:.4f} |")
    return "\n".join(lines) + "\n"


# -- files ------------------------------------------------------------------------------------


def finite(value):
    """A copy of nested dicts/lists with NaN/inf turned into None (strict JSON has no NaN)."""
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def public_json(results: dict) -> dict:
    """The `--json` contract of issue 4: dataset, seeds, models (NaN as null), plus `walk`
    (engine.metrics.walks) where the dataset has graded relevance to score walks on."""
    walk = {"walk": results["walk"]} if results.get("walk") else {}
    return finite({"dataset": results["dataset"], "seeds": results["seeds"],
                   "models": results["models"]} | walk)


def _strip_examples(results: dict) -> dict:
    slim = dict(results)
    slim["per_seed"] = {k: [{n: v for n, v in r.items() if n != "examples"} for r in runs]
                        for k, runs in results["per_seed"].items()}
    return slim


def write_outputs(results: dict, out_dir: Path, gammas: np.ndarray | None = None) -> list[Path]:
    """results.json, results.md and the Figure-6 plot into out_dir; returns the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "results.json", out_dir / "results.md"]
    paths[0].write_text(json.dumps(finite(_strip_examples(results)), indent=1,
                                   default=_json_default),
                        encoding="utf-8")
    paths[1].write_text(markdown(results), encoding="utf-8")
    if results.get("examples"):
        if gammas is None:
            gammas = get_protocol(results.get("protocol", "paper")).gamma_array()
        paths.append(plot_examples(results, gammas, out_dir / "fig6-examples.png"))
    return paths


def _json_default(value):
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
