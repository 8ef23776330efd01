"""The demo model's first build, shipped with the package so that a first `cgir chat` need not train.

A fresh machine used to spend about 70 CPU seconds before the first reply: 39 training the demo
model, 20 embedding its movie texts with MiniLM, 8 embedding the parser's phrase table. All
three are deterministic for the fixed demo world and TrainConfig(), so their results ship in
`engine/training/demo_build/`:

    model.json            the checkpoint's manifest fields, vocabulary and history, and the
                          fingerprint of the demo world they were trained on
    arrays.npz            the trained arrays (items, F(t), word vectors; what a Retriever reads)
    word_encoder.npz      f's layers (eq. 7) from weights.pt, which the degree artefact keeps
    encoded-<digest>.npz  MiniLM's vectors of each batch of texts the degree artefact embeds,
                          at 8 bits (engine.text.remembered; the movie texts' batch is 1 MB,
                          4.5 MB as float32), when the file stays under MAX_SHIPPED_BYTES

`install_demo_build` writes the demo checkpoint from them (no torch; weights.pt is not needed to
chat, so it is not shipped) when the demo world and the config are the ones they were built
from, and leaves everything else (catalog, degree artefact, neighbours) to the ordinary code.
`build_demo_fresh` is the first run as it was, and `export_demo_build` turns its result into
the shipped files; tests/engine/test_shipped_demo.py keeps the two equal.
Regenerate with `.venv/bin/python scripts/ship-demo-build`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from engine.config import TrainConfig
    from engine.data.dataset import Dataset

SHIPPED_DIR = Path(__file__).with_name("demo_build")
MODEL = "model.json"
ARRAYS = "arrays.npz"
WORD_ENCODER = "word_encoder.npz"
INSTALLED_FROM = "engine/training/demo_build"
MAX_SHIPPED_BYTES = 2 * 1024 * 1024  # the repository keeps no file larger than this
# torch's results depend on its thread count; a chat trains with one (bot.runtime.limit_threads).
TRAIN_THREADS = 1


def shippable(path: Path) -> bool:
    """Whether a recorded batch file is small enough to ship (MAX_SHIPPED_BYTES)."""
    return Path(path).stat().st_size <= MAX_SHIPPED_BYTES


def _plain(value):  # noqa: ANN001, ANN202
    """A value as JSON reads it back (tuples become lists), for comparing configs."""
    return json.loads(json.dumps(value))


def read_shipped(folder: Path = SHIPPED_DIR) -> dict | None:
    """model.json of the shipped build; None when this installation has none."""
    try:
        return json.loads((Path(folder) / MODEL).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def _arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as stored:
        return {k: stored[k] for k in stored.files}


def matches(meta: dict | None, dataset: "Dataset", config: "TrainConfig") -> bool:
    """Whether the shipped build was trained on this dataset with this config."""
    return (meta is not None and meta.get("dataset_fingerprint") == dataset.fingerprint()
            and meta.get("config") == _plain(config.to_dict()))


def install_demo_build(dataset: "Dataset", config: "TrainConfig", out_dir: Path,
                       folder: Path = SHIPPED_DIR) -> Path | None:
    """Write the checkpoint `out_dir` from the shipped build, or return None (nothing written)
    when there is none or it was built from another demo world or config: then train."""
    from engine.models.checkpoint import write_checkpoint
    from engine.text.remembered import RememberedEncoder
    from engine.training.pipeline import finish_checkpoint

    folder = Path(folder)
    meta = read_shipped(folder)
    if not matches(meta, dataset, config):
        return None
    try:
        arrays = _arrays(folder / ARRAYS)
        word_encoder = _arrays(folder / WORD_ENCODER)
    except (OSError, ValueError):
        return None
    write_checkpoint(out_dir, model=meta["model"], name=meta["name"], config=meta["config"],
                     shape=meta["shape"], arrays=arrays, vocab=meta["vocab"], state_dict=None,
                     fit=meta["fit"], dataset=dataset,
                     extra={**meta["extra"], "installed_from": INSTALLED_FROM})
    return finish_checkpoint(Path(out_dir), dataset, encode=RememberedEncoder(folder),
                             word_encoder=word_encoder)


def build_demo_fresh(out_dir: Path, record: Path | None = None,
                     config: "TrainConfig | None" = None) -> Path:
    """The demo checkpoint trained from scratch as a first run without the shipped build does
    (one torch thread); with `record`, every MiniLM batch of its degree artefact is saved there."""
    from engine.config import TrainConfig
    from engine.data import load_dataset
    from engine.text.remembered import RememberedEncoder
    from engine.threads import torch_threads
    from engine.training.pipeline import finish_checkpoint, make_triples, train_on_triples

    dataset = load_dataset("demo")
    config = config or TrainConfig()
    with torch_threads(TRAIN_THREADS):
        path = train_on_triples(dataset, make_triples(dataset, config), config, out_dir,
                                progress=False)
        encode = None if record is None else RememberedEncoder(record, record=True)
        return finish_checkpoint(path, dataset, encode=encode)


def export_demo_build(model_dir: Path, folder: Path = SHIPPED_DIR) -> list[Path]:
    """Write model.json, arrays.npz and word_encoder.npz of a freshly trained demo checkpoint
    into `folder` (the encoded batches are recorded by `build_demo_fresh`)."""
    from engine.degrees.features import word_encoder_weights
    from engine.models.checkpoint import read_checkpoint

    checkpoint = read_checkpoint(model_dir)
    manifest = checkpoint.manifest
    meta = {
        "model": manifest["model"], "name": manifest["name"], "config": manifest["config"],
        "shape": manifest["shape"], "vocab": checkpoint.vocab,
        "fit": {"best_epoch": manifest["best_epoch"], "best_metrics": manifest["metrics"],
                "seconds": manifest["train_seconds"], "stopped_early": manifest["stopped_early"],
                "history": checkpoint.history},
        "extra": {k: manifest[k] for k in ("split", "test_metrics") if k in manifest},
        "dataset_fingerprint": manifest["dataset"]["fingerprint"],
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MODEL).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                                encoding="utf-8")
    shutil.copyfile(Path(model_dir) / ARRAYS, folder / ARRAYS)
    np.savez(folder / WORD_ENCODER, **word_encoder_weights(model_dir))
    return [folder / MODEL, folder / ARRAYS, folder / WORD_ENCODER]
