"""CGIR: a weakly-supervised VAE item space aligned with a sparse attribute space (section 2).

Two layers, as in cornac's VAECF: :class:`CGIRNet` is the bare ``nn.Module`` (encoders, item
table, sparse attribute encoder, one ``losses()`` call per step) and :class:`CGIR` is the
:class:`~engine.models.base.GradientModel` wrapper (training loop, early stopping, numpy arrays
for scoring, save/load). docs/model.md records every reading of the paper and every choice.
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from engine.config import TrainConfig
from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.errors import CGIRError, ModelFitError
from engine.models.base import GradientModel, training_bar
from engine.ranking import model_ranks, ranking_metrics

if TYPE_CHECKING:  # torch is imported lazily: loading a checkpoint for retrieval never needs it
    import torch


def _torch():
    import torch

    return torch


def resolve_device(device: str) -> str:
    """'cpu' or a CUDA device that exists; a clear error when CUDA is asked for and absent."""
    torch = _torch()
    if device == "cpu":
        return device
    if not torch.cuda.is_available():
        raise CGIRError(f"device {device!r} was requested but this torch build sees no CUDA GPU "
                        "(torch.cuda.is_available() is False); train with --device cpu")
    return device


def build_net(config: TrainConfig, n_users: int, n_items: int, word_vectors: np.ndarray,
              tag_words: np.ndarray):
    """The torch module for `config` (a function so torch stays a lazy import)."""
    torch = _torch()
    nn = torch.nn
    F = torch.nn.functional
    from engine.models import losses

    class CGIRNet(nn.Module):
        """Encoders, item table H and sparse attribute encoder f; see the module docstring."""

        def __init__(self) -> None:
            super().__init__()
            d = config.dim
            self.variant = config.variant
            self.register_buffer("word_vectors", torch.as_tensor(word_vectors, dtype=torch.float32))
            self.register_buffer("tag_words", torch.as_tensor(tag_words, dtype=torch.float32))
            # f: pre-trained word vector -> [0, 1]^D (eq. 7). The output bias starts at logit(rho)
            # so codes begin near the sparsity target instead of at 0.5 everywhere.
            self.word_mlp = nn.Sequential(
                nn.Linear(word_vectors.shape[1], config.word_hidden), nn.Tanh(),
                nn.Linear(config.word_hidden, d),
            )
            with torch.no_grad():
                self.word_mlp[2].bias.fill_(math.log(config.rho / (1.0 - config.rho)))
            if self.variant == "no-vae":
                # CGIR w/o VAE: an item is an MLP over its column of interactions.
                self.item_encoder = nn.Sequential(
                    nn.Linear(n_users, config.item_hidden), nn.ReLU(),
                    nn.Linear(config.item_hidden, d),
                )
            else:
                # q(z_u | x_u): Mult-VAE's encoder, one tanh layer, then mu and log sigma^2.
                # The first layer is an EmbeddingBag over the user's items: the same product as
                # a Linear layer on the (normalised) sparse x_u, without a dense (B, M) input.
                self.encoder = nn.EmbeddingBag(n_items, config.hidden, mode="sum")
                self.encoder_bias = nn.Parameter(torch.zeros(config.hidden))
                nn.init.uniform_(self.encoder.weight, -1.0 / math.sqrt(n_items), 1.0 / math.sqrt(n_items))
                self.to_mu_logvar = nn.Linear(config.hidden, 2 * d)
                # H kept as a table (section 2.3), plus a per-item popularity bias that only the
                # likelihood uses, so that popularity does not have to live in H's norms.
                self.items = nn.Embedding(n_items, d)
                nn.init.normal_(self.items.weight, std=0.1)
                self.item_bias = nn.Parameter(torch.zeros(n_items))
            self.dropout = nn.Dropout(config.dropout)

        # -- representations ----------------------------------------------------------------

        def word_codes(self) -> "torch.Tensor":
            """f(w) for every vocabulary word: (W, D) in [0, 1]."""
            return torch.sigmoid(self.word_mlp(self.word_vectors))

        def tag_vectors(self, codes: "torch.Tensor | None" = None) -> "torch.Tensor":
            """F(t) = sum_{w in W(t)} f(w): (T, D)."""
            return self.tag_words @ (self.word_codes() if codes is None else codes)

        def item_table(self, columns: "torch.Tensor | None" = None) -> "torch.Tensor":
            """Unit-norm item vectors (M, D); the no-vae variant encodes `columns` (M x N)."""
            if self.variant == "no-vae":
                if columns is None:
                    raise RuntimeError("the no-vae variant needs the item interaction columns")
                raw = self.item_encoder(columns)
            else:
                raw = self.items.weight
            return F.normalize(raw, dim=-1) if config.normalize_items else raw

        # -- losses -------------------------------------------------------------------------

        def losses(self, users: "torch.Tensor | None", ref: "torch.Tensor", tag: "torch.Tensor",
                   alpha: "torch.Tensor", target: "torch.Tensor", beta: float,
                   columns: "torch.Tensor | None" = None) -> dict[str, "torch.Tensor"]:
            """Every loss term of one step, by name (to minimise)."""
            items = self.item_table(columns)
            terms: dict[str, torch.Tensor] = {}
            if self.variant != "no-vae" and users is not None:
                rows, cols, offsets = users  # the batch's nonzeros (CSR order) and row starts
                # L2-normalised x_u with input dropout (Mult-VAE), as per-item weights.
                counts = torch.diff(torch.cat([offsets, offsets.new_tensor([len(cols)])]))
                weights = torch.rsqrt(counts.clamp(min=1).float())[rows]
                weights = self.dropout(weights)
                hidden = torch.tanh(self.encoder(cols, offsets, per_sample_weights=weights)
                                    + self.encoder_bias)
                mu, logvar = self.to_mu_logvar(hidden).chunk(2, dim=-1)
                # reparameterisation trick: z = mu + sigma * eps
                z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
                logits = z @ items.T / config.tau + self.item_bias
                terms["reconstruction"] = losses.multinomial_nll_indexed(logits, rows, cols)
                terms["kl"] = losses.gaussian_kl(mu, logvar)
                terms["_vae"] = terms["reconstruction"] + beta * terms["kl"]
            codes = self.word_codes()
            tags = self.tag_vectors(codes)
            queries = items[ref] + alpha.unsqueeze(-1) * tags[tag]  # gamma = 1 in training
            terms["alignment"] = losses.alignment_loss(queries, items, target, config.tau)
            if self.variant != "no-sparse":
                terms["sparse"] = losses.sparse_loss(codes, config.rho)
            return terms

    return CGIRNet()


@dataclass
class FitResult:
    """What training left behind: the best epoch's metrics and the per-epoch history."""

    best_epoch: int = 0
    best_metrics: dict = field(default_factory=dict)
    history: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    stopped_early: bool = False


