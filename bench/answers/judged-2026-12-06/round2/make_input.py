"""New (request, title) pairs of a run, plus a hidden calibration sample of already judged pairs,
shuffled into one file for a fresh judge; a private map says which are calibration."""
import json, random, sys
from pathlib import Path

ANSWERS = Path(__file__).resolve().parents[2]  # bench/answers
pool_file, verdicts_file, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
n_cal = int(sys.argv[4]) if len(sys.argv) > 4 else 60
verdicts = json.loads(verdicts_file.read_text())
entries = {json.loads(l)["id"]: json.loads(l) for l in pool_file.read_text().splitlines()}
rng = random.Random(20261207)
pairs = []
for rid, e in entries.items():
    for c in e["candidates"]:
        pairs.append({"id": rid, "reference": e["reference"], "request": e["request"], "candidate": c, "cal": False})
# calibration: old judged pairs (facts from the old judging file)
old = {}
for f in ["judging.jsonl", "judging_extra.jsonl", "judging_extra2.jsonl"]:
    for l in (ANSWERS / "judged-2026-12-06" / f).read_text().splitlines():
        e = json.loads(l)
        for c in e["candidates"]:
            old[(e["id"], c["title"])] = (e, c)
keys = sorted(k for k in old if k[1] in verdicts.get(k[0], {}))
for k in rng.sample(keys, n_cal):
    e, c = old[k]
    pairs.append({"id": e["id"], "reference": e["reference"], "request": e["request"], "candidate": c, "cal": True})
rng.shuffle(pairs)
out.mkdir(parents=True, exist_ok=True)
public = [{"pair": i, **{k: v for k, v in p.items() if k != "cal"}} for i, p in enumerate(pairs)]
(out / "pairs.jsonl").write_text("".join(json.dumps(p) + "\n" for p in public))
(out / "private_map.json").write_text(json.dumps([{"pair": i, "id": p["id"], "title": p["candidate"]["title"], "cal": p["cal"]} for i, p in enumerate(pairs)]))
recheck = rng.sample(range(len(pairs)), max(1, round(0.2 * len(pairs))))
(out / "recheck.jsonl").write_text("".join(json.dumps(public[i] | {"pair": 10000 + j}) + "\n" for j, i in enumerate(recheck)))
(out / "recheck_map.json").write_text(json.dumps({10000 + j: i for j, i in enumerate(recheck)}))
print(len(pairs), "pairs,", sum(p["cal"] for p in pairs), "calibration;", len(recheck), "recheck")
