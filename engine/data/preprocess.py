"""The paper's preprocessing: raw MovieLens tables -> :class:`Dataset` (X, A, relevance).

Following the CGIR paper (which follows MacridVAE):

1. ratings >= ``min_rating`` (4.0) become interactions (duplicate user-item pairs count once);
2. then users with >= ``min_user_interactions`` (5) interactions are kept, in one pass and in that
   order (items are not re-filtered, users are not re-checked afterwards);
3. the items are exactly those with at least one interaction after step 2;
4. item attributes are the item's genres plus its cleaned user tags. Cleaning lower-cases, trims,
   collapses inner whitespace and de-duplicates per item. With a tag genome only user tags that
   appear in the genome tag table are kept (as the paper does) and no support threshold applies
   by default; without one a user tag must be carried by at least ``DEFAULT_MIN_TAG_SUPPORT``
   distinct items (a tag on fewer items can hardly yield a one-difference pair, and single-use
   tags are mostly personal notes). Genres are always kept;
5. relevance comes from the genome scores where present (NaN for attributes without a genome
   column, e.g. genres with no genome tag of the same name), None for layouts without a genome.

Interactions are built straight into a CSR matrix; nothing of size users x items is dense.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from engine.data.dataset import Dataset
from engine.data.layouts import RawData
from engine.errors import DatasetError

DEFAULT_MIN_TAG_SUPPORT = 5


@dataclass(frozen=True)
class PreprocessConfig:
    """Knobs of :func:`preprocess`; the defaults are the paper's."""

    min_rating: float = 4.0
    min_user_interactions: int = 5
    # None: 1 with a tag genome (the genome table is the filter), DEFAULT_MIN_TAG_SUPPORT without.
    min_tag_support: int | None = None
    include_genres: bool = True


