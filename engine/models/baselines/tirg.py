"""TIRG (Vo et al. 2019): residual gating composition of item and text, softmax ranking loss."""

from __future__ import annotations

from engine.models.baselines.common import (
    TorchBaseline,
    import_torch,
)


class TIRG(TorchBaseline):
    """Residual gating composition of item and modification text, softmax ranking loss."""

    name = "TIRG"
    key = "tirg"

    def _build(self, n_inputs: int, n_tags: int, text_dim: int):
        from engine.models.baselines.nets import TIRGNet

        return TIRGNet(n_inputs, text_dim, self.config)

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
