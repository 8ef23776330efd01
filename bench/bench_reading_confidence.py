"""Is there a judgment-free signal of when the bot's reading of a non-tag word is unreliable?

    nice -n 10 .venv/bin/python bench/bench_reading_confidence.py MODEL \
        ../shared/data/soft-attributes/soft-attributes-dev.csv [--words "calm,subtle"] [--json OUT]

Each attribute is read as the chat reads "more <attribute>"
(`bot.dialogue.critique_axes.attribute_grounding`) and scored out of fold exactly as
`cgir eval judgments` does (`engine.eval.judgments.report.judge`). For every attribute read as a
*mix* of tags (not a tag, not unread) it computes signals that use no judgment:

- ``text``: Spearman, over the catalog, of the mix's tag-only reading (tag_count + tag_fit +
  tag_centroid + paper_F) with the phrase's MiniLM similarity to each movie text;
- ``ctx``: the same with "a movie that is <phrase>"; ``contrast``: with that minus
  "a movie that is not <phrase>" (reading in context, against the negation);
- ``tag_contrast``: how much more the mix's tags sit on the 50 movie texts closest to the phrase
  in context than on the 50 closest to its negation;
- ``neigh`` / ``phraseF``: agreement of the mix with the phrase's text-neighbours feature and
  with F(phrase) (eq. 7);
- ``evidence`` / ``lang``: best cosine with a tag name / with any user tag; ``top_w``: the mix's
  largest weight (concentration); ``valence``: |phrase valence| (engine.degrees.valence);
- ``exemplar``: agreement of the mix with the movies this catalog's users tagged with close
  words (engine.degrees.exemplars; needs the checkpoint's user-tag counts, else absent and the
  attribute is never declined by it);
- ``negation``: 1 - Spearman of the mix's tag-only reading with that of the reading of
  "not <phrase>" (`DegreeModel.ground`): a reading that cannot tell a word from its negation
  scores near 0.

Then, per signal: its Spearman with pair accuracy over the mix attributes, and the headline
figure if the bot declined (0.5) every mix attribute below a threshold chosen on the training
folds only (5 folds over attributes, 5 fold seeds), reported out of fold. `--words` prints the
same signals for other words (no judgments) to compare. `--answers KEY VERDICTS` (a
`bench/bench_answers.py --split dev` run's key.json and a verdicts file) correlates the signals of
each dev request's attribute, where it is read as a mix, with the product's judged mean over its
10 slots (missing 0). Judgments: SoftAttributes by Balog,
Radlinski and Karatzoglou (Google LLC), SIGIR 2021, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.dialogue.critique_axes import attribute_grounding  # noqa: E402
from bot.runtime import build_parser  # noqa: E402
from engine.degrees.score import FEATURES  # noqa: E402
from engine.eval.judgments.report import judge  # noqa: E402
from engine.models.checkpoint import load_retriever  # noqa: E402

SIGNALS = ("text", "ctx", "contrast", "tag_contrast", "neigh", "phraseF", "evidence", "lang",
           "top_w", "valence", "exemplar", "negation")
TAG_ROWS = [FEATURES.index(n) for n in ("tag_count", "tag_fit", "tag_centroid", "paper_F")]


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    from scipy.stats import spearmanr

    return float(spearmanr(a, b)[0])


def tag_only(degrees, grounding) -> np.ndarray:
    """(M,) the mix's tag-only reading: what the label the bot shows names, with no anchors,
    text, popularity or learned weight."""
    everything = frozenset(degrees.anchors.attributes) if degrees.anchors is not None else frozenset()
    return degrees.features(grounding, exclude_anchors=everything)[TAG_ROWS].sum(axis=0)


def label_accuracies(retriever, file: Path, readings: dict) -> dict[str, float]:
    """Pair accuracy of each mix reading's tag-only scores (signed as the chat walks them)."""
    from engine.data.judgments import read_judgments
    from engine.eval.judgments.accuracy import accuracy_summary
    from engine.eval.judgments.report import judged_pairs

    pairs = judged_pairs(read_judgments(file), retriever)

    def scorer(attribute: str):
        r = readings.get(attribute)
        if r is None or r.grounding.is_tag or not r.grounding.tags:
            return None
        return r.sign * tag_only(retriever.degree_model, r.grounding)

    summary = accuracy_summary(pairs, scorer, n_boot=100)
    return {a: row["pair_accuracy"] for a, row in summary["per_attribute"].items()}


