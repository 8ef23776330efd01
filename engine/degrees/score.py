"""The degree score as pure functions: per-item features of a phrase, and their weighted sum.

Each feature is one reading of "how much of <phrase> does item j have", standardised over the
catalog (mean 0, sd 1) so that weights are comparable:

- ``text``: cosine of the phrase and the movie's text ("Title. Genres: ... Tags: ...", MiniLM);
- ``tag_count``: the grounding's tags, weighted, log(1 + users who applied them) (or genome
  relevance) — graded where the binary tag is not;
- ``tag_fit``: the same counts predicted from the item vector and text by ridge regression, so
  that untagged items get a degree too (`fit_tag_predictor`);
- ``tag_centroid``: <h_j, weighted centroid of the grounding's tagged items> in the item space;
- ``paper_F``: <h_j, sum_t w_t F(t)>, the paper's projection;
- ``phrase_F``: <h_j, F(phrase)>, the phrase's own words through f (eq. 7);
- ``neighbours``: <h_j, mean h of the 50 movies whose text is closest to the phrase>, which
  carries the phrase into the collaborative space (people who like gory films...);
- ``popularity`` / ``rating``: log popularity and mean rating, signed by how the anchor degrees
  of the phrase correlate with them over the judged movies (a "mainstream" phrase leans popular,
  "boring" low-rated), or the rating by the phrase's valence where the two disagree
  (engine.degrees.valence), else by where the phrase's 50 closest movies sit on them;
- ``valence_rating``: the mean rating signed by the phrase's valence and scaled by how far it is
  above VALENCE_FLOOR (engine.degrees.valence: whether people who use words like it rate what
  they describe above their mean), judgment-free, beside the borrowed ``rating`` direction;
- ``anchors``: the judged degrees of the attributes the phrase's own content reading
  (``CONTENT_ROWS``) correlates with, either way, extended to every item (engine.degrees.anchors);
  anchors and the borrowed directions are scaled by how strongly they were borrowed.

The weights are learned on relative judgments (engine.degrees.fit) with folds over attributes.
"""

from __future__ import annotations

import numpy as np

FEATURES = ("text", "tag_count", "tag_fit", "tag_centroid", "paper_F", "phrase_F",
            "neighbours", "popularity", "rating", "anchors", "valence_rating")
# Rows that read a phrase's content from the catalog alone (no judgments; popularity and rating
# only get a direction from elsewhere).
CONTENT_ROWS = [k for k, name in enumerate(FEATURES)
                if name not in ("popularity", "rating", "anchors", "valence_rating")]
NEIGHBOURS = 50
# A valence this weak says nothing about a word (a form word, "documentary style", has -0.2: the
# few taggers of documentaries rated them a little under their mean): ``valence_rating`` is
# scaled by how far |valence| is above it, so it fades in smoothly rather than switching on.
VALENCE_FLOOR = 0.15


