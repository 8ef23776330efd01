"""Files derived from a checkpoint and its release: beside the checkpoint when `cgir train` wrote
them, else written once under CGIR_HOME/cache, keyed by the model id, for a checkpoint made
before they existed (engine.retrieval.outside, engine.retrieval.cold)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

__all__ = ["cached_file", "derived_file", "derived_candidates"]


def cached_file(name: str) -> Path:
    from engine.paths import cgir_home

    return cgir_home() / "cache" / name


def derived_file(model_dir: str | Path, own_name: str, cache_name: Callable[[str], str],
                 write: Callable[[Path], object]) -> Path:
    """The checkpoint's own `own_name`, else the cached file named by `cache_name(model id)`,
    made with `write(path)` when it is not there yet."""
    model_dir = Path(model_dir)
    own = model_dir / own_name
    if own.exists():
        return own
    manifest = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))  # the checkpoint's
    cached = cached_file(cache_name(manifest.get("model_id") or model_dir.name))
    if not cached.exists():
        write(cached)
    return cached


def derived_candidates(model_dir: str | Path | None, model_id: str, own_name: str,
                       cache_name: Callable[[str], str]) -> list[Path]:
    """Where to look for a derived file, in order: beside the checkpoint, then the cache."""
    paths = [Path(model_dir) / own_name] if model_dir is not None else []
    return paths + ([cached_file(cache_name(model_id))] if model_id else [])
