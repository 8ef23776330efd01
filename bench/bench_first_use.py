"""First use on a fresh machine: the README's piped `cgir chat` with an empty CGIR_HOME.

Times, from process start, when each piped line is echoed (chat echoes a line right after its
reply is computed) and when the process exits, with the process's CPU time (user + system, its
helper included), which is what the wall time would be on an otherwise idle single core. Every
run gets a new empty CGIR_HOME, so each builds the demo world, trains the demo model and embeds
its texts and phrase table.

    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_first_use.py [--runs 1] [--repo DIR]
        [--transcripts DIR]

`--repo` runs another checkout's code with this interpreter (PYTHONPATH), for before/after
comparisons in one run; give it twice to alternate.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINES = ["something like The Siege (2002)", "less action", "the third one",
         "funnier but less dark", "undo", "bye"]


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def first_use(repo: Path, transcript: Path | None = None) -> dict:
    home = Path(tempfile.mkdtemp(prefix="cgir-first-use-"))
    env = dict(os.environ, CGIR_HOME=str(home), PYTHONPATH=str(repo), PYTHONUNBUFFERED="1",
               COLUMNS="200")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = load()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "chat", "--no-progress"],
                            cwd=repo, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    proc.stdin.write("".join(f"{line}\n" for line in LINES))
    proc.stdin.close()
    echoed, replies, expect = [], [], 0
    lines = []
    for out in proc.stdout:
        lines.append(out)
        if expect < len(LINES) and out.startswith(f"you> {LINES[expect]}"):
            echoed.append(round(time.perf_counter() - start, 2))
            expect += 1
        elif out.startswith("bot> ") and len(replies) < expect:
            replies.append(out[5:].strip()[:100])
    proc.wait()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(home, ignore_errors=True)
    if transcript is not None:
        transcript.parent.mkdir(parents=True, exist_ok=True)
        transcript.write_text("".join(lines), encoding="utf-8")
    return {"repo": str(repo), "first_reply_s": echoed[0] if echoed else None, "echoed_s": echoed,
            "wall_s": round(wall, 2),
            "cpu_s": round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 2),
            "load_before": load_before, "load_after": load(), "replies": replies}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=1, help="rounds (each repo once per round)")
    ap.add_argument("--repo", type=Path, action="append", default=None,
                    help="checkout to run (default: this one); repeat to alternate")
    ap.add_argument("--transcripts", type=Path, default=None,
                    help="folder for each run's whole chat output (to diff the replies)")
    args = ap.parse_args(argv)
    for run in range(args.runs):
        for k, repo in enumerate(args.repo or [REPO]):
            transcript = (None if args.transcripts is None
                          else args.transcripts / f"run{run + 1}-{k + 1}-{repo.resolve().name}.txt")
            print(json.dumps(first_use(repo.resolve(), transcript)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
