"""The default demo model: trained once on the built-in demo world, then loaded from cache.

`cgir chat`, `cgir retrieve demo ...` and the server use it when no model is given. The first
call builds the demo world and writes the checkpoint from the build shipped with the package
(engine.training.shipped; a few seconds), or trains when the config differs from the shipped
one's (about a minute on two cores, with a progress bar on stderr); later calls only check that
the checkpoint is complete, so loading stays fast.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

from engine.paths import cgir_home

DEMO_MODEL_NAME = "demo"


def demo_model_dir() -> Path:
    return cgir_home() / "models" / DEMO_MODEL_NAME


def _complete(path: Path) -> bool:
    """A finished checkpoint of this version's format (an older demo model is trained again)."""
    from engine.models.checkpoint import read_manifest
    from engine.errors import CheckpointError

    try:
        read_manifest(path)
    except CheckpointError:
        return False
    return True


def ensure_demo_model(*, progress: bool = True, config=None) -> Path:
    """Path of the demo checkpoint, training it first if it is missing (once, under a lock).

    `config` (a TrainConfig) replaces the defaults for that first training only.
    """
    target = demo_model_dir()
    if _complete(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{DEMO_MODEL_NAME}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two processes starting at once train only once
        if _complete(target):
            return target
        from engine.config import TrainConfig
        from engine.data import load_dataset
        from engine.training.pipeline import train_model
        from engine.training.shipped import install_demo_build

        dataset = load_dataset("demo")
        config = config or TrainConfig()
        staging = target.parent / f".{DEMO_MODEL_NAME}.{os.getpid()}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        # The shipped build is this very training's result (engine.training.shipped): seconds
        # instead of a minute. Another demo world or config trains as before.
        if install_demo_build(dataset, config, staging) is None:
            train_model(dataset, config, staging, progress=progress)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    return target
