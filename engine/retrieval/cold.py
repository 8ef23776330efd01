"""Films the data holds with a few ratings but the trained model left out ("cold" films), placed
in the item space so that a person can start from one.

The preprocessing keeps only films rated 4 or more by an active user, so a film rated by a
handful of people ("Jaws 3-D", "Rocky V") has no vector. A person still names it. Each such film
(at least `MIN_RATINGS` ratings of any value) is placed as a weighted mean of trained films:

* its raters' films: the films it is most similar to by adjusted cosine over the ratings
  (each user's mean removed, so a rater who disliked it and liked another film pulls them
  apart), shrunk by how many raters they share;
* its content neighbours: the trained films whose genres and tags (idf-weighted cosine) are
  closest, scaled down by the distance between release years.

The fewer its raters, the more the content neighbours count (weight n / (n + CONTENT_PRIOR) on
the raters' films). The same weights give its degrees: the weighted mean of its neighbours' raw
degree scores, placed among the trained films' scores (engine.retrieval.cold_rows).

The rows are a reference only, never an answer: `attach_cold_items` appends them after the
trained rows (`Retriever.n_shown` stays the trained count) and every policy bans them
(bot.dialogue.exclusions). `cgir train` writes `COLD_FILE` beside the checkpoint; for an older
checkpoint `remember_cold_items` writes it under CGIR_HOME/cache keyed by the model id.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from engine.retrieval.checkpoint_files import derived_candidates, derived_file

if TYPE_CHECKING:  # pragma: no cover
    from engine.retrieval.retriever import Retriever

__all__ = ["COLD_FILE", "MIN_RATINGS", "ColdItems", "cold_items", "write_cold_items",
           "remember_cold_items", "load_cold_items", "attach_cold_items"]

COLD_FILE = "cold_items.npz"
MIN_RATINGS = 5  # fewer ratings than this say too little to place a film
NEIGHBOURS = 20  # trained films each side (raters', content) contributes
SHARED_PRIOR = 3.0  # shrinks a similarity resting on few shared raters: n / (n + prior)
CONTENT_PRIOR = 10.0  # raters' weight n / (n + prior): 5 raters -> 1/3, 20 -> 2/3
YEAR_SCALE = 15.0  # content similarity times exp(-|years apart| / scale)
logger = logging.getLogger(__name__)


@dataclass
class ColdItems:
    """E cold films, as rows to append after a model's M trained items."""

    item_ids: np.ndarray  # (E,) the release's movie ids
    titles: tuple[str, ...]
    ratings: np.ndarray  # (E,) ratings of any value in the release
    vectors: np.ndarray  # (E, D) placed item vectors
    weights: sp.csr_matrix  # (E, M) the trained films each was placed from, rows sum to 1
    item_tags: sp.csr_matrix  # (E, T) its genres and tags within the model's vocabulary
    raters: np.ndarray  # (E,) share of its weight from its raters' films (the rest: content)
    catalog_ratings: np.ndarray  # (M,) ratings of any value of each trained film

    @property
    def n(self) -> int:
        return len(self.item_ids)


def _top_rows(scores: np.ndarray, k: int) -> sp.csr_matrix:
    """Each row's k largest positive entries, normalised to sum 1 (empty rows stay empty)."""
    scores = np.where(scores > 0, scores, 0.0)
    k = min(k, scores.shape[1])
    keep = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k else np.zeros((len(scores), 0), int)
    rows = np.repeat(np.arange(len(scores)), keep.shape[1])
    values = np.take_along_axis(scores, keep, axis=1).ravel()
    kept = sp.csr_matrix((values, (rows, keep.ravel())), shape=scores.shape)
    kept.eliminate_zeros()
    sums = np.asarray(kept.sum(axis=1)).ravel()
    return sp.csr_matrix(sp.diags(np.where(sums > 0, 1.0 / np.maximum(sums, 1e-12), 0.0)) @ kept)


