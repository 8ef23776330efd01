"""Training time, held-out retrieval quality, walk consistency, and training memory at scale.

    # time + quality on a dataset (demo world or ml-latest-small), consistency of the walks
    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_train.py train demo
    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_train.py train ../shared/data/ml-latest-small.zip
    # consistency of an existing checkpoint on its dataset
    .venv/bin/python bench/bench_train.py walks MODEL_DIR demo --queries 1000
    # peak memory of training at ML-20M scale (138k users x 27k items, 10M interactions)
    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_train.py memory

Consistency (the paper's Consistency_Score, eq. 12): the share of consecutive steps k -> k+1 of a
10-step walk where alpha * relevance strictly rises, over random (item, tag, alpha) queries.
"Feasible" queries only ask for less of a tag the item has (relevance >= 0.5) or more of one it
lacks (relevance <= 0.5); random ones include "less horror" on a film with none.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def report_walks(retriever, relevance, queries: int) -> None:
    """The gamma walk (monotone, and the paper's top-1) scored by engine.metrics.walks."""
    from engine.metrics.walks import sample_queries, walk_metrics
    from engine.retrieval.retriever import Modification

    for feasible in (False, True):
        asked = sample_queries(relevance, queries, feasible=feasible)
        for label, kwargs in (("monotone walk (default)", {}), ("paper top-1 walk", {"monotone": False})):
            def walker(item: int, tag: int, alpha: int, kwargs=kwargs) -> list[int]:
                return [s.item for s in retriever.walk(item, [Modification(tag, alpha)], **kwargs).steps]

            stats = walk_metrics(walker, relevance, asked)
            kind = "feasible" if feasible else "random"
            print(f"{kind:8s} queries, {label:24s}: consistency {stats['consistency']:.3f}, end effect "
                  f"{stats['end_effect']:.3f}, other-tag change {stats['other_change']:.3f}")


def cmd_train(args) -> None:
    from engine.models.checkpoint import load_retriever
    from engine.config import TrainConfig
    from engine.data import load_dataset
    from engine.training.pipeline import train_model

    dataset = load_dataset(args.data)
    config = TrainConfig(variant=args.variant, seed=args.seed,
                         **({"epochs": args.epochs} if args.epochs else {}))
    out = args.out or Path("/tmp") / f"cgir-bench-{dataset.name}-{args.variant}"
    start = time.perf_counter()
    train_model(dataset, config, out, progress=not args.quiet)
    seconds = time.perf_counter() - start
    manifest = json.loads((out / "config.json").read_text())
    print(f"# {dataset.name}: {dataset.n_users} users x {dataset.n_items} items, "
          f"{dataset.interactions.nnz} interactions, {dataset.n_tags} tags; {manifest['split']}")
    print(f"train_model wall time {seconds:.1f} s (fit {manifest['train_seconds']:.1f} s, best epoch "
          f"{manifest['best_epoch']}, stopped early: {manifest['stopped_early']})")
    print(f"validation: {json.dumps({k: v for k, v in manifest['metrics'].items() if k.startswith('valid')})}")
    print(f"held-out test triples: {json.dumps(manifest['test_metrics'])}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB")
    if dataset.relevance is not None and args.queries:
        report_walks(load_retriever(out, dataset), dataset.relevance, args.queries)


def cmd_walks(args) -> None:
    from engine.models.checkpoint import load_retriever
    from engine.data import load_dataset

    dataset = load_dataset(args.data)
    report_walks(load_retriever(args.model, dataset), dataset.relevance, args.queries)


def synthetic_ml20m(n_users: int, n_items: int, n_interactions: int, n_tags: int, seed: int = 0):
    """A Dataset of ML-20M's shape: popularity-skewed interactions, ~13 tags per tagged item."""
    import scipy.sparse as sp

    from engine.data.dataset import Dataset

    rng = np.random.default_rng(seed)
    popularity = rng.lognormal(0.0, 1.2, n_items)  # heavy-tailed but without a few items taking all
    popularity /= popularity.sum()
    per_user = np.maximum(5, rng.lognormal(0, 1, n_users))
    per_user = np.round(per_user / per_user.sum() * n_interactions).astype(np.int64)
    rows = np.repeat(np.arange(n_users), per_user)
    cols = rng.choice(n_items, size=len(rows), p=popularity)
    interactions = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(n_users, n_items))
    interactions.data[:] = 1.0
    # Tagged items share one of 2,000 base sets of 12 tags, half of them plus one extra tag, so
    # that (like real tag data) many pairs differ in exactly one tag and triples exist.
    tagged = np.flatnonzero(rng.random(n_items) < 0.5)
    bases = rng.integers(0, n_tags, (2000, 12))
    base_of = rng.integers(0, len(bases), len(tagged))
    extra = np.where(rng.random(len(tagged)) < 0.5, rng.integers(0, n_tags, len(tagged)), -1)
    t_rows = np.concatenate([np.repeat(tagged, 12), tagged[extra >= 0]])
    t_cols = np.concatenate([bases[base_of].ravel(), extra[extra >= 0]])
    item_tags = sp.csr_matrix((np.ones(len(t_rows), np.float32), (t_rows, t_cols)), shape=(n_items, n_tags))
    item_tags.data[:] = 1.0
    return Dataset(name="synthetic-ml20m", interactions=interactions, user_ids=np.arange(n_users),
                   item_ids=np.arange(1, n_items + 1), titles=tuple(f"item {i}" for i in range(n_items)),
                   tags=tuple(f"tag {t}" for t in range(n_tags)), item_tags=item_tags, synthetic=True)


