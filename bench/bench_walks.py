"""Walks against planted truth on the demo world: today's gamma walk against the degree walk.

    .venv/bin/python bench/bench_walks.py                      # the demo model (trains once)
    .venv/bin/python bench/bench_walks.py MODEL_DIR --queries 300 --seed 0

Every row walks the same feasible random queries (engine.metrics.walks) and is scored on
the planted relevance of genome-scores.csv. What each row's walk may see:

- gamma walk: the paper's walk over gamma = 0.1..1 (monotone, today's default) and its plain
  top-1 variant; item and tag vectors only;
- degree walk, blind degrees: engine.walks.degree_steps over the degree model built from the dataset with its
  graded relevance removed (the product's path on data without a genome; the honest figure);
- degree walk, checkpoint degrees: the degree model the chat loads (`load_degree_model`); where
  it reads the demo's genome it is scored on what it was fitted to, so it is reported apart;
- degree walk, planted degrees: the planted relevance itself as the degree (an oracle). Not a
  product figure: the ceiling of the construction, to separate the walk from the estimate.

"degree quality" is the mean Spearman correlation, over tags, of the degrees with the planted
relevance.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def degree_quality(retriever, relevance: np.ndarray) -> float:
    from scipy.stats import spearmanr

    return float(np.mean([spearmanr(retriever.attribute_degrees(t), relevance[:, t]).statistic
                          for t in range(relevance.shape[1])]))


class PlantedDegrees:
    """A stand-in degree model that returns the planted relevance (the oracle row only)."""

    def __init__(self, relevance: np.ndarray, tags: tuple[str, ...]):
        self.relevance, self.index = relevance, {t: i for i, t in enumerate(tags)}

    def degrees(self, grounding) -> np.ndarray:
        return self.relevance[:, self.index[grounding.tags[0]]]


def main() -> None:
    from engine.models.checkpoint import load_retriever
    from engine.data import load_dataset
    from engine.degrees.load import load_degree_model
    from engine.metrics import walks as W

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", nargs="?", default=None, help="checkpoint [default: the demo model]")
    parser.add_argument("--data", default="demo")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--artefact", action="store_true",
                        help="also the genome-supervised degrees of `cgir train` (degrees.npz, "
                             "written into MODEL if missing), in-sample and on held-out items")
    args = parser.parse_args()
    if args.model is None:
        from engine.training.demo import ensure_demo_model

        args.model = ensure_demo_model(progress=True)
    dataset = load_dataset(args.data)
    relevance = np.asarray(dataset.relevance, dtype=np.float32)
    queries = W.sample_queries(relevance, args.queries, args.seed)
    action = dataset.tags.index("action")

    rows = []
    retriever = load_retriever(args.model, dataset)
    for label, mode in (("gamma walk (monotone, today's default)", {}),
                        ("gamma walk (paper top-1)", {"monotone": False})):
        def walker(item, tag, alpha, mode=mode):
            from engine.retrieval.retriever import Modification

            return [s.item for s in retriever.walk(item, [Modification(tag, alpha)], **mode).steps]
        rows.append((label, walker, None))
    setups = [
        ("degree walk, blind degrees (no graded relevance)",
         lambda r: W.blind_degree_model(r, dataset)),
        ("degree walk, checkpoint degrees (may read the genome: in-sample)", load_degree_model),
        ("degree walk, planted degrees (oracle ceiling, not a product figure)",
         lambda r: PlantedDegrees(relevance, dataset.tags)),
    ]
    for label, build in setups:
        own = load_retriever(args.model, dataset)
        own.use_degree_model(build(own))
        rows.append((label, W.retriever_walkers(own)["degree_walk"], own))
    held_out = None
    if args.artefact:  # the genome-supervised degree model of `cgir train`, held-out items only
        from engine.degrees.features import ARTEFACT, write_degree_artefact

        if not (Path(args.model) / ARTEFACT).is_file():
            write_degree_artefact(args.model, dataset)
        own = load_retriever(args.model, dataset)
        own.use_degree_model(load_degree_model(own))
        withheld = own.degree_model.relevance_withheld
        held_out = (np.flatnonzero(withheld), np.flatnonzero(~withheld), own)
    print(f"# {args.model}: {args.queries} feasible queries, seed {args.seed}")
    print("| walk | consistency | end effect | other-tag change | declined | \"less action\" from the "
          "most action | degree quality |")
    print("|---|---|---|---|---|---|---|")
    for label, walker, own in rows:
        m = W.walk_metrics(walker, relevance, queries)
        h = W.headline(walker, relevance, action)
        quality = "" if own is None else f"{degree_quality(own, relevance):.2f}"
        print(f"| {label} | {m['consistency']:.3f} | {m['end_effect']:+.3f} | {m['other_change']:.3f} "
              f"| {m['declined']} | falls on {h['falls']} of {h['steps']} | {quality} |")
    if held_out is not None:
        kept, seen, own = held_out
        for label, excl, qs in (
                ("degree walk, genome-supervised degrees, in-sample (all items)", (), queries),
                (f"degree walk, genome-supervised degrees, held-out items only ({len(kept)})",
                 seen, W.sample_queries(relevance, args.queries, args.seed, items=kept))):
            m = W.walk_metrics(W.retriever_walkers(own, excl)["degree_walk"], relevance, qs)
            print(f"| {label} | {m['consistency']:.3f} | {m['end_effect']:+.3f} | "
                  f"{m['other_change']:.3f} | {m['declined']} | | |")


if __name__ == "__main__":
    main()
