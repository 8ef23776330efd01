"""Give a checkpoint written before the exemplars (engine.degrees.exemplars) its user-tag counts,
without rebuilding anything else of its degree artefact (a rebuild re-embeds the movie texts,
which moves other readings by a rounding):

    .venv/bin/python bench/add_language_counts.py COPY_OF_MODEL DATA

COPY_OF_MODEL is rewritten in place (work on a copy); DATA is the release it was trained on
(its items must be the checkpoint's, in order).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.data.loader import load_dataset  # noqa: E402
from engine.degrees.features import (ARTEFACT, language_count_arrays, raw_release,  # noqa: E402
                                     user_language)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path)
    parser.add_argument("data")
    args = parser.parse_args()
    dataset = load_dataset(args.data)
    ids = json.loads((args.model / "items.json").read_text(encoding="utf-8"))["item_ids"]
    if list(map(int, ids)) != list(map(int, dataset.item_ids)):
        sys.exit(f"{args.data} does not have the items of {args.model}")
    path = args.model / ARTEFACT
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    language = tuple(str(x) for x in arrays["language"])
    found, counts = user_language(dataset, raw_release(dataset))
    if tuple(found) != language:
        sys.exit("the release's user language differs from the checkpoint's")
    arrays.update(language_count_arrays(counts))
    np.savez_compressed(path, **arrays)
    print(f"{path}: user-tag counts of {counts.shape[0]} items x {counts.shape[1]} phrases, "
          f"{counts.nnz} non-zero")


if __name__ == "__main__":
    main()
