"""Every tag's reading of a checkpoint, timed and saved, and compared with another run's.

    .venv/bin/python bench/degree_readings.py MODEL --out RUN.npz [--against BEFORE.npz] [--profile]

Reads, in one process with the encoder loaded first, each catalog tag's degrees
(`Retriever.attribute_degrees`) and each thin tag's own-name reading (the mix that keeps it, as
`bot.runtime.start_degree_warm_up` computes it), and prints the median, 90th percentile and total
seconds of each kind. `--out` saves every reading's degrees and the thin readings' raw scores;
`--against` a file saved by another revision prints how many degree entries differ and the
largest raw-score difference: a speed change to the degree model must leave both at 0 / ~1e-12.
`--profile`: cProfile over the tag readings, the 15 functions of most cumulative time (the
timings above then include the profiler's overhead).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--against", type=Path, default=None)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()

    from bot.dialogue.critique_axes import critique_modification
    from bot.nlu.grounding import LEXICAL
    from bot.runtime import build_manager
    from bot.types import Critique

    manager = build_manager(args.model, f"sqlite:///{tempfile.mkdtemp()}/readings.db", progress=False,
                            warm_up=False)
    r = manager.retriever
    r.degree_model.encode(["warm up"])
    saved, seconds = {}, {"tag": [], "thin": []}
    profile = cProfile.Profile() if args.profile else None
    for i, name in enumerate(r.tags):
        start = time.perf_counter()
        if profile is not None:
            profile.enable()
        saved[f"tag:{name}"] = np.asarray(r.attribute_degrees(i))
        if profile is not None:
            profile.disable()
        seconds["tag"].append(time.perf_counter() - start)
    for name in r.tags:
        if r.degree_model.is_thin(name):
            start = time.perf_counter()
            m = critique_modification(r, Critique(alpha=1, tag=name, score=LEXICAL, phrase=name))
            saved[f"thin:{name}"] = np.asarray(r.modification_degrees(m))
            seconds["thin"].append(time.perf_counter() - start)
            saved[f"raw:{name}"] = r.degree_model.raw_scores(m.grounding)
    for kind, values in seconds.items():
        ms = np.array(values) * 1000
        print(f"{kind} readings: {len(ms)}, median {np.median(ms):.1f} ms, p90 {np.percentile(ms, 90):.1f} ms, "
              f"total {ms.sum() / 1000:.1f} s")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(15)
    np.savez(args.out, **saved)
    if args.against is not None:
        before = np.load(args.against)
        changed = sum(int((before[k] != saved[k]).sum()) for k in before.files if not k.startswith("raw:"))
        raw = max(float(np.abs(before[k] - saved[k]).max()) for k in before.files if k.startswith("raw:"))
        print(f"against {args.against}: {changed} degree entries differ over "
              f"{sum(not k.startswith('raw:') for k in before.files)} readings; raw scores at most {raw:.2g} apart")
    return 0


if __name__ == "__main__":
    sys.exit(main())