def _rating_weights(users: np.ndarray, movies: np.ndarray, values: np.ndarray,
                    columns: dict[int, int], n_trained: int, n_cold: int) -> sp.csr_matrix:
    """(E, M) normalised weights of the trained films most similar to each cold film by the
    adjusted cosine of their user-centred ratings, shrunk by shared raters."""
    col = np.array([columns.get(int(m), -1) for m in movies], dtype=np.int64)
    keep = col >= 0
    _, user = np.unique(users[keep], return_inverse=True)
    col, values = col[keep], values[keep].astype(np.float64)
    means = np.bincount(user, weights=values) / np.maximum(np.bincount(user), 1)
    centred = values - means[user]
    shape = (int(user.max()) + 1 if len(user) else 0, n_trained + n_cold)
    r = sp.csr_matrix((centred, (user, col)), shape=shape).tocsc()
    seen = sp.csr_matrix((np.ones(len(col)), (user, col)), shape=shape).tocsc()
    norms = np.sqrt(np.asarray(r.multiply(r).sum(axis=0)).ravel())
    trained, cold = r[:, :n_trained], r[:, n_trained:]
    dot = (cold.T @ trained).toarray()
    shared = (seen[:, n_trained:].T @ seen[:, :n_trained]).toarray()
    cosine = dot / np.maximum(norms[n_trained:, None] * norms[None, :n_trained], 1e-12)
    return _top_rows(cosine * shared / (shared + SHARED_PRIOR), NEIGHBOURS)


def _content_weights(trained_tags: sp.csr_matrix, cold_tags: sp.csr_matrix,
                     trained_years: np.ndarray, cold_years: np.ndarray) -> sp.csr_matrix:
    """(E, M) normalised weights of the trained films closest in genres and tags (idf-weighted
    cosine) and in release year."""
    m = trained_tags.shape[0]
    df = np.asarray((trained_tags > 0).sum(axis=0)).ravel()
    idf = sp.diags(np.log((1.0 + m) / (1.0 + df)))
    a, b = sp.csr_matrix(trained_tags @ idf), sp.csr_matrix(cold_tags @ idf)
    na = np.sqrt(np.asarray(a.multiply(a).sum(axis=1)).ravel())
    nb = np.sqrt(np.asarray(b.multiply(b).sum(axis=1)).ravel())
    cosine = (b @ a.T).toarray() / np.maximum(nb[:, None] * na[None, :], 1e-12)
    known = (cold_years[:, None] > 0) & (trained_years[None, :] > 0)
    apart = np.abs(cold_years[:, None] - trained_years[None, :]).astype(np.float64)
    return _top_rows(cosine * np.where(known, np.exp(-apart / YEAR_SCALE), 0.5), NEIGHBOURS)


def _release_tags(raw, ids: np.ndarray, tags: tuple[str, ...]) -> sp.csr_matrix:
    """(len(ids), T) binary: the genres and user tags the release gives each film, as the
    preprocessing cleans them, within the model's vocabulary."""
    from engine.data.preprocess import clean_tags

    row_of = {int(x): i for i, x in enumerate(ids)}
    column = {t: k for k, t in enumerate(tags)}
    pairs = set()
    for table, field in ((raw.genres, "genre"), (raw.tags, "tag")):
        if table is None or not table.num_rows:
            continue
        names = clean_tags(table[field]).to_pylist()
        for movie, name in zip(table["movieId"].to_pylist(), names):
            if int(movie) in row_of and name in column:
                pairs.add((row_of[int(movie)], column[name]))
    rows = [p[0] for p in sorted(pairs)]
    cols = [p[1] for p in sorted(pairs)]
    return sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(ids), len(tags)))


