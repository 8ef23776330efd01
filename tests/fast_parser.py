"""The real parser on a deterministic, instant encoder: one helper for every test folder.

`tests/` is on sys.path (its conftest.py sits there), so any test imports it as `fast_parser`.
"""

from __future__ import annotations

import zlib

import numpy as np

from bot.nlu.parser import Parser, ParserConfig
from engine.retrieval.retriever import Retriever
from engine.text.minilm import EMBEDDING_DIM


def hashed_ngram_encoder(texts) -> np.ndarray:
    """A deterministic, instant stand-in for MiniLM: hashed word and character-trigram counts.

    Phrases that share words or spellings come out close ("scary" ~ "scarier"), unrelated ones
    near orthogonal, which is what the parser's grounding needs from an encoder in unit tests.
    """
    out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in str(text).lower().split():
            grams = [f"w:{word}"] + [f"#{word}#"[i:i + 3] for i in range(len(word))]
            for gram in grams:
                h = zlib.crc32(gram.encode())
                out[row, h % EMBEDDING_DIM] += 1.0 if (h >> 16) & 1 else -1.0
        norm = np.linalg.norm(out[row])
        if norm:
            out[row] /= norm
    return out


hashed_ngram_encoder.encoder_id = "hashed-ngrams-v1"


def fixture_parser(retriever: Retriever, **config) -> Parser:
    """The production Parser on a catalog, with the hashed encoder (no model load)."""
    return Parser.from_retriever(retriever, encoder=hashed_ngram_encoder,
                                 config=ParserConfig(**config) if config else None)
