"""What the baselines share: item inputs, the wrapper over their networks, the loss pieces.

Every baseline sees exactly what CGIR sees: the same triples and split, each item's column of
the interaction matrix as its input (an MLP over the L2-normalised sparse column, the item
encoder of "CGIR w/o VAE"), and the tag's text as a MiniLM vector (``engine.text.minilm.encode``).
They train through the one loop of engine.models.trainer; a subclass builds its network
(``_build``), the loss terms of a batch (``_batch_losses``) and its queries (``_queries``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from engine.config import BaselineConfig
from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.errors import CGIRError
from engine.models.base import GradientModel, TextVectors

if TYPE_CHECKING:
    import torch

    from engine.models.checkpoint import Checkpoint


def import_torch():
    import torch

    return torch


def item_inputs(interactions: sp.spmatrix, width: int, seed: int) -> np.ndarray:
    """(M, p) input of every item: its L2-normalised interaction column, randomly projected.

    A fixed Gaussian projection to p = `width` dimensions (Johnson-Lindenstrauss: inner products
    between columns are kept up to a small distortion) makes the first layer of every item MLP
    cost M x p instead of a sparse M x N product per step; with N <= p the columns are used as
    they are. The projection is not learned and sees no triple, so it adds no information.
    """
    columns = sp.csr_matrix(interactions.T, dtype=np.float32)
    norms = np.sqrt(np.asarray(columns.multiply(columns).sum(axis=1)).ravel())
    columns = sp.diags(1.0 / np.maximum(norms, 1e-12)).astype(np.float32) @ columns
    n_users = columns.shape[1]
    if n_users <= width:
        return np.asarray(columns.toarray(), dtype=np.float32)
    rng = np.random.default_rng(seed)
    projection = rng.normal(0.0, 1.0 / math.sqrt(width), size=(n_users, width)).astype(np.float32)
    return np.asarray(columns @ projection, dtype=np.float32)


class TorchBaseline(GradientModel):
    """A baseline behind the common contract: cosine scores of queries against unit items."""

    config_class = BaselineConfig
    loss_weights: dict[str, float] = {}  # weight of each loss term (1 when absent)

    def __init__(self, config: BaselineConfig | None = None) -> None:
        super().__init__(config)
        self._items: np.ndarray | None = None
        self._columns = None
        self._text = None
        self._item_tags = None
        self._feed: tuple[Triples, np.ndarray, int] | None = None

    # -- what each baseline defines ----------------------------------------------------------

    def _build(self, n_inputs: int, n_tags: int, text_dim: int):
        raise NotImplementedError

    def _batch_losses(self, net, items, batch: dict, rng: np.random.Generator) -> dict:
        raise NotImplementedError

    def _queries(self, net, items, ref, tag, alpha, gammas):
        """(B, G, D) unit-norm queries; items is the (M, D) unit item table."""
        raise NotImplementedError

    # -- the training loop's hooks -----------------------------------------------------------

    def _prepare(self, dataset: Dataset, train: Triples, text: TextVectors, device: str,
                 rng: np.random.Generator) -> int:
        torch = import_torch()
        cfg = self.config
        if text.tags is None:
            from engine.text.minilm import encode

            text = TextVectors(tags=encode(list(dataset.tags)), words=text.words)
        tag_text = np.asarray(text.tags, dtype=np.float32)
        if tag_text.shape[0] != dataset.n_tags:
            raise CGIRError(f"the tag text has {tag_text.shape[0]} rows for {dataset.n_tags} tags")
        self._columns = torch.as_tensor(
            item_inputs(dataset.interactions, cfg.input_width, cfg.seed)).to(device)
        self._text = torch.as_tensor(tag_text).to(device)
        self._item_tags = sp.csr_matrix(dataset.item_tags, dtype=np.float32)
        self.net = self._build(self._columns.shape[1], dataset.n_tags, tag_text.shape[1]).to(device)
        self._feed = (train, rng.permutation(len(train)), 0)
        return min(cfg.max_steps_per_epoch, math.ceil(len(train) / cfg.batch_triples))

    def _losses(self, rng: np.random.Generator, step: int) -> "dict[str, torch.Tensor]":
        torch = import_torch()
        train, order, pos = self._feed
        if pos >= len(order):
            order, pos = rng.permutation(len(train)), 0
        index = order[pos:pos + self.config.batch_triples]
        self._feed = (train, order, pos + self.config.batch_triples)
        device = self._columns.device
        batch = {
            "ref": torch.as_tensor(train.ref[index], device=device),
            "tag": torch.as_tensor(train.tag[index], device=device),
            "alpha": torch.as_tensor(train.alpha[index].astype(np.float32), device=device),
            "target": torch.as_tensor(train.target[index], device=device),
        }
        return self._batch_losses(self.net, self.net.item_table(self._columns), batch, rng)

    def _total(self, terms: "dict[str, torch.Tensor]") -> "torch.Tensor":
        return sum(self.loss_weights.get(name, 1.0) * value for name, value in terms.items())

    def _export(self) -> None:
        torch = import_torch()
        with torch.no_grad():
            self._items = self.net.item_table(self._columns).float().cpu().numpy()

    # -- the contract --------------------------------------------------------------------------

    def item_vectors(self) -> np.ndarray:
        if self._items is None:
            raise CGIRError(f"{self.name} is not trained yet: call fit() first")
        return self._items

    def score(self, ref: np.ndarray, tag: np.ndarray, alpha: np.ndarray,
              gammas: np.ndarray) -> np.ndarray:
        """(B, G, M) cosine scores of every item against the query at each strength."""
        torch = import_torch()
        items_np = self.item_vectors()
        ref = np.atleast_1d(np.asarray(ref, dtype=np.int64))
        tag = np.atleast_1d(np.asarray(tag, dtype=np.int64))
        alpha = np.atleast_1d(np.asarray(alpha, dtype=np.float32))
        gammas = np.atleast_1d(np.asarray(gammas, dtype=np.float32))
        device = self._text.device
        was_training = self.net.training
        self.net.eval()
        try:
            with torch.no_grad():
                items = torch.as_tensor(items_np, device=device)
                queries = self._queries(self.net, items, torch.as_tensor(ref, device=device),
                                        torch.as_tensor(tag, device=device),
                                        torch.as_tensor(alpha, device=device),
                                        torch.as_tensor(gammas, device=device))
                out = (queries @ items.T).float().cpu().numpy()
        finally:
            self.net.train(was_training)
        return out

    # -- the checkpoint's hooks ----------------------------------------------------------------

    def _arrays(self) -> dict[str, np.ndarray]:
        return {"items": self.item_vectors(), "inputs": self._columns.cpu().numpy(),
                "tag_text": self._text.cpu().numpy()}

    def _restore(self, checkpoint: "Checkpoint", device: str) -> None:
        torch = import_torch()
        arrays = checkpoint.arrays
        self._items = np.ascontiguousarray(arrays["items"], dtype=np.float32)
        self._columns = torch.as_tensor(arrays["inputs"]).to(device)
        self._text = torch.as_tensor(arrays["tag_text"]).to(device)
        self.net = self._build(self._columns.shape[1], len(self.tags), self._text.shape[1])


# -- pieces of the networks and losses ---------------------------------------------------------


def sample_negatives(rng: np.random.Generator, n_items: int, target: np.ndarray,
                      k: int) -> np.ndarray:
    """(B, k) random item rows; an accidental hit on the target is moved one row on."""
    negatives = rng.integers(0, n_items, size=(len(target), k))
    clash = negatives == target[:, None]
    negatives[clash] = (negatives[clash] + 1) % n_items
    return negatives
