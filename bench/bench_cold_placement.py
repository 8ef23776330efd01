"""How well engine.retrieval.cold places a film the model never trained on, checked on films it
did train on: a seeded sample of trained films with 5-19 ratings is left out of the "trained"
side, placed as if cold, and each placed vector is compared with the film's own trained vector.

    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_cold_placement.py --model /work/final-models/ml

Reported per way of placing (the blend the bot uses, raters' films only, content only) and for a
random trained film: the mean cosine with the film's own vector, and how often its own vector's
10 nearest trained films share at least one with the placed vector's 10 nearest. Caveat: these
films were kept by the preprocessing (someone active rated them 4 or more), so they are not the
films the model drops (rated by few, and liked less); the figure says how the placement behaves,
not how right it is for those.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
ZIP = REPO.parent / "shared" / "data" / "ml-latest-small.zip"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=ZIP)
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--priors", default="", help="more CONTENT_PRIOR values to compare, e.g. 5,20,40")
    args = ap.parse_args()
    import engine.retrieval.cold as cold
    from engine.data.layouts import read_release
    from engine.data.loader import resolve_source

    with np.load(args.model / "arrays.npz") as arrays:
        vectors = arrays["items"].astype(np.float32)
    ids = np.asarray(json.loads((args.model / "items.json").read_text())["item_ids"], dtype=np.int64)
    tags = tuple(json.loads((args.model / "tags.json").read_text())["tags"])
    item_tags = sp.load_npz(args.model / "item_tags.npz").tocsr()
    raw = read_release(resolve_source(args.data), lenient=True)
    rated, counts = np.unique(np.asarray(raw.ratings["movieId"].to_numpy()), return_counts=True)
    count_of = dict(zip(rated.tolist(), counts.tolist()))
    few = np.flatnonzero([5 <= count_of.get(int(i), 0) <= 19 for i in ids])
    held = np.sort(np.random.default_rng(0).choice(few, min(args.sample, len(few)), replace=False))
    keep = np.setdiff1d(np.arange(len(ids)), held)
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

    def nearest(v: np.ndarray) -> set[int]:
        return set(np.argsort(-(unit[keep] @ v))[:10].tolist())

    rows = {}
    ways = [("blend (bot)", cold.CONTENT_PRIOR), ("raters' films only", 0.0), ("content only", 1e12)]
    ways += [(f"blend, prior {p}", float(p)) for p in args.priors.split(",") if p]
    for name, prior in ways:
        cold.CONTENT_PRIOR = prior
        placed = cold.cold_items(args.data, ids[keep], vectors[keep], tags, item_tags[keep])
        where = {int(i): k for k, i in enumerate(placed.item_ids)}
        sims, overlap = [], []
        for row in held:
            v = placed.vectors[where[int(ids[row])]]
            v = v / max(float(np.linalg.norm(v)), 1e-12)
            sims.append(float(v @ unit[row]))
            overlap.append(bool(nearest(v) & nearest(unit[row])))
        rows[name] = (np.mean(sims), np.mean(overlap))
    rng = np.random.default_rng(1)
    other = rng.choice(keep, len(held))
    rows["a random trained film"] = (float(np.mean(np.sum(unit[other] * unit[held], axis=1))),
                                     float(np.mean([bool(nearest(unit[o]) & nearest(unit[h])) for o, h in zip(other, held)])))
    print(f"{len(held)} trained films of 5-19 ratings placed as if cold ({args.model})")
    print("| placed by | mean cosine with its own vector | 10 nearest share >= 1 |")
    print("|---|---|---|")
    for name, (sim, share) in rows.items():
        print(f"| {name} | {sim:.3f} | {share:.1%} |")


if __name__ == "__main__":
    main()