def cold_items(source: str | Path, item_ids: np.ndarray, item_vectors: np.ndarray,
               tags: tuple[str, ...], item_tags: sp.csr_matrix,
               min_ratings: int = MIN_RATINGS) -> ColdItems:
    """The release's films with >= `min_ratings` ratings that the model (its `item_ids`, vectors
    and binary tags) lacks, placed in its item space; deterministic for a release and model."""
    from engine.data.layouts import read_release
    from engine.data.loader import resolve_source
    from engine.retrieval.catalog import release_year

    raw = read_release(resolve_source(source), lenient=True)
    users = np.asarray(raw.ratings["userId"].to_numpy(), dtype=np.int64)
    movies = np.asarray(raw.ratings["movieId"].to_numpy(), dtype=np.int64)
    values = np.asarray(raw.ratings["rating"].to_numpy(), dtype=np.float64)
    rated, counts = np.unique(movies, return_counts=True)
    count_of = dict(zip(rated.tolist(), counts.tolist()))
    item_ids = np.asarray(item_ids, dtype=np.int64)
    kept = set(item_ids.tolist())
    title_of = {int(i): str(t).strip() for i, t in zip(raw.movies["movieId"].to_pylist(),
                                                        raw.movies["title"].to_pylist()) if t}
    cold = np.array(sorted(i for i in title_of if i not in kept and count_of.get(i, 0) >= min_ratings),
                    dtype=np.int64)
    m, e = len(item_ids), len(cold)
    columns = {int(x): k for k, x in enumerate(item_ids)} | {int(x): m + k for k, x in enumerate(cold)}
    by_rating = _rating_weights(users, movies, values, columns, m, e)
    cold_tags = _release_tags(raw, cold, tuple(tags))
    titles = tuple(title_of[int(i)] for i in cold)
    trained_years = np.array([release_year(str(t)) or 0 for t in _trained_titles(raw, item_ids)])
    cold_years = np.array([release_year(t) or 0 for t in titles])
    by_content = _content_weights(sp.csr_matrix(item_tags, dtype=np.float64), cold_tags,
                                  trained_years, cold_years)
    n = np.array([count_of[int(i)] for i in cold], dtype=np.float64)
    share = n / (n + CONTENT_PRIOR)
    share = np.where(by_content.getnnz(axis=1) == 0, 1.0, np.where(by_rating.getnnz(axis=1) == 0, 0.0, share))
    weights = sp.csr_matrix(sp.diags(share) @ by_rating + sp.diags(1.0 - share) @ by_content)
    vectors = _placed(weights, np.asarray(item_vectors, dtype=np.float64))
    return ColdItems(cold, titles, n.astype(np.int64), vectors, weights, cold_tags,
                     share.astype(np.float32),
                     np.array([count_of.get(int(i), 0) for i in item_ids], dtype=np.int64))


def _trained_titles(raw, item_ids: np.ndarray) -> list[str]:
    title_of = dict(zip(raw.movies["movieId"].to_pylist(), raw.movies["title"].to_pylist()))
    return [str(title_of.get(int(i)) or "") for i in item_ids]


def _placed(weights: sp.csr_matrix, h: np.ndarray) -> np.ndarray:
    """Weighted means of trained vectors, each rescaled to its neighbours' mean norm (a mean of
    unit vectors is shorter than any of them, and inner-product scores read length)."""
    mean = np.asarray(weights @ h)
    norms = np.linalg.norm(h, axis=1)
    target = np.asarray(weights @ norms).ravel()
    length = np.linalg.norm(mean, axis=1)
    return (mean * (target / np.maximum(length, 1e-12))[:, None]).astype(np.float32)


def write_cold_items(path: Path, cold: ColdItems) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez_compressed(
        tmp, item_ids=cold.item_ids, titles=np.asarray(cold.titles, dtype=str), ratings=cold.ratings,
        vectors=cold.vectors, raters=cold.raters, catalog_ratings=cold.catalog_ratings,
        **{f"weights_{k}": v for k, v in _csr_arrays(cold.weights).items()},
        **{f"tags_{k}": v for k, v in _csr_arrays(cold.item_tags).items()})
    tmp.replace(path)
    return path


def _csr_arrays(matrix: sp.csr_matrix) -> dict[str, np.ndarray]:
    return {"data": matrix.data.astype(np.float32), "indices": matrix.indices, "indptr": matrix.indptr,
            "shape": np.asarray(matrix.shape)}


def _csr(stored, prefix: str) -> sp.csr_matrix:
    return sp.csr_matrix((stored[f"{prefix}_data"], stored[f"{prefix}_indices"], stored[f"{prefix}_indptr"]),
                         shape=tuple(int(x) for x in stored[f"{prefix}_shape"]))


