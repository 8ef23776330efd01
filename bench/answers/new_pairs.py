"""Blind (request, film) pairs for the films no verdict scores yet, and the judges' verdicts merged.

    # pairs: every film a system of KEY shows that VERDICTS lacks, plus CALIB judged ones, shuffled
    python bench/answers/new_pairs.py make KEY.json VERDICTS REQUESTS.jsonl OUT [--systems product list]
        [--calibration 20] [--seed 15] [--judges 1|2] [--cross 35]
    # agreement (calibration against the earlier verdicts; across judges) and the merged verdicts
    python bench/answers/new_pairs.py merge OUT VERDICTS MERGED.json

KEY is `bench/bench_answers.py`'s key.json; VERDICTS its verdicts (request id -> {title: 0|1|2})
or a `verdicts.jsonl` of `score_blind.py`'s form; REQUESTS the requests it ran. OUT gets
`pairs.jsonl` (what a judge sees: reference and candidate with year and genres, the request's
words; no system, no rank), `private_map.json` (which pair is which film, new or calibration,
and the earlier score). With two judges the pairs are cut in half, and each judge's file
`judge-a/pairs.jsonl`, `judge-b/pairs.jsonl` also holds CROSS pairs of the other half (keys
"x<pair>"), so that agreement is measured across judges. A judge writes `pair-verdicts.json`
({pair key: score}) beside its pairs (`pair-verdicts-a.json`, `pair-verdicts-b.json` for two).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def read_verdicts(path: Path) -> dict:
    text = path.read_text()
    if path.suffix == ".jsonl":
        return {r["id"]: r["scores"] for r in map(json.loads, text.splitlines())}
    return json.loads(text)


def film(title: str, genres: dict) -> dict:
    year = re.search(r"\((\d{4})\)\s*$", title)
    return {"title": title, "year": int(year.group(1)) if year else None, "genres": genres[title]}


def make(args) -> None:
    from bench_answers import DATA, read_zip_csv

    key, verdicts = json.loads(args.key.read_text()), read_verdicts(args.verdicts)
    requests = {r["id"]: r for r in map(json.loads, args.requests.read_text().splitlines())}
    genres = {m["title"]: m["genres"].replace("|", ", ") for m in read_zip_csv(DATA, "movies.csv")}
    new = sorted({(rid, t) for rid, k in key.items() for s in args.systems for t in k["systems"][s]
                  if t not in verdicts.get(rid, {})})
    rng = random.Random(args.seed)
    judged = sorted((rid, t) for rid in verdicts if rid in key for t in verdicts[rid])
    calibration = rng.sample(judged, min(args.calibration, len(judged)))
    items = [(r, t, "new") for r, t in new] + [(r, t, "calib") for r, t in calibration]
    rng.shuffle(items)
    pairs = [{"pair": n, "id": r, "reference": film(requests[r]["reference"], genres),
              "request": requests[r]["text"], "candidate": film(t, genres)} for n, (r, t, _) in enumerate(items)]
    private = [{"pair": n, "id": r, "title": t, "kind": kind, "known": verdicts[r][t] if kind == "calib" else None}
               for n, (r, t, kind) in enumerate(items)]
    args.out.mkdir(parents=True, exist_ok=True)
    write = lambda path, rows: path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in rows))  # noqa: E731
    write(args.out / "pairs.jsonl", pairs)
    (args.out / "private_map.json").write_text(json.dumps(private, indent=1, ensure_ascii=False))
    if args.judges == 2:
        half = len(pairs) // 2
        mine = (pairs[:half], pairs[half:])
        cross = (rng.sample(mine[1], args.cross), rng.sample(mine[0], args.cross))
        for name, own, other in zip("ab", mine, cross):
            shown = own + [dict(p, pair=f"x{p['pair']}") for p in other]
            rng.shuffle(shown)
            (args.out / f"judge-{name}").mkdir(exist_ok=True)
            write(args.out / f"judge-{name}" / "pairs.jsonl", shown)
    print(f"{len(new)} new pairs, {len(calibration)} calibration pairs -> {args.out}")


def merge(args) -> None:
    private = json.loads((args.out / "private_map.json").read_text())
    files = sorted(args.out.glob("pair-verdicts*.json"))
    given = [json.loads(f.read_text()) for f in files]
    score = {int(k): v for g in given for k, v in g.items() if not k.startswith("x")}
    missing = [p["pair"] for p in private if p["pair"] not in score]
    if missing:
        sys.exit(f"{len(missing)} pairs have no verdict in {', '.join(f.name for f in files)}")
    cross = [(score[int(k[1:])], v) for g in given for k, v in g.items() if k.startswith("x")]
    calib = [(p["known"], score[p["pair"]]) for p in private if p["kind"] == "calib"]
    for name, rows in (("calibration against the earlier verdicts", calib), ("across judges", cross)):
        if rows:
            exact = sum(a == b for a, b in rows) / len(rows)
            two = sum((a == 2) == (b == 2) for a, b in rows) / len(rows)
            print(f"{name}: {len(rows)} pairs, exact {exact:.1%}, 2-vs-not {two:.1%}, "
                  f"means {sum(a for a, _ in rows) / len(rows):.2f} / {sum(b for _, b in rows) / len(rows):.2f}")
    verdicts = read_verdicts(args.verdicts)
    new = [p for p in private if p["kind"] == "new"]
    for p in new:
        verdicts.setdefault(p["id"], {})[p["title"]] = score[p["pair"]]
    args.merged.write_text(json.dumps(verdicts, indent=1, ensure_ascii=False))
    print(f"{len(new)} new verdicts (mean {sum(score[p['pair']] for p in new) / max(len(new), 1):.2f}) "
          f"-> {args.merged}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("key", type=Path)
    m.add_argument("verdicts", type=Path)
    m.add_argument("requests", type=Path)
    m.add_argument("out", type=Path)
    m.add_argument("--systems", nargs="+", default=["product", "list"])
    m.add_argument("--calibration", type=int, default=20)
    m.add_argument("--seed", type=int, default=15)
    m.add_argument("--judges", type=int, choices=(1, 2), default=1)
    m.add_argument("--cross", type=int, default=35)
    g = sub.add_parser("merge")
    g.add_argument("out", type=Path)
    g.add_argument("verdicts", type=Path)
    g.add_argument("merged", type=Path)
    args = parser.parse_args()
    (make if args.command == "make" else merge)(args)


if __name__ == "__main__":
    main()
