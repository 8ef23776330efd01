"""How robust the degree readings are across checkpoints and under a rounding-sized noise.

    nice -n 10 .venv/bin/python bench/degree_robustness.py MODEL [MODEL ...] \
        --judgments ../shared/data/soft-attributes/soft-attributes-dev.csv \
        [--seeds 5] [--noise 3] [--set jitter=6 ...] [--json OUT]

For each checkpoint: the chat's reading of every attribute (bot.dialogue.critique_axes, as
`cgir eval judgments` and bench/fit_degree_weights.py read them), the cross-validated pair
accuracy over `--seeds` fold seeds (weights fitted per fold on the other folds' attributes, the
same harness as fit_degree_weights.py), the figure with the judgment-free estimates of what the
chat cannot judge ("long", "big budget"), and the per-attribute accuracy (mean and lowest over
fold seeds). `--noise N` repeats it N times with the movie-text vectors moved by a uniform half
step of their 8-bit rounding (the noise another rounding or a re-embedding brings), fold seed 0
only, and reports which readings changed (the tag predictions made at load are not recomputed,
so the noise reaches the readings and the text rows). `--set NAME=VALUE` overrides a
GroundingConfig field (`--set jitter=0`: the reading before it was averaged over perturbations).
Judgments: SoftAttributes by Balog, Radlinski and Karatzoglou (Google LLC), SIGIR 2021, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.data.judgments import read_judgments  # noqa: E402
from engine.degrees.anchors import anchors_from_records  # noqa: E402
from engine.degrees.fit import cross_validated_weights, fold_features, pair_differences  # noqa: E402
from engine.degrees.load import anchor_rows  # noqa: E402
from engine.eval.judgments.report import judged_pairs  # noqa: E402
from engine.models.checkpoint import load_retriever  # noqa: E402


def _correct(margins: np.ndarray) -> np.ndarray:
    return np.where(margins > 0, 1.0, np.where(margins == 0, 0.5, 0.0))


def _config_value(text: str):
    try:
        return int(text)
    except ValueError:
        return float(text)


def _forget_readings(degrees) -> None:
    for key in [k for k in degrees.__dict__ if k.startswith("_memo_")]:
        del degrees.__dict__[key]
    degrees._vectors.clear()


def measure(degrees, chat_parser, retriever, pairs, seeds: list[int]) -> dict:
    """Readings, CV accuracy per fold seed (with and without estimates), per attribute."""
    from bot.dialogue.critique_axes import attribute_estimate, attribute_grounding

    readings = {a: attribute_grounding(chat_parser, retriever, a) for a in pairs.attributes}
    n_all = len(pairs.pair_more)
    per_attribute = {a: [] for a in pairs.attributes}
    estimated = {}
    for k, a in enumerate(pairs.attributes):
        estimate = attribute_estimate(chat_parser, retriever, a) if readings[a] is None else None
        if estimate is not None:
            mask = pairs.pair_attribute == k
            scores = degrees.raw_scores(estimate.grounding)
            estimated[a] = float(_correct(scores[pairs.pair_more[mask]]
                                          - scores[pairs.pair_less[mask]]).mean())
    chat, with_estimates = [], []
    for seed in seeds:
        features, fold_of = fold_features(degrees, readings, pairs.attributes, seed=seed)
        rows, diffs = pair_differences(features, pairs.pair_attribute, pairs.pair_more,
                                       pairs.pair_less)
        w = cross_validated_weights(diffs, pairs.pair_attribute[rows], fold_of, 1.0)
        correct = _correct(np.einsum("pk,pk->p", diffs, w[pairs.pair_attribute[rows]]))
        total = correct.sum() + 0.5 * (n_all - len(rows))
        chat.append(total / n_all)
        extra = sum((acc - 0.5) * (pairs.pair_attribute == pairs.attributes.index(a)).sum()
                    for a, acc in estimated.items())
        with_estimates.append((total + extra) / n_all)
        for k, a in enumerate(pairs.attributes):
            mask = pairs.pair_attribute[rows] == k
            if mask.any():
                per_attribute[a].append(float(correct[mask].mean()))
    for a, acc in estimated.items():
        per_attribute[a] = [acc] * len(seeds)
    labels = {a: (r.label if r is not None else None) for a, r in readings.items()}
    mixes = {a: _mix(r) for a, r in readings.items()}
    for a in estimated:
        labels[a] = "estimate"
    return {
        "chat": [round(float(x), 4) for x in chat], "chat_mean": round(float(np.mean(chat)), 4),
        "with_estimates": [round(float(x), 4) for x in with_estimates],
        "with_estimates_mean": round(float(np.mean(with_estimates)), 4),
        "per_attribute": {a: {"mean": round(float(np.mean(v)), 3), "min": round(float(np.min(v)), 3)}
                          for a, v in per_attribute.items() if v},
        "below_045": sorted(a for a, v in per_attribute.items() if v and min(v) < 0.45),
        "readings": labels,
        "mixes": mixes,
    }


def _mix(reading) -> dict[str, float]:
    """A reading's signed tag weights ({} when unread)."""
    if reading is None:
        return {}
    g = reading.grounding
    return {t: reading.sign * float(w) for t, w in zip(g.tags, g.weights)}


