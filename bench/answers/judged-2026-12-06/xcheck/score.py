import collections, json
m = json.load(open("private_map.json"))
v = {int(k): int(s) for k, s in json.load(open("verdicts.json")).items()}
pairs = [(v[e["pair"]], e["score"]) for e in m]  # (second judge, earlier judges)
n = len(pairs)
def kappa(w):
    a, b = collections.Counter(x for x, _ in pairs), collections.Counter(y for _, y in pairs)
    obs = sum(w(x, y) for x, y in pairs) / n
    exp = sum(a[i] * b[j] * w(i, j) for i in range(3) for j in range(3)) / n / n
    return 1 - obs / exp
print(f"exact {sum(x == y for x, y in pairs) / n:.3f}, 2-vs-not {sum((x == 2) == (y == 2) for x, y in pairs) / n:.3f}, "
      f"0-vs-not {sum((x == 0) == (y == 0) for x, y in pairs) / n:.3f}, means {sum(x for x, _ in pairs) / n:.2f} / "
      f"{sum(y for _, y in pairs) / n:.2f}, kappa {kappa(lambda x, y: float(x != y)):.2f} / weighted {kappa(lambda x, y: abs(x - y) / 2):.2f}")
