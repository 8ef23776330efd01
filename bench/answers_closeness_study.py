"""Which closeness makes a shown film acceptable? A study on the judged development pairs only.

    .venv/bin/python bench/answers_closeness_study.py --model DIR \\
        [--verdicts bench/answers/judged-2026-12-06/round2/verdicts.json]

For every (request, title) pair of the dev half of bench/answers that earlier blind judges
scored (0-2), it computes what the product can compute at a turn: the stored co-rating
similarity to the reference (0 outside its 200 neighbours), the likeness of kind
(engine.retrieval.content: every asked tag left out, only the tags asked less left out, none),
the item-space cosine, and the estimated move of the critique as the bot reads it
(bench_answers.reading), and how many years apart the two films came out. It prints each
feature's rank correlation with the judges' score (the likeness of kind also per way: requests
read as all "more" or all "less"), the judged score of the clear movers inside the stored
neighbourhood by likeness of kind and way (KIND_BINS), then an offline
selection: per request, among the judged titles that move clearly (else those that move, else
all), the 10 with the best key, and their mean score. The judged titles are the pool earlier systems showed, not the
catalog: this ranks keys against each other, it does not predict the product's judged score.
Never run on the final half (the script reads only dev requests).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

VERDICTS = REPO / "bench" / "answers" / "judged-2026-12-06" / "round2" / "verdicts.json"


def features(model: Path, verdicts: dict) -> list[dict]:
    from bench_answers import read_requests, reading
    from bot.runtime import build_manager
    from engine.retrieval.content import content_similarity
    from engine.walks.neighbourhood import WIDEST, asked_tags, left_out_tags, moves

    manager = build_manager(model, f"sqlite:///{tempfile.mkdtemp()}/study.db", warm_up=False)
    r = manager.retriever
    row_of_title = {t: i for i, t in enumerate(r.titles)}
    years = r.title_resolver.years
    unit = r.item_vectors / np.maximum(np.linalg.norm(r.item_vectors, axis=1, keepdims=True), 1e-9)
    out = []
    for request in read_requests("dev"):
        ref = r.row_of_id[request["movie_id"]]
        mods = reading(manager, request)
        near, similarity = r.neighbourhood(ref, WIDEST)
        stored = dict(zip(near.tolist(), similarity.tolist()))
        titles = [t for t in verdicts.get(request["id"], {}) if t in row_of_title]
        rows = np.asarray([row_of_title[t] for t in titles], dtype=np.int64)
        kind = content_similarity(r, ref, rows, asked_tags(r, mods) if mods else ())
        kind_all = content_similarity(r, ref, rows)
        kind_less = content_similarity(r, ref, rows, left_out_tags(r, mods) if mods else ())
        way = "more" if mods and all(m.alpha > 0 for m in mods) else "less" if mods and all(
            m.alpha < 0 for m in mods) else "mixed or unread"
        moved, margin = (moves(r, ref, rows, mods, span=False) if mods
                         else (np.full(len(rows), np.nan), np.full(len(rows), np.nan)))
        for k, (title, row) in enumerate(zip(titles, rows)):
            out.append({"id": request["id"], "score": int(verdicts[request["id"]][title]),
                        "sim": stored.get(int(row), 0.0), "kind": float(kind[k]),
                        "kind_all": float(kind_all[k]), "kind_less": float(kind_less[k]), "way": way,
                        "space": float(unit[row] @ unit[ref]),
                        "moved": float(moved[k]), "margin": float(margin[k]), "reads": bool(mods),
                        "years_apart": float(abs(int(years[row]) - int(years[ref]))),
                        "stored": int(row) in stored})
    return out


def _z(x: np.ndarray) -> np.ndarray:
    spread = x.std()
    return (x - x.mean()) / spread if spread > 0 else np.zeros_like(x)


KEYS = {
    "co-rating similarity (+ 0.5 move: the key before)": lambda f: _z(f["sim"]) + 0.5 * _z(f["moved"]),
    "co-rating similarity": lambda f: f["sim"],
    "size of the move": lambda f: f["moved"],
    "likeness of kind": lambda f: f["kind"],
    "0.4 co-rating + 0.6 kind + 0.3 move": lambda f: 0.4 * _z(f["sim"]) + 0.6 * _z(f["kind"]) + 0.3 * _z(f["moved"]),
    "0.4 co-rating + 0.6 kind (the key of h-answers3)": lambda f: 0.4 * _z(f["sim"]) + 0.6 * _z(f["kind"]),
    "the same, only the tags asked less left out (the key now)":
        lambda f: 0.4 * _z(f["sim"]) + 0.6 * _z(f["kind_less"]),
    "0.4 co-rating + 0.6 kind, no move filter": None,
}


KIND_BINS = ((0.0, 0.01), (0.01, 0.03), (0.03, 0.1), (0.1, 0.2), (0.2, 0.4), (0.4, 1.01))


def select(pairs: list[dict]) -> dict[str, float]:
    by_request = defaultdict(list)
    for p in pairs:
        by_request[p["id"]].append(p)
    result = {}
    for name, key in KEYS.items():
        scores = []
        for group in by_request.values():
            f = {k: np.asarray([p[k] for p in group], dtype=float) for k in ("sim", "kind", "kind_less", "moved", "margin")}
            ok = np.ones(len(group), dtype=bool)
            if key is not None and group[0]["reads"]:
                ok = f["margin"] > 0
                ok = ok if ok.sum() >= 10 else f["moved"] > 0
                ok = ok if ok.sum() >= 10 else np.ones(len(group), dtype=bool)
            index = np.flatnonzero(ok)
            chosen = key or KEYS["0.4 co-rating + 0.6 kind (the key of h-answers3)"]
            values = chosen({k: v[index] for k, v in f.items()})
            picked = index[np.argsort(-values, kind="stable")[:10]]
            scores += [group[i]["score"] for i in picked]
        scores = np.asarray(scores)
        result[name] = (float(scores.mean()), float((scores == 2).mean()), float((scores == 0).mean()))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--verdicts", type=Path, default=VERDICTS)
    args = parser.parse_args()
    from scipy.stats import spearmanr

    pairs = features(args.model, json.loads(args.verdicts.read_text()))
    score = np.asarray([p["score"] for p in pairs])
    print(f"{len(pairs)} judged dev pairs; rank correlation with the judges' score:")
    for name in ("sim", "space", "kind", "kind_less", "kind_all", "moved", "years_apart"):
        x = np.asarray([p[name] for p in pairs], dtype=float)
        finite = np.isfinite(x)
        print(f"  {name:9s} {spearmanr(x[finite], score[finite]).correlation:+.3f}")
    print("likeness of kind by the way the critique is read (every asked tag left out / only the tags "
          "asked less left out / none left out):")
    for way in ("more", "less"):
        group = [p for p in pairs if p["way"] == way]
        s = np.asarray([p["score"] for p in group])
        rho = [spearmanr([p[name] for p in group], s).correlation for name in ("kind", "kind_less", "kind_all")]
        print(f"  {way}: {len(group)} pairs, " + " / ".join(f"{x:+.3f}" for x in rho))
    print("clear movers in the stored neighbourhood, by likeness of kind (only the tags asked less left "
          "out): pairs, mean (0-2), share of 0s")
    for low, high in KIND_BINS:
        cells = []
        for way in ("more", "less"):
            s = np.asarray([p["score"] for p in pairs if p["way"] == way and p["stored"] and p["margin"] > 0
                            and low <= p["kind_less"] < high])
            cells.append(f"{way} {len(s):3d} {s.mean() if len(s) else float('nan'):.2f} "
                         f"{(s == 0).mean() if len(s) else float('nan'):.0%}")
        print(f"  [{low:.2f}, {high:.2f})  " + "   ".join(cells))
    print("offline selection, 10 per request from the judged pool (mean 0-2, good, wrong):")
    for name, (mean, good, zero) in select(pairs).items():
        print(f"  {name:52s} {mean:.3f}  {good:.0%}  {zero:.0%}")


if __name__ == "__main__":
    main()
