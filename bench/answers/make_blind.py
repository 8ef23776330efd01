"""Make a small blind check's judging files from two systems' outputs (bench/answers/run_turns.py).

    python bench/answers/make_blind.py DIR A.json B.json --requests R1.json [R2.json ...] \
        --label-a "before: REV" --label-b "after: REV" [--slots 5] [--seed 20261207]

Per request, what each system offered: the films it showed, else the films its buttons name
("something like X"), at most SLOTS. DIR/judging.jsonl lists each request's films from both
systems once, shuffled, systems hidden (what a judge sees); DIR/key.json says which system
showed which (kept from the judge). bench/answers/score_blind.py scores the verdicts.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

PREFIX = "something like "


def offered(reply: dict, slots: int) -> list[str]:
    """The films a reply shows, else the films its buttons name (a question's buttons name none)."""
    films = reply["items"] or [b[len(PREFIX):] for b in reply["buttons"] if b.startswith(PREFIX)]
    return films[:slots]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--requests", type=Path, nargs="+", required=True)
    ap.add_argument("--label-a", required=True)
    ap.add_argument("--label-b", required=True)
    ap.add_argument("--slots", type=int, default=5)
    ap.add_argument("--seed", type=int, default=20261207)
    args = ap.parse_args()
    outputs = {"A": json.loads(args.a.read_text()), "B": json.loads(args.b.read_text())}
    rng = random.Random(args.seed)
    key, lines = {}, []
    for path in args.requests:
        for request in json.loads(path.read_text()):
            rid = request["id"]
            systems = {name: offered(out[rid], args.slots) for name, out in outputs.items()}
            films = sorted({f for shown in systems.values() for f in shown})
            rng.shuffle(films)
            key[rid] = {"systems": systems}
            lines.append(json.dumps({"id": rid, "request": " / ".join(request["turns"]), "films": films},
                                    ensure_ascii=False))
    args.folder.mkdir(parents=True, exist_ok=True)
    (args.folder / "judging.jsonl").write_text("\n".join(lines) + "\n")
    (args.folder / "key.json").write_text(json.dumps({"A": args.label_a, "B": args.label_b, "key": key},
                                                     indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
