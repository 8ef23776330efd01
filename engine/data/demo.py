"""The demo world: a deterministic SYNTHETIC catalog whose ground truth we know exactly.

It is written in the ml-latest CSV layout (movies.csv, ratings.csv, tags.csv, genome-tags.csv,
genome-scores.csv) so the ordinary MovieLens loader reads it, plus ``README.txt`` and
``cgir-demo.json`` that mark it as synthetic (the loader sets ``Dataset.synthetic`` from them).

Generative model (all numpy, vectorised, chunked over users so 1M items stay in memory):

1. Every item i draws K = 12 latent themes z_i ~ N(0, I) (action, horror, family, comedy, ...).
2. Graded relevance of item i to tag t is ``sigmoid(b_t + W[t] . z_i + s_t * e_it)``: ``W`` is a
   hand-written sparse loading matrix that plants the correlations (violent with action, gory
   with horror, family against violent, family with animation, feel-good with comedy, dark with
   crime/thriller) and ``e_it ~ N(0, 1)`` is a private factor per (item, tag), so every tag also
   varies on its own and can be walked alone. ``genome-scores.csv`` holds exactly this relevance.
3. Genres (the first 15 tags, capitalised like MovieLens) are the item's 1-3 most relevant of
   those tags whose relevance is at least 0.5 (at least one per item).
4. Users have a taste over themes (``f_u ~ N(0, I)``, mapped to tags through ``W``) plus a few
   personal liked / disliked tags. A user's affinity to an item is ``p_u . (rel_i - mean)`` plus
   item quality. Each user rates a lognormal number of items chosen by a Gumbel top-k over
   popularity-drawn candidates scored by affinity; ratings are the within-user centred affinity
   (plus noise) mapped onto the MovieLens rating distribution, so ratings >= 4 carry the signal.
5. ``tags.csv``: a Poisson number of tag applications per item (more for popular items), each
   tag drawn with probability proportional to relevance**4 (so the binary attribute matrix
   correlates with relevance but is noisy and incomplete), in varied casing, plus some noise tags
   that are not in the genome table (the loader drops them).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from engine.data.demo_titles import invented_titles
from engine.errors import DatasetError

DEMO_VERSION = 1
MARKER = "cgir-demo.json"

DEMO_TAGS: tuple[str, ...] = (
    "action", "adventure", "animation", "comedy", "crime", "drama", "fantasy", "horror",
    "musical", "mystery", "romance", "sci-fi", "thriller", "war", "western", "violent", "dark",
    "family", "gory", "feel-good", "thought-provoking", "quirky", "sad", "epic", "slow-paced",
    "visually stunning", "classic", "twist ending", "based on a book", "superhero",
)
# The first 15 tags double as MovieLens-style genres in movies.csv.
DEMO_GENRES: tuple[str, ...] = (
    "Action", "Adventure", "Animation", "Comedy", "Crime", "Drama", "Fantasy", "Horror",
    "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
)

THEMES: tuple[str, ...] = (
    "action", "horror", "family", "comedy", "crime", "romance", "sci-fi", "cerebral",
    "old-school", "epic", "fantasy", "melancholy",
)

# Loadings W[tag][theme]: the planted correlation structure. Zero elsewhere.
_LOADINGS: dict[str, dict[str, float]] = {
    "action": {"action": 1.3},
    "adventure": {"action": 0.6, "family": 0.4, "fantasy": 0.6, "sci-fi": 0.3, "epic": 0.3},
    "animation": {"family": 1.1, "fantasy": 0.3},
    "comedy": {"comedy": 1.3},
    "crime": {"crime": 1.3},
    "drama": {"romance": 0.5, "cerebral": 0.4, "melancholy": 0.8, "epic": 0.3},
    "fantasy": {"fantasy": 1.3, "family": 0.4},
    "horror": {"horror": 1.4},
    "musical": {"romance": 0.3, "family": 0.3, "old-school": 0.5},
    "mystery": {"crime": 0.5, "cerebral": 0.5, "horror": 0.2},
    "romance": {"romance": 1.3, "comedy": 0.2},
    "sci-fi": {"sci-fi": 1.4},
    "thriller": {"crime": 0.9, "action": 0.3, "horror": 0.3},
    "war": {"action": 0.4, "epic": 0.7, "old-school": 0.3},
    "western": {"old-school": 0.7, "action": 0.2},
    "violent": {"action": 0.9, "horror": 0.5, "crime": 0.6, "family": -1.0},
    "dark": {"horror": 0.6, "crime": 0.8, "family": -0.6, "comedy": -0.4, "melancholy": 0.3},
    "family": {"family": 1.4, "horror": -0.8, "action": -0.3},
    "gory": {"horror": 1.1, "action": 0.2, "family": -0.8},
    "feel-good": {"comedy": 0.9, "family": 0.5, "horror": -0.6, "melancholy": -0.5},
    "thought-provoking": {"cerebral": 1.1, "sci-fi": 0.4},
    "quirky": {"comedy": 0.6, "cerebral": 0.2},
    "sad": {"melancholy": 1.0, "romance": 0.4, "comedy": -0.6},
    "epic": {"epic": 1.0, "action": 0.4, "fantasy": 0.3, "sci-fi": 0.2},
    "slow-paced": {"cerebral": 0.6, "melancholy": 0.4, "action": -0.6},
    "visually stunning": {"sci-fi": 0.6, "fantasy": 0.5, "epic": 0.5},
    "classic": {"old-school": 1.2},
    "twist ending": {"cerebral": 0.6, "crime": 0.3},
    "based on a book": {"epic": 0.5, "fantasy": 0.4, "melancholy": 0.2},
    "superhero": {"action": 0.6, "sci-fi": 0.4, "fantasy": 0.3},
}
# Per-tag offsets: broad genres (drama, comedy) are common, niche tags (superhero, western) rare.
_BIAS: dict[str, float] = {
    "drama": -0.6, "comedy": -0.9, "action": -1.2, "thriller": -1.3, "romance": -1.3,
    "crime": -1.4, "adventure": -1.4, "superhero": -2.6, "western": -2.4, "musical": -2.2,
    "war": -2.1, "animation": -2.0, "gory": -2.0, "classic": -1.9,
}
_DEFAULT_BIAS = -1.7
_PRIVATE_SCALE = 1.0  # weight of the per-(item, tag) private factor
NOISE_TAGS = ("seen it", "netflix", "dvd", "to watch", "owned", "boring?", "meh", "must see again")

# MovieLens' rating distribution (ml-latest-small), half-star steps 0.5 .. 5.0.
_RATING_VALUES = np.arange(1, 11, dtype=np.float32) / 2.0
_RATING_SHARES = np.array([1.4, 2.8, 1.8, 7.5, 4.4, 19.9, 13.0, 26.6, 7.7, 13.2])


def loading_matrix() -> np.ndarray:
    """W as a (n_tags, n_themes) float64 array."""
    weights = np.zeros((len(DEMO_TAGS), len(THEMES)))
    for row, tag in enumerate(DEMO_TAGS):
        for theme, value in _LOADINGS[tag].items():
            weights[row, THEMES.index(theme)] = value
    return weights


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def demo_relevance(n_items: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Themes (n_items, K) float32 and ground-truth relevance (n_items, 30) float32 in [0, 1]."""
    rng = np.random.default_rng([seed, 1])
    themes = rng.standard_normal((n_items, len(THEMES)), dtype=np.float32)
    weights = loading_matrix().astype(np.float32)
    bias = np.array([_BIAS.get(t, _DEFAULT_BIAS) for t in DEMO_TAGS], dtype=np.float32)
    logits = themes @ weights.T
    logits += bias
    logits += _PRIVATE_SCALE * rng.standard_normal(logits.shape, dtype=np.float32)
    return themes, _sigmoid(logits).astype(np.float32)


