"""Static encoder vs the real MiniLM: which utterances the parser reads differently, and why.

Parses every utterance of the labelled sets twice, once on the static table (engine.text.static,
what chat uses) and once on the real MiniLM, and lists the utterances whose parse differs, each
phrase sent to the encoder marked by how the static table answered it: `exact` (the phrase is in
the table: its MiniLM vector), `mean` (the mean of its words' MiniLM vectors) or `fallback` (a
word outside the table: the real MiniLM). Accuracy against the labels is bench_parser.py's job
(`--encoder static`).

    .venv/bin/python bench/bench_static_encoder.py
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_parser import SHOWN_IDS, load_demo  # noqa: E402

SETS = ("parser_utterances.jsonl", "parser_utterances_blind.jsonl", "parser_utterances_blind2.jsonl")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--demo-dir", type=Path, default=None, help="an existing demo world folder")
    args = ap.parse_args(argv)

    from bot.nlu.parser import Parser
    from bot.runtime import static_encoder
    from engine.text.static import normalise

    tags, titles, ids, popularity = load_demo(args.demo_dir)
    shown = [(i, titles[ids.index(i)]) for i in SHOWN_IDS]
    static = static_encoder(tags)
    sent: list[str] = []

    def recording(texts):
        sent.extend(texts)
        return static(texts)

    recording.encoder_id = static.encoder_id
    recording.approximate, recording.precise = static.approximate, static.precise
    fast = Parser(tags, titles, ids, popularity=popularity, encoder=recording)
    real = Parser(tags, titles, ids, popularity=popularity)

    def kind(phrase: str) -> str:
        if normalise(phrase) in static.table.index:
            return "exact"
        return "mean" if static.covers(phrase) else "fallback"

    kinds: Counter = Counter()
    total = 0
    lines = []
    for name in SETS:
        for line in (REPO / "bench" / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            total += 1
            sent.clear()
            a = fast.parse(text, shown=shown)
            phrases = list(dict.fromkeys(sent))
            kinds.update(kind(p) for p in phrases)
            b = real.parse(text, shown=shown)
            if a.to_json() != b.to_json():
                how = ", ".join(f"{p!r}: {kind(p)}" for p in phrases) or "no encoder call"
                lines.append(f"- [{name}] {text!r} ({how})\n  static: {json.dumps(a.to_json())}\n"
                             f"  MiniLM: {json.dumps(b.to_json())}")
    print(f"{total} utterances; phrases sent to the encoder: {dict(kinds)}; "
          f"{len(lines)} parsed differently:")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
