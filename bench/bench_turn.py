"""Dialogue speed on the demo model: parse p50, whole-turn p95, model load + first reply.

    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_turn.py [--model DIR] [--turns 400]
        [--warm-up] [--out docs/benchmarks/dialogue.md]

Targets (issue 5): parse p50 <= 15 ms, whole turn (parse + retrieval + suggestions + store)
p95 <= 50 ms on 2 cores with the demo model, model load + first reply <= 5 s after the first run.

* parse: every utterance is distinct and parsed once, so the parser's phrase cache does not flatter
  it; reported for all utterances and for those that needed a MiniLM embedding (counted).
* turn: `DialogueManager.handle` on a fresh SQLite file (WAL), scripted sessions mixing references,
  critiques (paraphrases, two at once), selections, undo and restart.
* with `--warm-up`, the same turns again as a started server answers them (`cgir serve` builds
  the manager with warm_up=True: every tag's degrees and the encoder in the background); the
  plain figure keeps warm_up=False, so a tag's first critique pays for its degrees in the turn.
* cold start: a fresh Python process (caches on disk warm, as after the first run) builds the
  manager and answers its first utterance; once for a lexical critique, once for a paraphrase
  that needs the sentence encoder (torch + MiniLM load).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine.metrics.stats import percentile  # noqa: E402

PARAPHRASES = [
    "fewer explosions", "make it funnier", "too scary for me", "more space stuff", "less blood",
    "more heartwarming", "not so depressing", "something more lighthearted", "less gunfights",
    "more aliens", "less kids stuff", "more suspenseful", "more mind-bending", "less gloomy",
    "more cowboys", "less singing", "more magic", "fewer car chases", "more detectives",
    "less tearjerker", "more old-fashioned", "more weird", "less slow", "more spectacular scenery",
    "not as brutal", "more plot twists", "more like a novel", "more capes and superpowers",
    "less soldiers", "more love story",
]
# Words the lexicon is unlikely to cover, so the parser embeds the phrase (classified by
# counting encoder calls, not assumed).
UNUSUAL = ["sports", "subtitles", "trains", "cooking", "chess", "lawyers", "politics", "boxing",
           "surfing", "hospitals", "journalism", "fashion", "painters", "submarines", "elections",
           "farming", "ballet", "gardening", "architecture", "taxes"]
TEMPLATES = ["{p}", "a bit {p}", "way {p}", "{p} please", "can you make it {p}", "hmm {p} then"]
LEXICAL = ["less {t}", "more {t}", "a bit more {t}", "not so much {t}", "way less {t}", "more {t} please"]


def _utterances(tags: tuple[str, ...]) -> list[str]:
    out = [tpl.format(t=t) for t in tags for tpl in LEXICAL]
    out += [tpl.format(p=p) for p in PARAPHRASES for tpl in TEMPLATES]
    out += [f"more {a} and less {b}" for a, b in zip(tags, tags[3:] + tags[:3])]
    out += [tpl.format(p=f"more movies about {u}") for u in UNUSUAL for tpl in TEMPLATES[:3]]
    out += [f"less {u}" for u in UNUSUAL]
    return list(dict.fromkeys(out))


def bench_parse(retriever) -> dict:
    """Parse timings on a parser built like the runtime's, with an encoder that counts its calls."""
    from bot.nlu.parser import Parser
    from bot.runtime import parser_cache_path
    from engine.text.minilm import encode

    calls = [0]

    def counting_encode(texts):  # noqa: ANN001, ANN202
        calls[0] += 1
        return encode(texts)

    parser = Parser.from_retriever(retriever, tag_vectors_cache=parser_cache_path(retriever.tags),
                                   encoder=counting_encode)
    encode(["warm up the encoder"])
    lexical, embedded = [], []
    for text in _utterances(retriever.tags):
        before = calls[0]
        start = time.perf_counter()
        parser.parse(text)
        elapsed = (time.perf_counter() - start) * 1000
        (embedded if calls[0] > before else lexical).append(elapsed)
    both = lexical + embedded
    return {"n": len(both), "p50_ms": percentile(both, 50), "p95_ms": percentile(both, 95),
            "embedded_n": len(embedded), "embedded_p50_ms": percentile(embedded, 50) if embedded else float("nan"),
            "embedded_p95_ms": percentile(embedded, 95) if embedded else float("nan")}


