"""Checkpoint folders: every model of engine.models, saved and loaded the same way.

Layout of a checkpoint directory (config.json is written last and marks it complete)::

    config.json        format, model key and name, its config dataclass, shape, best epoch and
                       metrics, dataset name + fingerprint (nanoGPT's "model_args" + "config")
    weights.pt         torch state_dict of the network (best epoch); absent when the checkpoint
                       was made from shipped arrays (manifest "installed_from")
    arrays.npz         the model's own arrays: always `items` (M x D); CGIR adds `tags` (T x D,
                       F(t)), `word_vectors` and `tag_words`; the baselines their inputs
    tags.json          tag vocabulary (and CGIR's words)
    history.json       per-epoch losses and validation metrics
    items.json         item ids and titles                    } the catalog, written when the
    item_tags.npz      binary item x tag matrix (scipy)       } dataset is given: what a
    relevance.npy      graded relevance (float16, NaN unknown) } Retriever needs without the
    popularity.npy     interactions per item                  } dataset

This module knows no model class: a model hands over its arrays and weights
(`GradientModel.save`) and rebuilds itself from a :class:`Checkpoint` (`GradientModel.load`);
`engine.models.registry.load_model` picks the class from the manifest. `load_retriever` reads
only numpy/json files, so the dialogue layer never imports torch.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from engine.errors import CheckpointError

if TYPE_CHECKING:
    from engine.data.dataset import Dataset
    from engine.retrieval.retriever import Retriever

FORMAT = 2
MANIFEST = "config.json"


def _write_json(path: Path, payload: Any) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def _model_id(items: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(items).tobytes()).hexdigest()[:12]


@dataclass(frozen=True)
class Checkpoint:
    """What a checkpoint folder holds, read back (weights apart: `read_weights`)."""

    path: Path
    manifest: dict
    arrays: dict[str, np.ndarray]
    vocab: dict
    history: list[dict]


def write_checkpoint(path: str | Path, *, model: str, name: str, config: dict, shape: dict,
                     arrays: dict[str, np.ndarray], vocab: dict, state_dict: dict | None,
                     fit: dict, dataset: "Dataset | None" = None,
                     extra: dict | None = None) -> Path:
    """Write one model's checkpoint (and, with `dataset`, its catalog and fingerprint).

    `state_dict` None writes no weights.pt: a checkpoint made from shipped arrays
    (engine.training.shipped) chats and walks like a trained one, but cannot be fine-tuned or
    evaluated as a network (`read_weights` says so)."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    manifest_path = path / MANIFEST
    if manifest_path.exists():  # an overwritten checkpoint is incomplete until the end
        manifest_path.unlink()
    if state_dict is not None:
        import torch

        torch.save({k: v.detach().cpu() for k, v in state_dict.items()}, path / "weights.pt")
    np.savez(path / "arrays.npz", **arrays)
    _write_json(path / "tags.json", vocab)
    _write_json(path / "history.json", fit.get("history", []))
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "model": model,
        "model_id": _model_id(arrays["items"]),
        "name": name,
        "config": config,
        "shape": shape,
        "best_epoch": fit.get("best_epoch", 0),
        "metrics": fit.get("best_metrics", {}),
        "train_seconds": round(float(fit.get("seconds", 0.0)), 3),
        "stopped_early": bool(fit.get("stopped_early", False)),
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "dataset": None,
    }
    if dataset is not None:
        if dataset.n_items != arrays["items"].shape[0] or list(dataset.tags) != list(vocab["tags"]):
            raise CheckpointError("the dataset does not match the trained model (items or tags "
                                  "differ); save with the dataset the model was trained on")
        manifest["dataset"] = _write_catalog(path, dataset)
    manifest.update(extra or {})
    _write_json(manifest_path, manifest)  # last: marks the checkpoint complete
    return path


def _write_catalog(path: Path, dataset: "Dataset") -> dict:
    _write_json(path / "items.json", {"item_ids": [int(x) for x in dataset.item_ids],
                                      "titles": list(dataset.titles)})
    sp.save_npz(path / "item_tags.npz", sp.csr_matrix(dataset.item_tags, dtype=np.float32))
    np.save(path / "popularity.npy", dataset.item_popularity())
    relevance_file = path / "relevance.npy"
    if dataset.relevance is not None:
        np.save(relevance_file, np.asarray(dataset.relevance, dtype=np.float16))
    elif relevance_file.exists():
        relevance_file.unlink()
    return {
        "name": dataset.name,
        "fingerprint": dataset.fingerprint(),
        "n_users": dataset.n_users,
        "n_items": dataset.n_items,
        "n_tags": dataset.n_tags,
        "n_interactions": int(dataset.interactions.nnz),
        "synthetic": bool(dataset.synthetic),
        "has_relevance": dataset.relevance is not None,
    }


def read_manifest(path: Path) -> dict:
    """config.json of a checkpoint; CheckpointError when missing, incomplete or corrupt."""
    path = Path(path)
    if not path.is_dir():
        raise CheckpointError(f"{path} is not a checkpoint directory; train one with "
                              "`cgir train DATA --out DIR`")
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CheckpointError(f"{path} has no {MANIFEST}: the checkpoint is incomplete "
                              "(training interrupted?); train it again") from None
    except json.JSONDecodeError as error:
        raise CheckpointError(f"{path / MANIFEST} is corrupt ({error}); train again") from None
    if manifest.get("format") != FORMAT:
        raise CheckpointError(f"{path} has checkpoint format {manifest.get('format')!r}, this "
                              f"version reads format {FORMAT}; train the model again")
    return manifest