def _normalized_columns(interactions: sp.csr_matrix):
    """Item x user interactions, each row L2-normalised, as a torch sparse tensor."""
    torch = _torch()
    columns = sp.csr_matrix(interactions.T, dtype=np.float32)
    norms = np.sqrt(np.asarray(columns.multiply(columns).sum(axis=1)).ravel())
    columns = sp.diags(1.0 / np.maximum(norms, 1e-12)) @ columns
    coo = columns.tocoo()
    index = torch.as_tensor(np.vstack([coo.row, coo.col]).astype(np.int64))
    return torch.sparse_coo_tensor(index, torch.as_tensor(coo.data, dtype=torch.float32),
                                   coo.shape, check_invariants=False).coalesce()


class CGIR(GradientModel):
    """The paper's model behind the common contract; variant from `config.variant`."""

    def __init__(self, config: TrainConfig | None = None) -> None:
        self.config = config or TrainConfig()
        self.name = {"cgir": "CGIR", "no-vae": "CGIR w/o VAE",
                     "no-sparse": "CGIR w/o Sparse"}[self.config.variant]
        self.net = None
        self.words: list[str] = []
        self.word_vectors_: np.ndarray | None = None
        self.tag_words_: np.ndarray | None = None
        self.tags: tuple[str, ...] = ()
        self._items: np.ndarray | None = None
        self._tags: np.ndarray | None = None
        self.result = FitResult()
        self.n_users = 0

    # -- contract ---------------------------------------------------------------------------

    def fit(self, dataset: Dataset, train: Triples, valid: Triples | None = None, *,
            seed: int | None = None, device: str | None = None, progress: bool = False,
            word_vectors: np.ndarray | None = None) -> "CGIR":
        """Train end to end on the interactions and `train`; early-stop on MRR over `valid`.

        seed/device default to the config's. `word_vectors` (W x 384) skips MiniLM, for tests.
        """
        from engine.models.words import tag_word_matrix
        from engine.models.words import word_vectors as load_word_vectors

        torch = _torch()
        cfg = self.config.replace(seed=seed, device=device)
        self.config = cfg
        device = resolve_device(cfg.device)
        if len(train) == 0:
            raise CGIRError("no training triples: the dataset has no item pairs that differ in "
                            "exactly one tag; check its tags")
        self.tags = tuple(dataset.tags)
        self.words, self.tag_words_ = tag_word_matrix(self.tags)
        self.word_vectors_ = (np.asarray(word_vectors, dtype=np.float32) if word_vectors is not None
                              else load_word_vectors(self.words))
        self.n_users = dataset.n_users

        previous_threads = torch.get_num_threads()
        if cfg.threads > 0:
            torch.set_num_threads(cfg.threads)
        try:
            self._train(dataset, train, valid, device, progress)
        finally:
            torch.set_num_threads(previous_threads)
        return self

    def _train(self, dataset: Dataset, train: Triples, valid: Triples | None, device: str,
               progress: bool) -> None:
        torch = _torch()
        cfg = self.config
        started = time.perf_counter()
        torch.manual_seed(cfg.seed)
        rng = np.random.default_rng(cfg.seed)
        net = build_net(cfg, dataset.n_users, dataset.n_items, self.word_vectors_,
                        self.tag_words_).to(device)
        self.net = net
        optimizer = torch.optim.Adam(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay,
                                     foreach=True)
        interactions = sp.csr_matrix(dataset.interactions, dtype=np.float32)
        columns = _normalized_columns(interactions).to(device) if cfg.variant == "no-vae" else None
        active_users = np.flatnonzero(interactions.getnnz(axis=1) > 0)
        if valid is not None and len(valid) > cfg.max_valid:
            valid = valid.subset(np.sort(rng.choice(len(valid), cfg.max_valid, replace=False)))

        use_vae = cfg.variant != "no-vae"
        n_steps = cfg.steps_per_epoch or max(
            math.ceil(len(active_users) / cfg.batch_users) if use_vae else 1,
            math.ceil(len(train) / cfg.batch_triples),
        )
        n_steps = min(n_steps, cfg.max_steps_per_epoch) if not cfg.steps_per_epoch else n_steps
        user_order, user_pos = rng.permutation(active_users), 0
        triple_order, triple_pos = rng.permutation(len(train)), 0
        t_ref = torch.as_tensor(train.ref, dtype=torch.long)
        t_tag = torch.as_tensor(train.tag, dtype=torch.long)
        t_alpha = torch.as_tensor(train.alpha.astype(np.float32))
        t_target = torch.as_tensor(train.target, dtype=torch.long)

        result = FitResult()
        best_state, best_mrr, bad_epochs, global_step = None, -1.0, 0, 0
        bar = training_bar(cfg.epochs * n_steps, self.name, enabled=progress, leave=True)
        try:
            for epoch in range(1, cfg.epochs + 1):
                net.train()
                running: dict[str, float] = {}
                for _ in range(n_steps):
                    users = None
                    if use_vae:
                        if user_pos >= len(user_order):
                            user_order, user_pos = rng.permutation(active_users), 0
                        batch = user_order[user_pos:user_pos + cfg.batch_users]
                        user_pos += cfg.batch_users
                        users = self._user_batch(interactions, batch, device)
                    if triple_pos >= len(triple_order):
                        triple_order, triple_pos = rng.permutation(len(train)), 0
                    tb = torch.as_tensor(triple_order[triple_pos:triple_pos + cfg.batch_triples])
                    triple_pos += cfg.batch_triples
                    beta = cfg.beta * (min(1.0, global_step / cfg.anneal_steps)
                                       if cfg.anneal_steps > 0 else 1.0)
                    terms = net.losses(users, t_ref[tb].to(device), t_tag[tb].to(device),
                                       t_alpha[tb].to(device), t_target[tb].to(device), beta,
                                       columns)
                    loss = self._total(terms, epoch, global_step)
                    optimizer.zero_grad(set_to_none=True)
                    loss.backward()
                    optimizer.step()
                    global_step += 1
                    for name, value in terms.items():
                        if not name.startswith("_"):
                            v = float(value.detach())
                            running[name] = 0.9 * running.get(name, v) + 0.1 * v
                    bar.update(1)
                    bar.set_postfix({"epoch": epoch, **{k[:5]: f"{v:.3g}" for k, v in running.items()}},
                                    refresh=False)
                metrics = self._validate(net, columns, valid)
                record = {"epoch": epoch, "step": global_step, **{f"loss_{k}": round(v, 6) for k, v in running.items()},
                          **{f"valid_{k}": round(v, 6) for k, v in metrics.items()},
                          "seconds": round(time.perf_counter() - started, 3)}
                result.history.append(record)
                bar.set_postfix({"epoch": epoch, "val_mrr": f"{metrics.get('mrr', float('nan')):.4f}",
                                 **{k[:5]: f"{v:.3g}" for k, v in running.items()}})
                score = metrics.get("mrr", -float(running.get("alignment", 0.0)))
                if valid is None or score > best_mrr:
                    best_mrr, bad_epochs = score, 0
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
        self._items, self._tags = self._export(net, columns)
        result.seconds = time.perf_counter() - started
        self.result = result

    @staticmethod
    def _user_batch(interactions: sp.csr_matrix, batch: np.ndarray, device: str):
        """(rows, cols, offsets) long tensors of the users' nonzeros, for the EmbeddingBag."""
        torch = _torch()
        part = interactions[batch]
        counts = np.diff(part.indptr)
        rows = np.repeat(np.arange(len(batch)), counts)
        return (torch.as_tensor(rows, dtype=torch.long, device=device),
                torch.as_tensor(part.indices, dtype=torch.long, device=device),
                torch.as_tensor(part.indptr[:-1], dtype=torch.long, device=device))

    def _total(self, terms: dict, epoch: int, step: int):
        """Weighted sum; a NaN/inf term stops training with its name (ModelFitError)."""
        torch = _torch()
        cfg = self.config
        for name, value in terms.items():
            if not name.startswith("_") and not torch.isfinite(value).all():
                raise ModelFitError(
                    f"training diverged: the {name} loss became {float(value.detach())} at epoch {epoch}, "
                    f"step {step + 1}; lower the learning rate (lr={cfg.lr}) or the weight of "
                    f"that term, or check the data for empty users/items")
        total = cfg.align_weight * terms["alignment"]
        if "_vae" in terms:
            total = total + cfg.vae_weight * terms["_vae"]
        if "sparse" in terms:
            total = total + cfg.sparse_weight * terms["sparse"]
        return total

    def _export(self, net, columns) -> tuple[np.ndarray, np.ndarray]:
        torch = _torch()
        with torch.no_grad():
            items = net.item_table(columns).float().cpu().numpy()
            tags = net.tag_vectors().float().cpu().numpy()
        return np.ascontiguousarray(items), np.ascontiguousarray(tags)

    def _validate(self, net, columns, valid: Triples | None) -> dict[str, float]:
        if valid is None or len(valid) == 0:
            return {}
        net.eval()
        self._items, self._tags = self._export(net, columns)
        net.train()
        return ranking_metrics(model_ranks(self, valid))

    def _require_fitted(self) -> None:
        if self._items is None or self._tags is None:
            raise CGIRError("the model is not trained yet: call fit() or load a checkpoint")

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

    # -- persistence --------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Weights, config, vocabulary and exported arrays into the folder `path`."""
        from engine.checkpoint import save_model

        save_model(self, Path(path))

    @classmethod
    def load(cls, path: Path) -> "CGIR":
        from engine.checkpoint import load_model

        return load_model(Path(path))
