"""Sentence vectors of known batches of texts, read from a folder instead of computed again.

The demo model's first build embeds the same few thousand movie texts on every machine (19 s of
MiniLM on one core). Those batches ship with the package (engine.training.shipped), one file per
batch, named by the batch's digest, at 8 bits (engine.text.eight_bit: the precision a checkpoint
keeps them at anyway; float32 would be 4.5 MB, over the repository's size limit). A batch is
answered from its file only when the texts are exactly those, in that order, so the answer is
what MiniLM gave on the machine that built it, at 8 bits; any other batch goes to the real
encoder.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from engine.text.eight_bit import from_codes, to_codes
from engine.text.minilm import EMBEDDING_DIM

Encoder = Callable[[list[str]], np.ndarray]
ENCODER_ID = "all-MiniLM-L6-v2"


def batch_digest(texts: Sequence[str], encoder_id: str = ENCODER_ID) -> str:
    return hashlib.sha256("\x1f".join([encoder_id, *texts]).encode()).hexdigest()[:16]


def batch_file(folder: Path, texts: Sequence[str]) -> Path:
    return Path(folder) / f"encoded-{batch_digest(texts)}.npz"


def _minilm(texts: list[str]) -> np.ndarray:
    from engine.text.minilm import encode

    return encode(texts)


class RememberedEncoder:
    """An encoder (texts -> float32 vectors at 8 bits) that reads a batch's vectors from `folder`
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
            vectors = _read_batch(path)
            if vectors is not None and vectors.shape == (len(texts), EMBEDDING_DIM):
                self.read.append(path)
                return vectors
        codes, scales = to_codes(np.asarray(self.fallback(texts), dtype=np.float32))
        if self.record:
            self.folder.mkdir(parents=True, exist_ok=True)
            np.savez_compressed(path, codes=codes, scales=scales)
            self.written.append(path)
        return from_codes(codes, scales)


def _read_batch(path: Path) -> np.ndarray | None:
    """A batch file's vectors; None when it is damaged (that only costs the encoding)."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            codes, scales = stored["codes"], stored["scales"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    if codes.dtype != np.int8 or scales.shape != (len(codes),):
        return None
    return from_codes(codes, scales)