def signals(degrees, grounding) -> dict[str, float]:
    """The judgment-free signals of one mix reading (see the module docstring)."""
    everything = frozenset(degrees.anchors.attributes) if degrees.anchors is not None else frozenset()
    features = degrees.features(grounding, exclude_anchors=everything)
    mix = features[TAG_ROWS].sum(axis=0)
    texts = degrees.signals.text_vectors.astype(np.float32)
    phrase = grounding.phrase
    vector, inside, negated = degrees.encode(
        [phrase, f"a movie that is {phrase}", f"a movie that is not {phrase}"])
    weights = np.zeros(len(degrees.tags))
    for tag, w in zip(grounding.tags, grounding.weights):
        weights[degrees.tags.index(tag)] = w

    def near_tags(v: np.ndarray, k: int = 50) -> np.ndarray:
        near = np.argpartition(-(texts @ v), k - 1)[:k]
        return np.asarray(degrees.item_tags[near].mean(axis=0)).ravel()

    from engine.degrees.exemplars import phrase_exemplars
    from engine.degrees.score import exemplar_scores

    language = degrees.language_vectors
    exemplars = phrase_exemplars(degrees.language, language, degrees.language_counts, vector)
    agreement = (np.inf if exemplars is None else
                 _spearman(mix, exemplar_scores(degrees.item_vectors, texts, exemplars)))
    negated_reading = degrees.ground(f"not {phrase}")
    negation = (np.inf if negated_reading is None or not negated_reading.tags else
                1.0 - _spearman(mix, tag_only(degrees, negated_reading)))
    return {"exemplar": agreement, "negation": negation,
        "text": _spearman(mix, texts @ vector), "ctx": _spearman(mix, texts @ inside),
        "contrast": _spearman(mix, texts @ (inside - negated)),
        "tag_contrast": float(weights @ (near_tags(inside) - near_tags(negated))),
        "neigh": _spearman(mix, features[FEATURES.index("neighbours")]),
        "phraseF": _spearman(mix, features[FEATURES.index("phrase_F")]),
        "evidence": float((degrees.tag_name_vectors() @ vector).max()),
        "lang": float((language @ vector).max()) if language is not None else 0.0,
        "top_w": float(max(grounding.weights)), "valence": abs(degrees.valence(phrase)),
    }


def declined_out_of_fold(values: np.ndarray, acc: np.ndarray, pairs: np.ndarray,
                         candidate: np.ndarray, seed: int) -> tuple[float, list[int]]:
    """Pair-weighted accuracy when attributes (among `candidate`) with a signal below a threshold
    count 0.5; the threshold for each fold is the best one on the other folds."""
    folds = np.random.default_rng(seed).permutation(len(acc)) % 5
    kept = np.ones(len(acc), dtype=bool)
    for f in range(5):
        train, test = folds != f, folds == f
        thresholds = np.concatenate([[-np.inf], np.unique(values[train & candidate]) + 1e-9])
        gains = [(np.where(~candidate[train] | (values[train] >= t), acc[train], 0.5)
                  * pairs[train]).sum() for t in thresholds]
        best = thresholds[int(np.argmax(gains))]
        kept[test] = ~candidate[test] | (values[test] >= best)
    return float((np.where(kept, acc, 0.5) * pairs).sum() / pairs.sum()), list(np.where(~kept)[0])


