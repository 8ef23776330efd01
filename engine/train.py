"""Training entry point: dataset -> triples -> train/valid/test split -> fitted CGIR -> checkpoint."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np

from engine.config import TrainConfig
from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.errors import CGIRError


def make_triples(dataset: Dataset, config: TrainConfig) -> Triples:
    """All (i, y, i') triples of the dataset via the dataset layer, capped at config.max_triples."""
    try:
        from engine.data.triples import build_triples
    except ImportError as error:  # pragma: no cover - the dataset layer always ships it
        raise CGIRError("engine.data.triples.build_triples is missing; update the package") from error
    wanted = {"seed": config.seed, "max_total": config.max_triples}
    accepted = inspect.signature(build_triples).parameters
    triples = build_triples(dataset, **{k: v for k, v in wanted.items() if k in accepted})
    if len(triples) > config.max_triples:
        keep = np.random.default_rng(config.seed).choice(len(triples), config.max_triples,
                                                         replace=False)
        triples = triples.subset(np.sort(keep))
    return triples


def split_triples(triples: Triples, config: TrainConfig) -> tuple[Triples, Triples, Triples]:
    """(train, valid, test): test is the paper's 20 % hold-out (never trained on, the same split
    `Triples.split(test_fraction, seed)` gives evaluation); valid comes out of the train part."""
    if len(triples) < 10:
        raise CGIRError(f"only {len(triples)} training triples: the dataset needs item pairs "
                        "that differ in exactly one tag (more tagged items)")
    train_all, test = triples.split(config.test_fraction, seed=config.seed)
    train, valid = train_all.split(config.valid_fraction, seed=config.seed + 1)
    return train, valid, test


def train_on_triples(dataset: Dataset, triples: Triples, config: TrainConfig, out_dir: str | Path,
                     *, progress: bool = True, word_vectors: np.ndarray | None = None) -> Path:
    """Split, fit, write the checkpoint; returns its directory."""
    from engine.checkpoint import save_model
    from engine.models.cgir import CGIR, ranks_of_targets, retrieval_metrics

    train, valid, test = split_triples(triples, config)
    model = CGIR(config).fit(dataset, train, valid, progress=progress, word_vectors=word_vectors)
    held_out = retrieval_metrics(ranks_of_targets(model.item_vectors(), model.tag_vectors(), test))
    extra = {
        "split": {"seed": config.seed, "test_fraction": config.test_fraction,
                  "valid_fraction": config.valid_fraction, "n_triples": len(triples),
                  "n_train": len(train), "n_valid": len(valid), "n_test": len(test)},
        "test_metrics": {k: round(v, 6) for k, v in held_out.items()},
    }
    return save_model(model, Path(out_dir), dataset, extra=extra)


def train_model(dataset: Dataset, config: TrainConfig, out_dir: str | Path, *,
                progress: bool = True) -> Path:
    """Build triples, split train/valid/test with the seed, fit, write the checkpoint dir
    (with its degree artefact, engine.degrees_features, which the bot's degree score reads)."""
    from engine.degrees_features import write_degree_artefact

    triples = make_triples(dataset, config)
    path = train_on_triples(dataset, triples, config, out_dir, progress=progress)
    write_degree_artefact(path, dataset)
    return path
