"""`cgir eval neighbours`: the candidate similarities for "the rest" on a held-out task.

Each candidate (engine.retrieval.similarity) is fitted on the leave-one-out training matrix,
its setting chosen on the validation item, and ranked on the test item
(engine.metrics.neighbours). The item space, when a model is given, comes from vectors that
were trained on every interaction, the held-out ones included: its figure is optimistic and
the report says so.
"""

from __future__ import annotations

import resource
import sys
import time
from typing import TYPE_CHECKING

import numpy as np

from engine.metrics.neighbours import choose_on_validation, leave_one_out, rank_held_out, ranking_figures
from engine.retrieval import similarity

if TYPE_CHECKING:  # pragma: no cover
    from engine.data.dataset import Dataset

BLEND_WEIGHTS = (0.25, 0.5, 0.75)


def peak_memory_mb() -> float:
    """This process's peak resident memory so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def compare_similarities(dataset: "Dataset", item_vectors: np.ndarray | None = None, *,
                         seed: int = 0, bootstrap: int = 1000,
                         candidates: tuple[str, ...] = ("item-space", "cosine", "ease", "blend"),
                         fixed: bool = False) -> dict:
    """Test HR@10 / NDCG@10 (95 % CI) of every candidate, settings chosen on validation (or,
    with `fixed`, the defaults engine.retrieval.similarity records: one fit each)."""
    valid, test = leave_one_out(dataset.interactions, seed=seed)
    out: dict = {"dataset": dataset.name, "n_items": int(dataset.n_items),
                 "n_users": int(dataset.n_users), "evaluated_users": int(len(test.users)),
                 "seed": seed, "k": similarity.K, "fixed": fixed, "candidates": {}}

    def choose(build, values: tuple[float, ...], default: float) -> tuple[float, dict]:
        return (default, {}) if fixed else choose_on_validation(build, values, valid)

    results = out["candidates"]

    def report(name: str, neighbours, started: float, **extra) -> None:
        figures = ranking_figures(rank_held_out(neighbours, test), bootstrap=bootstrap, seed=seed)
        results[name] = figures | {"params": neighbours.params, "seconds": round(time.time() - started, 1),
                                   "peak_memory_mb": peak_memory_mb()} | extra

    if "item-space" in candidates and item_vectors is not None:
        started = time.time()
        report("item-space", similarity.item_space_neighbours(item_vectors), started,
               note="vectors trained on every interaction, held-out ones included: optimistic")
    # each tuned similarity: its builder, the setting's values tried on validation, its default
    tuned = {"cosine": (lambda x, v: similarity.cosine_neighbours(x, shrink=v),
                        similarity.SHRINKS, similarity.DEFAULT_SHRINK),
             "ease": (lambda x, v: similarity.ease_neighbours(x, lam=v),
                      similarity.LAMBDAS, similarity.DEFAULT_LAMBDA)}
    fitted = {}
    for name, (build, values, default) in tuned.items():
        if name in candidates or "blend" in candidates:
            started = time.time()
            setting, scores = choose(build, values, default)
            fitted[name] = (setting, build(test.train, setting))
            report(name, fitted[name][1], started, validation_ndcg=scores)
    if "blend" in candidates:
        started = time.time()
        if fixed:
            weight, scores = similarity.DEFAULT_BLEND_WEIGHT, {}
        else:
            parts = (similarity.cosine_neighbours(valid.train, shrink=fitted["cosine"][0]),
                     similarity.ease_neighbours(valid.train, lam=fitted["ease"][0]))
            weight, scores = choose_on_validation(
                lambda x, w: similarity.blend_neighbours(*parts, weight=w), BLEND_WEIGHTS, valid)
        report("blend", similarity.blend_neighbours(fitted["cosine"][1], fitted["ease"][1],
                                                    weight=weight),
               started, validation_ndcg=scores)
    out["peak_memory_mb"] = peak_memory_mb()
    return out


def text_report(result: dict) -> str:
    lines = [f"{result['dataset']}: {result['n_items']} items, {result['evaluated_users']} users "
             f"with one held-out item each (seed {result['seed']}); top {result['k']} neighbours "
             "per item, item-kNN scores",
             f"{'similarity':<12} {'HR@10':>7} {'95% CI':>16} {'NDCG@10':>8} {'95% CI':>16}  settings"]
    for name, r in result["candidates"].items():
        settings = ", ".join(f"{k}={v}" for k, v in r["params"].items() if k != "k")
        lines.append(f"{name:<12} {r['hr@10']:>7.4f} {str(r['hr@10_ci']):>16} {r['ndcg@10']:>8.4f} "
                     f"{str(r['ndcg@10_ci']):>16}  {settings}")
        if "note" in r:
            lines.append(f"{'':<12} ({r['note']})")
    lines.append(f"peak memory {result['peak_memory_mb']} MB")
    return "\n".join(lines)
