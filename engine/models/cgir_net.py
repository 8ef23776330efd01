"""CGIR's bare network (section 2), as in cornac's VAECF: the torch module and its batch inputs.

:func:`build_net` returns the ``nn.Module`` (encoders, item table H, sparse attribute encoder f,
one ``losses()`` call per step); engine.models.cgir wraps it behind the common contract.
docs/model.md records every reading of the paper and every choice.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from engine.config import TrainConfig

if TYPE_CHECKING:  # torch is imported lazily: loading a checkpoint for retrieval never needs it
    import torch


def _torch():
    import torch

    return torch


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
                   columns: "torch.Tensor | None" = None,
                   ordinal: "tuple[torch.Tensor, ...] | None" = None) -> dict[str, "torch.Tensor"]:
            """Every loss term of one step, by name (to minimise). `ordinal` is (more, less, tag)
            rows of the degree-faithful term (engine.models.ordinal), when it is on."""
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
            if ordinal is not None and len(ordinal[0]):
                more, less, tag = ordinal
                terms["ordinal"] = losses.ordinal_loss(items[more], items[less], tags[tag], config.tau)
            return terms

    return CGIRNet()


def normalized_columns(interactions: sp.csr_matrix):
    """Item x user interactions, each row L2-normalised, as a torch sparse tensor."""
    torch = _torch()
    columns = sp.csr_matrix(interactions.T, dtype=np.float32)
    norms = np.sqrt(np.asarray(columns.multiply(columns).sum(axis=1)).ravel())
    columns = sp.diags(1.0 / np.maximum(norms, 1e-12)) @ columns
    coo = columns.tocoo()
    index = torch.as_tensor(np.vstack([coo.row, coo.col]).astype(np.int64))
    return torch.sparse_coo_tensor(index, torch.as_tensor(coo.data, dtype=torch.float32),
                                   coo.shape, check_invariants=False).coalesce()


def user_batch(interactions: sp.csr_matrix, batch: np.ndarray, device: str):
    """(rows, cols, offsets) long tensors of the users' nonzeros, for the EmbeddingBag."""
    torch = _torch()
    part = interactions[batch]
    counts = np.diff(part.indptr)
    rows = np.repeat(np.arange(len(batch)), counts)
    return (torch.as_tensor(rows, dtype=torch.long, device=device),
            torch.as_tensor(part.indices, dtype=torch.long, device=device),
            torch.as_tensor(part.indptr[:-1], dtype=torch.long, device=device))
