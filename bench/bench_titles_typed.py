"""Titles as people type them: which of the catalog's most watched titles, typed in lower case
with the article in front ("the wedding singer", "dumb & dumber", "300"), the parser does not
read as that film, alone or inside five everyday requests (`--sentences`: "i loved monsters,
inc., anything funnier?", "we just watched alien and want something less scary").

    .venv/bin/python bench/bench_titles_typed.py MODEL [--top 2000]
    .venv/bin/python bench/bench_titles_typed.py MODEL --top 300 --sentences

Alone, a namesake counts as read ("the jungle book" is the most watched of that name), and so
does a question of which film was meant; in a sentence, the film of that name or a question.
Prints each miss, what it was read as, and the count (docs/parser.md).
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


SENTENCES = ("something like {t} but less violent", "i loved {t}, anything funnier?", "{t} but darker",
             "we just watched {t} and want something less scary", "more like {t} please")
# words first by design, or the list word (docs/parser.md): left out of the sentences
WORDS_FIRST = frozenset({"aliens", "twister", "shooter", "the others", "following"})


def misses_alone(manager, rows) -> list[str]:
    out = []
    for row in rows:
        said = typed_alone(manager.retriever.titles[row])
        parse = manager.parser.parse(said)
        if not (parse.intent == "reference" and (parse.item_id is not None or parse.candidates or parse.outside)):
            out.append(f"{said!r:45} -> {parse.intent} {[(c.alpha, c.tag) for c in parse.critiques]}")
    return out


def misses_in_sentences(manager, rows) -> tuple[list[str], int]:
    retriever, out, asked = manager.retriever, [], 0
    for row in rows:
        said = typed_alone(retriever.titles[row])
        if said in WORDS_FIRST:
            continue
        for sentence in SENTENCES:
            text, asked = sentence.format(t=said), asked + 1
            parse = manager.parser.parse(text)
            found = retriever.row_of_id.get(parse.item_id) if parse.item_id is not None else None
            if parse.candidates or (found is not None and typed_alone(retriever.titles[found]) == said):
                continue
            got = retriever.titles[found] if found is not None else None
            out.append(f"{text!r:70} -> {parse.intent} {got} {[(c.alpha, c.tag) for c in parse.critiques]}")
    return out, asked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--top", type=int, default=2000, help="how many of the most watched titles")
    parser.add_argument("--sentences", action="store_true", help="inside five everyday requests")
    args = parser.parse_args()

    from bot.runtime import build_manager

    manager = build_manager(args.model, f"sqlite:///{tempfile.mkdtemp()}/titles.db", progress=False, warm_up=False)
    rows = np.argsort(-np.asarray(manager.retriever.popularity), kind="stable")[: args.top]
    if args.sentences:
        missed, asked = misses_in_sentences(manager, rows)
        print("\n".join(missed))
        print(f"not read as that film: {len(missed)} of {asked} requests ({args.top} most watched titles)")
    else:
        missed = misses_alone(manager, rows)
        print("\n".join(missed))
        print(f"not read as a film: {len(missed)} of the {args.top} most watched titles")
    manager.close()


if __name__ == "__main__":
    main()
