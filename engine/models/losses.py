"""The loss terms of CGIR as pure functions of tensors (eq. 3, 6 and 8 of the paper).

Each returns a scalar to MINIMISE. Kept apart from the module so tests can check them on small
hand-computed cases. See docs/model.md for how the garbled equations were read.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def multinomial_nll(logits: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """-E_q[log p(x_u | z_u, H)] for a multinomial over items, averaged over users.

    logits: (B, M) unnormalised; x: (B, M) counts (0/1 here). Mult-VAE's likelihood: the sum over
    a user's items of -log softmax(logits)_j.
    """
    return -(F.log_softmax(logits, dim=-1) * x).sum(dim=-1).mean()


def multinomial_nll_indexed(logits: torch.Tensor, rows: torch.Tensor, cols: torch.Tensor,
                            values: torch.Tensor | None = None) -> torch.Tensor:
    """`multinomial_nll` for a sparse x given by its nonzeros (rows, cols, values).

    Equal to multinomial_nll(logits, dense x) without building the dense (B, M) x.
    """
    picked = F.log_softmax(logits, dim=-1)[rows, cols]
    if values is not None:
        picked = picked * values
    return -picked.sum() / logits.shape[0]


def gaussian_kl(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(mu, diag exp(logvar)) || N(0, I)), summed over dimensions, averaged over users."""
    return (0.5 * (mu.pow(2) + logvar.exp() - 1.0 - logvar)).sum(dim=-1).mean()


def average_sparsity_loss(codes: torch.Tensor, rho: float) -> torch.Tensor:
    """ASL of eq. 8: mean over dimensions of max(mean_w f_d(w) - rho, 0)^2.

    codes: (W, D) in [0, 1], one row per word. Only an average activation ABOVE rho is penalised
    (the max(., 0) of eq. 8), so rarely used dimensions are free.
    """
    average = codes.mean(dim=0)
    return torch.clamp(average - rho, min=0.0).pow(2).mean()


def partial_sparsity_loss(codes: torch.Tensor) -> torch.Tensor:
    """PSL of eq. 8: mean over words and dimensions of f_d(w) (1 - f_d(w)); zero at 0 and 1."""
    return (codes * (1.0 - codes)).mean()


def sparse_loss(codes: torch.Tensor, rho: float) -> torch.Tensor:
    """SL = ASL + PSL (eq. 8)."""
    return average_sparsity_loss(codes, rho) + partial_sparsity_loss(codes)


def alignment_loss(queries: torch.Tensor, items: torch.Tensor, target: torch.Tensor,
                   tau: float) -> torch.Tensor:
    """-log p(y_{i,i'} | h_i, h_i') of eq. 6: cross-entropy over ALL items.

    queries: (B, D) = h_i + gamma * sum_t y_t F(t); items: (M, D); target: (B,) rows of i'.
    The softmax of eq. 6 is over <h_j, query> for every item j; tau sharpens it because our item
    vectors have unit norm (docs/model.md).
    """
    return F.cross_entropy(queries @ items.T / tau, target)


def ordinal_loss(more: torch.Tensor, less: torch.Tensor, directions: torch.Tensor,
                 tau: float) -> torch.Tensor:
    """Pairwise logistic loss that item `more` lies further along its tag's direction than `less`.

    more, less: (P, D) item vectors; directions: (P, D) F(t) of each pair's tag (normalised here,
    so the term orders items without growing F).
    """
    unit = F.normalize(directions, dim=-1)
    return F.softplus(-((more - less) * unit).sum(dim=-1) / tau).mean()
