"""W(t): the words of each attribute string, and their pre-trained vectors (cached).

F(t) = sum_{w in W(t)} f(w) (eq. 7) needs one vector per distinct word of the tag vocabulary.
Vectors come from the same MiniLM sentence model the dialogue layer uses (`engine.text.minilm.encode`),
computed once per vocabulary and cached under cgir_home()/cache/word-vectors (and copied into
every checkpoint), because loading MiniLM takes seconds.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np

from engine.paths import cgir_home


def words_of(tag: str) -> list[str]:
    """W(t): lower-case whitespace tokens, punctuation at the edges stripped ("sci-fi" stays)."""
    words = [re.sub(r"^[^\w]+|[^\w]+$", "", w) for w in tag.lower().split()]
    words = [w for w in words if w]
    return words or [tag.lower().strip() or "?"]


def tag_word_matrix(tags: tuple[str, ...] | list[str]) -> tuple[list[str], np.ndarray]:
    """(vocabulary, (T, W) float32 matrix) with matrix[t, w] = count of word w in tag t.

    F = matrix @ f(word_vectors) is the sum pooling of eq. 7.
    """
    vocabulary: dict[str, int] = {}
    rows = []
    for tag in tags:
        row = {}
        for word in words_of(tag):
            index = vocabulary.setdefault(word, len(vocabulary))
            row[index] = row.get(index, 0) + 1
        rows.append(row)
    matrix = np.zeros((len(tags), len(vocabulary)), dtype=np.float32)
    for t, row in enumerate(rows):
        for w, count in row.items():
            matrix[t, w] = count
    return list(vocabulary), matrix


def _cache_file(words: list[str]) -> Path:
    digest = hashlib.sha256("\x1f".join(words).encode()).hexdigest()[:20]
    return cgir_home() / "cache" / "word-vectors" / f"{digest}.npy"


def word_vectors(words: list[str]) -> np.ndarray:
    """(len(words), 384) float32 unit vectors for the words, from the cache or MiniLM."""
    path = _cache_file(words)
    if path.exists():
        vectors = np.load(path)
        if vectors.shape[0] == len(words):
            return vectors.astype(np.float32)
    from engine.text.minilm import encode

    vectors = encode(words)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp.npy")
    np.save(temporary, vectors)
    os.replace(temporary, path)
    return vectors
