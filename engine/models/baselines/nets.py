"""The baselines' bare networks (cornac's split: the nn.Modules here, the wrappers beside them).

torch is imported at the top of this module, and this module only inside the wrappers' `_build`,
so importing engine.models never loads torch.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from engine.config import BaselineConfig


def _mlp(n_in: int, hidden: int, n_out: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, n_out))


class ItemEncoder(nn.Module):
    """MLP over each item's (projected) interaction column, unit-normalised: (M, D)."""

    def __init__(self, n_inputs: int, cfg: BaselineConfig) -> None:
        super().__init__()
        self.first = nn.Linear(n_inputs, cfg.hidden)
        self.second = nn.Linear(cfg.hidden, cfg.dim)
        self.dropout = nn.Dropout(cfg.dropout)

    def forward(self, columns: torch.Tensor) -> torch.Tensor:
        hidden = self.dropout(torch.relu(self.first(columns)))
        return F.normalize(self.second(hidden), dim=-1)


class BaselineNet(nn.Module):
    """An item encoder and a text encoder; subclasses add how the query is composed."""

    def __init__(self, n_inputs: int, text: nn.Module, cfg: BaselineConfig) -> None:
        super().__init__()
        self.items = ItemEncoder(n_inputs, cfg)
        self.text = text

    def item_table(self, columns: torch.Tensor) -> torch.Tensor:
        return self.items(columns)


class CBIRNet(BaselineNet):
    """A query MLP over [reference item ; modification]."""

    def __init__(self, n_inputs: int, text_dim: int, cfg: BaselineConfig) -> None:
        super().__init__(n_inputs, nn.Linear(text_dim, cfg.dim), cfg)
        self.query = _mlp(2 * cfg.dim, cfg.hidden, cfg.dim)


class TIRGNet(BaselineNet):
    """Residual gating: phi(x, m) = w_g * sigmoid(g(x, m)) * x + w_r * r(x, m)."""

    def __init__(self, n_inputs: int, text_dim: int, cfg: BaselineConfig) -> None:
        super().__init__(n_inputs, nn.Linear(text_dim, cfg.dim), cfg)
        self.gate = _mlp(2 * cfg.dim, cfg.hidden, cfg.dim)
        self.residual = _mlp(2 * cfg.dim, cfg.hidden, cfg.dim)
        # TIRG's learned mixing weights, initialised as in the original (1.0, 0.1)
        self.weights = nn.Parameter(torch.tensor([1.0, 0.1]))

    def compose(self, x: torch.Tensor, m: torch.Tensor) -> torch.Tensor:
        joint = torch.cat([x, m], dim=-1)
        return (self.weights[0] * torch.sigmoid(self.gate(joint)) * x
                + self.weights[1] * self.residual(joint))


class DSCMRNet(BaselineNet):
    """Item and text networks into one common space, a label classifier shared by both."""

    def __init__(self, n_inputs: int, text_dim: int, n_tags: int, cfg: BaselineConfig) -> None:
        super().__init__(n_inputs, _mlp(text_dim, cfg.hidden, cfg.dim), cfg)
        self.classifier = nn.Linear(cfg.dim, n_tags)


def matching_loss(queries: torch.Tensor, items: torch.Tensor, target: torch.Tensor,
                  negatives: torch.Tensor, tau: float) -> torch.Tensor:
    """Pointwise BCE: the target matches the query (1), sampled items do not (0)."""
    positive = (queries * items[target]).sum(-1) / tau
    negative = torch.einsum("bd,bkd->bk", queries, items[negatives]) / tau
    return (F.binary_cross_entropy_with_logits(positive, torch.ones_like(positive))
            + F.binary_cross_entropy_with_logits(negative, torch.zeros_like(negative)))
