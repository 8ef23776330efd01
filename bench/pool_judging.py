"""Pool several runs of bench/bench_answers.py into one blind judging file.

    .venv/bin/python bench/pool_judging.py OUT RUN_DIR [RUN_DIR ...] [--unjudged VERDICTS.json ...]

With --unjudged, only the (request, title) pairs none of the given verdict files scores are kept:
a later run's new titles go to a judge alone, and the earlier verdicts score the rest.

Each RUN_DIR holds a judging.jsonl written by bench_answers.py (for example one run on today's
code and one on an earlier checkout, same model, same requests). OUT gets one judging.jsonl with
the union of every run's candidates per request, deduplicated and reshuffled with the same seed,
and a fresh recheck.jsonl (20 % of the pairs) for the judge's second pass. The verdicts then
score every run: `bench_answers.py --out RUN_DIR --verdicts VERDICTS.json` reads only its own key.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SEED = 20261206


def pool(runs: list[Path]) -> list[dict]:
    merged: dict[str, dict] = {}
    for run in runs:
        for line in (run / "judging.jsonl").read_text().splitlines():
            entry = json.loads(line)
            into = merged.setdefault(entry["id"], {**entry, "candidates": []})
            known = {c["title"] for c in into["candidates"]}
            into["candidates"] += [c for c in entry["candidates"] if c["title"] not in known]
    rng = random.Random(SEED)
    for entry in merged.values():
        entry["candidates"].sort(key=lambda c: c["title"])
        rng.shuffle(entry["candidates"])
    return [merged[k] for k in sorted(merged)]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    judged: dict[str, set[str]] = {}
    while "--unjudged" in argv:
        at = argv.index("--unjudged")
        for request, verdicts in json.loads(Path(argv[at + 1]).read_text()).items():
            judged.setdefault(request, set()).update(verdicts)
        del argv[at:at + 2]
    out, runs = Path(argv[0]), [Path(a) for a in argv[1:]]
    judging = pool(runs)
    for entry in judging:
        entry["candidates"] = [c for c in entry["candidates"] if c["title"] not in judged.get(entry["id"], ())]
    judging = [j for j in judging if j["candidates"]]
    out.mkdir(parents=True, exist_ok=True)
    (out / "judging.jsonl").write_text("".join(json.dumps(j) + "\n" for j in judging))
    pairs = [{"id": j["id"], "reference": j["reference"], "request": j["request"], "candidate": c}
             for j in judging for c in j["candidates"]]
    recheck = random.Random(SEED + 1).sample(pairs, round(0.2 * len(pairs)))
    (out / "recheck.jsonl").write_text("".join(json.dumps(p) + "\n" for p in recheck))
    print(f"pooled {len(runs)} runs: {len(judging)} requests, {len(pairs)} (request, title) pairs, "
          f"{len(recheck)} to re-judge, in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
