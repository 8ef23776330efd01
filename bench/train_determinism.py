"""Is training reproducible, and what do torch's deterministic kernels cost? (engine.models.trainer)

    flock /tmp/cgir-bench.lock .venv/bin/python bench/train_determinism.py [--threads 2] [--steps 200]

Fits CGIR twice on ml-latest-small (../shared/data/ml-latest-small.zip) for one epoch of --steps
steps with --threads torch threads, once as `cgir train` does now and once with the deterministic
kernels switched off inside the training loop, and prints for each the largest difference between
the two fits' weights and the seconds of each fit.
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import nullcontext
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DATA = REPO.parent / "shared" / "data" / "ml-latest-small.zip"


def fit_twice(dataset, train, valid, config) -> tuple[float, list[float]]:  # noqa: ANN001
    from engine.models.cgir import CGIR

    weights, seconds = [], []
    for _ in range(2):
        started = time.perf_counter()
        model = CGIR(config).fit(dataset, train, valid, progress=False)
        seconds.append(time.perf_counter() - started)
        weights.append([p.detach().clone() for p in model.net.parameters()])
    return max(float((a - b).abs().max()) for a, b in zip(*weights)), seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=200)
    args = ap.parse_args()
    if not DATA.is_file():
        sys.exit(f"{DATA} is missing: this benchmark needs the ml-latest-small zip")
    import engine.models.trainer as trainer
    from engine.config import TrainConfig
    from engine.data.loader import load_dataset
    from engine.training.pipeline import make_triples, split_triples

    dataset = load_dataset(DATA)
    config = TrainConfig(epochs=1, max_steps_per_epoch=args.steps, threads=args.threads)
    train, valid, _ = split_triples(make_triples(dataset, config), config)
    shipped = trainer.deterministic_kernels
    for name, kernels in (("deterministic kernels (as shipped)", shipped), ("default kernels", nullcontext)):
        trainer.deterministic_kernels = kernels
        apart, seconds = fit_twice(dataset, train, valid, config)
        print(f"{name}: weights of two fits at most {apart:.3g} apart; fits {seconds[0]:.1f} s, {seconds[1]:.1f} s")
    trainer.deterministic_kernels = shipped


if __name__ == "__main__":
    main()