def answer_signals(parser, retriever, key_file: Path, verdicts_file: Path) -> list[dict]:
    """Per dev request of a bench_answers.py key read through a mix: the product's judged mean
    (0-2 over 10 slots, missing 0) beside the signals of its attribute; prints the Spearman."""
    key = json.loads(key_file.read_text())
    verdicts = json.loads(verdicts_file.read_text())
    requests_file = Path(__file__).resolve().parent / "answers" / "requests.jsonl"
    requests = {q["id"]: q for q in map(json.loads, requests_file.read_text().splitlines())}
    rows = []
    for rid, k in sorted(key.items()):
        r = attribute_grounding(parser, retriever, requests[rid]["attribute"])
        walked_a_mix = any(m["reading"] for m in k["reading"])
        if r is None or r.grounding.is_tag or not r.grounding.tags or not walked_a_mix:
            continue
        judged = verdicts.get(rid, {})
        mean = sum(judged.get(t, 0) for t in k["systems"]["product"][:10]) / 10
        rows.append({"id": rid, "attribute": requests[rid]["attribute"], "mean": mean,
                     "reading": r.label, **signals(retriever.degree_model, r.grounding)})
    means = np.array([row["mean"] for row in rows])
    print(f"answers: {len(rows)} dev requests read through a mix, judged mean {means.mean():.2f}")
    for row in sorted(rows, key=lambda row: row["mean"]):
        print(f"  {row['id']} {row['attribute']:16s} {row['mean']:.2f} {row['reading']} "
              + " ".join(f"{s}={row[s]:+.2f}" for s in SIGNALS))
    for s in SIGNALS:
        values = np.array([row[s] for row in rows], dtype=float)
        known = np.isfinite(values)
        print(f"  {s:13s} spearman with the judged mean {_spearman(values[known], means[known]):+.2f}"
              f" (n={known.sum()})")
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("model", type=Path)
    p.add_argument("judgments", type=Path)
    p.add_argument("--words", default="", help="comma-separated words to show the signals of")
    p.add_argument("--json", type=Path, default=None)
    p.add_argument("--answers", type=Path, nargs=2, metavar=("KEY", "VERDICTS"), default=None,
                   help="a bench_answers.py run's key.json and the verdicts to score it with")
    p.add_argument("--target", choices=("accuracy", "label_accuracy"), default="accuracy",
                   help="what the signals should predict: the product's out-of-fold pair accuracy, "
                        "or that of the label alone (the mix's tag-only reading, no anchors)")
    args = p.parse_args()
    retriever = load_retriever(args.model)
    parser = build_parser(retriever)
    degrees = retriever.degree_model
    readings: dict = {}
    result = judge(retriever, args.judgments,
                   lambda a: readings.setdefault(a, attribute_grounding(parser, retriever, a)),
                   bootstrap=100)
    names = sorted(readings)
    labels = label_accuracies(retriever, args.judgments, readings)
    rows = {}
    for a in names:
        r = readings[a]
        kind = "unread" if r is None else ("tag" if r.grounding.is_tag or not r.grounding.tags else "mix")
        row = {"accuracy": result["per_attribute"][a]["pair_accuracy"],
               "pairs": result["per_attribute"][a]["pairs"], "kind": kind,
               "reading": None if r is None else r.label, "label_accuracy": labels.get(a)}
        if kind == "mix":
            row.update(signals(degrees, r.grounding))
        rows[a] = row
    acc = np.array([rows[a][args.target] if rows[a]["kind"] == "mix" else rows[a]["accuracy"]
                    for a in names])
    pairs = np.array([rows[a]["pairs"] for a in names], dtype=float)
    mix = np.array([rows[a]["kind"] == "mix" for a in names])
    print(f"headline (as cgir eval judgments) {result['pair_accuracy']:.4f}; {mix.sum()} mix readings")
    for a in sorted(names, key=lambda a: rows[a]["accuracy"]):
        row = rows[a]
        extra = " ".join(f"{s}={row[s]:+.2f}" for s in SIGNALS) if row["kind"] == "mix" else ""
        label = f"label {row['label_accuracy']:.3f}" if row["kind"] == "mix" else ""
        print(f"  {a:18s} {row['accuracy']:.3f} {label} {row['kind']:6s} {row['reading']} {extra}")
    summary = {}
    for s in SIGNALS:
        values = np.array([rows[a].get(s, np.inf) for a in names], dtype=float)
        runs = [declined_out_of_fold(values, acc, pairs, mix, seed) for seed in range(5)]
        known = mix & np.isfinite(values)
        rho = _spearman(values[known], acc[known]) if known.sum() >= 3 else float("nan")
        summary[s] = {"spearman_with_accuracy": rho,
                      "declined_out_of_fold": [r[0] for r in runs],
                      "declined": [[names[i] for i in r[1]] for r in runs]}
        print(f"{s:13s} spearman={summary[s]['spearman_with_accuracy']:+.2f} out of fold with "
              f"declining: " + " ".join(f"{r[0]:.4f}({len(r[1])})" for r in runs))
    words = {}
    for w in filter(None, (x.strip() for x in args.words.split(","))):
        r = attribute_grounding(parser, retriever, w)
        words[w] = {"reading": None if r is None else r.label}
        if r is not None and not r.grounding.is_tag and r.grounding.tags:
            words[w].update(signals(degrees, r.grounding))
        print(f"  {w:18s} {words[w]['reading']} " + " ".join(
            f"{s}={words[w][s]:+.2f}" for s in SIGNALS if s in words[w]))
    answers = answer_signals(parser, retriever, *args.answers) if args.answers else []
    if args.json:
        args.json.write_text(json.dumps({"attributes": rows, "signals": summary, "words": words,
                                         "answers": answers},
                                        indent=1))


if __name__ == "__main__":
    main()
