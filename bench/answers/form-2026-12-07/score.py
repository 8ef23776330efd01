import json, sys
key = json.load(open(sys.argv[3] if len(sys.argv) > 3 else "key.json"))["key"]
def load(p):
    return {json.loads(l)["id"]: json.loads(l)["scores"] for l in open(p)}
v = load(sys.argv[1])
for sysn in ("A", "B"):
    slots, shown_scores = [], []
    for rid, k in key.items():
        items = k["systems"][sysn][:10]
        s = [v[rid][t] for t in items]
        shown_scores += s
        slots += s + [0] * (10 - len(s))
    n = len(slots)
    print(sysn, f"mean/slot {sum(slots)/n:.2f}  good {slots.count(2)/n:.0%}  wrong-or-missing {slots.count(0)/n:.0%}  "
          f"| shown {len(shown_scores)}  mean/shown {sum(shown_scores)/len(shown_scores):.2f}  good/shown {shown_scores.count(2)/len(shown_scores):.0%}")
    per = []
    for rid, k in key.items():
        items = k["systems"][sysn][:10]; s = [v[rid][t] for t in items]
        per.append(f"{rid}:{sum(s)/10:.1f}")
    print("   ", " ".join(per))
if len(sys.argv) > 2:
    w = load(sys.argv[2]); same = near = n = 0
    for rid, sc in w.items():
        for t, x in sc.items():
            n += 1; y = v[rid][t]; same += x == y; near += abs(x - y) <= 1
    print(f"recheck: {n} films, exact agreement {same/n:.0%}, within one {near/n:.0%}")
