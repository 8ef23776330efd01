"""CGIR: a weakly-supervised VAE item space aligned with a sparse attribute space (section 2).

The wrapper half of cornac's VAECF split: engine.models.cgir_net holds the bare ``nn.Module``;
:class:`CGIR` holds the config, the vocabulary, the batch feed of the common training loop
(engine.models.trainer) and numpy arrays for scoring. One class serves the paper's model and its
ablations "w/o VAE" and "w/o Sparse" (``config.variant``). docs/model.md records every choice.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from engine.config import TrainConfig
from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.errors import CGIRError
from engine.models.base import GradientModel, TextVectors
from engine.models.cgir_net import build_net, normalized_columns, user_batch
from engine.models.ordinal import OrdinalPairs

if TYPE_CHECKING:
    import torch

    from engine.models.checkpoint import Checkpoint

VARIANT_KEYS = {"cgir": "cgir", "no-vae": "cgir-no-vae", "no-sparse": "cgir-no-sparse"}
VARIANT_NAMES = {"cgir": "CGIR", "no-vae": "CGIR w/o VAE", "no-sparse": "CGIR w/o Sparse"}


class _Feed:
    """The batch order of one training run: users (VAE) and triples, each reshuffled per pass."""

    def __init__(self, interactions: sp.csr_matrix, train: Triples, device: str,
                 rng: np.random.Generator) -> None:
        import torch

        self.interactions, self.device = interactions, device
        self.active_users = np.flatnonzero(interactions.getnnz(axis=1) > 0)
        self.user_order, self.user_pos = rng.permutation(self.active_users), 0
        self.n_train = len(train)
        self.triple_order, self.triple_pos = rng.permutation(len(train)), 0
        self.ref = torch.as_tensor(train.ref, dtype=torch.long)
        self.tag = torch.as_tensor(train.tag, dtype=torch.long)
        self.alpha = torch.as_tensor(train.alpha.astype(np.float32))
        self.target = torch.as_tensor(train.target, dtype=torch.long)

    def users(self, size: int, rng: np.random.Generator):
        if self.user_pos >= len(self.user_order):
            self.user_order, self.user_pos = rng.permutation(self.active_users), 0
        batch = self.user_order[self.user_pos:self.user_pos + size]
        self.user_pos += size
        return user_batch(self.interactions, batch, self.device)

    def triples(self, size: int, rng: np.random.Generator):
        import torch

        if self.triple_pos >= len(self.triple_order):
            self.triple_order, self.triple_pos = rng.permutation(self.n_train), 0
        tb = torch.as_tensor(self.triple_order[self.triple_pos:self.triple_pos + size])
        self.triple_pos += size
        return tuple(t[tb].to(self.device) for t in (self.ref, self.tag, self.alpha, self.target))


def ordinal_pairs(dataset: Dataset) -> OrdinalPairs:
    """The degree-faithful term's pairs: genome relevance (withheld items left out) or how many
    users applied each tag (engine.degrees.features)."""
    from engine.degrees.features import raw_release, tag_application_counts, withheld_items

    excluded = withheld_items(dataset.n_items) if dataset.relevance is not None else None
    return OrdinalPairs.from_counts(tag_application_counts(dataset, raw_release(dataset)), excluded)


class CGIR(GradientModel):
    """The paper's model behind the common contract; variant from `config.variant`."""

    config_class = TrainConfig

    def __init__(self, config: TrainConfig | None = None) -> None:
        super().__init__(config)
        self.key = VARIANT_KEYS[self.config.variant]
        self.name = VARIANT_NAMES[self.config.variant]
        self.words: list[str] = []
        self.word_vectors_: np.ndarray | None = None
        self.tag_words_: np.ndarray | None = None
        self.n_users = 0
        self._items: np.ndarray | None = None
        self._tags: np.ndarray | None = None
        self._columns = None
        self._feed: _Feed | None = None
        self._ordinal: OrdinalPairs | None = None

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(VARIANT_KEYS.values())

    # -- the training loop's hooks ----------------------------------------------------------

    def _prepare(self, dataset: Dataset, train: Triples, text: TextVectors, device: str,
                 rng: np.random.Generator) -> int:
        from engine.text.words import tag_word_matrix
        from engine.text.words import word_vectors as load_word_vectors

        cfg = self.config
        self.words, self.tag_words_ = tag_word_matrix(self.tags)
        self.word_vectors_ = (np.asarray(text.words, dtype=np.float32) if text.words is not None
                              else load_word_vectors(self.words))
        self.n_users = dataset.n_users
        self.net = build_net(cfg, dataset.n_users, dataset.n_items, self.word_vectors_,
                             self.tag_words_).to(device)
        interactions = sp.csr_matrix(dataset.interactions, dtype=np.float32)
        self._columns = (normalized_columns(interactions).to(device)
                         if cfg.variant == "no-vae" else None)
        self._feed = _Feed(interactions, train, device, rng)
        self._ordinal = ordinal_pairs(dataset) if cfg.ordinal_weight > 0 else None
        if cfg.steps_per_epoch:
            return cfg.steps_per_epoch
        use_vae = cfg.variant != "no-vae"
        n_steps = max(math.ceil(len(self._feed.active_users) / cfg.batch_users) if use_vae else 1,
                      math.ceil(len(train) / cfg.batch_triples))
        return min(n_steps, cfg.max_steps_per_epoch)

    def _losses(self, rng: np.random.Generator, step: int) -> "dict[str, torch.Tensor]":
        cfg = self.config
        users = self._feed.users(cfg.batch_users, rng) if cfg.variant != "no-vae" else None
        ref, tag, alpha, target = self._feed.triples(cfg.batch_triples, rng)
        beta = cfg.beta * (min(1.0, step / cfg.anneal_steps) if cfg.anneal_steps > 0 else 1.0)
        ordinal = None
        if self._ordinal is not None:
            import torch

            ordinal = tuple(torch.as_tensor(a, device=self._feed.device)
                            for a in self._ordinal.sample(cfg.batch_ordinal, rng))
        return self.net.losses(users, ref, tag, alpha, target, beta, self._columns, ordinal)

    def _total(self, terms: "dict[str, torch.Tensor]") -> "torch.Tensor":
        cfg = self.config
        total = cfg.align_weight * terms["alignment"]
        if "_vae" in terms:
            total = total + cfg.vae_weight * terms["_vae"]
        if "sparse" in terms:
            total = total + cfg.sparse_weight * terms["sparse"]
        if "ordinal" in terms:
            total = total + cfg.ordinal_weight * terms["ordinal"]
        return total

    def _export(self) -> None:
        import torch

        with torch.no_grad():
            items = self.net.item_table(self._columns).float().cpu().numpy()
            tags = self.net.tag_vectors().float().cpu().numpy()
        self._items, self._tags = np.ascontiguousarray(items), np.ascontiguousarray(tags)

    # -- the contract ----------------------------------------------------------------------

    def _require_fitted(self) -> None:
        if self._items is None or self._tags is None:
            raise CGIRError(f"{self.name} is not trained yet: call fit() or load a checkpoint")

    def item_vectors(self) -> np.ndarray:
        """(M, D) unit-norm item vectors h_j (what the Retriever searches)."""
        self._require_fitted()
        return self._items

    def tag_vectors(self) -> np.ndarray:
        """(T, D) attribute vectors F(t)."""
        self._require_fitted()
        return self._tags

    def score(self, ref: np.ndarray, tag: np.ndarray, alpha: np.ndarray,
              gammas: np.ndarray) -> np.ndarray:
        """(B, G, M) inner products <h_j, h_ref + gamma * alpha * F(tag)>."""
        self._require_fitted()
        ref = np.atleast_1d(np.asarray(ref, dtype=np.int64))
        tag = np.atleast_1d(np.asarray(tag, dtype=np.int64))
        alpha = np.atleast_1d(np.asarray(alpha, dtype=np.float32))
        gammas = np.atleast_1d(np.asarray(gammas, dtype=np.float32))
        queries = (self._items[ref][:, None, :]
                   + gammas[None, :, None] * alpha[:, None, None] * self._tags[tag][:, None, :])
        return (queries @ self._items.T).astype(np.float32, copy=False)

    # -- the checkpoint's hooks -------------------------------------------------------------

    def _arrays(self) -> dict[str, np.ndarray]:
        return {"items": self.item_vectors(), "tags": self.tag_vectors(),
                "word_vectors": self.word_vectors_, "tag_words": self.tag_words_}

    def _vocab(self) -> dict:
        return {"tags": list(self.tags), "words": list(self.words)}

    def _shape(self) -> dict:
        return {**super()._shape(), "n_users": self.n_users}

    def _restore(self, checkpoint: "Checkpoint", device: str) -> None:
        arrays = checkpoint.arrays
        self._items = np.ascontiguousarray(arrays["items"], dtype=np.float32)
        self._tags = np.ascontiguousarray(arrays["tags"], dtype=np.float32)
        self.word_vectors_ = np.asarray(arrays["word_vectors"], dtype=np.float32)
        self.tag_words_ = np.asarray(arrays["tag_words"], dtype=np.float32)
        self.words = list(checkpoint.vocab.get("words", []))
        shape = checkpoint.manifest["shape"]
        self.n_users = int(shape["n_users"])
        self.net = build_net(self.config, self.n_users, int(shape["n_items"]),
                             self.word_vectors_, self.tag_words_)