def standardise(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    if not np.isfinite(values).all():  # (the check is 5x cheaper than a copy without NaN)
        values = np.nan_to_num(values, nan=0.0)
    sd = values.std()
    return (values - values.mean()) / sd if sd > 1e-12 else np.zeros_like(values)


def shrunk_ratings(mean_rating: np.ndarray, counts: np.ndarray, prior: float = 10.0) -> np.ndarray:
    """(M,) mean ratings pulled towards the catalog's mean by `prior` pseudo-ratings, so that a
    movie rated 5 by one person does not top every "rating" reading; unrated movies get the
    catalog's mean (0 when nothing was rated)."""
    mean = np.asarray(mean_rating, dtype=np.float64)
    n = np.where(np.isfinite(mean), np.asarray(counts, dtype=np.float64), 0.0)
    overall = float(np.average(mean[n > 0], weights=n[n > 0])) if (n > 0).any() else 0.0
    return (np.nan_to_num(mean, nan=0.0) * n + overall * prior) / (n + prior)


def fit_tag_predictor(inputs: np.ndarray, targets: np.ndarray, ridge: float = 10.0) -> np.ndarray:
    """(F+1, T) ridge weights predicting each tag's graded signal from item inputs (+ bias)."""
    x = np.hstack([inputs, np.ones((inputs.shape[0], 1), dtype=inputs.dtype)]).astype(np.float64)
    gram = x.T @ x + ridge * np.eye(x.shape[1])
    gram[-1, -1] -= ridge  # the bias is not shrunk
    return np.linalg.solve(gram, x.T @ np.asarray(targets, dtype=np.float64)).astype(np.float32)


def predict_tags(inputs: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return inputs @ weights[:-1] + weights[-1]


def feature_matrix(*, tag_weights: np.ndarray, item_vectors: np.ndarray, tag_vectors: np.ndarray,
                   centroids: np.ndarray, phrase_vector: np.ndarray | None = None,
                   phrase_code: np.ndarray | None = None, text_vectors: np.ndarray | None = None,
                   log_counts=None, predicted: np.ndarray | None = None,
                   log_popularity: np.ndarray | None = None,
                   mean_rating: np.ndarray | None = None,
                   anchored: np.ndarray | None = None,
                   side_signs: dict[str, float] | None = None,
                   scales: dict[str, float] | None = None, valence: float = 0.0,
                   text_scores: np.ndarray | None = None, memo: dict | None = None) -> np.ndarray:
    """(len(FEATURES), M) standardised features; a missing input gives a row of zeros.

    tag_weights is (T,) (zero outside the grounding's tags); `scales` multiplies named rows after
    standardising (how far borrowed readings are trusted, engine.degrees.anchors.borrow).
    `text_scores` (M,), when given, stand for the phrase's cosines with the movie texts (a
    perturbed reading, engine.degrees.model.DegreeModel.ground). `memo` (a dict the caller keeps
    for calls about ONE phrase with everything but `tag_weights` and `text_scores` the same: its
    perturbed readings) keeps the standardised rows that depend on the tag weights, on the 50
    closest movie texts or on the phrase alone, so nine readings compute them once; the rows are
    the very same numbers as without it.
    """
    m = item_vectors.shape[0]
    z = {name: np.zeros(m) for name in FEATURES}

    def standardised(key: tuple, compute) -> dict[str, np.ndarray]:  # noqa: ANN001
        if memo is not None and key in memo:
            return memo[key]
        out = {name: standardise(row) for name, row in compute().items()}
        if memo is not None:
            memo[key] = out
        return out

    active = np.flatnonzero(tag_weights)
    if len(active):
        if memo is not None and "wide" not in memo:  # the cast numpy makes for float64 weights
            memo["wide"] = np.asarray(item_vectors, dtype=np.result_type(item_vectors, tag_weights))
        items = item_vectors if memo is None else memo["wide"]
        z.update(standardised(("tags", np.asarray(tag_weights).tobytes()),
                              lambda: _tag_rows(tag_weights[active], active, items,
                                                tag_vectors, centroids, log_counts, predicted)))
    if phrase_code is not None:
        z.update(standardised(("phrase",), lambda: {"phrase_F": item_vectors @ phrase_code}))
    if text_vectors is not None and phrase_vector is not None:
        text = text_vectors @ phrase_vector if text_scores is None else text_scores
        z["text"] = standardise(text)
        near = np.argpartition(-text, NEIGHBOURS - 1)[:NEIGHBOURS] if m > NEIGHBOURS else np.arange(m)
        sides = standardised(("sides",), lambda: {name: side for name, side in (
            ("popularity", log_popularity), ("rating", mean_rating)) if side is not None})
        key = ("near", near.tobytes(), repr(sorted((side_signs or {}).items())))
        z.update(standardised(key, lambda: _near_rows(near, item_vectors, sides, side_signs)))
    if anchored is not None:
        z["anchors"] = standardise(anchored)
    scales = dict(scales or {})
    if mean_rating is not None and valence:
        # the rating signed by the phrase's valence, as far as the valence goes above the floor
        z.update(standardised(("valence", valence),
                              lambda: {"valence_rating": np.sign(valence) * standardise(mean_rating)}))
        scales["valence_rating"] = max(abs(valence) - VALENCE_FLOOR, 0.0)
    return np.stack([z[name] * scales.get(name, 1.0) for name in FEATURES])


def _tag_rows(w: np.ndarray, active: np.ndarray, item_vectors: np.ndarray, tag_vectors: np.ndarray,
              centroids: np.ndarray, log_counts, predicted: np.ndarray | None) -> dict[str, np.ndarray]:  # noqa: ANN001
    """The rows of feature_matrix read from the grounding's tags (weights `w` of tags `active`)."""
    rows = {"tag_centroid": item_vectors @ (w @ centroids[active]),
            "paper_F": item_vectors @ (w @ tag_vectors[active])}
    if log_counts is not None:
        rows["tag_count"] = np.asarray(log_counts[:, active] @ w).ravel()
    if predicted is not None:
        rows["tag_fit"] = predicted[:, active] @ w
    return rows


def _near_rows(near: np.ndarray, item_vectors: np.ndarray, sides: dict[str, np.ndarray],
               side_signs: dict[str, float] | None) -> dict[str, np.ndarray]:
    """The rows of feature_matrix read from the phrase's closest movie texts (`near`); `sides`:
    the standardised log popularity and mean rating, signed here."""
    rows = {"neighbours": item_vectors @ item_vectors[near].mean(axis=0)}
    for name, z in sides.items():
        sign = (side_signs or {}).get(name)
        rows[name] = z * (z[near].mean() if sign is None else sign)
    return rows


def exemplar_scores(item_vectors: np.ndarray, text_vectors: np.ndarray | None,
                    exemplars: np.ndarray) -> np.ndarray:
    """(M,) an estimate's score: closeness to the phrase's exemplar movies (engine.degrees.
    exemplars, (M,) weights) in the item space plus in the movie texts, each standardised.
    Judgment-free (no learned weight), so that `cgir eval judgments` scores it out of fold."""
    score = standardise(item_vectors @ (exemplars @ item_vectors))
    if text_vectors is not None:
        score += standardise(text_vectors @ (exemplars @ text_vectors))
    return score


def combine(features: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The degree score: weights @ features, (M,)."""
    return np.asarray(weights, dtype=np.float64) @ features
