"""Item-side inputs of the degree score, computed once per checkpoint (`degrees.npz`).

The item table H and the binary tags say *whether* an item has an attribute; the degree score
also needs signals of *how much*: how many users applied each tag (graded where the dataset has
no genome), the genome relevance where it has one, and a text embedding of each movie
("Title. Genres: ... Tags: ...", MiniLM) that lets a phrase that is not a tag reach items.
Everything is read from the release the dataset came from (`dataset.meta["source"]`) when it is
still there; without it the binary tags stand in for the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from engine.text.eight_bit import at_8_bits, from_codes, to_codes

if TYPE_CHECKING:  # pragma: no cover
    from engine.data.dataset import Dataset

ARTEFACT = "degrees.npz"
# With graded relevance (a genome, the demo world's planted truth), the degree score may lean on
# it, so walk figures measured against that same relevance would be circular. A seeded share of
# items has its relevance withheld: their degree signals come from binary tags, text and the item
# space only, and `degrees.npz` lists them ("withheld") so evaluations can be restricted to them.
WITHHELD_SHARE = 0.3
WITHHELD_SEED = 20261201


def withheld_items(n_items: int, share: float = WITHHELD_SHARE,
                   seed: int = WITHHELD_SEED) -> np.ndarray:
    """(n_items,) bool: the items whose graded relevance the degree score never sees."""
    mask = np.zeros(n_items, dtype=bool)
    mask[np.random.default_rng(seed).permutation(n_items)[: int(round(share * n_items))]] = True
    return mask
MAX_TEXT_TAGS = 12  # tags per movie text: the most applied ones


@dataclass
class ItemSignals:
    """Per-item inputs of the degree score (M rows each)."""

    tag_counts: sp.csr_matrix  # (M, T) users who applied each tag (genres and genome: 0/1, relevance)
    text_vectors: np.ndarray  # (M, 384) MiniLM vectors of the movie texts at 8 bits, float32
    popularity: np.ndarray  # (M,) interactions
    mean_rating: np.ndarray  # (M,) mean raw rating, NaN when unknown


def raw_release(dataset: "Dataset"):
    """The dataset's release read again from `meta["source"]` (its tags and genres), or None."""
    source = dataset.meta.get("source")
    if not source or not Path(source).exists():
        return None
    from engine.data.layouts import read_release

    try:
        return read_release(Path(source), lenient=True)
    except Exception:  # noqa: BLE001 - a missing or changed release only loses the counts
        return None


def user_language(dataset: "Dataset", raw=None, max_phrases: int = 5000
                  ) -> tuple[tuple[str, ...], sp.csr_matrix]:
    """Every tag people applied in the release (genres and the vocabulary included) and an
    (M, L) matrix of how many users applied each to each item; the most used `max_phrases`."""
    vocabulary = tuple(dataset.tags)
    if raw is None or raw.tags is None or not raw.tags.num_rows:
        return vocabulary, sp.csr_matrix(dataset.item_tags, dtype=np.float32)
    from collections import Counter

    from engine.data.preprocess import clean_tags

    names = clean_tags(raw.tags["tag"]).to_pylist()
    movies = np.asarray(raw.tags["movieId"].to_numpy())
    users = np.asarray(raw.tags["userId"].to_numpy())
    # The language is everything this community wrote (movies outside the catalog included);
    # the counts only cover catalog items.
    # sorted: ties in most_common keep insertion order, and a set's order changes with each
    # process's string hashing, so without it two builds of one release could differ.
    use = Counter(n for n, _ in sorted({(n, int(m)) for n, m in zip(names, movies) if n}))
    row_of = {int(x): i for i, x in enumerate(dataset.item_ids)}
    triples = {(row_of[int(m)], n, int(u)) for m, n, u in zip(movies, names, users)
               if n and int(m) in row_of}
    language = tuple(dict.fromkeys([*vocabulary, *(n for n, _ in use.most_common(max_phrases))]))
    column = {n: k for k, n in enumerate(language)}
    kept = [(r, column[n]) for r, n, _ in triples if n in column]
    rows = [r for r, _ in kept]
    cols = [c for _, c in kept]
    counts = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                           shape=(dataset.n_items, len(language)))
    counts.sum_duplicates()
    binary = sp.csr_matrix(dataset.item_tags, dtype=np.float32)
    padded = sp.hstack([binary, sp.csr_matrix((dataset.n_items, len(language) - len(vocabulary)))])
    return language, counts.maximum(padded).tocsr()


