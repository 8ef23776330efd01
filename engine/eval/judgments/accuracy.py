"""Evaluation of degree scores against people's relative judgments (SoftAttributes format).

For every attribute of the file, the phrase is grounded exactly as the bot grounds "more
<attribute>" (`DegreeModel.ground`) and the judged movies are ordered by exactly the score the
bot walks along (`DegreeModel.raw_scores`). A pair is one (more, less) couple of a record.

Headline: pair accuracy over all pairs whose titles are in the catalog, an ungrounded attribute
counting 0.5 per pair (chance), with a 95 % bootstrap interval over records. Baselines score the
same pairs in the same run (engine.eval.judgments.baselines).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from engine.data.judgments import ATTRIBUTION, JudgmentRecord
from engine.metrics.stats import grouped_bootstrap_ci

Scorer = Callable[[str], "np.ndarray | None"]  # attribute -> (n_items,) scores, None = ungrounded


@dataclass(frozen=True)
class PairSet:
    """Judged pairs and reference placements, as catalog rows."""

    attributes: tuple[str, ...]
    pair_record: np.ndarray  # (P,) record index of each (more, less) pair
    pair_attribute: np.ndarray  # (P,) index into attributes
    pair_more: np.ndarray  # (P,) row judged to have more
    pair_less: np.ndarray  # (P,) row judged to have less
    place_record: np.ndarray  # (Q,) record of each placement relative to the reference
    place_attribute: np.ndarray
    place_item: np.ndarray
    place_reference: np.ndarray
    place_sign: np.ndarray  # +1 judged more than the reference, -1 less
    n_records: int
    titles_total: int
    unmatched: tuple[str, ...]
    pairs_total: int  # pairs in the file, matched or not


def match_titles(titles: set[str], resolve: Callable[[str], int | None]) -> dict[str, int | None]:
    return {t: resolve(t) for t in sorted(titles)}


def build_pairs(records: list[JudgmentRecord], rows: dict[str, int | None]) -> PairSet:
    attributes = tuple(sorted({r.attribute for r in records}))
    index = {a: k for k, a in enumerate(attributes)}
    pairs, places = [], []
    total = 0
    for k, record in enumerate(records):
        a = index[record.attribute]
        for more, less in record.pairs():
            total += 1
            if rows.get(more) is not None and rows.get(less) is not None:
                pairs.append((k, a, rows[more], rows[less]))
        ref = rows.get(record.reference)
        if ref is None:
            continue
        for sign, titles in ((1, record.more), (-1, record.less)):
            for title in titles:
                if rows.get(title) is not None:
                    places.append((k, a, rows[title], ref, sign))
    p = np.asarray(pairs, dtype=np.int64).reshape(-1, 4)
    q = np.asarray(places, dtype=np.int64).reshape(-1, 5)
    return PairSet(attributes, p[:, 0], p[:, 1], p[:, 2], p[:, 3], q[:, 0], q[:, 1], q[:, 2],
                   q[:, 3], q[:, 4], len(records), len(rows),
                   tuple(t for t, r in rows.items() if r is None), total)


def _outcomes(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """1 when first > second, 0.5 on a tie, 0 otherwise."""
    return np.where(first > second, 1.0, np.where(first == second, 0.5, 0.0))


def score_pairs(pairs: PairSet, scorer: Scorer) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pair outcomes, placement outcomes, grounded per attribute); ungrounded pairs are 0.5."""
    pair_out = np.full(len(pairs.pair_more), 0.5)
    place_out = np.full(len(pairs.place_item), 0.5)
    grounded = np.zeros(len(pairs.attributes), dtype=bool)
    for a, attribute in enumerate(pairs.attributes):
        scores = scorer(attribute)
        if scores is None:
            continue
        grounded[a] = True
        scores = np.asarray(scores, dtype=np.float64)
        mask = pairs.pair_attribute == a
        pair_out[mask] = _outcomes(scores[pairs.pair_more[mask]], scores[pairs.pair_less[mask]])
        mask = pairs.place_attribute == a
        sign = pairs.place_sign[mask]
        place_out[mask] = _outcomes(sign * scores[pairs.place_item[mask]],
                                    sign * scores[pairs.place_reference[mask]])
    return pair_out, place_out, grounded


def _mean(values: np.ndarray) -> float | None:
    return float(values.mean()) if len(values) else None


def accuracy_summary(pairs: PairSet, scorer: Scorer, *, n_boot: int = 1000,
                     seed: int = 0) -> dict:
    """Pair accuracy (ungrounded at 0.5), on grounded attributes, reference sign, CI, per attribute."""
    pair_out, place_out, grounded = score_pairs(pairs, scorer)
    on_grounded = grounded[pairs.pair_attribute]
    per_attribute = {}
    for a, attribute in enumerate(pairs.attributes):
        mask = pairs.pair_attribute == a
        per_attribute[attribute] = {
            "grounded": bool(grounded[a]),
            "pairs": int(mask.sum()),
            "pair_accuracy": _mean(pair_out[mask]),
            "ref_sign_accuracy": _mean(place_out[pairs.place_attribute == a]),
        }
    low, high = grouped_bootstrap_ci(pair_out, pairs.pair_record, pairs.n_records, n_boot=n_boot, seed=seed)
    return {
        "grounded": int(grounded.sum()),
        "pair_accuracy": _mean(pair_out),
        "pair_accuracy_grounded": _mean(pair_out[on_grounded]),
        "ref_sign_accuracy": _mean(place_out),
        "ci": [low, high],
        "per_attribute": per_attribute,
    }


def evaluate_judgments(pairs: PairSet, scorer: Scorer, grounding: dict[str, str | None],
                       baselines: dict[str, Scorer], *, n_boot: int = 1000, seed: int = 0) -> dict:
    """The stable JSON of `cgir eval judgments` (see docs/results.md, "Degrees people agree with")."""
    main = accuracy_summary(pairs, scorer, n_boot=n_boot, seed=seed)
    per_attribute = main.pop("per_attribute")
    baseline_results = {}
    for name, baseline in baselines.items():
        summary = accuracy_summary(pairs, baseline, n_boot=n_boot, seed=seed)
        for attribute, row in summary.pop("per_attribute").items():
            per_attribute[attribute].setdefault("baselines", {})[name] = row["pair_accuracy"]
        baseline_results[name] = summary
    for attribute in per_attribute:
        per_attribute[attribute]["reading"] = grounding.get(attribute)
    return {
        "attributes": len(pairs.attributes),
        "grounded": main["grounded"],
        "grounding": {a: grounding.get(a) for a in pairs.attributes},
        "pairs": int(len(pairs.pair_more)),
        "pairs_in_file": pairs.pairs_total,
        "records": pairs.n_records,
        "titles": {"total": pairs.titles_total, "matched": pairs.titles_total - len(pairs.unmatched),
                   "unmatched": list(pairs.unmatched)},
        "pair_accuracy": main["pair_accuracy"],
        "pair_accuracy_grounded": main["pair_accuracy_grounded"],
        "ref_sign_accuracy": main["ref_sign_accuracy"],
        "ci": main["ci"],
        "per_attribute": per_attribute,
        "baselines": baseline_results,
        "attribution": ATTRIBUTION,
    }