def _genres(relevance: np.ndarray) -> list[str]:
    """1-3 genres per item: the most relevant of the first 15 tags with relevance >= 0.5."""
    genre_rel = relevance[:, : len(DEMO_GENRES)]
    order = np.argsort(-genre_rel, axis=1, kind="stable")[:, :3]
    top = np.take_along_axis(genre_rel, order, axis=1)
    keep = top >= 0.5
    keep[:, 0] = True  # every item has at least one genre
    # Encode each item's genre set as a bit mask; format each distinct mask once.
    bits = np.where(keep, np.left_shift(1, order), 0).sum(axis=1)
    masks, inverse = np.unique(bits, return_inverse=True)
    text = np.array(["|".join(sorted(g for k, g in enumerate(DEMO_GENRES) if m >> k & 1))
                     for m in masks.tolist()], dtype=object)
    return text[inverse.ravel()].tolist()


def _ratings(rng: np.random.Generator, relevance: np.ndarray, themes: np.ndarray,
             n_users: int, n_ratings: int, chunk: int = 4096) -> dict[str, np.ndarray]:
    """Users, items and half-star ratings; ratings >= 4 are the items a user's taste favours."""
    n_items = relevance.shape[0]
    weights = loading_matrix().astype(np.float32)
    n_tags = len(DEMO_TAGS)
    centred = relevance - relevance.mean(axis=0, keepdims=True)
    # Item popularity (heavy-tailed) and quality; both independent of the tags.
    popularity = rng.lognormal(0.0, 1.0, n_items)
    pop_cdf = np.cumsum(popularity)
    pop_cdf /= pop_cdf[-1]
    quality = rng.normal(0.0, 0.4, n_items).astype(np.float32)
    # Users: taste over themes, 2 liked and 1 disliked tag of their own.
    taste = rng.standard_normal((n_users, len(THEMES)), dtype=np.float32) @ weights.T * 0.6
    liked = rng.integers(0, n_tags, (n_users, 2))
    disliked = rng.integers(0, n_tags, n_users)
    rows = np.arange(n_users)
    taste[rows, liked[:, 0]] += 1.5
    taste[rows, liked[:, 1]] += 1.5
    taste[rows, disliked] -= 1.5
    taste *= 5.0  # relevance differences are ~0.3, so scale affinity to a few logits
    user_bias = rng.normal(0.0, 0.4, n_users).astype(np.float32)
    # How many items each user rates: lognormal, at least 3, summing to about n_ratings.
    activity = rng.lognormal(0.0, 0.8, n_users)
    counts = np.maximum(3, np.round(activity / activity.sum() * n_ratings)).astype(np.int64)
    counts = np.minimum(counts, max(3, n_items // 3))

    users_out, items_out, latent_out = [], [], []
    # Users per chunk: at most ~4M candidate rows are gathered at once (~1 GiB peak).
    per_user = 4 * max(1, int(counts.mean()))
    chunk = int(max(16, min(chunk, (1 << 22) // per_user)))
    for start in range(0, n_users, chunk):
        stop = min(start + chunk, n_users)
        want = counts[start:stop]
        n_cand = np.minimum(want * 4, n_items)
        owner = np.repeat(np.arange(start, stop), n_cand)
        cand = np.searchsorted(pop_cdf, rng.random(len(owner)))
        cand = np.minimum(cand, n_items - 1)
        # Remove duplicate (user, item) candidates (sort + neighbour compare: faster than unique).
        key = owner.astype(np.int64) * n_items + cand
        key.sort()
        key = key[np.concatenate([[True], key[1:] != key[:-1]])]
        owner, cand = key // n_items, key % n_items
        affinity = np.einsum("ij,ij->i", taste[owner], centred[cand]) + quality[cand]
        perturbed = affinity + rng.gumbel(0.0, 1.0, len(affinity)).astype(np.float32)
        # Rank candidates within each user by perturbed affinity; keep each user's top counts[u].
        order = np.lexsort((-perturbed, owner))
        owner, cand, affinity = owner[order], cand[order], affinity[order]
        first = np.searchsorted(owner, np.arange(start, stop))
        rank = np.arange(len(owner)) - first[owner - start]
        keep = rank < counts[owner]
        users_out.append(owner[keep])
        items_out.append(cand[keep])
        latent_out.append(affinity[keep])
    users = np.concatenate(users_out)
    items = np.concatenate(items_out)
    affinity = np.concatenate(latent_out).astype(np.float64)
    # Centre affinity within each user, so every user has liked and disliked items.
    per_user = np.bincount(users, weights=affinity, minlength=n_users)
    per_user /= np.maximum(np.bincount(users, minlength=n_users), 1)
    latent = affinity - per_user[users] + user_bias[users] + rng.normal(0.0, 0.5, len(users))
    # Map onto MovieLens' rating distribution by quantiles.
    cuts = np.quantile(latent, np.cumsum(_RATING_SHARES)[:-1] / _RATING_SHARES.sum())
    rating = _RATING_VALUES[np.searchsorted(cuts, latent)]
    return {"userId": users + 1, "movieId": items + 1, "rating": rating}


def _user_tags(rng: np.random.Generator, relevance: np.ndarray, popularity_rank: np.ndarray,
               n_users: int, mean_applications: float = 1.4) -> dict[str, np.ndarray]:
    """tags.csv rows: applied mostly where relevance is high; noisy, incomplete, varied casing."""
    n_items = relevance.shape[0]
    # Popular items get more tag applications (rank 0 = most popular).
    boost = 2.0 * (1.0 - popularity_rank / max(n_items - 1, 1))
    lam = mean_applications * boost
    n_apps = rng.poisson(lam)
    item = np.repeat(np.arange(n_items), n_apps)
    weight = relevance.astype(np.float64) ** 4
    cdf = np.cumsum(weight, axis=1)
    cdf /= cdf[:, -1:]
    u = rng.random(len(item))
    tag = (cdf[item] < u[:, None]).sum(axis=1)
    tag = np.minimum(tag, len(DEMO_TAGS) - 1)
    names = np.array(DEMO_TAGS, dtype=object)
    text = names[tag]
    # Casing/whitespace variants the cleaner must undo.
    style = rng.random(len(item))
    title_case = style < 0.25
    text[title_case] = [s.title() for s in text[title_case]]
    padded = (style >= 0.25) & (style < 0.30)
    text[padded] = [f" {s} " for s in text[padded]]
    # A sprinkle of noise tags that are not in the genome table.
    n_noise = max(1, len(item) // 25)
    noise_item = rng.integers(0, n_items, n_noise)
    noise_text = np.array(NOISE_TAGS, dtype=object)[rng.integers(0, len(NOISE_TAGS), n_noise)]
    item = np.concatenate([item, noise_item])
    text = np.concatenate([text, noise_text])
    user = rng.integers(0, n_users, len(item))
    order = np.lexsort((item, user))
    return {"userId": user[order] + 1, "movieId": item[order] + 1, "tag": text[order]}


def _write_csv(path: Path, columns: dict[str, object]) -> None:
    table = pa.table(columns)
    pacsv.write_csv(table, path, pacsv.WriteOptions(include_header=True, quoting_style="needed"))


def write_demo(dest: Path, *, seed: int = 0, n_items: int = 3000, n_users: int = 2000,
               interactions: int | None = None) -> Path:
    """Write the synthetic demo catalog into ``dest`` (created) and return ``dest``.

    Args:
        dest: output folder; existing files of the same names are replaced.
        seed: everything is a deterministic function of (seed, n_items, n_users, interactions).
        n_items, n_users: catalog and user counts (up to 1M items for scale benchmarks).
        interactions: number of rating rows in ratings.csv; default ``155 * n_users`` capped at a
            third of the catalog per user, which gives about 150,000 interactions (ratings >= 4
            of users with >= 5 of them) for the default 3,000 x 2,000 world.

    Example:
        >>> write_demo(Path("/tmp/demo"), seed=0, n_items=400, n_users=600)  # doctest: +SKIP
    """
    if n_items < 10 or n_users < 5:
        raise DatasetError("the demo world needs at least 10 items and 5 users; "
                           "raise --items/--users")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    n_ratings = int(interactions) if interactions is not None else 155 * n_users
    if n_ratings <= 0:
        raise DatasetError("interactions must be positive")

    themes, relevance = demo_relevance(n_items, seed)
    rng = np.random.default_rng([seed, 2])
    classic = relevance[:, DEMO_TAGS.index("classic")]
    # Older films are more "classic": year drifts back with classic relevance.
    years = np.clip(np.round(2023 - 60 * classic - rng.gamma(2.0, 6.0, n_items)), 1920, 2023)
    years = years.astype(np.int64)
    dominant = np.argmax(relevance[:, : len(DEMO_GENRES)], axis=1)
    titles = invented_titles(rng, DEMO_GENRES, dominant, years)
    genres = _genres(relevance)
    movie_ids = np.arange(1, n_items + 1)
    _write_csv(dest / "movies.csv", {"movieId": movie_ids, "title": titles, "genres": genres})

    ratings = _ratings(np.random.default_rng([seed, 3]), relevance, themes, n_users, n_ratings)
    n_rows = len(ratings["userId"])
    # Timestamps: increasing per user, from 2000 onwards; the loader ignores them.
    ratings["timestamp"] = 946684800 + np.arange(n_rows, dtype=np.int64) * 7
    _write_csv(dest / "ratings.csv", ratings)

    item_counts = np.bincount(ratings["movieId"] - 1, minlength=n_items)
    popularity_rank = np.empty(n_items, dtype=np.float64)
    popularity_rank[np.argsort(-item_counts, kind="stable")] = np.arange(n_items)
    tags = _user_tags(np.random.default_rng([seed, 4]), relevance, popularity_rank, n_users)
    tags["timestamp"] = 1262304000 + np.arange(len(tags["userId"]), dtype=np.int64) * 11
    _write_csv(dest / "tags.csv", tags)

    tag_ids = np.arange(1, len(DEMO_TAGS) + 1)
    _write_csv(dest / "genome-tags.csv", {"tagId": tag_ids, "tag": list(DEMO_TAGS)})
    scores = np.round(relevance, 5).astype(np.float32)
    _write_csv(dest / "genome-scores.csv", {
        "movieId": np.repeat(movie_ids, len(DEMO_TAGS)),
        "tagId": np.tile(tag_ids, n_items),
        "relevance": scores.reshape(-1),
    })

    (dest / "README.txt").write_text(
        "SYNTHETIC DATA - the CGIR demo world.\n\n"
        "Every title, user, rating and tag in this folder is invented by engine/data/demo.py\n"
        f"(seed={seed}, items={n_items}, users={n_users}, ratings={n_rows}). It is not MovieLens\n"
        "data; it only uses the ml-latest CSV layout so the same loader reads it.\n"
        "genome-scores.csv holds the ground-truth relevance the generator planted.\n")
    (dest / MARKER).write_text(json.dumps({
        "synthetic": True, "version": DEMO_VERSION, "seed": seed, "n_items": n_items,
        "n_users": n_users, "ratings": n_rows, "tags": list(DEMO_TAGS),
    }, indent=2) + "\n")
    return dest


def ensure_default_demo(home: Path) -> Path:
    """The default demo world under ``home/demo``, written once (atomically) and then reused."""
    target = Path(home) / "demo"
    marker = target / MARKER
    if marker.exists():
        try:
            info = json.loads(marker.read_text())
            wanted = {"version": DEMO_VERSION, "seed": 0, "n_items": 3000, "n_users": 2000}
            if all(info.get(key) == value for key, value in wanted.items()):
                return target
        except (OSError, ValueError):
            pass
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".demo-", dir=target.parent))
    try:
        write_demo(staging)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target
