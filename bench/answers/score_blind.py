"""Score a small blind check: per system, the mean score over SLOTS slots a request (a missing
slot 0), the share of good (2) and of wrong-or-missing (0) slots; with a second judge's
verdicts, the judges' agreement and both judges' means on the requests the second one scored.

    python bench/answers/score_blind.py DIR --slots 10     # DIR/key.json, DIR/verdicts.jsonl [, recheck-verdicts.jsonl]

key.json: {"key": {id: {"systems": {"A": [titles], "B": [...]}}}}; verdicts: one line per
request, {"id", "scores": {title: 0|1|2}}.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def load(path: Path) -> dict[str, dict[str, int]]:
    return {json.loads(line)["id"]: json.loads(line)["scores"] for line in path.read_text().splitlines() if line}


def summary(key: dict, verdicts: dict, ids: list[str], slots: int) -> dict[str, tuple[float, float, float]]:
    out = {}
    for system in next(iter(key.values()))["systems"]:
        scores: list[int] = []
        for rid in ids:
            got = [verdicts[rid][title] for title in key[rid]["systems"][system][:slots]]
            scores += got + [0] * (slots - len(got))
        out[system] = (sum(scores) / len(scores), scores.count(2) / len(scores), scores.count(0) / len(scores))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--slots", type=int, required=True)
    args = ap.parse_args()
    key = json.loads((args.folder / "key.json").read_text())["key"]
    first = load(args.folder / "verdicts.jsonl")
    for system, (mean, good, wrong) in summary(key, first, list(key), args.slots).items():
        print(f"{system}: mean {mean:.2f} / 2, good {good:.0%}, wrong or missing {wrong:.0%} ({len(key)} requests)")
    recheck = args.folder / "recheck-verdicts.jsonl"
    if recheck.exists():
        second = load(recheck)
        pairs = [(first[rid][title], score) for rid, scores in second.items() for title, score in scores.items()]
        print(f"second judge: {len(pairs)} films, exact agreement {sum(a == b for a, b in pairs) / len(pairs):.0%}, "
              f"within one {sum(abs(a - b) <= 1 for a, b in pairs) / len(pairs):.0%}")
        for name, verdicts in (("first", first), ("second", second)):
            means = {s: round(v[0], 2) for s, v in summary(key, verdicts, list(second), args.slots).items()}
            print(f"  on the {len(second)} requests both scored, the {name} judge: {means}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
