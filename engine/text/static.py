"""Static phrase embeddings distilled once from MiniLM: a numpy table of word and phrase vectors.

Loading torch + MiniLM takes seconds (6 s on a quiet machine), too long for a chat's first reply.
So the phrases a parser grounds against, their words and a few thousand common English words are
embedded once with the real encoder (`engine.text.minilm.encode`) and kept as one .npz file. Then:

- a phrase in the table gets its MiniLM vector exactly;
- another phrase whose every word is in the table gets the normalised mean of its words' MiniLM
  vectors (an approximation: "space battles" has cosine 0.79 to MiniLM's own vector);
- any other phrase goes to the real encoder, loaded on first such phrase.

Lookup needs numpy only. docs/benchmarks/parser.md measures what the approximation costs.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path

import numpy as np

from engine.text.minilm import EMBEDDING_DIM
from engine.text.normalise import text_key

__all__ = ["StaticEncoder", "StaticTable", "common_words", "table_digest", "table_file",
           "load_or_build"]

Encoder = Callable[[list[str]], np.ndarray]
PRECISE_MEMO = 1024  # batches of texts the real encoder embedded, remembered (StaticEncoder.precise)
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")


normalise = text_key  # the table's key for a text


def words_of(text: str) -> list[str]:
    """Whitespace words with punctuation at the edges stripped ("sci-fi" stays one word)."""
    words = (_EDGE_PUNCTUATION.sub("", w) for w in normalise(text).split())
    return [w for w in words if w]


def common_words(limit: int = 5000) -> list[str]:
    """The first `limit` whole words of MiniLM's WordPiece vocabulary (roughly by frequency)."""
    from engine.text.minilm import wordpiece_vocabulary

    words = [w for w in wordpiece_vocabulary() if w.isalpha() and w.isascii() and len(w) >= 2]
    return words[:limit]


class StaticTable:
    """Normalised text -> unit vector, for the texts embedded when the table was built."""

    def __init__(self, keys: Sequence[str], vectors: np.ndarray):
        self.keys = tuple(keys)
        self.vectors = np.asarray(vectors, dtype=np.float32)
        if self.vectors.shape != (len(self.keys), EMBEDDING_DIM):
            raise ValueError(f"{len(self.keys)} keys but vectors of shape {self.vectors.shape}")
        self.index = {k: i for i, k in enumerate(self.keys)}

    def __len__(self) -> int:
        return len(self.keys)

    @classmethod
    def build(cls, texts: Sequence[str], encode: Encoder) -> "StaticTable":
        """Embed every distinct normalised text (and each of its words) with `encode`."""
        keys: dict[str, None] = {}
        for text in texts:
            key = normalise(text)
            if key:
                keys[key] = None
                keys.update(dict.fromkeys(words_of(key)))
        ordered = list(keys)
        vectors = (np.asarray(encode(ordered), dtype=np.float32) if ordered
                   else np.zeros((0, EMBEDDING_DIM), np.float32))
        return cls(ordered, vectors)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp.npz")
        # float32, as encoded: a table phrase must ground exactly as with the real encoder.
        np.savez(temporary, keys=np.asarray(self.keys, dtype=str), vectors=self.vectors)
        os.replace(temporary, path)

    @classmethod
    def load(cls, path: Path) -> "StaticTable | None":
        """The table saved at `path`, or None when it is absent or unreadable."""
        try:
            with np.load(path, allow_pickle=False) as stored:
                return cls([str(k) for k in stored["keys"]], stored["vectors"])
        except (OSError, KeyError, ValueError):
            return None

    def lookup(self, text: str) -> np.ndarray | None:
        """The text's vector: exact, or the mean of its words' vectors; None if a word is unknown."""
        key = normalise(text)
        row = self.index.get(key)
        if row is not None:
            return self.vectors[row]
        rows = []
        for word in words_of(key):
            found = self.index.get(word)
            if found is None:
                return None
            rows.append(found)
        if not rows:
            return None
        mean = self.vectors[rows].mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm else None


def _real_encoder(texts: list[str]) -> np.ndarray:
    from engine.text.minilm import encode

    return encode(texts)


