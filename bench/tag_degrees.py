"""A catalog tag's estimated degree for some films, and how many of the catalog's tags are thin
(read as a mix that keeps them: engine.degrees.grounding.GroundingConfig.thin).

    .venv/bin/python bench/tag_degrees.py MODEL animation "Goodfellas" "Blade Runner"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("tag")
    ap.add_argument("titles", nargs="*")
    args = ap.parse_args()

    from engine.models.checkpoint import load_retriever

    retriever = load_retriever(args.model)
    if args.tag not in retriever.tags:
        raise SystemExit(f"{args.tag!r} is not a tag of this catalog")
    degrees = retriever.attribute_degrees(retriever.tags.index(args.tag))
    thin = [t for t in retriever.tags if retriever.degree_model.is_thin(t)]
    carried = ("" if retriever.item_tags is None else
               f", carried by {int((retriever.item_tags[:, retriever.tags.index(args.tag)] > 0).sum())} films")
    print(f"{len(thin)} of {len(retriever.tags)} tags are thin; {args.tag!r} is "
          f"{'thin' if args.tag in thin else 'not thin'}{carried}")
    for title in args.titles:
        row = retriever.resolve_item(title)
        print(f"{retriever.titles[row]}: {args.tag} {float(degrees[row]):.3f} (estimated)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
