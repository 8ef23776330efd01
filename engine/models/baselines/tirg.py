"""TIRG (Vo et al. 2019): residual gating composition of item and text, softmax ranking loss."""

from __future__ import annotations

from engine.models.baselines.common import (
    TorchBaseline,
    encode_items,
    import_torch,
    item_mlp,
)


class TIRG(TorchBaseline):
    """Residual gating composition of item and modification text, softmax ranking loss."""

    name = "TIRG"
    key = "tirg"

    def _build(self, n_inputs: int, n_tags: int, text_dim: int):
        torch = import_torch()
        nn = torch.nn
        cfg = self.config

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.items = item_mlp(nn, n_inputs, cfg)
                self.text = nn.Linear(text_dim, cfg.dim)
                self.gate = nn.Sequential(nn.Linear(2 * cfg.dim, cfg.hidden), nn.ReLU(),
                                          nn.Linear(cfg.hidden, cfg.dim))
                self.residual = nn.Sequential(nn.Linear(2 * cfg.dim, cfg.hidden), nn.ReLU(),
                                              nn.Linear(cfg.hidden, cfg.dim))
                # TIRG's learned mixing weights, initialised as in the original (1.0, 0.1)
                self.weights = nn.Parameter(torch.tensor([1.0, 0.1]))

            def item_table(self, columns):
                return encode_items(self.items, columns)

            def compose(self, x, m):
                joint = torch.cat([x, m], dim=-1)
                return (self.weights[0] * torch.sigmoid(self.gate(joint)) * x
                        + self.weights[1] * self.residual(joint))

        return Net()

    def _queries(self, net, items, ref, tag, alpha, gammas):
        torch = import_torch()
        x = items[ref]  # (B, D), unit
        composed = net.compose(x, alpha[:, None] * net.text(self._text[tag]))
        g = gammas[None, :, None]
        query = (1.0 - g) * x[:, None, :] + g * composed[:, None, :]
        return torch.nn.functional.normalize(query, dim=-1)

    def _batch_losses(self, net, items, batch, rng):
        torch = import_torch()
        one = torch.ones(1, device=items.device)
        queries = self._queries(net, items, batch["ref"], batch["tag"], batch["alpha"], one)[:, 0]
        return {"ranking": torch.nn.functional.cross_entropy(queries @ items.T / self.config.tau,
                                                             batch["target"])}