class StaticEncoder:
    """An encoder (texts -> unit vectors) that answers from a StaticTable and asks `fallback`
    (the real MiniLM by default) only for texts with a word the table lacks."""

    def __init__(self, table: "StaticTable | Future[StaticTable]", fallback: Encoder | None = None,
                 *, table_id: str = ""):
        self._table = table
        self.building: threading.Thread | None = None  # the thread building the table, if any
        self.fallback = fallback or _real_encoder
        self.encoder_id = f"all-MiniLM-L6-v2/static-{table_id or len(self.table)}"
        self.fallback_calls = 0  # texts sent to the real encoder (benchmarks report it)
        self._precise: OrderedDict[tuple[str, ...], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def table(self) -> StaticTable:
        """The table; waits for it while `load_or_build` is still building it in the background
        (and raises what the build raised)."""
        table = self._table
        if isinstance(table, Future):
            table = self._table = table.result()
        return table

    def covers(self, text: str) -> bool:
        return self.table.lookup(text) is not None

    def approximate(self, text: str) -> bool:
        """Whether `self([text])` is a mean of word vectors rather than MiniLM's own vector."""
        return normalise(text) not in self.table.index and self.covers(text)

    def precise(self, texts: Sequence[str]) -> np.ndarray:
        """The real encoder's vectors (for callers that cannot afford the approximation).

        Remembered per batch of texts (the last PRECISE_MEMO batches): a phrase the table lacks
        costs 30-40 ms of MiniLM, and a server sees the same phrases again and again. Keyed by
        the whole batch, so an answer is bit-identical to encoding that batch afresh."""
        key = tuple(texts)
        with self._lock:
            found = self._precise.get(key)
            if found is not None:
                self._precise.move_to_end(key)
                return found.copy()
            self.fallback_calls += len(texts)
        vectors = np.asarray(self.fallback(list(texts)), dtype=np.float32)
        with self._lock:
            self._precise[key] = vectors.copy()
            if len(self._precise) > PRECISE_MEMO:
                self._precise.popitem(last=False)
        return vectors

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        missing: list[int] = []
        for i, text in enumerate(texts):
            vector = self.table.lookup(text)
            if vector is None:
                missing.append(i)
            else:
                out[i] = vector
        if missing:
            out[missing] = self.precise([texts[i] for i in missing])
        return out


def table_digest(texts: Sequence[str], encoder_id: str = "all-MiniLM-L6-v2") -> str:
    return hashlib.sha256("\x1f".join([encoder_id, *texts]).encode()).hexdigest()[:16]


def table_file(folder: Path, texts: Sequence[str]) -> Path:
    return Path(folder) / f"static-text-{table_digest(texts)}.npz"


def load_or_build(texts: Sequence[str], folder: Path, encode: Encoder | None = None,
                  on_build: Callable[[int], None] | None = None, *,
                  background: bool = False) -> StaticEncoder:
    """The StaticEncoder for `texts`: from folder/static-text-<digest>.npz, or built
    once with `encode` (the real MiniLM by default: seconds per thousand texts) and saved.

    With `background`, a table that must be built is built in a thread and the encoder waits for
    it on first use, so a caller's other start-up work (and a reply that embeds nothing) goes on
    meanwhile. The thread (`StaticEncoder.building`) is not a daemon; join it before the
    interpreter shuts down, which would break its imports (DialogueManager.close does)."""
    digest = table_digest(texts)
    path = table_file(folder, texts)
    table = StaticTable.load(path)
    if table is not None:
        return StaticEncoder(table, encode, table_id=digest)
    if on_build is not None:
        on_build(len(texts))

    def build() -> StaticTable:
        built = StaticTable.build(texts, encode or _real_encoder)
        try:
            built.save(path)
        except OSError:
            pass  # a read-only cache folder only costs the build next time
        return built

    if not background:
        return StaticEncoder(build(), encode, table_id=digest)
    pending: Future[StaticTable] = Future()

    def run() -> None:
        try:
            pending.set_result(build())
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits for the table
            pending.set_exception(error)

    encoder = StaticEncoder(pending, encode, table_id=digest)
    encoder.building = threading.Thread(target=run, name="cgir-phrase-table", daemon=False)
    encoder.building.start()
    return encoder
