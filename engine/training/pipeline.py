"""Training entry point: dataset -> triples -> train/valid/test split -> fitted CGIR -> checkpoint."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from engine.config import TrainConfig
from engine.data.dataset import Dataset
from engine.data.triples import Triples, build_triples
from engine.errors import CGIRError

if TYPE_CHECKING:
    from engine.models.base import TextVectors


def make_triples(dataset: Dataset, config: TrainConfig) -> Triples:
    """All (i, y, i') triples of the dataset, capped at config.max_triples."""
    triples = build_triples(dataset, seed=config.seed, max_total=config.max_triples)
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
                     *, progress: bool = True, text: "TextVectors | None" = None) -> Path:
    """Split, fit, write the checkpoint with the held-out test metrics; returns its directory.

    The test metrics rank through engine.metrics.ranking, exactly as `cgir eval` does.
    """
    from engine.models.cgir import CGIR
    from engine.metrics.ranking import model_ranks, ranking_metrics

    train, valid, test = split_triples(triples, config)
    model = CGIR(config).fit(dataset, train, valid, text=text, progress=progress)
    held_out = ranking_metrics(model_ranks(model, test))
    extra = {
        "split": {"seed": config.seed, "test_fraction": config.test_fraction,
                  "valid_fraction": config.valid_fraction, "n_triples": len(triples),
                  "n_train": len(train), "n_valid": len(valid), "n_test": len(test)},
        "test_metrics": {k: round(v, 6) for k, v in held_out.items()},
    }
    return model.save(Path(out_dir), dataset, extra=extra)


def train_model(dataset: Dataset, config: TrainConfig, out_dir: str | Path, *,
                progress: bool = True) -> Path:
    """Build triples, split train/valid/test with the seed, fit, write the checkpoint dir
    (with its degree artefact, engine.degrees.features, which the bot's degree score reads, and
    each item's nearest items, engine.retrieval.similarity, which answers stay among)."""
    triples = make_triples(dataset, config)
    path = train_on_triples(dataset, triples, config, out_dir, progress=progress)
    return finish_checkpoint(path, dataset)


def finish_checkpoint(path: Path, dataset: Dataset, *, encode=None,  # noqa: ANN001
                      word_encoder: dict[str, np.ndarray] | None = None) -> Path:
    """The artefacts a trained checkpoint gets after its arrays: the degree artefact (`encode`
    embeds its texts, MiniLM by default; `word_encoder` is f's weights, read from weights.pt by
    default) and each item's nearest items."""
    from engine.degrees.features import write_degree_artefact
    from engine.retrieval.similarity import default_neighbours

    write_degree_artefact(path, dataset, encode, word_encoder=word_encoder)
    default_neighbours(dataset.interactions).save(path)
    return path
