"""The paper's baselines (section 3.1) behind the common GradientModel contract, one per file.

Every baseline sees exactly what CGIR sees: the same triples and split, each item's column of
the interaction matrix as its input (an MLP over the L2-normalised sparse column, the item
encoder of "CGIR w/o VAE"), and the tag's text as a MiniLM vector (``engine.text.minilm.encode``).
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

from engine.models.baselines.cbir import CBIR
from engine.models.baselines.common import TorchBaseline
from engine.models.baselines.dscmr import DSCMR
from engine.models.baselines.tirg import TIRG

BASELINES: dict[str, type[TorchBaseline]] = {"cbir": CBIR, "dscmr": DSCMR, "tirg": TIRG}

__all__ = ["BASELINES", "CBIR", "DSCMR", "TIRG", "TorchBaseline"]
