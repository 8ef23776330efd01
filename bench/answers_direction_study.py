"""Does the bot's reading of a critique word point the way the judges saw? Dev half only.

    CGIR_HOME=... .venv/bin/python bench/answers_direction_study.py --model DIR \\
        [--verdicts bench/answers/judged-2026-12-06/round6/verdicts.json] [--json OUT]

The rubric gives 2 to a shown film that moves the asked way AND is in the spirit of the
reference, 0 to one that does neither. So within a dev request, a film judged 2 moves the asked
way and a film judged 0 does not: the sign of the bot's estimated move tells whether its
reading of the word points the judges' way. Per request (the reading as the product makes it,
`product_reading`: the critiques `DialogueManager.handle` walks), over the judged titles the model shows:

* pair accuracy: over every (2, 0) pair of the request, the share where the 2 lies further the
  asked way than the 0 on the reading's estimated degrees (ties count half);
* sign accuracy: the share of 2s whose estimated move from the reference is the asked way plus
  the 0s whose move is not, averaged over the two classes (balanced).

A request the bot does not read counts 0.5 (chance) in the means and is listed. The headline is
the mean over requests; `--json` keeps the per-request figures, and `--against BASE.json` (an
earlier run's `--json`) adds a paired bootstrap over the dev requests of this run minus that one.
Never run on the final half (only dev requests are read).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

VERDICTS = REPO / "bench" / "answers" / "judged-2026-12-06" / "round6" / "verdicts.json"


def signed_degrees(retriever, mods) -> np.ndarray:
    """(n_items,) how far each item lies the asked way, summed over the reading's parts (each a
    rank percentile times its direction and weight)."""
    total = np.zeros(len(retriever.titles))
    for m in mods:
        total += np.sign(m.alpha) * float(m.weight) * retriever.modification_degrees(m)
    return total


def product_reading(manager, text: str):
    """The Modifications a one-utterance request walks, as `DialogueManager` reads them: the
    parser's critiques plus the unread phrases read as degrees (bench_answers.reading takes the
    unread ones only when there is no critique, so it misses "anything similar" read as a degree
    beside "more twisty")."""
    from bot.dialogue.critique_axes import critique_modifications, read_unread

    parse = manager.parser.parse(text)
    critiques = tuple(parse.critiques) + read_unread(manager.retriever, parse.unread)
    critiques = tuple(c for c in critiques if c.tag in manager.retriever.tags and not c.candidates)
    return critique_modifications(manager.retriever, critiques) if critiques else ()


def study(model: Path, verdicts: dict) -> list[dict]:
    from bench_answers import read_requests
    from bot.runtime import build_manager

    manager = build_manager(model, f"sqlite:///{tempfile.mkdtemp()}/direction.db", warm_up=False)
    r = manager.retriever
    row_of_title = {t: i for i, t in enumerate(r.titles)}
    out = []
    for request in read_requests("dev"):
        judged = {t: int(s) for t, s in verdicts.get(request["id"], {}).items() if t in row_of_title}
        twos = [row_of_title[t] for t, s in judged.items() if s == 2]
        zeros = [row_of_title[t] for t, s in judged.items() if s == 0]
        mods = product_reading(manager, request["text"])
        label = " + ".join(f"{'more' if m.alpha > 0 else 'less'} "
                           f"{getattr(m.grounding, 'label', None) or r.tags[m.tag]}" for m in mods)
        row = {"id": request["id"], "text": request["text"], "attribute": request["attribute"],
               "direction": request["direction"], "reading": label or None,
               "twos": len(twos), "zeros": len(zeros), "pair": 0.5, "sign": 0.5}
        if mods and twos and zeros:
            d = signed_degrees(r, mods)
            ref = r.row_of_id[request["movie_id"]]
            gap = d[twos][:, None] - d[zeros][None, :]
            row["pair"] = float((gap > 0).mean() + 0.5 * (gap == 0).mean())
            move2, move0 = d[twos] - d[ref], d[zeros] - d[ref]
            row["sign"] = float(0.5 * (move2 > 0).mean() + 0.5 * (move0 <= 0).mean())
            row["move2"], row["move0"] = float(np.median(move2)), float(np.median(move0))
        out.append(row)
    return out


def paired_bootstrap(now: list[dict], base: list[dict], key: str, draws: int = 10_000,
                     seed: int = 0) -> tuple[float, float, float]:
    """(mean difference, 2.5 %, 97.5 %) of `key` over the requests both runs score, resampling
    requests (10,000 draws, seed 0)."""
    before = {x["id"]: x[key] for x in base if x["twos"] and x["zeros"]}
    pairs = [(x[key], before[x["id"]]) for x in now if x["id"] in before]
    diff = np.asarray([a - b for a, b in pairs])
    rng = np.random.default_rng(seed)
    means = diff[rng.integers(0, len(diff), size=(draws, len(diff)))].mean(axis=1)
    return float(diff.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--verdicts", type=Path, default=VERDICTS)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--against", type=Path, default=None, help="an earlier run's --json")
    args = parser.parse_args()
    rows = study(args.model, json.loads(args.verdicts.read_text()))
    for row in sorted(rows, key=lambda x: x["pair"]):
        print(f"{row['id']} pair {row['pair']:.2f} sign {row['sign']:.2f} ({row['twos']}x{row['zeros']}) "
              f"{row['text'][:60]!r:62s} -> {row['reading']}")
    scored = [x for x in rows if x["twos"] and x["zeros"]]
    print(f"{len(scored)} dev requests with 2s and 0s; mean pair accuracy "
          f"{np.mean([x['pair'] for x in scored]):.3f}, sign accuracy {np.mean([x['sign'] for x in scored]):.3f}; "
          f"unread {sum(x['reading'] is None for x in scored)}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    if args.against:
        base = json.loads(args.against.read_text())
        for key in ("pair", "sign"):
            mean, low, high = paired_bootstrap(rows, base, key)
            print(f"{key} accuracy, this run minus {args.against.name}: {mean:+.3f} (95 % CI {low:+.3f}, {high:+.3f})")


if __name__ == "__main__":
    main()