def _script(retriever, rng: np.random.Generator, tags: tuple[str, ...]) -> list[str]:
    order = np.argsort(-retriever.popularity)[:200]
    title = retriever.titles[int(rng.choice(order))]
    a, b = rng.choice(len(tags), 2, replace=False)
    p = PARAPHRASES[int(rng.integers(len(PARAPHRASES)))]
    return [f"something like {title}", p, f"the {rng.choice(['first', 'second', 'third', 'last'])} one",
            f"more {tags[a]} and less {tags[b]}", "#4", f"less {tags[b]}", "undo", "help", "restart"]


def bench_turns(manager, n_turns: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    times: list[float] = []
    breakdown: dict[str, list[float]] = {"walk": [], "suggest": [], "store": []}
    r = manager.retriever
    manager.handle(manager.new_session_id(), "help")  # first-turn costs are the cold-start figure
    while len(times) < n_turns:
        sid = manager.new_session_id()
        for text in _script(r, rng, r.tags):
            start = time.perf_counter()
            manager.handle(sid, text)
            times.append((time.perf_counter() - start) * 1000)
    # Component costs on their own, for the breakdown.
    from bot.store.sessions import SessionState, TurnRecord
    from engine.retrieval.retriever import Modification

    for i in range(200):
        row = int(rng.integers(r.n_items))
        start = time.perf_counter()
        r.walk(row, [Modification(int(rng.integers(len(r.tags))), 1)], steps=manager.steps)
        breakdown["walk"].append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        manager.suggester.suggest(row)
        breakdown["suggest"].append((time.perf_counter() - start) * 1000)
        state = SessionState(f"bench-{i}", turns=1)
        start = time.perf_counter()
        manager.store.record_turn(state, TurnRecord(state.id, 1, "less action", {"intent": "critique"},
                                                    "reply", items=[{"item_id": 1}] * 10))
        breakdown["store"].append((time.perf_counter() - start) * 1000)
    return {"n": len(times), "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "max_ms": max(times),
            **{f"{k}_p50_ms": percentile(v, 50) for k, v in breakdown.items()},
            **{f"{k}_p95_ms": percentile(v, 95) for k, v in breakdown.items()}}


COLD = r"""
import json, sys, time
t0 = time.perf_counter()
from bot.runtime import build_manager
m = build_manager(sys.argv[1], sys.argv[2], progress=False, warm_up=False)
t1 = time.perf_counter()
sid = m.new_session_id()
r = m.handle(sid, sys.argv[3])
t2 = time.perf_counter()
m.close()
print(json.dumps({"load_s": t1 - t0, "first_reply_s": t2 - t1, "intent": r.intent}))
"""


def bench_cold(model_dir: Path, db_url: str, utterance: str, repeats: int = 3) -> dict:
    runs = []
    for _ in range(repeats):
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", COLD, str(model_dir), db_url, utterance],
                             cwd=REPO, capture_output=True, text=True, check=True)
        total = time.perf_counter() - start
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        data = json.loads(out.stdout.strip().splitlines()[-1])
        data["process_s"] = total  # includes interpreter start and imports
        # CPU seconds the process used: what the wall time would be on an otherwise idle machine
        # (the work is single-threaded), as opposed to the wall time on a shared one.
        data["cpu_s"] = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
        runs.append(data)
    best = sorted(runs, key=lambda d: d["process_s"])[len(runs) // 2]  # the median run (by wall time)
    return best | {"runs": [round(d["process_s"], 2) for d in runs]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: the demo model)")
    ap.add_argument("--turns", type=int, default=400)
    ap.add_argument("--out", type=Path, default=None, help="write the figures as Markdown here")
    ap.add_argument("--note", default="", help="a sentence about the model, printed with the figures")
    ap.add_argument("--warm-up", action="store_true",
                    help="also time the turns as a started server answers them: the manager built with "
                         "warm_up=True (every tag's degrees and the encoder computed in the background, "
                         "as `cgir serve` does) and that work finished before the first timed turn")
    args = ap.parse_args()

    from bot.runtime import build_manager
    from engine.training.demo import ensure_demo_model

    model_dir = args.model or ensure_demo_model(progress=True)
    tmp = Path(tempfile.mkdtemp(prefix="cgir-bench-"))
    db_url = f"sqlite:///{tmp / 'bench.db'}"
    manager = build_manager(model_dir, db_url, progress=False, warm_up=False)
    load_before = os.getloadavg()
    parse = bench_parse(manager.retriever)
    turns = bench_turns(manager, args.turns)
    manager.close()
    warm = None
    if args.warm_up:
        served = build_manager(model_dir, f"sqlite:///{tmp / 'warm.db'}", progress=False, warm_up=True)
        started = time.perf_counter()
        for thread in served.background:
            thread.join()
        warm_up_s = time.perf_counter() - started  # the background work a server waits for before /health says warm
        warm = {**bench_turns(served, args.turns), "warm_up_s": round(warm_up_s, 1)}
        served.close()
    cold_lexical = bench_cold(model_dir, db_url, "less action")
    cold_embed = bench_cold(model_dir, db_url, "more movies about sports")
    results = {
        "model": "the default demo model" if args.model is None else f"`{args.model}`",
        "note": args.note, "dim": int(manager.retriever.item_vectors.shape[1]),
        "command": "flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_turn.py "
                   + shlex.join(sys.argv[1:]),
        "items": manager.retriever.n_items, "tags": len(manager.retriever.tags),
        "parse": parse, "turn": turns, "turn_after_warm_up": warm,
        "cold_lexical": cold_lexical, "cold_embedding": cold_embed,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "load_avg_1m": round(load_before[0], 2),
    }
    print(json.dumps(results, indent=2))
    if args.out:
        args.out.write_text(markdown(results))


def warm_row(w: dict | None) -> str:
    if not w:
        return ""
    return (f"| the same after the server's warm-up (`--warm-up`, {w['warm_up_s']:.1f} s), {w['n']} turns | "
            f"{w['p95_ms']:.2f} ms (p50 {w['p50_ms']:.2f}, max {w['max_ms']:.1f}) | |\n")


def markdown(res: dict) -> str:
    p, t, cl, ce = res["parse"], res["turn"], res["cold_lexical"], res["cold_embedding"]
    ok = lambda good: "met" if good else "**missed**"  # noqa: E731
    return f"""# Dialogue speed

Command (the timed run holds the shared benchmark lock):

    {res['command']}

Machine: {res['machine']} (shared with other jobs; 1-minute load average {res['load_avg_1m']} when
the run started). Model: {res['model']} ({res['items']} items, {res['tags']} tags, dimension
{res['dim']}). {res['note']}

| measure | figure | target |
|---|---|---|
| parse p50, {p['n']} distinct utterances | {p['p50_ms']:.2f} ms (p95 {p['p95_ms']:.2f} ms) | <= 15 ms, {ok(p['p50_ms'] <= 15)} |
| parse p50, the {p['embedded_n']} of them that needed an embedding | {p['embedded_p50_ms']:.2f} ms (p95 {p['embedded_p95_ms']:.2f} ms) | |
| whole turn p95 (parse + retrieval + suggestions + SQLite), {t['n']} turns | {t['p95_ms']:.2f} ms (p50 {t['p50_ms']:.2f}, max {t['max_ms']:.1f}) | <= 50 ms, {ok(t['p95_ms'] <= 50)} |
{warm_row(res.get("turn_after_warm_up"))}| of which: gradient walk p50 / p95 | {t['walk_p50_ms']:.2f} / {t['walk_p95_ms']:.2f} ms | |
| of which: critique suggestions p50 / p95 | {t['suggest_p50_ms']:.2f} / {t['suggest_p95_ms']:.2f} ms | |
| of which: state + turn log commit p50 / p95 | {t['store_p50_ms']:.2f} / {t['store_p95_ms']:.2f} ms | |
| fresh process to first reply, lexical critique: wall | {cl['process_s']:.2f} s (load {cl['load_s']:.2f} s + reply {cl['first_reply_s']:.2f} s; runs {cl['runs']}) | <= 5 s, {ok(cl['process_s'] <= 5)} |
| the same: CPU time of the process | {cl['cpu_s']:.2f} s | |
| fresh process to first reply, phrase needing an embedding (loads torch + MiniLM): wall | {ce['process_s']:.2f} s (load {ce['load_s']:.2f} s + reply {ce['first_reply_s']:.2f} s; runs {ce['runs']}) | <= 5 s, {ok(ce['process_s'] <= 5)} |
| the same: CPU time of the process | {ce['cpu_s']:.2f} s | |

Notes: wall times on this shared machine swing with the other jobs; the CPU-time rows say what
the same process costs when it has a core to itself. "After the first run" means the demo model and the parser's tag-embedding cache exist on
disk. The terminal chat loads the sentence encoder in a background thread while an interactive
user types (`build_manager(warm_up=True)`), so the last row is the worst case: a script whose
very first line is a phrase no lexicon entry covers.
"""


if __name__ == "__main__":
    main()
