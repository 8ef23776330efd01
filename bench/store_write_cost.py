"""CPU of the store's part of a turn (Store.take_session + Store.record_turn) for a session with
20 undo steps, as the load test's sessions reach them (bench_serve_load's script, 40 turns).

    flock /tmp/cgir-bench.lock .venv/bin/python bench/store_write_cost.py MODEL [--turns 2000]

Run it from checkouts of two revisions, alternating, to compare them (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_serve_load import script_turn  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--turns", type=int, default=2000)
    args = ap.parse_args()

    from bot.runtime import build_manager
    from bot.serve.payload import rest_messages
    from bot.store import json_codec
    from bot.store.records import TurnRecord

    tmp = Path(tempfile.mkdtemp(prefix="cgir-write-"))
    manager = build_manager(args.model, f"sqlite:///{tmp / 'write.db'}", progress=False, warm_up=False)
    buttons: list[dict] = []
    for turn in range(40):  # a session of the load test, its undo stack full
        reply = rest_messages("s", manager.handle("s", script_turn(3, turn, buttons)))
        buttons = reply[0].get("buttons") or []
    store = manager.store
    state = store.take_session("s")
    size = len(json_codec.dumps(state.state_json()))
    steps = len(json_codec.dumps([dict(step) for step in state.history]))
    cpu = time.process_time()
    for _ in range(args.turns):
        state.turns += 1
        store.record_turn(state, TurnRecord("s", state.turns, "less action", {"intent": "critique"}, "reply",
                                            items=[{"item_id": 1}] * 10), keep=True)
        state = store.take_session("s")
    cpu = time.process_time() - cpu
    manager.close()
    print(f"record_turn + take_session: {1000 * cpu / args.turns:.3f} ms of CPU per turn "
          f"({len(state.history)} undo steps, {args.turns} turns); the state is {size / 1000:.1f} KB of JSON, "
          f"{steps / 1000:.1f} KB of it the undo steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
