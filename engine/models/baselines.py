"""The paper's baselines (section 3.1) behind the common GradientModel contract.

Every baseline sees exactly what CGIR sees: the same triples and split, each item's column of
the interaction matrix as its input (an MLP over the L2-normalised sparse column, the item
encoder of "CGIR w/o VAE"), and the tag's text as a MiniLM vector (``engine.text.encode``).
They differ in how the query (reference item + modification) is composed and trained:

* **CBIR**: a query MLP over [item ; gamma * alpha * text] matched against items with a
  pointwise *matching* loss (binary cross-entropy on the target and sampled negatives).
* **TIRG** (Vo et al. 2019): residual gating composition phi(x, m) = w_g * sigmoid(g(x, m)) * x
  + w_r * r(x, m), trained with a *ranking* loss (softmax cross-entropy over all items).
  Strength: q(gamma) = (1 - gamma) * x + gamma * phi(x, alpha * m). The composition is
  non-linear, so scaling its text input by gamma would not make gamma = 0 return the reference;
  interpolating does: q(0) = x (the reference itself), q(1) = the trained query, and every
  step in between moves along the segment the model learned to travel.
* **DSCMR** (Zhen et al. 2019), adapted: an item network (interaction column) and a text network
  (tag text) into one common space; a shared linear label classifier over both (label-space
  loss), DSCMR's inter-/intra-modal discrimination loss with "item carries tag" and "items share
  a tag" as the label similarity, and a modality-invariance loss pairing an item with the mean
  of its tags' text vectors. Retrieval composes in the common space, u_ref + gamma * alpha * v_t,
  trained on the triples with the same matching loss as CBIR. Strength: linear, as in CGIR.

For CBIR the modification enters the query MLP scaled: gamma * alpha * P(text). docs/metrics.md
lists these choices. All models early-stop on validation MRR (gamma = 1), never on test.
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.errors import CGIRError, ModelFitError
from engine.models.base import GradientModel, training_bar
from engine.ranking import model_ranks, mrr

if TYPE_CHECKING:
    import torch


@dataclass(frozen=True)
class BaselineConfig:
    """Hyper-parameters shared by the baselines (the same budget for each)."""

    dim: int = 64  # common / item space dimension (CGIR's default)
    hidden: int = 256  # hidden width of every MLP
    dropout: float = 0.2  # on the item MLP's hidden layer
    tau: float = 0.1  # temperature on cosine scores
    negatives: int = 16  # sampled negatives per triple for the matching losses
    lr: float = 1e-3
    weight_decay: float = 0.0
    epochs: int = 30
    batch_triples: int = 512
    max_steps_per_epoch: int = 300
    patience: int = 4  # epochs without a better validation MRR
    max_valid: int = 2000  # validation triples scored per epoch
    input_width: int = 256  # random projection width of the interaction columns
    threads: int = 0  # torch intra-op threads; 0 leaves torch's default
    # DSCMR loss weights (label space, discrimination, modality invariance)
    label_weight: float = 1.0
    discrimination_weight: float = 1.0
    invariance_weight: float = 0.1

    def __post_init__(self) -> None:
        for name in ("dim", "hidden", "negatives", "epochs", "batch_triples",
                     "max_steps_per_epoch", "patience", "max_valid"):
            if getattr(self, name) < 1:
                raise CGIRError(f"baseline {name} must be at least 1, got {getattr(self, name)}")
        if self.tau <= 0 or self.lr <= 0:
            raise CGIRError("baseline tau and lr must be positive")


@dataclass
class BaselineFit:
    best_epoch: int = 0
    best_valid_mrr: float = float("nan")
    history: list[dict] = field(default_factory=list)
    seconds: float = 0.0


def _torch():
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
    """Shared training loop: batches of triples, Adam, early stopping on validation MRR.

    Subclasses build the network (``_build``), the loss of a batch (``_loss``) and the queries
    (``_queries``). Scores are cosine similarities between queries and unit item vectors.
    """

    name = "baseline"
    key = "baseline"

    def __init__(self, config: BaselineConfig | None = None) -> None:
        self.config = config or BaselineConfig()
        self.net = None
        self.fit_result = BaselineFit()
        self._items: np.ndarray | None = None
        self._columns = None
        self._text = None
        self._item_tags = None

    # -- hooks ------------------------------------------------------------------------------

    def _build(self, n_inputs: int, n_tags: int, text_dim: int):
        raise NotImplementedError

    def _loss(self, net, items, batch: dict, rng: np.random.Generator):
        raise NotImplementedError

    def _queries(self, net, items, ref, tag, alpha, gammas):
        """(B, G, D) unit-norm queries; items is the (M, D) unit item table."""
        raise NotImplementedError

    # -- contract ---------------------------------------------------------------------------

    def fit(self, dataset: Dataset, train: Triples, valid: Triples | None = None, *,
            seed: int = 0, device: str = "cpu", progress: bool = False,
            tag_text: np.ndarray | None = None) -> "TorchBaseline":
        """Train on `train`; early-stop on MRR over `valid`. `tag_text` (T x E) skips MiniLM."""
        torch = _torch()
        if len(train) == 0:
            raise CGIRError("no training triples: the dataset has no item pairs that differ in "
                            "exactly one tag; check its tags")
        if device != "cpu" and not torch.cuda.is_available():
            raise CGIRError(f"device {device!r} was requested but torch sees no CUDA GPU; "
                            "use --device cpu")
        if tag_text is None:
            from engine.text import encode

            tag_text = encode(list(dataset.tags))
        tag_text = np.asarray(tag_text, dtype=np.float32)
        if tag_text.shape[0] != dataset.n_tags:
            raise ValueError(f"tag_text has {tag_text.shape[0]} rows for {dataset.n_tags} tags")
        cfg = self.config
        previous_threads = torch.get_num_threads()
        if cfg.threads > 0:
            torch.set_num_threads(cfg.threads)
        try:
            self._fit(dataset, train, valid, seed, device, progress, tag_text)
        finally:
            torch.set_num_threads(previous_threads)
        return self

    def _fit(self, dataset, train, valid, seed, device, progress, tag_text) -> None:
        torch = _torch()
        cfg = self.config
        started = time.perf_counter()
        torch.manual_seed(seed)
        rng = np.random.default_rng(seed)
        self._columns = torch.as_tensor(
            item_inputs(dataset.interactions, cfg.input_width, seed)).to(device)
        self._text = torch.as_tensor(tag_text).to(device)
        self._item_tags = sp.csr_matrix(dataset.item_tags, dtype=np.float32)
        net = self._build(self._columns.shape[1], dataset.n_tags, tag_text.shape[1]).to(device)
        self.net = net
        optimizer = torch.optim.Adam(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        if valid is not None and len(valid) > cfg.max_valid:
            valid = valid.subset(np.sort(rng.choice(len(valid), cfg.max_valid, replace=False)))
        n_steps = min(cfg.max_steps_per_epoch, math.ceil(len(train) / cfg.batch_triples))
        order, pos = rng.permutation(len(train)), 0
        result = BaselineFit()
        best_state, best, bad = None, -1.0, 0
        bar = training_bar(cfg.epochs * n_steps, self.name, enabled=progress, leave=False)
        try:
            for epoch in range(1, cfg.epochs + 1):
                net.train()
                running = 0.0
                for _ in range(n_steps):
                    if pos >= len(order):
                        order, pos = rng.permutation(len(train)), 0
                    index = order[pos:pos + cfg.batch_triples]
                    pos += cfg.batch_triples
                    batch = {
                        "ref": torch.as_tensor(train.ref[index], device=device),
                        "tag": torch.as_tensor(train.tag[index], device=device),
                        "alpha": torch.as_tensor(train.alpha[index].astype(np.float32),
                                                 device=device),
                        "target": torch.as_tensor(train.target[index], device=device),
                        "index": index, "train": train,
                    }
                    items = net.item_table(self._columns)
                    loss = self._loss(net, items, batch, rng)
                    if not torch.isfinite(loss):
                        raise ModelFitError(f"{self.name} training diverged (loss {float(loss)}) "
                                            f"at epoch {epoch}; lower the learning rate")
                    optimizer.zero_grad(set_to_none=True)
                    loss.backward()
                    optimizer.step()
                    value = float(loss.detach())
                    running = 0.9 * running + 0.1 * value if running else value
                    bar.update(1)
                score = self._valid_mrr(valid) if valid is not None and len(valid) else -running
                result.history.append({"epoch": epoch, "loss": round(running, 6),
                                       "valid_mrr": round(score, 6)})
                bar.set_postfix({"epoch": epoch, "val_mrr": f"{score:.4f}"})
                if score > best:
                    best, bad = score, 0
                    best_state = copy.deepcopy(net.state_dict())
                    result.best_epoch, result.best_valid_mrr = epoch, score
                else:
                    bad += 1
                    if bad >= cfg.patience:
                        break
        finally:
            bar.close()
        if best_state is not None:
            net.load_state_dict(best_state)
        net.eval()
        self._export()
        result.seconds = time.perf_counter() - started
        self.fit_result = result

    def _export(self) -> None:
        torch = _torch()
        with torch.no_grad():
            self.net.eval()
            self._items = self.net.item_table(self._columns).float().cpu().numpy()

    def _valid_mrr(self, valid: Triples) -> float:
        self._export()
        self.net.train()
        return mrr(model_ranks(self, valid))

    def item_vectors(self) -> np.ndarray:
        if self._items is None:
            raise CGIRError(f"{self.name} is not trained yet: call fit() first")
        return self._items

    def score(self, ref: np.ndarray, tag: np.ndarray, alpha: np.ndarray,
              gammas: np.ndarray) -> np.ndarray:
        """(B, G, M) cosine scores of every item against the query at each strength."""
        torch = _torch()
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


# -- shared pieces ---------------------------------------------------------------------------


def _item_mlp(nn, n_inputs: int, cfg: BaselineConfig):
    return nn.ModuleDict({
        "first": nn.Linear(n_inputs, cfg.hidden),
        "second": nn.Linear(cfg.hidden, cfg.dim),
        "dropout": nn.Dropout(cfg.dropout),
    })


def _encode_items(layers, columns):
    """MLP over each item's (projected) interaction column, unit-normalised: (M, D)."""
    torch = _torch()
    hidden = layers["dropout"](torch.relu(layers["first"](columns)))
    return torch.nn.functional.normalize(layers["second"](hidden), dim=-1)


