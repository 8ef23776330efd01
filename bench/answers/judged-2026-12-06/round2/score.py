import json, sys
from pathlib import Path
batch = Path(sys.argv[1]); old_file = Path(sys.argv[2]); out = Path(sys.argv[3])
old = json.loads(old_file.read_text())
v = {int(k): int(s) for k, s in json.loads((batch / "verdicts.json").read_text()).items()}
r = {int(k): int(s) for k, s in json.loads((batch / "recheck_verdicts.json").read_text()).items()}
pmap = {e["pair"]: e for e in json.loads((batch / "private_map.json").read_text())}
rmap = {int(k): int(i) for k, i in json.loads((batch / "recheck_map.json").read_text()).items()}
cal = [(v[p], old[e["id"]][e["title"]]) for p, e in pmap.items() if e["cal"]]
exact = sum(a == b for a, b in cal) / len(cal)
two = sum((a == 2) == (b == 2) for a, b in cal) / len(cal)
print(f"calibration vs earlier judges: {len(cal)} pairs, exact {exact:.3f}, 2-vs-not {two:.3f}, new mean {sum(a for a,_ in cal)/len(cal):.2f} old mean {sum(b for _,b in cal)/len(cal):.2f}")
re = [(r[k], v[i]) for k, i in rmap.items()]
print(f"self recheck: {len(re)} pairs, exact {sum(a==b for a,b in re)/len(re):.3f}, 2-vs-not {sum((a==2)==(b==2) for a,b in re)/len(re):.3f}")
merged = {k: dict(d) for k, d in old.items()}
for p, e in pmap.items():
    if not e["cal"]:
        merged.setdefault(e["id"], {})[e["title"]] = v[p]
out.write_text(json.dumps(merged, indent=1))
print("merged verdicts:", sum(len(d) for d in merged.values()))
