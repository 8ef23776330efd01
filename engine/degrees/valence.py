"""Whether people who use a phrase like what they describe with it, and how far to trust anchors.

Why attributes reversed (docs/results.md, "Degrees people agree with"): a phrase's own reading
(tags, movie text, item space) can read its opposite ("predictable" sits next to "unpredictable"
and "twist ending" in MiniLM, so it reads as twisty thrillers), and favours movies people talk
about (popular ones carry more tags). The judged attributes it borrows anchors from, and the
direction of popularity and rating, were all taken from that one reading, so a wrong reading was
amplified. Two judgment-free checks limit that:

- *Valence* (`tag_valence`, `phrase_valence`): when a user tags a movie, how they rated that movie
  against their own mean rating. "predictable" is applied to movies the tagger rated about one
  star below their mean; "atmospheric" a star above. A phrase's valence is that, centred on what
  tagging usually means (people mostly tag what they like), over the user tags close to it.
- *Trust* (`anchor_trust`): anchors borrowed on weak correlations are shrunk towards none.

When valence and the borrowed rating direction disagree (`conflicts`), the borrowed reading is not
believed: no anchors, no borrowed popularity, rating signed by valence.
"""

from __future__ import annotations

import numpy as np

VALENCE_FLOOR = 0.6  # user tags closer than this cosine to the phrase speak for it
VALENCE_PRIOR = 3.0  # pseudo-applications of valence 0: one tagger says little
TRUST_LOW, TRUST_HIGH = 0.2, 0.45  # strongest |correlation| with a judged attribute: 0 / 1
CONFLICT = 0.3  # |valence| above this that disagrees with the borrowed rating sign vetoes it
SUSPECT_READING = 0.3  # share the phrase's own content reading keeps when vetoed


def tag_valence(tag_language: np.ndarray, tag_users: np.ndarray, tag_movies: np.ndarray,
                rating_users: np.ndarray, rating_movies: np.ndarray, rating_values: np.ndarray,
                n_phrases: int) -> np.ndarray:
    """(n_phrases, 2): per phrase of the user language, the sum over its applications of the
    tagger's rating of the movie minus the tagger's mean rating, and how many applications had a
    rating. `tag_language` is each application's phrase index (-1: not in the language); one
    (user, movie, phrase) counts once."""
    out = np.zeros((n_phrases, 2))
    if not len(tag_users) or not len(rating_users):
        return out
    r_users = np.asarray(rating_users, dtype=np.int64)
    r_movies = np.asarray(rating_movies, dtype=np.int64)
    values = np.asarray(rating_values, dtype=np.float64)
    users, user_of = np.unique(r_users, return_inverse=True)
    relative = values - (np.bincount(user_of, weights=values) / np.bincount(user_of))[user_of]
    span = int(max(r_movies.max(), np.max(tag_movies))) + 1
    keys = r_users * span + r_movies  # one key per (user, movie): sorted lookup, not a dict
    order = np.argsort(keys, kind="stable")
    keys, relative = keys[order], relative[order]
    phrases = np.asarray(tag_language, dtype=np.int64)
    wanted = np.asarray(tag_users, dtype=np.int64) * span + np.asarray(tag_movies, dtype=np.int64)
    ok = phrases >= 0
    applied = np.unique(np.column_stack([wanted[ok], phrases[ok]]), axis=0)  # once per phrase
    at = np.minimum(np.searchsorted(keys, applied[:, 0]), len(keys) - 1)
    rated = keys[at] == applied[:, 0]
    np.add.at(out[:, 0], applied[rated, 1], relative[at[rated]])
    np.add.at(out[:, 1], applied[rated, 1], 1.0)
    return out


def phrase_valence(cosines: np.ndarray, valence: np.ndarray, floor: float = VALENCE_FLOOR,
                   prior: float = VALENCE_PRIOR) -> float:
    """In (-1, 1): tanh of the centred mean relative rating of the applications of the user tags
    close to the phrase (`cosines` with each phrase of the language), each weighted by how close
    it is beyond `floor`. 0 when no close tag was applied."""
    sums, counts = valence[:, 0], valence[:, 1]
    if counts.sum() == 0:
        return 0.0
    usual = sums.sum() / counts.sum()  # what tagging a movie says anyway
    weight = np.clip((np.asarray(cosines) - floor) / (1.0 - floor), 0.0, None) * (counts > 0)
    return float(np.tanh((weight * (sums - usual * counts)).sum()
                         / ((weight * counts).sum() + prior)))


def anchor_trust(correlations: np.ndarray, low: float = TRUST_LOW,
                 high: float = TRUST_HIGH) -> float:
    """In [0, 1]: how far to trust anchors borrowed with these correlations (by the strongest)."""
    strongest = float(np.abs(correlations).max()) if len(correlations) else 0.0
    return float(np.clip((strongest - low) / (high - low), 0.0, 1.0))


def conflicts(valence: float, rating_sign: float | None, threshold: float = CONFLICT) -> bool:
    """True when the phrase's valence clearly says the opposite of the borrowed rating direction."""
    return rating_sign is not None and abs(valence) > threshold and valence * rating_sign < 0


def residualise(values: np.ndarray, covariates: np.ndarray) -> np.ndarray:
    """`values` minus their least-squares fit on [1, covariates] (rows: observations)."""
    x = np.hstack([np.ones((len(values), 1)), np.asarray(covariates, dtype=np.float64)])
    beta = np.linalg.lstsq(x, np.asarray(values, dtype=np.float64), rcond=None)[0]
    return values - x @ beta