def check_dataset(manifest: dict, dataset: "Dataset", path: Path) -> None:
    """Refuse a dataset whose fingerprint differs from the one the model was trained on."""
    trained = (manifest.get("dataset") or {}).get("fingerprint")
    if trained is None:
        raise CheckpointError(f"{path} records no dataset fingerprint, so it cannot be checked "
                              f"against {dataset.name!r}; retrain with `cgir train`")
    current = dataset.fingerprint()
    if current != trained:
        trained_name = manifest["dataset"].get("name")
        raise CheckpointError(
            f"the model in {path} was trained on dataset {trained_name!r} (fingerprint "
            f"{trained}) but was given {dataset.name!r} (fingerprint {current}); use the same "
            f"data or train a model for this one with `cgir train`")


def _load(path: Path, name: str, loader):
    try:
        return loader(path / name)
    except FileNotFoundError:
        raise CheckpointError(f"{path} lacks {name}; the checkpoint is incomplete, train again") from None
    except (ValueError, OSError, KeyError, json.JSONDecodeError) as error:
        raise CheckpointError(f"{path / name} is corrupt ({error}); train again") from None


def _json(file: Path):
    return json.loads(file.read_text(encoding="utf-8"))


def load_retriever(model_dir: str | Path, dataset: "Dataset | None" = None) -> "Retriever":
    """A Retriever from a checkpoint alone (no torch, no dataset needed).

    With `dataset`, refuses (CheckpointError) when its fingerprint differs from the training one.
    Only models with attribute vectors F(t) (CGIR and its ablations) drive the gradient walk.
    """
    from engine.retrieval.retriever import Retriever
    from engine.retrieval.sequences import WalkDefaults

    path = Path(model_dir)
    manifest = read_manifest(path)
    if dataset is not None:
        check_dataset(manifest, dataset, path)
    if manifest.get("dataset") is None:
        raise CheckpointError(f"{path} was saved without its catalog (items, titles); save it "
                              "with model.save(path, dataset)")
    arrays = _load(path, "arrays.npz", _arrays)
    if "tags" not in arrays:
        raise CheckpointError(f"{path} holds a {manifest.get('name')} model, which has no "
                              "attribute vectors F(t) to walk along; train a CGIR model with "
                              "`cgir train`")
    items = _load(path, "items.json", _json)
    tags = _load(path, "tags.json", _json)
    item_tags = _load(path, "item_tags.npz", sp.load_npz)
    popularity = _load(path, "popularity.npy", np.load)
    relevance = None
    if manifest["dataset"].get("has_relevance"):
        relevance = _load(path, "relevance.npy", np.load).astype(np.float32)
    config = manifest.get("config", {})
    defaults = WalkDefaults(**{k: config[k] for k in ("steps", "gamma_min", "gamma_max")
                               if k in config})
    retriever = Retriever(
        arrays["items"], arrays["tags"], np.asarray(items["item_ids"], dtype=np.int64),
        items["titles"], tags["tags"], relevance=relevance, item_tags=item_tags.tocsr(),
        popularity=popularity, synthetic=bool(manifest["dataset"].get("synthetic")),
        model_id=manifest.get("model_id", ""), defaults=defaults,
    )
    retriever.model_dir = path  # for artefacts read on demand (degrees.npz)
    from engine.retrieval.neighbours import load_neighbours

    retriever.neighbours = load_neighbours(path, retriever.n_items)  # None: the item space's
    from engine.retrieval.outside import load_watched

    retriever.watched = load_watched(path, retriever.model_id, retriever.n_items)  # None where unknown
    return retriever


def _arrays(file: Path) -> dict[str, np.ndarray]:
    with np.load(file) as stored:
        return {k: stored[k] for k in stored.files}


def read_checkpoint(model_dir: str | Path, dataset: "Dataset | None" = None) -> Checkpoint:
    """Manifest, arrays, vocabulary and history of a checkpoint (checked against `dataset`)."""
    path = Path(model_dir)
    manifest = read_manifest(path)
    if dataset is not None:
        check_dataset(manifest, dataset, path)
    for key in ("model", "config", "shape"):
        if key not in manifest:
            raise CheckpointError(f"{path / MANIFEST} has no {key}; train again")
    history = _load(path, "history.json", _json) if (path / "history.json").exists() else []
    return Checkpoint(path, manifest, _load(path, "arrays.npz", _arrays),
                      _load(path, "tags.json", _json), history)


def read_weights(model_dir: str | Path, device: str = "cpu") -> dict:
    """The torch state_dict of a checkpoint, mapped onto `device`."""
    import torch

    path = Path(model_dir)
    if not (path / "weights.pt").exists() and (read_manifest(path).get("installed_from")):
        raise CheckpointError(f"{path} was made from the arrays shipped with cgir-bot and has no "
                              "network weights (weights.pt); train the model with `cgir train "
                              "demo --out DIR` to evaluate or fine-tune it")
    return _load(path, "weights.pt",
                 lambda f: torch.load(f, map_location=device, weights_only=True))
