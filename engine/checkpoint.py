"""Checkpoint folders: everything a Retriever, the bot or `cgir eval` needs, without the dataset.

Layout of a checkpoint directory (config.json is written last and marks it complete)::

    config.json        format, TrainConfig, model shape, dataset name + fingerprint, best metrics
    weights.pt         torch state_dict of the network (best epoch)
    vectors.npz        items (M x D) unit-norm h_j and tags (T x D) F(t), float32
    items.json         item ids and titles
    tags.json          tag vocabulary, words W, and tag->word counts
    word_vectors.npy   the cached pre-trained (MiniLM) word vectors, W x 384
    item_tags.npz      binary item x tag matrix (scipy sparse)
    relevance.npy      graded relevance (float16, NaN unknown), only when the dataset has it
    popularity.npy     interactions per item
    history.json       per-epoch losses and validation metrics

`load_retriever` reads only numpy/json files, so the dialogue layer never imports torch.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from engine.config import TrainConfig
from engine.errors import CheckpointError

if TYPE_CHECKING:
    from engine.data.dataset import Dataset
    from engine.models.cgir import CGIR
    from engine.retrieval import Retriever

FORMAT = 1
MANIFEST = "config.json"


def _write_json(path: Path, payload: Any) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def _model_id(items: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(items).tobytes()).hexdigest()[:12]


def save_model(model: "CGIR", path: Path, dataset: "Dataset | None" = None,
               extra: dict | None = None) -> Path:
    """Write a trained model (and, with `dataset`, its catalog arrays and fingerprint)."""
    import torch

    model._require_fitted()
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    manifest_path = path / MANIFEST
    if manifest_path.exists():  # an overwritten checkpoint is incomplete until the end
        manifest_path.unlink()
    torch.save({k: v.detach().cpu() for k, v in model.net.state_dict().items()}
               if model.net is not None else {}, path / "weights.pt")
    np.savez(path / "vectors.npz", items=model.item_vectors(), tags=model.tag_vectors())
    np.save(path / "word_vectors.npy", model.word_vectors_)
    _write_json(path / "tags.json", {
        "tags": list(model.tags),
        "words": list(model.words),
        "tag_words": model.tag_words_.astype(int).tolist(),
    })
    _write_json(path / "history.json", model.result.history)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "model_id": _model_id(model.item_vectors()),
        "name": model.name,
        "config": model.config.to_dict(),
        "shape": {"n_users": model.n_users, "n_items": int(model.item_vectors().shape[0]),
                  "n_tags": len(model.tags), "dim": model.config.dim},
        "best_epoch": model.result.best_epoch,
        "metrics": model.result.best_metrics,
        "train_seconds": round(model.result.seconds, 3),
        "stopped_early": model.result.stopped_early,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "dataset": None,
    }
    if dataset is not None:
        if dataset.n_items != manifest["shape"]["n_items"] or tuple(dataset.tags) != model.tags:
            raise CheckpointError("the dataset does not match the trained model (items or tags "
                                  "differ); save with the dataset the model was trained on")
        _write_json(path / "items.json", {"item_ids": [int(x) for x in dataset.item_ids],
                                          "titles": list(dataset.titles)})
        sp.save_npz(path / "item_tags.npz", sp.csr_matrix(dataset.item_tags, dtype=np.float32))
        np.save(path / "popularity.npy", dataset.item_popularity())
        relevance_file = path / "relevance.npy"
        if dataset.relevance is not None:
            np.save(relevance_file, np.asarray(dataset.relevance, dtype=np.float16))
        elif relevance_file.exists():
            relevance_file.unlink()
        manifest["dataset"] = {
            "name": dataset.name,
            "fingerprint": dataset.fingerprint(),
            "n_users": dataset.n_users,
            "n_items": dataset.n_items,
            "n_tags": dataset.n_tags,
            "n_interactions": int(dataset.interactions.nnz),
            "synthetic": bool(dataset.synthetic),
            "has_relevance": dataset.relevance is not None,
        }
    manifest.update(extra or {})
    _write_json(manifest_path, manifest)  # last: marks the checkpoint complete
    return path


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
    """
    from engine.retrieval import Retriever

    path = Path(model_dir)
    manifest = read_manifest(path)
    if dataset is not None:
        check_dataset(manifest, dataset, path)
    if manifest.get("dataset") is None:
        raise CheckpointError(f"{path} was saved without its catalog (items, titles); save it "
                              "with engine.checkpoint.save_model(model, path, dataset)")
    vectors = _load(path, "vectors.npz", np.load)
    items = _load(path, "items.json", _json)
    tags = _load(path, "tags.json", _json)
    item_tags = _load(path, "item_tags.npz", sp.load_npz)
    popularity = _load(path, "popularity.npy", np.load)
    relevance = None
    if manifest["dataset"].get("has_relevance"):
        relevance = _load(path, "relevance.npy", np.load).astype(np.float32)
    config = manifest.get("config", {})
    retriever = Retriever(
        vectors["items"], vectors["tags"], np.asarray(items["item_ids"], dtype=np.int64),
        items["titles"], tags["tags"], relevance=relevance, item_tags=item_tags.tocsr(),
        popularity=popularity, synthetic=bool(manifest["dataset"].get("synthetic")),
        model_id=manifest.get("model_id", ""),
    )
    # Retrieval defaults of the training config, for callers that want them.
    retriever.defaults = {k: config.get(k) for k in ("steps", "gamma_min", "gamma_max")}
    retriever.model_dir = path  # for artefacts read on demand (degrees.npz)
    return retriever


def load_model(model_dir: str | Path, dataset: "Dataset | None" = None,
               device: str = "cpu") -> "CGIR":
    """The trained CGIR (weights, config, arrays) from a checkpoint, ready to `score`."""
    import torch

    from engine.models.cgir import CGIR, build_net

    path = Path(model_dir)
    manifest = read_manifest(path)
    if dataset is not None:
        check_dataset(manifest, dataset, path)
    try:
        config = TrainConfig.from_dict(manifest["config"], source=str(path / MANIFEST))
    except KeyError:
        raise CheckpointError(f"{path / MANIFEST} has no config; train again") from None
    model = CGIR(config)
    vectors = _load(path, "vectors.npz", np.load)
    tags = _load(path, "tags.json", _json)
    model._items = np.ascontiguousarray(vectors["items"], dtype=np.float32)
    model._tags = np.ascontiguousarray(vectors["tags"], dtype=np.float32)
    model.tags = tuple(tags["tags"])
    model.words = list(tags["words"])
    model.tag_words_ = np.asarray(tags["tag_words"], dtype=np.float32).reshape(len(model.tags), -1)
    model.word_vectors_ = _load(path, "word_vectors.npy", np.load).astype(np.float32)
    shape = manifest["shape"]
    model.n_users = int(shape["n_users"])
    state = _load(path, "weights.pt", lambda f: torch.load(f, map_location=device, weights_only=True))
    if state:
        net = build_net(config, shape["n_users"], shape["n_items"], model.word_vectors_,
                        model.tag_words_)
        try:
            net.load_state_dict(state)
        except RuntimeError as error:
            raise CheckpointError(f"{path / 'weights.pt'} does not fit its config ({error}); "
                                  "train again") from None
        model.net = net.to(device).eval()
    from engine.models.cgir import FitResult

    history = _load(path, "history.json", _json) if (path / "history.json").exists() else []
    model.result = FitResult(best_epoch=manifest.get("best_epoch", 0),
                             best_metrics=manifest.get("metrics", {}), history=history,
                             seconds=manifest.get("train_seconds", 0.0),
                             stopped_early=manifest.get("stopped_early", False))
    return model