def read_cold_items(path: Path) -> ColdItems:
    with np.load(path) as s:
        return ColdItems(s["item_ids"].astype(np.int64), tuple(str(t) for t in s["titles"]),
                         s["ratings"].astype(np.int64), s["vectors"].astype(np.float32),
                         _csr(s, "weights"), _csr(s, "tags"), s["raters"].astype(np.float32),
                         s["catalog_ratings"].astype(np.int64))


def _cache_name(model_id: str) -> str:
    return f"cold-items-{model_id}.npz"


def cold_items_of(model_dir: str | Path, source: str | Path) -> ColdItems:
    """The cold films of a checkpoint (its item ids, vectors, tags) in `source`, its release."""
    model_dir = Path(model_dir)  # the checkpoint's files (engine.models.checkpoint), read directly
    with np.load(model_dir / "arrays.npz") as arrays:
        vectors = arrays["items"]
    ids = json.loads((model_dir / "items.json").read_text(encoding="utf-8"))["item_ids"]
    tags = json.loads((model_dir / "tags.json").read_text(encoding="utf-8"))["tags"]
    return cold_items(source, np.asarray(ids, dtype=np.int64), vectors, tuple(tags),
                      sp.load_npz(model_dir / "item_tags.npz").tocsr())


def remember_cold_items(model_dir: str | Path, source: str | Path) -> Path:
    """A checkpoint's cold films: its own file, else one written under CGIR_HOME/cache from
    `source` (the release it was trained on)."""
    return derived_file(model_dir, COLD_FILE, _cache_name,
                        lambda path: write_cold_items(path, cold_items_of(model_dir, source)))


def load_cold_items(model_dir: str | Path | None, model_id: str) -> ColdItems | None:
    """The checkpoint's cold films (its own file, else the cache), None when neither has them."""
    for path in derived_candidates(model_dir, model_id, COLD_FILE, _cache_name):
        if not path.is_file():
            continue
        try:
            return read_cold_items(path)
        except (OSError, ValueError, KeyError) as error:
            logger.warning("ignoring %s: %s", path, error)
    return None


def attach_cold_items(retriever: "Retriever", cold: ColdItems | None = None) -> int:
    """Append a checkpoint's cold films to `retriever` as reference-only rows (found with
    `load_cold_items` when not given); returns how many. A file made for another catalog is
    ignored (logged)."""
    if retriever.n_shown != retriever.n_items:
        return retriever.n_items - retriever.n_shown  # attached already
    if cold is None:
        cold = load_cold_items(getattr(retriever, "model_dir", None), retriever.model_id)
    m = retriever.n_items
    if cold is None or not cold.n:
        return 0
    if cold.weights.shape[1] != m or cold.item_tags.shape[1] != len(retriever.tags) or \
            cold.vectors.shape[1] != retriever.item_vectors.shape[1]:
        logger.warning("the cold films stored for model %s do not fit its catalog: ignored", retriever.model_id)
        return 0
    r = retriever
    r.trained_titles = r.title_resolver  # the trained films' resolver (engine.degrees.load.anchor_rows)
    r.item_vectors = np.ascontiguousarray(np.vstack([r.item_vectors, cold.vectors]), dtype=np.float32)
    r.item_ids = np.concatenate([r.item_ids, cold.item_ids])
    r.titles = (*r.titles, *cold.titles)
    r.title_popularity = r.watched = np.concatenate([cold.catalog_ratings, cold.ratings])  # "most watched"
    r.popularity = np.concatenate([r.popularity, np.zeros(cold.n, dtype=np.int64)])  # never in a popular pool
    if r.item_tags is not None:
        r.item_tags = sp.vstack([r.item_tags, cold.item_tags.astype(r.item_tags.dtype)]).tocsr()
    if r.relevance is not None:  # no graded relevance for a film the genome may hold: unknown
        r.relevance = np.vstack([r.relevance, np.full((cold.n, r.relevance.shape[1]), np.nan, np.float32)])
    r.row_of_id = {int(x): i for i, x in enumerate(r.item_ids)}
    r.cold_weights = cold.weights
    r.cold_raters = cold.raters
    r._titles = None
    r.__dict__.pop("_degrees_of", None)
    return cold.n
