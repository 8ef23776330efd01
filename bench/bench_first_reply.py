"""First-reply benchmark: how long a piped `cgir chat` takes, from process start, to answer.

Runs `cgir chat` on the demo model (trained on first use under CGIR_HOME) with piped input,
alternating the static encoder (engine.text.static, what chat uses) and the real MiniLM
(CGIR_ENCODER=minilm, the old path) in the same run, so the ratio holds on a noisy machine. For
each utterance it records when chat echoes it (`you> ...`, printed right after the reply is
computed), and the whole process's wall time.

    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_first_reply.py --runs 5 --accuracy

Writes its section into docs/benchmarks/parser.md (between the first-reply markers; the parser
benchmark keeps it when it rewrites the file) unless --no-write.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "benchmarks" / "parser.md"
START, END = "<!-- first-reply:start -->", "<!-- first-reply:end -->"
MODES = ("static", "minilm")


def scripts(title: str) -> dict[str, list[str]]:
    return {
        "title, then an encoder critique": [f"something like {title}", "more space battles", "bye"],
        "encoder critique first": ["more space battles", "bye"],
        "lexicon critique first": ["less action", "bye"],
        "bare phrase first (no polarity word)": ["space battles", "bye"],
    }


def run_chat(lines: list[str], mode: str) -> dict:
    """Seconds from process start to each echoed utterance, and to exit."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", CGIR_ENCODER=mode, COLUMNS="200")
    cgir = Path(sys.executable).with_name("cgir")
    start = time.perf_counter()
    proc = subprocess.Popen([str(cgir), "chat", "--no-progress"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    proc.stdin.write("".join(f"{line}\n" for line in lines))
    proc.stdin.close()
    echoed: list[float] = []
    replies: list[str] = []
    expect = 0
    for out in proc.stdout:
        if expect < len(lines) and out.startswith(f"you> {lines[expect]}"):
            echoed.append(time.perf_counter() - start)
            expect += 1
        elif out.startswith("bot> ") and len(replies) < expect:
            replies.append(out[5:].strip())
    proc.wait()
    return {"echoed": echoed, "wall": time.perf_counter() - start, "replies": replies}


ACCURACY_SETS = ("parser_utterances.jsonl", "parser_utterances_blind.jsonl",
                 "parser_utterances_blind2.jsonl")


def accuracy(demo_dir: Path | None) -> str:
    """bench_parser.py on each labelled set with each encoder: pooled exact match, chit-chat read
    as a critique, and how many phrases the static encoder sent to MiniLM."""
    rows = []
    for name in ACCURACY_SETS:
        cells = []
        for mode in MODES:
            cmd = [sys.executable, str(REPO / "bench" / "bench_parser.py"), "--no-write",
                   "--data", str(REPO / "bench" / name), "--encoder", mode]
            if demo_dir is not None:
                cmd += ["--demo-dir", str(demo_dir)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO).stdout
            right = total = 0
            for m in re.finditer(r"\| \*\*all\*\* \| \d+ \| [\d.]+ % \((\d+)/(\d+)\)", out):
                right, total = right + int(m.group(1)), total + int(m.group(2))
            chit = re.search(r"read as a critique: ours ([\d.]+ % \(\d+/\d+\))", out)
            sent = re.search(r"(\d+) phrases went to the real MiniLM", out)
            cells.append((f"{100 * right / total:.1f} % ({right}/{total})",
                          chit.group(1) if chit else "-", sent.group(1) if sent else "all"))
        rows.append(f"| `{name}` | {cells[0][0]} | {cells[1][0]} | {cells[0][1]} | {cells[1][1]} "
                    f"| {cells[0][2]} |")
    return ("| set | exact, static | exact, MiniLM | chit-chat read as critique, static | "
            "... MiniLM | phrases the static run sent to MiniLM |\n|---|---:|---:|---:|---:|---:|\n"
            + "\n".join(rows) + "\n")


def demo_title() -> str:
    from engine.models.checkpoint import load_retriever
    from engine.training.demo import ensure_demo_model

    return load_retriever(ensure_demo_model(progress=False)).titles[0]


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs per script and encoder")
    ap.add_argument("--no-write", action="store_true", help="print only; leave the docs alone")
    ap.add_argument("--accuracy", action="store_true",
                    help="also run bench_parser.py on the three labelled sets with each encoder")
    ap.add_argument("--demo-dir", type=Path, default=None,
                    help="an existing demo world folder for --accuracy")
    args = ap.parse_args(argv)

    title = demo_title()
    cases = scripts(title)
    for mode in MODES:  # builds the static table and warms the file cache; not timed
        run_chat(cases["lexicon critique first"], mode)
    load_before = load()
    results: dict[tuple[str, str], list[dict]] = {}
    for _ in range(args.runs):
        for name, lines in cases.items():
            for mode in MODES:
                results.setdefault((name, mode), []).append(run_chat(lines, mode))
    load_after = load()
    accuracy_table = ""
    if args.accuracy:  # after the timed runs: it is not timed
        accuracy_table = (
            "\nAccuracy cost (the same parser, the static table vs the real MiniLM; exact match "
            "pooled over each file's splits; see bench_parser.py):\n\n" + accuracy(args.demo_dir)
            + "\nPer-utterance differences: `.venv/bin/python bench/bench_static_encoder.py`.\n")

    def median(values: list[float]) -> float:
        return statistics.median(values)

    rows = []
    for name, lines in cases.items():
        which = len(lines) - 2  # the utterance before "bye": the one the case is about
        got = {}
        for mode in MODES:
            runs = results[(name, mode)]
            got[mode] = (median([r["echoed"][which] for r in runs if len(r["echoed"]) > which]),
                         median([r["wall"] for r in runs]), runs[0]["replies"][which])
        ratio = got["minilm"][0] / got["static"][0]
        rows.append(f"| {name} | `{lines[which]}` | **{got['static'][0]:.2f} s** | "
                    f"{got['minilm'][0]:.2f} s | {ratio:.1f}x | {got['static'][1]:.2f} s / "
                    f"{got['minilm'][1]:.2f} s |")
        rows.append(f"| | replies | {got['static'][2][:90]} | {got['minilm'][2][:90]} | | |")
    section = (
        f"{START}\n## First reply (process start to reply, piped `cgir chat`)\n\n"
        "Median of "
        f"{args.runs} runs per cell, the static table (chat's default) and the real MiniLM "
        "(`CGIR_ENCODER=minilm`, the old path) alternating in one run; demo model already "
        f"trained, static table already built. Load average {load_before} before, {load_after} "
        "after (2 cores, shared machine).\n\n"
        "    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_first_reply.py "
        f"--runs {args.runs}{' --accuracy' if args.accuracy else ''}\n\n"
        "| script | utterance timed | static | MiniLM | ratio | whole process (static / MiniLM) |\n"
        "|---|---|---:|---:|---:|---:|\n" + "\n".join(rows) + f"\n\nThe title is `{title}`.\n"
        + accuracy_table + f"{END}\n")
    print(section)
    if not args.no_write:
        text = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if START in text and END in text:
            head, rest = text.split(START, 1)
            text = head + section.rstrip("\n") + rest.split(END, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n" + section
        OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
