"""The six models by key: build one with overrides, load any checkpoint back as its class.

Keys are stable (`cgir eval --models`, results.json); the order is the paper's tables'.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.models.checkpoint import read_manifest
from engine.data.dataset import Dataset
from engine.errors import CGIRError, CheckpointError
from engine.models.base import GradientModel
from engine.models.baselines import CBIR, DSCMR, TIRG
from engine.models.cgir import CGIR

# key -> (class, config values that make the model what its key says)
_MODELS: dict[str, tuple[type[GradientModel], dict[str, Any]]] = {
    "cbir": (CBIR, {}),
    "dscmr": (DSCMR, {}),
    "tirg": (TIRG, {}),
    "cgir": (CGIR, {"variant": "cgir"}),
    "cgir-no-vae": (CGIR, {"variant": "no-vae"}),
    "cgir-no-sparse": (CGIR, {"variant": "no-sparse"}),
}
MODEL_KEYS: tuple[str, ...] = tuple(_MODELS)
MODEL_NAMES = {"cbir": "CBIR", "dscmr": "DSCMR", "tirg": "TIRG", "cgir": "CGIR",
               "cgir-no-vae": "CGIR w/o VAE", "cgir-no-sparse": "CGIR w/o Sparse"}


def _entry(key: str) -> tuple[type[GradientModel], dict[str, Any]]:
    if key not in _MODELS:
        raise CGIRError(f"unknown model {key!r}; choose from {', '.join(MODEL_KEYS)}")
    return _MODELS[key]


def config_fields(key: str) -> tuple[str, ...]:
    """The hyper-parameters the model `key` accepts."""
    return tuple(_entry(key)[0].config_class.field_names())


def make_model(key: str, **overrides: Any) -> GradientModel:
    """An untrained model; `overrides` change its config (None = keep; unknown keys refused)."""
    cls, fixed = _entry(key)
    config = cls.config_class().replace(source=f"the {key} overrides", **{**overrides, **fixed})
    return cls(config)


def load_model(path: str | Path, dataset: Dataset | None = None, *,
               device: str = "cpu") -> GradientModel:
    """Any model's checkpoint, loaded as its own class (refused when `dataset` differs)."""
    key = read_manifest(Path(path)).get("model")
    if key not in _MODELS:
        raise CheckpointError(f"{path} holds an unknown model {key!r}; train it again")
    return _MODELS[key][0].load(path, dataset, device=device)
