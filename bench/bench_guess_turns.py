"""Turn time of a guessed answer for what the catalog lacks against a plain critique, one manager:

    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_guess_turns.py MODEL

MODEL: an ml-latest-small checkpoint with user-tag counts (`bench/add_language_counts.py` adds
them to a copy of an older one). For each of ten films: a fresh session names it, then says one
of "less violent", "shorter", "a bigger budget"; the first pass warms the caches (readings,
degrees) and is not counted. Prints the median and max turn time per utterance.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FILMS = ("Heat", "Jaws", "Toy Story", "Alien", "Fargo", "Casablanca", "The Matrix", "Titanic",
         "Pulp Fiction", "Amelie")
SAID = ("less violent", "shorter", "a bigger budget")


def main() -> None:
    from bot.runtime import build_manager

    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        manager = build_manager(args.model, f"sqlite:///{folder}/turns.db", warm_up=False)
        times: dict[str, list[float]] = {said: [] for said in SAID}
        guessed = 0
        for counted in (False, True):
            for film in FILMS:
                for said in SAID:
                    sid = manager.new_session_id()
                    manager.handle(sid, f"something like {film}")
                    start = time.perf_counter()
                    reply = manager.handle(sid, said)
                    if counted:
                        times[said].append((time.perf_counter() - start) * 1000)
                        guessed += reply.estimate is not None
        manager.close()
    for said, values in times.items():
        print(f"{said!r}: median {statistics.median(values):.1f} ms, max {max(values):.1f} ms "
              f"over {len(values)} turns")
    print(f"guessed answers: {guessed} of {2 * len(FILMS)} turns about a running time or a budget")


if __name__ == "__main__":
    main()