def _sample_negatives(rng: np.random.Generator, n_items: int, target: np.ndarray,
                      k: int) -> np.ndarray:
    """(B, k) random item rows; an accidental hit on the target is moved one row on."""
    negatives = rng.integers(0, n_items, size=(len(target), k))
    clash = negatives == target[:, None]
    negatives[clash] = (negatives[clash] + 1) % n_items
    return negatives


def _matching_loss(queries, items, target, negatives, tau: float):
    """Pointwise BCE: the target matches the query (1), sampled items do not (0)."""
    torch = _torch()
    F = torch.nn.functional
    positive = (queries * items[target]).sum(-1) / tau
    negative = torch.einsum("bd,bkd->bk", queries, items[negatives]) / tau
    return (F.binary_cross_entropy_with_logits(positive, torch.ones_like(positive))
            + F.binary_cross_entropy_with_logits(negative, torch.zeros_like(negative)))


# -- CBIR ------------------------------------------------------------------------------------


class CBIR(TorchBaseline):
    """Content-based item retrieval: an MLP over [reference item ; modification text]."""

    name = "CBIR"
    key = "cbir"

    def _build(self, n_inputs: int, n_tags: int, text_dim: int):
        torch = _torch()
        nn = torch.nn
        cfg = self.config

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.items = _item_mlp(nn, n_inputs, cfg)
                self.text = nn.Linear(text_dim, cfg.dim)
                self.query = nn.Sequential(nn.Linear(2 * cfg.dim, cfg.hidden), nn.ReLU(),
                                           nn.Linear(cfg.hidden, cfg.dim))

            def item_table(self, columns):
                return _encode_items(self.items, columns)

        return Net()

    def _compose(self, net, items, ref, tag, alpha, gamma):
        torch = _torch()
        modification = gamma[..., None] * alpha[..., None] * net.text(self._text[tag])
        query = net.query(torch.cat([items[ref], modification], dim=-1))
        return torch.nn.functional.normalize(query, dim=-1)

    def _loss(self, net, items, batch, rng):
        torch = _torch()
        ones = torch.ones_like(batch["alpha"])
        queries = self._compose(net, items, batch["ref"], batch["tag"], batch["alpha"], ones)
        negatives = _sample_negatives(rng, items.shape[0], batch["target"].cpu().numpy(),
                                      self.config.negatives)
        return _matching_loss(queries, items, batch["target"],
                              torch.as_tensor(negatives, device=items.device), self.config.tau)

    def _queries(self, net, items, ref, tag, alpha, gammas):
        b, g = len(ref), len(gammas)
        return self._compose(net, items, ref.repeat_interleave(g), tag.repeat_interleave(g),
                             alpha.repeat_interleave(g), gammas.repeat(b)).reshape(b, g, -1)


