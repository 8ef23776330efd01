"""DSCMR (Zhen et al. 2019), adapted: items and tag texts in one common space."""

from __future__ import annotations

import numpy as np

from engine.models.baselines.common import (
    TorchBaseline,
    import_torch,
    sample_negatives,
)


class DSCMR(TorchBaseline):
    """Deep supervised cross-modal retrieval adapted: items and tag texts in one common space."""

    name = "DSCMR"
    key = "dscmr"

    @property
    def loss_weights(self) -> dict[str, float]:
        cfg = self.config
        return {"label": cfg.label_weight, "discrimination": cfg.discrimination_weight,
                "invariance": cfg.invariance_weight}

    def _build(self, n_inputs: int, n_tags: int, text_dim: int):
        from engine.models.baselines.nets import DSCMRNet

        return DSCMRNet(n_inputs, text_dim, n_tags, self.config)

    def _tag_vectors(self, net):
        return net.text(self._text)  # (T, D), not normalised: the magnitude is the step size

    def _queries(self, net, items, ref, tag, alpha, gammas):
        torch = import_torch()
        step = alpha[:, None] * self._tag_vectors(net)[tag]
        query = items[ref][:, None, :] + gammas[None, :, None] * step[:, None, :]
        return torch.nn.functional.normalize(query, dim=-1)

    def _batch_losses(self, net, items, batch, rng):
        from engine.models.baselines import nets

        torch = import_torch()
        F = torch.nn.functional
        cfg = self.config
        one = torch.ones(1, device=items.device)
        queries = self._queries(net, items, batch["ref"], batch["tag"], batch["alpha"], one)[:, 0]
        target = batch["target"]
        negatives = sample_negatives(rng, items.shape[0], target.cpu().numpy(), cfg.negatives)
        loss = nets.matching_loss(queries, items, target,
                              torch.as_tensor(negatives, device=items.device), cfg.tau)
        # DSCMR's own losses on the items of this batch and on every tag text.
        rows = np.unique(np.concatenate([batch["ref"].cpu().numpy(), target.cpu().numpy()]))
        labels = torch.as_tensor(self._item_tags[rows].toarray(), device=items.device)
        u = items[torch.as_tensor(rows, device=items.device)]  # (b, D) unit
        v = self._tag_vectors(net)  # (T, D)
        n_tags = v.shape[0]
        eye = torch.eye(n_tags, device=items.device)
        # label space: one linear classifier predicts each sample's labels from both modalities
        label = ((net.classifier(u) - labels).pow(2).mean()
                 + (net.classifier(v) - eye).pow(2).mean())
        # common-space discrimination: -log-likelihood of the label similarity under
        # sigmoid(0.5 cos), inter-modal (item, tag) and intra-modal (item, item)
        v_unit = F.normalize(v, dim=-1)
        inter = 0.5 * u @ v_unit.T
        intra = 0.5 * u @ u.T
        shared = (labels @ labels.T > 0).float()
        discrimination = (F.binary_cross_entropy_with_logits(inter, labels)
                          + F.binary_cross_entropy_with_logits(intra, shared))
        # modality invariance: an item sits near the mean of its tags' text vectors
        counts = labels.sum(-1, keepdim=True)
        has = counts[:, 0] > 0
        invariance = torch.zeros((), device=items.device)
        if bool(has.any()):
            centre = F.normalize((labels @ v_unit) / counts.clamp(min=1), dim=-1)
            invariance = (u[has] - centre[has]).pow(2).sum(-1).mean()
        return {"matching": loss, "label": label, "discrimination": discrimination,
                "invariance": invariance}
