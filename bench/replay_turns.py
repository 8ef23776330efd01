"""Replay fixed conversations in one process: every reply written down, CPU per turn, a profile.

    CGIR_HOME=... .venv/bin/python bench/replay_turns.py MODEL OUT.jsonl [--senders 50] [--turns 40]
        [--script serve|turn] [--profile FILE.prof]

For changes meant to keep every answer: run it before and after on the same model and `cmp` the
two files (each line: sender, turn, message, the REST reply as `cgir serve` sends it).

* ``serve``: bench/bench_serve_load.py's script (restart, a suggested reference, critiques,
  picks, undo), the senders taking turns one after another, as the load benchmark's do at once;
* ``turn``: bench/bench_turn.py's scripted sessions (paraphrases, two critiques at once, "help");
* ``varied``: every turn of bench/conversations2 and 3 (written conversations) as written, then
  every utterance of the parser sets (bench/parser_utterances*.jsonl), six to a session, each
  session opened with "something like <one of the 40 most rated films>" (--senders and --turns
  are ignored). For same-reply checks over many wordings, not for timings of a typical turn.

Prints the turns, wall and CPU seconds per turn (time.process_time: what a core costs, whatever
the load), p50/p95 wall latency. --profile also writes a cProfile file, timed in CPU seconds,
and prints its top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_serve_load import script_turn  # noqa: E402
from bench_turn import _script  # noqa: E402

from engine.metrics.stats import percentile  # noqa: E402


def varied_sessions(retriever) -> list[tuple[str, list[str]]]:
    """(sender, messages) of the ``varied`` script: written conversations, then parser utterances."""
    bench = REPO / "bench"
    sessions = []
    for folder in ("conversations2", "conversations3"):
        for line in (bench / folder / "conversations.jsonl").read_text().splitlines():
            talk = json.loads(line)
            sessions.append((f"c{folder[-1]}-{talk['id']}", [turn["user"] for turn in talk["turns"]]))
    texts = [json.loads(line)["text"] for path in sorted(bench.glob("parser_utterances*.jsonl"))
             for line in path.read_text().splitlines() if line.strip()]
    popular = [retriever.titles[r] for r in np.argsort(-retriever.popularity, kind="stable")[:40]]
    for k, start in enumerate(range(0, len(texts), 6)):
        opener = f"something like {popular[k % len(popular)]}"
        sessions.append((f"p-{k:03d}", [opener, *texts[start:start + 6]]))
    return sessions


def conversations(manager, script: str, senders: int, turns: int):
    """(sender, turn, message-maker) in the order they are sent."""
    if script == "varied":
        for sender, messages in varied_sessions(manager.retriever):
            for turn, text in enumerate(messages):
                yield sender, turn, (lambda buttons, text=text: text)
        return
    if script == "serve":
        for turn in range(turns):
            for i in range(senders):
                yield f"sender-{i:03d}", turn, (lambda buttons, i=i, turn=turn: script_turn(i, turn, buttons))
        return
    rng = np.random.default_rng(0)
    r = manager.retriever
    for i in range(senders):
        for turn, text in enumerate(_script(r, rng, r.tags)[:turns]):
            yield f"sender-{i:03d}", turn, (lambda buttons, text=text: text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--senders", type=int, default=50)
    ap.add_argument("--turns", type=int, default=40)
    ap.add_argument("--script", choices=("serve", "turn", "varied"), default="serve")
    ap.add_argument("--profile", type=Path, default=None)
    args = ap.parse_args()

    from bot.runtime import build_manager
    from bot.serve.payload import rest_messages

    tmp = Path(tempfile.mkdtemp(prefix="cgir-replay-"))
    manager = build_manager(args.model, f"sqlite:///{tmp / 'replay.db'}", progress=False, warm_up=True)
    for thread in manager.background:  # as `cgir serve` does before it is ready
        thread.join()
    profile = cProfile.Profile(time.process_time) if args.profile else None
    buttons: dict[str, list] = {}
    latencies: list[float] = []
    wall, cpu = time.perf_counter(), time.process_time()
    with args.out.open("w") as out:
        for sender, turn, message in conversations(manager, args.script, args.senders, args.turns):
            text = message(buttons.get(sender, []))
            start = time.perf_counter()
            if profile:
                profile.enable()
            body = json.dumps(rest_messages(sender, manager.handle(sender, text)))
            if profile:
                profile.disable()
            latencies.append(time.perf_counter() - start)
            reply = json.loads(body)
            buttons[sender] = reply[0].get("buttons") or []
            out.write(json.dumps({"sender": sender, "turn": turn, "message": text, "reply": reply},
                                 sort_keys=True) + "\n")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    manager.close()
    n = len(latencies)
    print(json.dumps({"script": args.script, "turns": n, "wall_s": round(wall, 2),
                      "cpu_ms_per_turn": round(1000 * cpu / max(n, 1), 2),
                      "p50_ms": round(1000 * percentile(latencies, 50), 2),
                      "p95_ms": round(1000 * percentile(latencies, 95), 2), "profiled": bool(profile)}))
    if profile:
        profile.dump_stats(args.profile)
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