def clean_tags(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Lower-case, trim, and collapse runs of whitespace to one space."""
    values = pc.utf8_lower(values)
    values = pc.replace_substring_regex(values, r"\s+", " ")
    return pc.utf8_trim_whitespace(values)


def _np(column) -> np.ndarray:
    return np.asarray(column.to_numpy())


def _index(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique ids and each id's position among them (np.unique with return_inverse).

    MovieLens ids are small non-negative integers, so a presence table is O(n) and several times
    faster than sorting 25M values; other ids fall back to a sort.
    """
    if len(ids) and ids.min() >= 0 and ids.max() < 64 * len(ids) + (1 << 20):
        present = np.zeros(int(ids.max()) + 1, dtype=bool)
        present[ids] = True
        position = np.cumsum(present, dtype=np.int64) - 1
        return np.flatnonzero(present), position[ids]
    order = np.argsort(ids, kind="stable")
    ordered = ids[order]
    first = np.concatenate([[True], ordered[1:] != ordered[:-1]]) if len(ids) else np.zeros(0, bool)
    inverse = np.empty(len(ids), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def _distinct(keys: np.ndarray) -> np.ndarray:
    """Sorted distinct values of an int64 array (sort + neighbour compare)."""
    keys = np.sort(keys)
    if len(keys) == 0:
        return keys
    return keys[np.concatenate([[True], keys[1:] != keys[:-1]])]


def _interactions(raw: RawData, config: PreprocessConfig, meta: dict):
    ratings = raw.ratings
    users = _np(ratings["userId"]).astype(np.int64, copy=False)
    items = _np(ratings["movieId"]).astype(np.int64, copy=False)
    rating = _np(ratings["rating"])
    meta["ratings"] = int(len(users))
    if len(users) == 0:
        raise DatasetError(f"{raw.source} has no ratings at all; check ratings file")
    keep = rating >= config.min_rating
    users, items = users[keep], items[keep]
    if len(users) == 0:
        raise DatasetError(f"the 'rating >= {config.min_rating:g}' filter emptied {raw.source}: "
                           f"no rating reaches it (lower min_rating)")
    # One interaction per (user, item): unique on a combined key.
    item_vals, item_col = _index(items)
    user_vals, user_row = _index(users)
    key = _distinct(user_row * len(item_vals) + item_col)
    user_row, item_col = key // len(item_vals), key % len(item_vals)
    meta["positive_ratings"] = int(len(key))
    counts = np.bincount(user_row, minlength=len(user_vals))
    keep_user = counts >= config.min_user_interactions
    if not keep_user.any():
        raise DatasetError(
            f"the 'users with >= {config.min_user_interactions} interactions' filter emptied "
            f"{raw.source}: no user has that many ratings >= {config.min_rating:g} "
            f"(lower min_user_interactions)")
    mask = keep_user[user_row]
    user_row, item_col = user_row[mask], item_col[mask]
    # Re-index: kept users in id order, items = those with interactions left.
    user_ids = user_vals[keep_user]
    user_row = np.cumsum(keep_user)[user_row] - 1
    used = np.zeros(len(item_vals), dtype=bool)
    used[item_col] = True
    item_ids = item_vals[used]
    item_col = np.cumsum(used)[item_col] - 1
    matrix = sp.csr_matrix(
        (np.ones(len(user_row), dtype=np.float32),
         (user_row.astype(np.int32), item_col.astype(np.int32))),
        shape=(len(user_ids), len(item_ids)), dtype=np.float32)
    matrix.sum_duplicates()
    return matrix, user_ids, item_ids


def _titles(raw: RawData, item_ids: np.ndarray, meta: dict) -> tuple[str, ...]:
    movie_ids = _np(raw.movies["movieId"]).astype(np.int64, copy=False)
    titles = np.asarray(raw.movies["title"].to_pylist(), dtype=object)
    order = np.argsort(movie_ids, kind="stable")
    movie_ids, titles = movie_ids[order], titles[order]
    pos = np.searchsorted(movie_ids, item_ids)
    pos = np.minimum(pos, max(len(movie_ids) - 1, 0))
    found = (movie_ids[pos] == item_ids) if len(movie_ids) else np.zeros(len(item_ids), bool)
    out = [str(titles[p]).strip() if ok else f"Item {i}"
           for p, ok, i in zip(pos, found, item_ids)]
    meta["items_without_title"] = int((~found).sum())
    return tuple(out)


def _encode(values: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Integer codes and the distinct strings (pyarrow dictionary encoding, no Python loop)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = pc.dictionary_encode(values)
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    return codes, encoded.dictionary.to_pylist()


def _attribute_pairs(raw: RawData, item_ids: np.ndarray, config: PreprocessConfig,
                     meta: dict) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """(item column, tag index) pairs of A and the sorted vocabulary."""
    parts: list[tuple[np.ndarray, np.ndarray, list[str]]] = []  # (item col, code, names)

    def located(ids) -> tuple[np.ndarray, np.ndarray]:
        ids = np.asarray(ids, dtype=np.int64)
        pos = np.minimum(np.searchsorted(item_ids, ids), len(item_ids) - 1)
        return pos, item_ids[pos] == ids

    n_genres = 0
    if config.include_genres and raw.genres is not None and raw.genres.num_rows:
        pos, ok = located(_np(raw.genres["movieId"]))
        genre = clean_tags(raw.genres["genre"]).filter(pa.array(ok))
        codes, names = _encode(genre)
        n_genres = len(names)
        parts.append((pos[ok], codes, names))

    has_genome = raw.genome_tags is not None
    support = config.min_tag_support
    if support is None:
        support = 1 if has_genome else DEFAULT_MIN_TAG_SUPPORT
    meta["min_tag_support"] = int(support)
    meta["user_tag_applications"] = 0
    if raw.tags is not None and raw.tags.num_rows:
        meta["user_tag_applications"] = int(raw.tags.num_rows)
        pos, ok = located(_np(raw.tags["movieId"]))
        text = clean_tags(raw.tags["tag"])
        keep = pc.and_(pa.array(ok), pc.not_equal(text, ""))
        if has_genome:
            genome = clean_tags(raw.genome_tags["tag"])
            keep = pc.and_(keep, pc.is_in(text, value_set=pa.array(genome.to_pylist())))
        keep = np.asarray(keep.to_numpy(zero_copy_only=False), dtype=bool)
        if keep.any():
            codes, names = _encode(text.filter(pa.array(keep)))
            col = pos[keep]
            # Support = distinct kept items carrying the user tag.
            pair = _distinct(codes * len(item_ids) + col)
            item_support = np.bincount(pair // len(item_ids), minlength=len(names))
            strong = (item_support >= support)[codes]
            meta["user_tags_before_support"] = len(names)
            parts.append((col[strong], codes[strong], names))
    meta["genres"] = n_genres
    vocab = sorted({name for _, codes, names in parts for name in
                    np.asarray(names, dtype=object)[np.unique(codes)].tolist()})
    if not vocab:
        return np.array([], np.int64), np.array([], np.int64), ()
    column = {name: k for k, name in enumerate(vocab)}
    all_cols, all_tags = [], []
    for col, codes, names in parts:
        remap = np.array([column.get(name, -1) for name in names], dtype=np.int64)
        all_cols.append(col.astype(np.int64))
        all_tags.append(remap[codes])
    return np.concatenate(all_cols), np.concatenate(all_tags), tuple(vocab)


def _relevance(raw: RawData, item_ids: np.ndarray, tags: tuple[str, ...]) -> np.ndarray | None:
    if raw.genome_tags is None or raw.genome_scores is None:
        return None
    relevance = np.full((len(item_ids), len(tags)), np.nan, dtype=np.float32)
    if not tags or not len(item_ids):
        return relevance
    genome_names = clean_tags(raw.genome_tags["tag"]).to_pylist()
    genome_ids = _np(raw.genome_tags["tagId"]).astype(np.int64)
    column_of = {name: k for k, name in enumerate(tags)}
    # tagId -> vocab column (-1 when the genome tag is not an attribute).
    lookup_ids = np.array(sorted(genome_ids), dtype=np.int64)
    lookup_col = np.full(len(lookup_ids), -1, dtype=np.int64)
    for tag_id, name in zip(genome_ids, genome_names):
        lookup_col[np.searchsorted(lookup_ids, tag_id)] = column_of.get(name, -1)
    scores = raw.genome_scores
    movie = _np(scores["movieId"]).astype(np.int64, copy=False)
    tag_id = _np(scores["tagId"]).astype(np.int64, copy=False)
    value = _np(scores["relevance"]).astype(np.float32, copy=False)
    pos = np.minimum(np.searchsorted(item_ids, movie), len(item_ids) - 1)
    tpos = np.minimum(np.searchsorted(lookup_ids, tag_id), len(lookup_ids) - 1)
    ok = (item_ids[pos] == movie) & (lookup_ids[tpos] == tag_id)
    col = np.where(ok, lookup_col[tpos], -1)
    ok &= col >= 0
    relevance[pos[ok], col[ok]] = np.clip(value[ok], 0.0, 1.0)
    return relevance


def preprocess(raw: RawData, config: PreprocessConfig | None = None) -> Dataset:
    """The paper's preprocessing of one release (see the module docstring for every step).

    Example:
        >>> from engine.data.layouts import read_release
        >>> dataset = preprocess(read_release(Path("ml-latest-small.zip")))  # doctest: +SKIP
    """
    config = config or PreprocessConfig()
    meta: dict = {"layout": raw.layout, "source": raw.source, "skipped_rows": dict(raw.skipped)}
    if raw.info:
        meta["demo"] = dict(raw.info)
    interactions, user_ids, item_ids = _interactions(raw, config, meta)
    titles = _titles(raw, item_ids, meta)
    cols, tag_index, tags = _attribute_pairs(raw, item_ids, config, meta)
    item_tags = sp.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), (cols, tag_index)),
        shape=(len(item_ids), len(tags)), dtype=np.float32)
    item_tags.sum_duplicates()
    item_tags.data[:] = 1.0  # de-duplicated per item: several users' same tag count once
    relevance = _relevance(raw, item_ids, tags)
    meta["config"] = {"min_rating": config.min_rating,
                      "min_user_interactions": config.min_user_interactions,
                      "min_tag_support": meta["min_tag_support"],
                      "include_genres": config.include_genres}
    return Dataset(name=raw.name, interactions=interactions, user_ids=user_ids, item_ids=item_ids,
                   titles=titles, tags=tags, item_tags=item_tags, relevance=relevance,
                   synthetic=raw.synthetic, meta=meta)