def tag_application_counts(dataset: "Dataset", raw=None) -> sp.csr_matrix:
    """(M, T) how many users applied each tag to each item; genres count 1.

    With a genome, the counts are replaced by the graded relevance (what it measures directly).
    """
    binary = sp.csr_matrix(dataset.item_tags, dtype=np.float32)
    if dataset.relevance is not None:
        relevance = np.nan_to_num(np.asarray(dataset.relevance, dtype=np.float32), nan=0.0)
        relevance[withheld_items(dataset.n_items)] = 0.0  # binary tags only for these
        return sp.csr_matrix(np.maximum(relevance, binary.toarray()))
    if raw is None or raw.tags is None or not raw.tags.num_rows:
        return binary
    from engine.data.preprocess import clean_tags

    column = {t: k for k, t in enumerate(dataset.tags)}
    row_of = {int(x): i for i, x in enumerate(dataset.item_ids)}
    movies = np.asarray(raw.tags["movieId"].to_numpy())
    users = np.asarray(raw.tags["userId"].to_numpy())
    names = clean_tags(raw.tags["tag"]).to_pylist()
    seen: set[tuple[int, int, int]] = set()
    rows, cols = [], []
    for movie, user, name in zip(movies, users, names):
        r, c = row_of.get(int(movie)), column.get(name)
        if r is None or c is None or (r, c, int(user)) in seen:
            continue
        seen.add((r, c, int(user)))
        rows.append(r)
        cols.append(c)
    counts = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=binary.shape)
    counts.sum_duplicates()
    return counts.maximum(binary).tocsr()


def mean_ratings(dataset: "Dataset", raw=None) -> np.ndarray:
    out = np.full(dataset.n_items, np.nan, dtype=np.float32)
    if raw is None or raw.ratings is None or not raw.ratings.num_rows:
        return out
    movies = np.asarray(raw.ratings["movieId"].to_numpy())
    values = np.asarray(raw.ratings["rating"].to_numpy(), dtype=np.float64)
    ids = np.asarray(dataset.item_ids, dtype=np.int64)
    pos = np.minimum(np.searchsorted(ids, movies), len(ids) - 1)
    ok = ids[pos] == movies
    sums = np.bincount(pos[ok], weights=values[ok], minlength=len(ids))
    n = np.bincount(pos[ok], minlength=len(ids))
    with np.errstate(invalid="ignore", divide="ignore"):
        out[:] = np.where(n > 0, sums / np.maximum(n, 1), np.nan)
    return out


def language_valence(dataset: "Dataset", raw, language: tuple[str, ...]) -> np.ndarray:
    """(L, 2) per phrase of the user language: how the users who applied it rated those movies
    against their own mean (sum, applications; engine.degrees.valence.tag_valence)."""
    from engine.degrees.valence import tag_valence

    if raw is None or raw.tags is None or not raw.tags.num_rows or raw.ratings is None:
        return np.zeros((len(language), 2))
    from engine.data.preprocess import clean_tags

    column = {n: k for k, n in enumerate(language)}
    names = clean_tags(raw.tags["tag"]).to_pylist()
    return tag_valence(np.array([column.get(n, -1) for n in names], dtype=np.int64),
                       raw.tags["userId"].to_numpy(), raw.tags["movieId"].to_numpy(),
                       raw.ratings["userId"].to_numpy(), raw.ratings["movieId"].to_numpy(),
                       raw.ratings["rating"].to_numpy(), len(language))


