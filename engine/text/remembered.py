"""Sentence vectors of known batches of texts, read from a folder instead of computed again.

The demo model's first build embeds the same few thousand movie texts on every machine (19 s of
MiniLM on one core). The batches small enough to keep in the repository ship with the package
(engine.training.shipped.MAX_SHIPPED_BYTES), one file per batch, named by the batch's digest: a batch is answered from its file only when the texts are
exactly those, in that order, so the answer is what MiniLM gave on the machine that built it;
any other batch goes to the real encoder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from engine.text.minilm import EMBEDDING_DIM

Encoder = Callable[[list[str]], np.ndarray]
ENCODER_ID = "all-MiniLM-L6-v2"


def batch_digest(texts: Sequence[str], encoder_id: str = ENCODER_ID) -> str:
    return hashlib.sha256("\x1f".join([encoder_id, *texts]).encode()).hexdigest()[:16]


def batch_file(folder: Path, texts: Sequence[str]) -> Path:
    return Path(folder) / f"encoded-{batch_digest(texts)}.npy"


def _minilm(texts: list[str]) -> np.ndarray:
    from engine.text.minilm import encode

    return encode(texts)


class RememberedEncoder:
    """An encoder (texts -> float32 unit vectors) that reads a batch's vectors from `folder`
    when they are there, and otherwise asks `fallback` (MiniLM by default). With `record`, the
    batches `fallback` embedded are written to `folder` (how the shipped files are made)."""

    def __init__(self, folder: Path, fallback: Encoder | None = None, *, record: bool = False):
        self.folder = Path(folder)
        self.fallback = fallback or _minilm
        self.record = record
        self.read: list[Path] = []  # files answered from (tests and the export check them)
        self.written: list[Path] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        path = batch_file(self.folder, texts)
        if not self.record and path.is_file():
            try:
                vectors = np.load(path, allow_pickle=False)
            except (OSError, ValueError):  # a damaged file only costs the encoding
                vectors = None
            if (vectors is not None and vectors.shape == (len(texts), EMBEDDING_DIM)
                    and vectors.dtype == np.float32):
                self.read.append(path)
                return vectors
        vectors = np.asarray(self.fallback(texts), dtype=np.float32)
        if self.record:
            self.folder.mkdir(parents=True, exist_ok=True)
            np.save(path, vectors)
            self.written.append(path)
        return vectors