# -- TIRG ------------------------------------------------------------------------------------


class TIRG(TorchBaseline):
    """Residual gating composition of item and modification text, softmax ranking loss."""

    name = "TIRG"
    key = "tirg"

    def _build(self, n_inputs: int, n_tags: int, text_dim: int):
        torch = _torch()
        nn = torch.nn
        cfg = self.config

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.items = _item_mlp(nn, n_inputs, cfg)
                self.text = nn.Linear(text_dim, cfg.dim)
                self.gate = nn.Sequential(nn.Linear(2 * cfg.dim, cfg.hidden), nn.ReLU(),
                                          nn.Linear(cfg.hidden, cfg.dim))
                self.residual = nn.Sequential(nn.Linear(2 * cfg.dim, cfg.hidden), nn.ReLU(),
                                              nn.Linear(cfg.hidden, cfg.dim))
                # TIRG's learned mixing weights, initialised as in the original (1.0, 0.1)
                self.weights = nn.Parameter(torch.tensor([1.0, 0.1]))

            def item_table(self, columns):
                return _encode_items(self.items, columns)

            def compose(self, x, m):
                joint = torch.cat([x, m], dim=-1)
                return (self.weights[0] * torch.sigmoid(self.gate(joint)) * x
                        + self.weights[1] * self.residual(joint))

        return Net()

    def _queries(self, net, items, ref, tag, alpha, gammas):
        torch = _torch()
        x = items[ref]  # (B, D), unit
        composed = net.compose(x, alpha[:, None] * net.text(self._text[tag]))
        g = gammas[None, :, None]
        query = (1.0 - g) * x[:, None, :] + g * composed[:, None, :]
        return torch.nn.functional.normalize(query, dim=-1)

    def _loss(self, net, items, batch, rng):
        torch = _torch()
        one = torch.ones(1, device=items.device)
        queries = self._queries(net, items, batch["ref"], batch["tag"], batch["alpha"], one)[:, 0]
        return torch.nn.functional.cross_entropy(queries @ items.T / self.config.tau,
                                                 batch["target"])


