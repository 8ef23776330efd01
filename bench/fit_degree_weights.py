"""Fit the degree score's feature weights on relative judgments and measure them out of fold.

    nice -n 10 .venv/bin/python bench/fit_degree_weights.py MODEL \
        ../shared/data/soft-attributes/soft-attributes-dev.csv [--write]

Each attribute is grounded as the chat reads "more <attribute>" (bot.dialogue.critique_axes).
Prints each feature's pair accuracy alone, the cross-validated accuracy of the learned mix
(5 folds over attributes, several fold seeds), the weights fitted on all attributes, and with
--write stores them in engine/degrees/weights.json (with the attributes they saw, which
`cgir eval judgments` then never scores with them). Judgments: SoftAttributes by Balog,
Radlinski and Karatzoglou (Google LLC), SIGIR 2021, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.models.checkpoint import load_retriever  # noqa: E402
from engine.eval.judgments.report import judged_pairs  # noqa: E402
from engine.data.judgments import ATTRIBUTION, read_judgments  # noqa: E402
from engine.degrees.fit import (cross_validated_weights, fit_pair_weights,  # noqa: E402
                                fold_features, pair_differences)
from engine.degrees.load import anchor_rows  # noqa: E402
from engine.degrees.anchors import anchors_from_records  # noqa: E402
from engine.degrees.score import FEATURES  # noqa: E402
from engine.degrees.weights import WEIGHTS_FILE  # noqa: E402


def _accuracy(margins: np.ndarray) -> float:
    return float(np.mean(np.where(margins > 0, 1.0, np.where(margins == 0, 0.5, 0.0))))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("judgments")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    from bot.dialogue.critique_axes import attribute_estimate, attribute_grounding
    from bot.runtime import build_parser

    records = read_judgments(args.judgments)
    retriever = load_retriever(args.model)
    chat_parser = build_parser(retriever)  # the chat's parser and encoder: the product's reading
    degrees = retriever.degree_model
    # The anchors come from the judgments being fitted (their own fold left out below).
    degrees.anchors = anchors_from_records(records)
    degrees.anchor_rows = anchor_rows(degrees.anchors, retriever)
    pairs = judged_pairs(records, retriever)
    readings = {a: attribute_grounding(chat_parser, retriever, a) for a in pairs.attributes}
    for a, g in readings.items():
        print(f"  {a:<18} -> {g.label if g else 'NOT UNDERSTOOD'}")
    n_all = len(pairs.pair_more)
    # What the chat cannot judge, estimated (judgment-free: the same for every fold seed).
    gained = 0.0
    for k, a in enumerate(pairs.attributes):
        estimate = attribute_estimate(chat_parser, retriever, a) if readings[a] is None else None
        if estimate is not None:
            mask = pairs.pair_attribute == k
            scores = degrees.raw_scores(estimate.grounding)
            accuracy = _accuracy(scores[pairs.pair_more[mask]] - scores[pairs.pair_less[mask]])
            print(f"  estimate {a:<18} {accuracy:.3f}  ({estimate.label})")
            gained += (accuracy - 0.5) * mask.sum() / n_all
    results, by_seed, lowest = [], [], {}
    for seed in range(args.seeds):
        features, fold_of = fold_features(degrees, readings, pairs.attributes, seed=seed)
        rows, diffs = pair_differences(features, pairs.pair_attribute, pairs.pair_more,
                                       pairs.pair_less)
        w = cross_validated_weights(diffs, pairs.pair_attribute[rows], fold_of, args.l2)
        margins = np.einsum("pk,pk->p", diffs, w[pairs.pair_attribute[rows]])
        results.append((_accuracy(margins) * len(rows) + 0.5 * (n_all - len(rows))) / n_all)
        by_seed.append((rows, diffs))
        correct = np.where(margins > 0, 1.0, np.where(margins == 0, 0.5, 0.0))
        for k in np.unique(pairs.pair_attribute[rows]):
            a = pairs.attributes[k]
            share = float(correct[pairs.pair_attribute[rows] == k].mean())
            lowest[a] = min(lowest.get(a, 1.0), share)
    rows, diffs = by_seed[0]
    print(f"{sum(g is not None for g in readings.values())}/{len(pairs.attributes)} grounded, "
          f"{len(rows)} of {n_all} pairs")
    for k, name in enumerate(FEATURES):
        acc = _accuracy(diffs[:, k])
        print(f"  feature {name:<13} {acc:.3f} (grounded pairs)")
    print(f"CV by attribute (5 folds, {args.seeds} fold seeds): pair accuracy "
          f"{np.mean(results):.4f} (min {np.min(results):.4f}, max {np.max(results):.4f})")
    below = {a: round(x, 3) for a, x in lowest.items() if x < 0.45}
    print(f"  read attributes below 0.45 at some fold seed (their lowest): {below or 'none'}")
    if gained:
        print(f"  with the estimates of what the chat cannot judge: {np.mean(results) + gained:.4f} "
              f"(min {np.min(results) + gained:.4f}, max {np.max(results) + gained:.4f})")
    # Shipped weights: fitted on every attribute, each one's anchors from the other folds (as a
    # new phrase never has its own anchor).
    weights = fit_pair_weights(diffs, args.l2)
    print("weights on all attributes:", {n: round(float(x), 4) for n, x in zip(FEATURES, weights)})
    if args.write:
        from engine.degrees.anchors import ANCHORS_FILE

        ANCHORS_FILE.write_text(json.dumps(anchors_from_records(records).to_json(ATTRIBUTION)) + "\n",
                                encoding="utf-8")
        payload = {
            "weights": {n: round(float(x), 6) for n, x in zip(FEATURES, weights)},
            "fitted_on": {"file": Path(args.judgments).name,
                          "attributes": list(pairs.attributes), "pairs": int(len(rows)),
                          "l2": args.l2, "model_dataset": retriever.model_id},
            "cv_pair_accuracy": round(float(np.mean(results)), 4),
            "attribution": ATTRIBUTION,
        }
        WEIGHTS_FILE.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