def movie_texts(titles, tags, counts: sp.csr_matrix, genres: set[str], *,
                with_titles: bool = True) -> list[str]:
    """"Title. Genres: a, b. Tags: x, y" per movie, tags by how often they were applied
    ("Genres: a, b. Tags: x, y" without `with_titles`; "" for a movie with neither)."""
    texts = []
    counts = counts.tocsr()
    for row, title in enumerate(titles):
        start, end = counts.indptr[row], counts.indptr[row + 1]
        cols, values = counts.indices[start:end], counts.data[start:end]
        order = np.argsort(-values, kind="stable")
        own_genres = [tags[c] for c in cols[order] if tags[c] in genres]
        own_tags = [tags[c] for c in cols[order] if tags[c] not in genres][:MAX_TEXT_TAGS]
        parts = [str(title)] if with_titles else []
        if own_genres:
            parts.append("Genres: " + ", ".join(own_genres))
        if own_tags:
            parts.append("Tags: " + ", ".join(own_tags))
        texts.append(". ".join(parts))
    return texts


def genre_names(dataset: "Dataset", raw=None) -> set[str]:
    if raw is None or raw.genres is None or not raw.genres.num_rows:
        return set()
    from engine.data.preprocess import clean_tags

    return set(clean_tags(raw.genres["genre"]).to_pylist()) & set(dataset.tags)


def item_texts(dataset: "Dataset", raw=None, titles: bool = True
               ) -> tuple[list[str], tuple[str, ...]]:
    """(the movie texts `item_signals` embeds, the catalog's user language); `raw` is the
    release read again (`raw_release`), read here when not given; `titles`: movie_texts."""
    raw = raw_release(dataset) if raw is None else raw
    language, language_counts = user_language(dataset, raw)
    return movie_texts(dataset.titles, language, language_counts, genre_names(dataset, raw),
                       with_titles=titles), language


def item_signals(dataset: "Dataset", encode=None, titles: bool = True
                 ) -> tuple[ItemSignals, tuple[str, ...]]:
    """All item-side inputs for `dataset` (reads its release again when it is on disk), and
    the catalog's user language (every tag people applied, most used first)."""
    raw = raw_release(dataset)
    counts = tag_application_counts(dataset, raw)
    texts, language = item_texts(dataset, raw, titles)
    if encode is None:
        from engine.text.minilm import encode
    signals = ItemSignals(
        tag_counts=counts,
        text_vectors=at_8_bits(encode(texts)),
        popularity=dataset.item_popularity().astype(np.float32),
        mean_rating=mean_ratings(dataset, raw),
    )
    return signals, language


def language_count_arrays(counts: sp.spmatrix) -> dict[str, np.ndarray]:
    """The (M, L) user-tag counts of `user_language` as degrees.npz arrays (exemplars)."""
    counts = sp.csr_matrix(counts, dtype=np.float32)
    return {"language_counts_data": counts.data, "language_counts_indices": counts.indices,
            "language_counts_indptr": counts.indptr,
            "language_counts_shape": np.asarray(counts.shape)}


def language_counts_of(arrays: dict[str, np.ndarray]) -> sp.csr_matrix | None:
    """The user-tag counts back from degrees.npz arrays; None for an artefact written before
    they were kept (its phrases then have no exemplars)."""
    if "language_counts_data" not in arrays:
        return None
    return sp.csr_matrix((arrays["language_counts_data"], arrays["language_counts_indices"],
                          arrays["language_counts_indptr"]),
                         shape=tuple(arrays["language_counts_shape"]))


def save_signals(signals: ItemSignals, model_dir: str | Path, **extra: np.ndarray) -> Path:
    path = Path(model_dir) / ARTEFACT
    counts = signals.tag_counts.tocsr()
    text_codes, text_scales = to_codes(signals.text_vectors)
    np.savez_compressed(
        path, counts_data=counts.data.astype(np.float32), counts_indices=counts.indices,
        counts_indptr=counts.indptr, counts_shape=np.asarray(counts.shape),
        text_codes=text_codes, text_scales=text_scales, popularity=signals.popularity,
        mean_rating=signals.mean_rating, **extra)
    return path


