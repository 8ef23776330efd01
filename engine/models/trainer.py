"""The one training loop of every model: batches, Adam, validation MRR, early stopping.

A model supplies its network and its losses through four hooks (``_prepare``, ``_losses``,
``_total``, ``_export``; see :class:`Trainable`); the loop here does the rest the same way for
CGIR, its ablations and the baselines: the torch thread count (borrowed, then restored), the
device check, the seed, the fixed validation subset, the divergence check, the epoch history and
the best-epoch weights. Validation ranks through engine.metrics.ranking, like `cgir eval`.

The same data, seed and thread count give the same weights. With more than one thread, some of
torch's default CPU kernels accumulate in whatever order the threads finish; the last-bit
differences grew over 800 steps into item vectors up to 0.24 apart on ml-latest-small between two
`cgir train` runs, so into different answers. Training therefore runs
with torch's deterministic kernels (`deterministic_kernels`), which on CPU cost a little
(bench/train_determinism.py: up to ~10 % per fit on 2 threads).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.errors import CGIRError, ModelFitError
from engine.models.progress import training_bar
from engine.metrics.ranking import model_ranks, ranking_metrics
from engine.threads import torch_threads

if TYPE_CHECKING:
    import torch


@contextmanager
def deterministic_kernels() -> Iterator[None]:
    """Run the block with torch's deterministic kernels when torch runs more than one thread,
    then restore the process's setting. One thread is deterministic already, and the shipped demo
    model (engine.training.shipped) was trained with one: other kernels would only move its last
    bits. Warn-only: an op with no deterministic kernel (some CUDA ones) runs, with a warning."""
    import torch

    if torch.get_num_threads() == 1:
        yield
        return
    previous = (torch.are_deterministic_algorithms_enabled(),
                torch.is_deterministic_algorithms_warn_only_enabled())
    torch.use_deterministic_algorithms(True, warn_only=True)
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(previous[0], warn_only=previous[1])


@dataclass
class FitResult:
    """What training left behind: the best epoch, its record, the per-epoch history."""

    best_epoch: int = 0
    best_metrics: dict = field(default_factory=dict)
    history: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    stopped_early: bool = False


class LoopConfig(Protocol):
    """The fields of a model's config that the loop reads (TrainConfig and BaselineConfig)."""

    epochs: int
    patience: int
    max_valid: int
    lr: float
    weight_decay: float
    seed: int
    device: str
    threads: int


class Trainable(Protocol):
    name: str
    config: LoopConfig
    net: Any

    def _prepare(self, dataset: Dataset, train: Triples, text: Any, device: str,
                 rng: np.random.Generator) -> int:
        """Build self.net on `device` and the batch feed; returns the steps per epoch."""

    def _losses(self, rng: np.random.Generator, step: int) -> "dict[str, torch.Tensor]":
        """The named loss terms of one training batch (names starting with _ are not logged)."""

    def _total(self, terms: "dict[str, torch.Tensor]") -> "torch.Tensor":
        """The weighted sum to minimise."""

    def _export(self) -> None:
        """Refresh the numpy arrays `score` reads from self.net (called in eval mode)."""

    def score(self, ref: np.ndarray, tag: np.ndarray, alpha: np.ndarray,
              gammas: np.ndarray) -> np.ndarray: ...


def resolve_device(device: str) -> str:
    """'cpu' or a CUDA device that exists; a clear error when CUDA is asked for and absent."""
    if device == "cpu":
        return device
    import torch

    if not torch.cuda.is_available():
        raise CGIRError(f"device {device!r} was requested but this torch build sees no CUDA GPU "
                        "(torch.cuda.is_available() is False); train with --device cpu")
    return device