def cmd_memory(args) -> None:
    from engine.config import TrainConfig
    from engine.data import build_triples
    from engine.models.base import TextVectors
    from engine.models.cgir import CGIR
    from engine.text.words import tag_word_matrix

    dataset = synthetic_ml20m(args.users, args.items, args.interactions, args.tags)
    after_data = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    triples = build_triples(dataset, seed=0)
    train, valid = triples.split(0.1, seed=0)
    config = TrainConfig(epochs=1, steps_per_epoch=args.steps, max_valid=500)
    words, _ = tag_word_matrix(dataset.tags)
    # Random stand-ins for MiniLM vectors: memory does not depend on their values.
    vectors = np.random.default_rng(0).standard_normal((len(words), 384)).astype(np.float32)
    start = time.perf_counter()
    CGIR(config).fit(dataset, train, valid, text=TextVectors(words=vectors))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"# synthetic ML-20M shape: {dataset.n_users} users x {dataset.n_items} items, "
          f"{dataset.interactions.nnz} interactions, {dataset.n_tags} tags, {len(triples)} triples")
    print(f"peak RSS after building the dataset {after_data:.2f} GiB; after {args.steps} training steps "
          f"+ validation {peak:.2f} GiB ({seconds / args.steps:.2f} s/step)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train")
    train.add_argument("data")
    train.add_argument("--out", type=Path)
    train.add_argument("--variant", default="cgir")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--epochs", type=int)
    train.add_argument("--queries", type=int, default=1000)
    train.add_argument("--quiet", action="store_true")
    walks = sub.add_parser("walks")
    walks.add_argument("model", type=Path)
    walks.add_argument("data")
    walks.add_argument("--queries", type=int, default=1000)
    memory = sub.add_parser("memory")
    memory.add_argument("--users", type=int, default=138_000)
    memory.add_argument("--items", type=int, default=27_000)
    memory.add_argument("--interactions", type=int, default=10_000_000)
    memory.add_argument("--tags", type=int, default=1086)
    memory.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()
    {"train": cmd_train, "walks": cmd_walks, "memory": cmd_memory}[args.command](args)


if __name__ == "__main__":
    main()