def load_signals(model_dir: str | Path) -> tuple[ItemSignals, dict[str, np.ndarray]] | None:
    """(signals, the other arrays) of a checkpoint's degrees.npz; None when it has none."""
    path = Path(model_dir) / ARTEFACT
    if not path.is_file():
        return None
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    if "language_vectors" in arrays:
        arrays["language_vectors"] = arrays["language_vectors"].astype(np.float32)
    counts = sp.csr_matrix((arrays.pop("counts_data"), arrays.pop("counts_indices"),
                            arrays.pop("counts_indptr")), shape=tuple(arrays.pop("counts_shape")))
    if "text_codes" in arrays:
        text_vectors = from_codes(arrays.pop("text_codes"), arrays.pop("text_scales"))
    else:  # a checkpoint written before the vectors were kept at 8 bits (float16)
        text_vectors = arrays.pop("text_vectors").astype(np.float32)
    signals = ItemSignals(counts, text_vectors,
                          arrays.pop("popularity"), arrays.pop("mean_rating"))
    return signals, arrays


def word_encoder_weights(model_dir: str | Path) -> dict[str, np.ndarray]:
    """f's layers (eq. 7) from a checkpoint's weights.pt, as numpy arrays (empty when absent)."""
    path = Path(model_dir) / "weights.pt"
    if not path.is_file():
        return {}
    import torch

    state = torch.load(path, map_location="cpu", weights_only=True)
    keys = {"f_w1": "word_mlp.0.weight", "f_b1": "word_mlp.0.bias",
            "f_w2": "word_mlp.2.weight", "f_b2": "word_mlp.2.bias"}
    if not all(k in state for k in keys.values()):
        return {}
    return {name: state[key].numpy().astype(np.float32) for name, key in keys.items()}


def write_degree_artefact(model_dir: str | Path, dataset: "Dataset", encode=None,
                          computed: tuple[ItemSignals, tuple[str, ...]] | None = None,
                          word_encoder: dict[str, np.ndarray] | None = None,
                          titles: bool = True) -> Path:
    """degrees.npz of a checkpoint: item signals, the user language, its embeddings, its
    valence (how taggers rated what they tagged) and its counts per movie (exemplars), the ridge
    map from [h_j, text_j] to each tag's graded signal, f's weights (`word_encoder`; default:
    read from weights.pt) and, where the dataset has one, its genome (withheld items removed);
    `titles`: whether the movie texts start with their titles (`cgir train` keeps them:
    without, the SoftAttributes check lost 0.07, docs/results.md "Movie texts without titles")."""
    from engine.degrees.score import fit_tag_predictor

    if encode is None:
        from engine.text.minilm import encode
    signals, language = computed or item_signals(dataset, encode, titles)
    with np.load(Path(model_dir) / "arrays.npz") as vectors:  # engine.models.checkpoint: items, tags
        items = vectors["items"].astype(np.float32)
    inputs = np.hstack([items, signals.text_vectors])
    withheld = (withheld_items(dataset.n_items) if dataset.relevance is not None
                else np.zeros(dataset.n_items, dtype=bool))
    predictor = fit_tag_predictor(inputs[~withheld],
                                  signals.tag_counts[~withheld].log1p().toarray())
    raw = raw_release(dataset)
    extra = language_count_arrays(user_language(dataset, raw)[1])
    if dataset.relevance is not None:  # the genome, withheld rows removed (engine.degrees.graded)
        genome = np.asarray(dataset.relevance, dtype=np.float32).copy()
        genome[withheld] = np.nan
        extra["graded"] = genome
    return save_signals(signals, model_dir, **extra,
                        language=np.asarray(language, dtype=object).astype(str),
                        language_vectors=at_8_bits(encode(list(language))).astype(np.float16),
                        language_valence=language_valence(dataset, raw, language),
                        tag_predictor=predictor, withheld=withheld,
                        **(word_encoder_weights(model_dir) if word_encoder is None
                           else word_encoder))
