"""Why the default answer does (not) beat `list` in the blind simulation: a diagnosis, not a tuner.

    CGIR_HOME=... .venv/bin/python bench/sim_blind_diagnosis.py [--users 200] [--seed 0 --seed 1]

On the demo world, for the degree-seeking users of `cgir simulate` (their first request, from
the reference, plain wording), it asks both answers (`adaptive` = neighbourhood order "gradient",
`list` = order "list", engine/walks/neighbourhood.py) with the bot reading the planted relevance
and blind (degrees from `engine.metrics.walks.blind_degree_model`), and reports against the
planted relevance the simulated users judge by:

* ``estimate_vs_truth``: Spearman correlation over the catalog between the bot's estimated degree
  of each tag and its planted relevance (mean over tags);
* per answer: the share of shown items whose planted degree moves the asked way, the mean
  planted move, the mean others-distance from the reference (the users' "same kind of movie"
  test), and the share of requests with an acceptable item shown;
* ``reachable``: the share of requests whose acceptable items lie in the reference's stored
  neighbourhood at all (the answers never look elsewhere).

Nothing here feeds back into the bot: the policies never read these figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra, rb = np.argsort(np.argsort(a)), np.argsort(np.argsort(b))
    return float(np.corrcoef(ra, rb)[0, 1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--seed", type=int, action="append", default=None)
    args = ap.parse_args()

    from bot.sim.degree_user import Tolerance, miss, others_distance
    from bot.sim.players import sample_population
    from bot.sim.run import build_managers
    from bot.sim.user import TagSpace
    from engine.retrieval.sequences import Modification
    from engine.walks.neighbourhood import WIDEST, neighbourhood_answer

    db = "sqlite:///:memory:"
    reads = build_managers(None, db, ("adaptive",), progress=False)["adaptive"].retriever
    blind = build_managers(None, db, ("adaptive",), progress=False, blind=True)["adaptive"].retriever
    space = TagSpace.from_retriever(reads)
    tolerance = Tolerance()
    truth = space.matrix
    out: dict = {"estimate_vs_truth": {}}
    for name, r in (("reads", reads), ("blind", blind)):
        rhos = [_spearman(r.attribute_degrees(t), truth[:, t]) for t in range(len(space.tags))]
        out["estimate_vs_truth"][name] = round(float(np.mean(rhos)), 3)
    users = [u for seed in (args.seed or [0, 1])
             for u in sample_population(space, args.users, seed, target="degree")]
    rows: dict[str, list[dict]] = {}
    reachable = 0
    for user in users:
        g = user.goal
        rows_near, _ = reads.neighbourhood(g.reference, WIDEST)
        reachable += bool((miss(space, g, tolerance, rows_near) <= 1).any())
        for name, r in (("reads", reads), ("blind", blind)):
            for order in ("gradient", "list"):
                seq = neighbourhood_answer(r, g.reference, [Modification(g.tag, g.alpha)], order=order)
                shown = np.array([s.item for s in seq.steps], dtype=np.int64)
                key = f"{name} {'adaptive' if order == 'gradient' else 'list'}"
                if len(shown) == 0:
                    rows.setdefault(key, []).append({"n": 0, "success": 0.0})
                    continue
                moved = g.alpha * (truth[shown, g.tag] - truth[g.reference, g.tag])
                rows.setdefault(key, []).append({
                    "n": len(shown), "right_way": float((moved > 0).mean()), "move": float(moved.mean()),
                    "others": float(others_distance(space, g.tag, g.reference, shown).mean()),
                    "degree_gap": float(np.abs(truth[shown, g.tag] - g.degree).min()),
                    "success": float((miss(space, g, tolerance, shown) <= 1).any())})
    out["requests"] = len(users)
    out["reachable_in_neighbourhood"] = round(reachable / len(users), 3)
    for key, values in rows.items():
        out[key] = {k: round(float(np.mean([v[k] for v in values if k in v])), 3)
                    for k in ("n", "right_way", "move", "others", "degree_gap", "success")}
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
