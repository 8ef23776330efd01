"""Rewrite a copied checkpoint's degree artefact with its movie texts embedded with or without
their titles (engine.degrees.features.write_degree_artefact `titles`), everything else as
`cgir train` writes it: the artefact a training run would give with that setting, without
training the item table again (with titles, it rebuilds a checkpoint's artefact bit for bit).

    .venv/bin/python bench/rebuild_degree_texts.py COPY_OF_MODEL DATA [--no-titles]

COPY_OF_MODEL is rewritten in place (work on a copy); DATA is the release it was trained on
(its items must be the checkpoint's, in order).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.data.loader import load_dataset  # noqa: E402
from engine.degrees.features import write_degree_artefact  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path)
    parser.add_argument("data")
    parser.add_argument("--no-titles", action="store_true")
    args = parser.parse_args()
    dataset = load_dataset(args.data)
    ids = json.loads((args.model / "items.json").read_text(encoding="utf-8"))["item_ids"]
    if list(map(int, ids)) != list(map(int, dataset.item_ids)):
        sys.exit(f"{args.data} does not have the items of {args.model}")
    start = time.perf_counter()
    path = write_degree_artefact(args.model, dataset, titles=not args.no_titles)
    print(f"{path}: movie texts {'without' if args.no_titles else 'with'} titles, "
          f"{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
