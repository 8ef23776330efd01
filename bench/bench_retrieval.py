"""Latency of one gradient sequence (10 steps) against the floor of one bare matrix product.

Item vectors are shaped like a trained CGIR checkpoint (unit-norm rows, D=64; attribute vectors
sparse and non-negative), or taken from a checkpoint with --model. Retrieval cost depends only on
these shapes, so a random table of 62,000 or 1,000,000 rows measures what a model of that size
would cost without training one.

    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_retrieval.py --items 62000
    flock /tmp/cgir-bench.lock .venv/bin/python bench/bench_retrieval.py --items 1000000 --ann
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.metrics.stats import percentile  # noqa: E402
from engine.retrieval.retriever import Modification, Retriever, gamma_grid  # noqa: E402


def synthetic_retriever(n_items: int, dim: int = 64, n_tags: int = 30, seed: int = 0,
                        clusters: int = 0) -> Retriever:
    """Unit-norm random item vectors; with `clusters`, a mixture around that many centres
    (trained item spaces are clustered by genre and taste; a uniform sphere is the worst case
    for an inverted-file index)."""
    rng = np.random.default_rng(seed)
    items = rng.standard_normal((n_items, dim), dtype=np.float32)
    if clusters:
        centres = rng.standard_normal((clusters, dim), dtype=np.float32)
        centres /= np.linalg.norm(centres, axis=1, keepdims=True)
        items *= 0.6 / np.sqrt(dim)
        items += centres[rng.integers(0, clusters, n_items)]
    items /= np.linalg.norm(items, axis=1, keepdims=True)
    tags = (rng.random((n_tags, dim)) < 0.08).astype(np.float32) * rng.random((n_tags, dim)).astype(np.float32)
    return Retriever(items, tags, np.arange(1, n_items + 1), [f"item {i}" for i in range(n_items)],
                     [f"tag {t}" for t in range(n_tags)])


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p99) in milliseconds."""
    return percentile(np.array(samples) * 1000.0, 50), percentile(np.array(samples) * 1000.0, 99)


def measure(retriever: Retriever, queries: int, seed: int = 1, **walk) -> tuple[list[float], list]:
    rng = np.random.default_rng(seed)
    times, sequences = [], []
    for _ in range(queries):
        item = int(rng.integers(retriever.n_items))
        mods = [Modification(int(rng.integers(len(retriever.tags))), int(rng.choice([1, -1])))]
        start = time.perf_counter()
        sequence = retriever.walk(item, mods, **walk)
        times.append(time.perf_counter() - start)
        sequences.append([s.item for s in sequence.steps])
    return times, sequences


def floor(retriever: Retriever, queries: int) -> list[float]:
    """One bare (10 x D) @ (D x M) product: the least any exact 10-step walk must do."""
    q = np.ascontiguousarray(retriever.item_vectors[:10])
    items_t = retriever.item_vectors.T
    times = []
    for _ in range(queries):
        start = time.perf_counter()
        q @ items_t
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=62000)
    parser.add_argument("--model", type=Path, help="a checkpoint directory instead of random vectors")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--ann", action="store_true", help="also time the FAISS IVF index")
    parser.add_argument("--nprobe", type=int, default=24)
    parser.add_argument("--clusters", type=int, default=0,
                        help="draw items around this many centres (0: uniform on the sphere)")
    parser.add_argument("--skip-paper", action="store_true", help="do not time the paper walk")
    parser.add_argument("--exact-queries", type=int, default=None,
                        help="queries for the exact walk (default: --queries)")
    args = parser.parse_args()

    if args.model:
        from engine.models.checkpoint import load_retriever

        retriever = load_retriever(args.model)
    else:
        retriever = synthetic_retriever(args.items, clusters=args.clusters)
    m, d = retriever.item_vectors.shape
    print(f"# {m} items x D={d}{f', {args.clusters} clusters' if args.clusters else ''}, {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"numpy {np.__version__}")
    measure(retriever, 5)  # warm-up
    exact_queries = args.exact_queries or args.queries
    walk_times, exact = measure(retriever, exact_queries)
    paper_times = walk_times if args.skip_paper else measure(retriever, exact_queries, monotone=False)[0]
    floor_times = floor(retriever, exact_queries)
    f50, f99 = percentiles(floor_times)
    w50, w99 = percentiles(walk_times)
    p50, p99 = percentiles(paper_times)
    print(f"floor: one ({len(gamma_grid())} x {d}) @ ({d} x {m}) product: p50 {f50:.2f} ms, p99 {f99:.2f} ms")
    print(f"exact walk (monotone, default): p50 {w50:.2f} ms ({w50 / f50:.1f}x floor), p99 {w99:.2f} ms")
    print(f"exact walk (paper top-1):       p50 {p50:.2f} ms ({p50 / f50:.1f}x floor), p99 {p99:.2f} ms")
    if args.ann:
        start = time.perf_counter()
        retriever.build_index(nprobe=args.nprobe)
        built = time.perf_counter() - start
        measure(retriever, 5)
        ann_times, approx = measure(retriever, exact_queries)
        a50, a99 = percentiles(ann_times)
        same_step = np.mean([np.mean(np.array(x) == np.array(y)) for x, y in zip(exact, approx)
                             if len(x) == len(y)])
        shared = np.mean([len(set(x) & set(y)) / max(len(x), 1) for x, y in zip(exact, approx)])
        print(f"IVF index (nlist {retriever._index.nlist}, nprobe {retriever._index.nprobe}) built in {built:.1f} s")
        print(f"approximate walk: p50 {a50:.2f} ms, p99 {a99:.2f} ms; recall: {same_step:.3f} of steps "
              f"identical to exact, {shared:.3f} of exact items present")


if __name__ == "__main__":
    main()
