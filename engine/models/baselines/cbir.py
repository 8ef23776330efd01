"""CBIR: a query MLP over [reference item ; gamma * alpha * text], pointwise matching loss."""

from __future__ import annotations

from engine.models.baselines.common import (
    TorchBaseline,
    import_torch,
    sample_negatives,
)


class CBIR(TorchBaseline):
    """Content-based item retrieval: an MLP over [reference item ; modification text]."""

    name = "CBIR"
    key = "cbir"

    def _build(self, n_inputs: int, n_tags: int, text_dim: int):
        from engine.models.baselines.nets import CBIRNet

        return CBIRNet(n_inputs, text_dim, self.config)

    def _compose(self, net, items, ref, tag, alpha, gamma):
        torch = import_torch()
        modification = gamma[..., None] * alpha[..., None] * net.text(self._text[tag])
        query = net.query(torch.cat([items[ref], modification], dim=-1))
        return torch.nn.functional.normalize(query, dim=-1)

    def _batch_losses(self, net, items, batch, rng):
        from engine.models.baselines import nets

        torch = import_torch()
        ones = torch.ones_like(batch["alpha"])
        queries = self._compose(net, items, batch["ref"], batch["tag"], batch["alpha"], ones)
        negatives = sample_negatives(rng, items.shape[0], batch["target"].cpu().numpy(),
                                      self.config.negatives)
        return {"matching": nets.matching_loss(queries, items, batch["target"],
                                          torch.as_tensor(negatives, device=items.device),
                                          self.config.tau)}

    def _queries(self, net, items, ref, tag, alpha, gammas):
        b, g = len(ref), len(gammas)
        return self._compose(net, items, ref.repeat_interleave(g), tag.repeat_interleave(g),
                             alpha.repeat_interleave(g), gammas.repeat(b)).reshape(b, g, -1)
