"""Titles typed alone: which of the catalog's most watched titles, typed alone in lower case with
the article in front ("the wedding singer", "dumb & dumber", "300"), the parser does not read as
a film. A namesake counts as read ("the jungle book" is the most watched of that name), and so
does a question of which film was meant.

    .venv/bin/python bench/bench_titles_alone.py MODEL [--top 2000]

Prints each title not read as a film, what it was read as, and the count (docs/parser.md).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def typed_alone(title: str) -> str:
    """"Wedding Singer, The (1998)" -> "the wedding singer": as a person types it."""
    name = re.sub(r"\s*\(.*\)\s*$", "", re.sub(r"\s*\(\d{4}\)\s*$", "", title))
    article = re.match(r"^(.*), (The|A|An)$", name)
    return (f"{article.group(2)} {article.group(1)}" if article else name).lower()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--top", type=int, default=2000, help="how many of the most watched titles")
    args = parser.parse_args()

    from bot.runtime import build_manager

    manager = build_manager(args.model, f"sqlite:///{tempfile.mkdtemp()}/titles.db", progress=False, warm_up=False)
    retriever = manager.retriever
    missed = 0
    for row in np.argsort(-np.asarray(retriever.popularity), kind="stable")[: args.top]:
        said = typed_alone(retriever.titles[row])
        parse = manager.parser.parse(said)
        if parse.intent == "reference" and (parse.item_id is not None or parse.candidates or parse.outside):
            continue
        missed += 1
        print(f"{said!r:45} -> {parse.intent} {[(c.alpha, c.tag) for c in parse.critiques]}")
    print(f"not read as a film: {missed} of the {args.top} most watched titles")
    manager.close()


if __name__ == "__main__":
    main()