def run_training(model: Trainable, dataset: Dataset, train: Triples, valid: Triples | None, *,
                 text: Any = None, progress: bool = False) -> FitResult:
    """Fit `model` on `train`, early-stopping on MRR over `valid`; the best epoch's weights stay."""
    import torch

    cfg = model.config
    if len(train) == 0:
        raise CGIRError("no training triples: the dataset has no item pairs that differ in "
                        "exactly one tag; check its tags")
    device = resolve_device(cfg.device)
    with torch_threads(cfg.threads), deterministic_kernels():
        started = time.perf_counter()
        torch.manual_seed(cfg.seed)
        rng = np.random.default_rng(cfg.seed)
        if valid is not None and len(valid) > cfg.max_valid:
            valid = valid.subset(np.sort(rng.choice(len(valid), cfg.max_valid, replace=False)))
        n_steps = model._prepare(dataset, train, text, device, rng)
        net = model.net
        optimizer = torch.optim.Adam(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay,
                                     foreach=True)
        result = FitResult()
        best_state, best_score, bad_epochs, step = None, -float("inf"), 0, 0
        bar = training_bar(cfg.epochs * n_steps, model.name, enabled=progress)
        try:
            for epoch in range(1, cfg.epochs + 1):
                net.train()
                running: dict[str, float] = {}
                for _ in range(n_steps):
                    terms = model._losses(rng, step)
                    _check_finite(model, terms, epoch, step)
                    loss = model._total(terms)
                    optimizer.zero_grad(set_to_none=True)
                    loss.backward()
                    optimizer.step()
                    step += 1
                    for name, value in terms.items():
                        if not name.startswith("_"):
                            v = float(value.detach())
                            running[name] = 0.9 * running.get(name, v) + 0.1 * v
                    bar.update(1)
                    bar.set_postfix({"epoch": epoch, **_short(running)}, refresh=False)
                metrics = _validate(model, valid)
                record = {"epoch": epoch, "step": step,
                          **{f"loss_{k}": round(v, 6) for k, v in running.items()},
                          **{f"valid_{k}": round(v, 6) for k, v in metrics.items()},
                          "seconds": round(time.perf_counter() - started, 3)}
                result.history.append(record)
                bar.set_postfix({"epoch": epoch, "val_mrr": f"{metrics.get('mrr', float('nan')):.4f}",
                                 **_short(running)})
                # without validation triples the lowest running loss stands in for MRR
                score = metrics.get("mrr", -sum(running.values()))
                if valid is None or score > best_score:
                    best_score, bad_epochs = score, 0
                    best_state = copy.deepcopy(net.state_dict())
                    result.best_epoch, result.best_metrics = epoch, dict(record)
                else:
                    bad_epochs += 1
                    if bad_epochs >= cfg.patience:
                        result.stopped_early = True
                        break
        finally:
            bar.close()
        if best_state is not None:
            net.load_state_dict(best_state)
        net.eval()
        model._export()
        result.seconds = time.perf_counter() - started
    return result


def _short(running: dict[str, float]) -> dict[str, str]:
    return {k[:5]: f"{v:.3g}" for k, v in running.items()}


def _check_finite(model: Trainable, terms: dict, epoch: int, step: int) -> None:
    """A NaN/inf loss term stops training with its name (ModelFitError)."""
    import torch

    for name, value in terms.items():
        if not name.startswith("_") and not torch.isfinite(value).all():
            raise ModelFitError(
                f"{model.name} training diverged: the {name} loss became "
                f"{float(value.detach())} at epoch {epoch}, step {step + 1}; lower the learning "
                f"rate (lr={model.config.lr}) or the weight of that term, or check the data for "
                "empty users/items")


def _validate(model: Trainable, valid: Triples | None) -> dict[str, float]:
    """Hit@20, Hit@50 and MRR on the validation triples at gamma = 1 (engine.metrics.ranking)."""
    if valid is None or len(valid) == 0:
        return {}
    model.net.eval()
    try:
        model._export()
        return ranking_metrics(model_ranks(model, valid))
    finally:
        model.net.train()
