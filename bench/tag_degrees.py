"""A catalog tag's estimated degree for some films, and how many of the catalog's tags are thin
(read as a mix that keeps them: engine.degrees.grounding.GroundingConfig.thin).

    .venv/bin/python bench/tag_degrees.py MODEL animation "Goodfellas" "Blade Runner"
    .venv/bin/python bench/tag_degrees.py MODEL romance --best-known 300

With --best-known N: among the catalog's N most watched films, how well the estimate separates
the films tagged with the tag from the rest (medians, and the chance that a tagged film reads
higher than an untagged one: AUC).
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
    ap.add_argument("--best-known", type=int, default=0, metavar="N")
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
    if args.best_known and retriever.item_tags is not None:
        print(separation(retriever, args.tag, degrees, args.best_known))
    return 0


def separation(retriever, tag: str, degrees, n: int) -> str:
    """How the estimate of `tag` separates its films from the rest among the n most watched."""
    import numpy as np

    top = np.argsort(-np.asarray(retriever.popularity), kind="stable")[:n]
    member = np.asarray(retriever.item_tags[:, retriever.tags.index(tag)].todense()).ravel()[top] > 0
    d = np.asarray(degrees, dtype=np.float64)[top]
    tagged, untagged = d[member], d[~member]
    if not len(tagged) or not len(untagged):
        return f"the {n} most watched: {len(tagged)} tagged {tag}, {len(untagged)} not: nothing to separate"
    auc = float(np.mean(tagged[:, None] > untagged[None, :]))
    return (f"the {n} most watched: {len(tagged)} tagged {tag} (median {np.median(tagged):.2f}), "
            f"{len(untagged)} not (median {np.median(untagged):.2f}, 90th percentile "
            f"{np.quantile(untagged, 0.9):.2f}); AUC {auc:.2f}")


if __name__ == "__main__":
    sys.exit(main())
