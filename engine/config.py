"""Hyper-parameters of the engine: one frozen dataclass per model family (nanoGPT's GPTConfig).

CGIR's TrainConfig: defaults < `config.yml` (`cgir:`) < flags. The baselines' BaselineConfig.

Every choice the paper leaves open is explained in docs/model.md; the comments here only say what
each field does. The whole config is stored in each checkpoint (config.json) and rebuilt from it.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Self

from engine.errors import CGIRError

VARIANTS = ("cgir", "no-vae", "no-sparse")


class ConfigError(CGIRError):
    """A hyper-parameter file or override is invalid."""


def _check_device(device: str) -> None:
    if device not in ("cpu", "cuda") and not device.startswith("cuda:"):
        raise ConfigError(f"device must be cpu or cuda, got {device!r}")


class HyperParameters:
    """Building, overriding and storing a frozen config dataclass (unknown keys are refused)."""

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def from_dict(cls, values: dict[str, Any], *, source: str = "config") -> Self:
        """Build from a mapping; unknown keys are refused with the list of valid ones."""
        return cls().replace(source=source, **values)

    def replace(self, *, source: str = "overrides", **values: Any) -> Self:
        """A copy with some fields changed (None values are ignored, so unset flags pass through)."""
        valid = self.field_names()
        unknown = sorted(k for k in values if k not in valid)
        if unknown:
            raise ConfigError(f"unknown key(s) in {source}: {', '.join(unknown)}; "
                              f"valid keys are: {', '.join(valid)}")
        typed: dict[str, Any] = {}
        defaults = {f.name: f.default for f in fields(self)}
        for key, value in values.items():
            if value is None:
                continue
            expected = type(defaults[key])
            try:
                if expected is bool:
                    typed[key] = bool(value)
                elif expected is int:
                    if isinstance(value, float) and not value.is_integer():
                        raise ValueError
                    typed[key] = int(value)
                else:
                    typed[key] = expected(value)
            except (TypeError, ValueError):
                raise ConfigError(f"{key} in {source} must be {expected.__name__}, "
                                  f"got {value!r}") from None
        return dataclasses.replace(self, **typed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)


@dataclass(frozen=True)
class TrainConfig(HyperParameters):
    # -- model ---------------------------------------------------------------------------------
    variant: str = "cgir"  # "cgir", "no-vae" (items from an MLP over interactions), "no-sparse"
    dim: int = 64  # D: dimension of item, user and attribute representations
    hidden: int = 600  # hidden width of the user encoder q(z_u | x_u) (Mult-VAE uses 600)
    item_hidden: int = 256  # hidden width of the item encoder of the no-vae variant
    word_hidden: int = 256  # hidden width of f: word vector (384) -> D
    dropout: float = 0.5  # input dropout on x_u (Mult-VAE)
    tau: float = 0.1  # softmax temperature of the likelihood and the alignment (unit item vectors)
    normalize_items: bool = True  # h_j scaled to unit norm (else the raw table)
    # -- losses ----------------------------------------------------------------------------------
    beta: float = 0.2  # weight of KL(q(z_u|x_u) || N(0, I)) after annealing (beta-VAE)
    anneal_steps: int = 2000  # linear KL annealing 0 -> beta over this many steps (0: no annealing)
    rho: float = 0.05  # target average activation of the sparse code f(w)
    vae_weight: float = 1.0  # weight of the VAE term (reconstruction + beta KL)
    align_weight: float = 20.0  # weight of the alignment term (eq. 6); see docs/model.md
    sparse_weight: float = 1.0  # weight of the sparse term (eq. 8); ignored by "no-sparse"
    # weight of the ordinal term (engine.models.ordinal): pairs ordered by a graded tag signal
    ordinal_weight: float = 0.0
    batch_ordinal: int = 512  # ordinal pairs per step
    # -- optimisation ------------------------------------------------------------------------------
    lr: float = 1e-2
    weight_decay: float = 0.0
    epochs: int = 8
    steps_per_epoch: int = 0  # 0: enough steps for one pass over users and over train triples
    max_steps_per_epoch: int = 100  # cap, so one epoch stays short on big catalogs
    batch_users: int = 256
    batch_triples: int = 512
    patience: int = 4  # early stopping: epochs without a better validation MRR
    valid_fraction: float = 0.1  # share of the training triples held out for validation
    max_valid: int = 2000  # validation triples scored per epoch (a fixed random subset)
    test_fraction: float = 0.2  # share of all triples never trained on (paper: 20 %)
    max_triples: int = 200_000  # cap on triples built per dataset
    seed: int = 0
    device: str = "cpu"
    threads: int = 0  # torch intra-op threads; 0 leaves torch's default
    # -- retrieval defaults ------------------------------------------------------------------------
    steps: int = 10
    gamma_min: float = 0.1
    gamma_max: float = 1.0

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ConfigError(f"variant must be one of {', '.join(VARIANTS)}, got {self.variant!r}")
        positive = ("dim", "hidden", "item_hidden", "word_hidden", "epochs", "batch_users",
                    "batch_triples", "max_valid", "steps", "max_triples", "max_steps_per_epoch",
                    "batch_ordinal")
        for name in positive:
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        if not 0.0 <= self.dropout < 1.0:
            raise ConfigError(f"dropout must be in [0, 1), got {self.dropout}")
        if not 0.0 < self.rho < 1.0:
            raise ConfigError(f"rho must be in (0, 1), got {self.rho}")
        if self.tau <= 0 or self.lr <= 0:
            raise ConfigError("tau and lr must be positive")
        for name in ("beta", "vae_weight", "align_weight", "sparse_weight", "ordinal_weight",
                     "weight_decay"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must not be negative, got {getattr(self, name)}")
        if not 0.0 < self.valid_fraction < 1.0 or not 0.0 < self.test_fraction < 1.0:
            raise ConfigError("valid_fraction and test_fraction must be between 0 and 1")
        _check_device(self.device)

    @classmethod
    def from_yaml(cls, path: str | Path, **overrides: Any) -> "TrainConfig":
        """Read the optional `cgir:` mapping of the project's config.yml, then apply overrides.

        The rest of config.yml (the Rasa pipeline and policies) is ignored. A missing `cgir:`
        section gives the defaults.
        """
        path = Path(path)
        section = config_section(path, "cgir", what="a mapping of hyper-parameters")
        config = cls.from_dict(section, source=f"{path} (cgir:)")
        return config.replace(source="flags", **overrides)


@dataclass(frozen=True)
class BaselineConfig(HyperParameters):
    """Hyper-parameters shared by the baselines CBIR, DSCMR and TIRG (the same budget for each)."""

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
    seed: int = 0
    device: str = "cpu"
    threads: int = 0  # torch intra-op threads while training; 0 leaves torch's default
    # DSCMR loss weights (label space, discrimination, modality invariance)
    label_weight: float = 1.0
    discrimination_weight: float = 1.0
    invariance_weight: float = 0.1

    def __post_init__(self) -> None:
        for name in ("dim", "hidden", "negatives", "epochs", "batch_triples",
                     "max_steps_per_epoch", "patience", "max_valid", "input_width"):
            if getattr(self, name) < 1:
                raise ConfigError(f"baseline {name} must be at least 1, got {getattr(self, name)}")
        if self.tau <= 0 or self.lr <= 0:
            raise ConfigError("baseline tau and lr must be positive")
        _check_device(self.device)


# -- the project's config.yml: found in one place, read by one function ------------------------

CONFIG_ENV = "CGIR_CONFIG"
# The project's own config.yml beside the packages (a source checkout); a wheel install has none.
PROJECT_CONFIG = Path(__file__).resolve().parents[1] / "config.yml"


def project_config_path(path: str | Path | None = None) -> Path | None:
    """Which config.yml to read: `path` when given, else $CGIR_CONFIG, else the project's own
    config.yml when the packages run from a checkout; None when there is none.

    Never the working directory's config.yml: a Rasa project elsewhere has one too, and running
    `cgir` there must not pick it up by accident.
    """
    if path is not None:
        return Path(path)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    return PROJECT_CONFIG if PROJECT_CONFIG.is_file() else None


def config_section(path: str | Path, section: str, *, what: str = "a mapping") -> dict[str, Any]:
    """The `section:` mapping of a config.yml ({} when the section is absent); ConfigError names
    the file and the problem when it is missing, not YAML, or not mappings."""
    import yaml

    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist; pass an existing config.yml "
                          f"or leave it out") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(document, dict):
        raise ConfigError(f"{path} must hold a YAML mapping")
    values = document.get(section) or {}
    if not isinstance(values, dict):
        raise ConfigError(f"the {section}: section of {path} must be {what}")
    return values
