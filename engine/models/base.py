"""One contract for every retrieval model, so evaluation loops over models without special cases.

CGIR, its ablations and the baselines (CBIR, DSCMR, TIRG) all answer the same question: for
reference items, a single-tag modification (tag, alpha) and a grid of strengths gamma, how well
does every item match? Scores are "higher is better" and only their order matters.

Like implicit's ``RecommenderBase``: ``fit`` (one signature for all), ``score``,
``item_vectors``, ``save`` and the class method ``load``. Every model trains through the one loop
of engine.models.trainer and is stored by engine.models.checkpoint; a subclass supplies the network
(hooks ``_prepare``, ``_losses``, ``_total``, ``_export``) and what its checkpoint holds
(``_arrays``, ``_vocab``, ``_restore``). Its hyper-parameters are one frozen config dataclass
(engine.config), stored in the checkpoint and rebuilt from it, unknown keys refused.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Self

import numpy as np

from engine.models.checkpoint import read_checkpoint, read_weights, write_checkpoint
from engine.config import HyperParameters
from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.errors import CGIRError, CheckpointError
from engine.models.trainer import FitResult, run_training

if TYPE_CHECKING:
    import torch

    from engine.models.checkpoint import Checkpoint


@dataclass(frozen=True)
class TextVectors:
    """Sentence vectors (MiniLM) of the catalog's tag strings and of their words.

    The baselines read `tags` (T x E), CGIR reads `words` (W x E, the words of
    engine.text.words.tag_word_matrix). A missing one is encoded by the model itself; tests and
    `cgir eval` pass both, computed once.
    """

    tags: np.ndarray | None = None
    words: np.ndarray | None = None

    @classmethod
    def encode(cls, tags: tuple[str, ...] | list[str],
               encode: Callable[[list[str]], np.ndarray]) -> "TextVectors":
        from engine.text.words import tag_word_matrix

        words, _ = tag_word_matrix(tuple(tags))
        return cls(np.asarray(encode(list(tags)), dtype=np.float32),
                   np.asarray(encode(words), dtype=np.float32))


class GradientModel(ABC):
    """A retrieval model behind the common contract; see the module docstring."""

    key: str = "model"  # the registry key (engine.models.registry.MODEL_KEYS)
    name: str = "model"  # the display name used in tables
    config_class: ClassVar[type[HyperParameters]]

    def __init__(self, config: Any = None) -> None:
        self.config = config if config is not None else self.config_class()
        if not isinstance(self.config, self.config_class):
            raise CGIRError(f"{type(self).__name__} takes a {self.config_class.__name__}, got "
                            f"{type(self.config).__name__}")
        self.net = None
        self.tags: tuple[str, ...] = ()
        self.result = FitResult()

    # -- the contract -----------------------------------------------------------------------

    def fit(self, dataset: Dataset, train: Triples, valid: Triples | None = None, *,
            text: TextVectors | None = None, progress: bool = False) -> Self:
        """Train on `train` triples and the dataset's interactions; early-stop on `valid`.

        Seed, device and torch threads come from the config.
        """
        self.tags = tuple(dataset.tags)
        self.result = run_training(self, dataset, train, valid, text=text or TextVectors(),
                                   progress=progress)
        return self

    @abstractmethod
    def score(self, ref: np.ndarray, tag: np.ndarray, alpha: np.ndarray,
              gammas: np.ndarray) -> np.ndarray:
        """(B, G, n_items) float32 scores for B queries (ref, tag, alpha) at G strengths.

        The modification is scaled by gamma; gamma=1 is the training-time query.
        """

    @abstractmethod
    def item_vectors(self) -> np.ndarray:
        """(n_items, D) item representations, for the independence level (eq. 14)."""

    def save(self, path: str | Path, dataset: Dataset | None = None, *,
             extra: dict | None = None) -> Path:
        """Write the checkpoint folder `path`; with `dataset`, also the catalog a Retriever needs."""
        if self.net is None:
            raise CGIRError(f"{self.name} is not trained yet: call fit() first")
        return write_checkpoint(path, model=self.key, name=self.name, config=self.config.to_dict(),
                                shape=self._shape(), arrays=self._arrays(), vocab=self._vocab(),
                                state_dict=self.net.state_dict(), fit=asdict(self.result),
                                dataset=dataset, extra=extra)

    @classmethod
    def load(cls, path: str | Path, dataset: Dataset | None = None, *,
             device: str = "cpu") -> Self:
        """The model saved in `path`, ready to `score` (refused when `dataset` differs)."""
        checkpoint = read_checkpoint(path, dataset)
        manifest = checkpoint.manifest
        if manifest["model"] not in cls.keys():
            raise CheckpointError(f"{path} holds a {manifest['model']!r} model, not "
                                  f"{cls.__name__}; load it with "
                                  "engine.models.registry.load_model")
        config = cls.config_class.from_dict(manifest["config"], source=f"{path}/config.json")
        model = cls(config)
        model.tags = tuple(checkpoint.vocab["tags"])
        model._restore(checkpoint, device)
        try:
            model.net.load_state_dict(read_weights(path, device))
        except RuntimeError as error:
            raise CheckpointError(f"{path}/weights.pt does not fit its config ({error}); "
                                  "train again") from None
        model.net = model.net.to(device).eval()
        model.result = FitResult(best_epoch=manifest.get("best_epoch", 0),
                                 best_metrics=manifest.get("metrics", {}),
                                 history=checkpoint.history,
                                 seconds=manifest.get("train_seconds", 0.0),
                                 stopped_early=manifest.get("stopped_early", False))
        return model

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        """The registry keys this class stores under (CGIR: one per variant)."""
        return (cls.key,)

    # -- hooks of the training loop (engine.models.trainer.Trainable) ------------------------

    @abstractmethod
    def _prepare(self, dataset: Dataset, train: Triples, text: TextVectors, device: str,
                 rng: np.random.Generator) -> int:
        """Build self.net on `device` and the batch feed; returns the steps per epoch."""

    @abstractmethod
    def _losses(self, rng: np.random.Generator, step: int) -> "dict[str, torch.Tensor]":
        """The named loss terms of one batch."""

    @abstractmethod
    def _total(self, terms: "dict[str, torch.Tensor]") -> "torch.Tensor":
        """The weighted sum of the terms, to minimise."""

    @abstractmethod
    def _export(self) -> None:
        """Refresh the arrays `score` reads from self.net."""

    # -- hooks of the checkpoint -------------------------------------------------------------

    @abstractmethod
    def _arrays(self) -> dict[str, np.ndarray]:
        """The arrays to store; always `items`, the (M, D) item vectors."""

    def _vocab(self) -> dict:
        return {"tags": list(self.tags)}

    def _shape(self) -> dict:
        items = self.item_vectors()
        return {"n_items": int(items.shape[0]), "n_tags": len(self.tags),
                "dim": int(items.shape[1])}

    @abstractmethod
    def _restore(self, checkpoint: "Checkpoint", device: str) -> None:
        """Rebuild the (untrained) network and the arrays from a read checkpoint."""