def _moved(a: dict[str, float], b: dict[str, float]) -> float:
    """L1 distance of two tag mixes (0: the same reading, 2: no tag in common)."""
    return sum(abs(a.get(t, 0.0) - b.get(t, 0.0)) for t in set(a) | set(b))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="+")
    parser.add_argument("--judgments", required=True)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--noise", type=int, default=0, help="noise runs (fold seed 0 each)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from bot.runtime import build_parser
    from engine.text.eight_bit import to_codes

    records = read_judgments(args.judgments)
    overrides = {k: _config_value(v) for k, v in (s.split("=", 1) for s in args.set)}
    out = {"overrides": {k: v for k, v in overrides.items()}, "models": {}}
    for model in args.models:
        started = time.time()
        retriever = load_retriever(model)
        chat_parser = build_parser(retriever)
        degrees = retriever.degree_model
        degrees.config = dataclasses.replace(degrees.config, **overrides)
        degrees.anchors = anchors_from_records(records)
        degrees.anchor_rows = anchor_rows(degrees.anchors, retriever)
        pairs = judged_pairs(records, retriever)
        result = measure(degrees, chat_parser, retriever, pairs, list(range(args.seeds)))
        print(f"{model}: chat {result['chat_mean']:.4f} {result['chat']}  with estimates "
              f"{result['with_estimates_mean']:.4f} {result['with_estimates']}  below 0.45 at some "
              f"seed: {result['below_045'] or 'none'}  ({time.time() - started:.0f} s)", flush=True)
        noisy = []
        if args.noise:
            clean = degrees.signals.text_vectors.copy()
            _, scales = to_codes(clean)
            for noise_seed in range(args.noise):
                rng = np.random.default_rng(1000 + noise_seed)
                step = rng.uniform(-0.5, 0.5, clean.shape).astype(np.float32) * scales[:, None]
                degrees.signals.text_vectors[:] = clean + step
                _forget_readings(degrees)
                degrees._inputs = None
                run = measure(degrees, chat_parser, retriever, pairs, [0])
                moved = {a: _moved(run["mixes"][a], result["mixes"][a]) for a in run["mixes"]}
                changed = {a: f"{run['readings'][a]} ({moved[a]:.2f})" for a in moved
                           if moved[a] > 0.1}
                noisy.append({"chat": run["chat"][0], "with_estimates": run["with_estimates"][0],
                              "per_attribute": {a: v["mean"] for a, v in run["per_attribute"].items()},
                              "changed": changed, "moved": round(sum(moved.values()), 3)})
                print(f"  noise {noise_seed}: chat {run['chat'][0]:.4f} with estimates "
                      f"{run['with_estimates'][0]:.4f}; total mix change {sum(moved.values()):.2f}; "
                      f"moved > 0.1: {changed or 'none'}",
                      flush=True)
            degrees.signals.text_vectors[:] = clean
        result["noise"] = noisy
        out["models"][model] = result
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