# -- DSCMR -----------------------------------------------------------------------------------


class DSCMR(TorchBaseline):
    """Deep supervised cross-modal retrieval adapted: items and tag texts in one common space."""

    name = "DSCMR"
    key = "dscmr"

    def _build(self, n_inputs: int, n_tags: int, text_dim: int):
        torch = _torch()
        nn = torch.nn
        cfg = self.config

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.items = _item_mlp(nn, n_inputs, cfg)
                self.text = nn.Sequential(nn.Linear(text_dim, cfg.hidden), nn.ReLU(),
                                          nn.Linear(cfg.hidden, cfg.dim))
                self.classifier = nn.Linear(cfg.dim, n_tags)  # shared by both modalities

            def item_table(self, columns):
                return _encode_items(self.items, columns)

        return Net()

    def _tag_vectors(self, net):
        return net.text(self._text)  # (T, D), not normalised: the magnitude is the step size

    def _queries(self, net, items, ref, tag, alpha, gammas):
        torch = _torch()
        step = alpha[:, None] * self._tag_vectors(net)[tag]
        query = items[ref][:, None, :] + gammas[None, :, None] * step[:, None, :]
        return torch.nn.functional.normalize(query, dim=-1)

    def _loss(self, net, items, batch, rng):
        torch = _torch()
        F = torch.nn.functional
        cfg = self.config
        one = torch.ones(1, device=items.device)
        queries = self._queries(net, items, batch["ref"], batch["tag"], batch["alpha"], one)[:, 0]
        target = batch["target"]
        negatives = _sample_negatives(rng, items.shape[0], target.cpu().numpy(), cfg.negatives)
        loss = _matching_loss(queries, items, target,
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
        return (loss + cfg.label_weight * label + cfg.discrimination_weight * discrimination
                + cfg.invariance_weight * invariance)


BASELINES: dict[str, type[TorchBaseline]] = {"cbir": CBIR, "dscmr": DSCMR, "tirg": TIRG}


def make_baseline(key: str, config: BaselineConfig | None = None, **overrides) -> TorchBaseline:
    """A baseline by key ("cbir", "dscmr", "tirg"); overrides change BaselineConfig fields."""
    if key not in BASELINES:
        raise CGIRError(f"unknown baseline {key!r}; choose from {', '.join(BASELINES)}")
    config = config or BaselineConfig()
    if overrides:
        config = replace(config, **{k: v for k, v in overrides.items() if v is not None})
    return BASELINES[key](config)
