"""Anchor movies: how much of some attributes people judged well-known movies to have.

Relative judgments (SoftAttributes: Balog, Radlinski, Karatzoglou, SIGIR 2021, CC BY 4.0,
Google LLC) give, per attribute, a net win rate for each judged movie: over every comparison it
took part in (more/less than the reference, more than a movie judged less), wins minus losses
over comparisons, in [-1, 1]. For a new phrase, the anchor degrees of the judged attributes
whose degrees its own reading correlates with are mixed (`correlated_degrees`), and a ridge
regression from item inputs ([h_j, text_j], standardised) to those degrees, fitted on the anchor
movies found in the catalog, extends them to every item (`borrow`, which also says how far to
trust the borrowing). Nothing here is tied to one checkpoint: anchors are titles, matched to
whatever catalog the model has.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.errors import MissingShippedFile

ANCHORS_FILE = Path(__file__).with_name("anchors.json")


@dataclass(frozen=True)
class Anchors:
    attributes: tuple[str, ...]
    titles: tuple[str, ...]
    degrees: np.ndarray  # (A, N) net win rate, NaN where the title was not judged on the attribute

    def to_json(self, attribution: str) -> dict:
        return {"attributes": list(self.attributes), "titles": list(self.titles),
                "degrees": [[None if np.isnan(x) else round(float(x), 4) for x in row]
                            for row in self.degrees],
                "attribution": attribution}


def anchors_from_records(records) -> Anchors:
    """Net win rates per (attribute, title) from JudgmentRecords."""
    wins: dict[tuple[str, str], list[int]] = {}

    def add(attribute: str, winner: str, loser: str) -> None:
        for title, outcome in ((winner, 1), (loser, -1)):
            tally = wins.setdefault((attribute, title), [0, 0])
            tally[0] += outcome
            tally[1] += 1

    for r in records:
        for title in r.more:
            add(r.attribute, title, r.reference)
        for title in r.less:
            add(r.attribute, r.reference, title)
        for more, less in r.pairs():
            add(r.attribute, more, less)
    attributes = tuple(sorted({a for a, _ in wins}))
    titles = tuple(sorted({t for _, t in wins}))
    a_index = {a: k for k, a in enumerate(attributes)}
    t_index = {t: k for k, t in enumerate(titles)}
    degrees = np.full((len(attributes), len(titles)), np.nan)
    for (a, t), (net, n) in wins.items():
        degrees[a_index[a], t_index[t]] = net / n
    return Anchors(attributes, titles, degrees)


def read_anchors(path: Path = ANCHORS_FILE) -> Anchors:
    """The shipped anchors; MissingShippedFile when they are not installed."""
    if not path.is_file():
        raise MissingShippedFile(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    degrees = np.array([[np.nan if x is None else x for x in row] for row in data["degrees"]],
                       dtype=np.float64)
    return Anchors(tuple(data["attributes"]), tuple(data["titles"]), degrees)


def correlated_degrees(reading: np.ndarray, degrees: np.ndarray, top: int | None = None
                       ) -> tuple[np.ndarray, np.ndarray]:
    """(N,) anchor degrees for a phrase, and the (A,) signed weights used.

    `reading` (N,) is the phrase's own judgment-free score of the anchor titles (NaN where a
    title is not in the catalog). The `top` judged attributes (default: all) whose degrees
    correlate most with it, either way, are mixed, each weighted by its correlation: a phrase
    borrows the judgments of the attributes its reading behaves like on famous movies, and of
    their opposites with the sign turned ("predictable" and "original"), which similarity of
    meaning cannot tell apart.
    Titles no chosen attribute judged stay NaN.
    """
    correlations = masked_correlations(reading, degrees)
    weights = np.zeros(len(degrees))
    chosen = np.argsort(-np.abs(correlations), kind="stable")[:top or len(degrees)]
    weights[chosen] = correlations[chosen]
    known = ~np.isnan(degrees)
    mass = np.abs(weights) @ known
    total = weights @ np.nan_to_num(degrees)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(mass > 0, total / np.maximum(mass, 1e-12), np.nan), weights


def masked_correlations(reading: np.ndarray, degrees: np.ndarray, least: int = 10) -> np.ndarray:
    """(A,) Pearson correlation of `reading` (N,) with each row of `degrees` (A, N) over the
    titles both have (not NaN); 0 where they share `least` titles or fewer, or either is
    constant there. All rows at once: a reading borrows from 30 attributes on every new phrase."""
    ok = ~np.isnan(degrees) & ~np.isnan(reading)[None, :]
    n = ok.sum(axis=1)
    x = np.where(ok, reading[None, :], 0.0)
    y = np.where(ok, degrees, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        x = np.where(ok, x - (x.sum(axis=1) / n)[:, None], 0.0)
        y = np.where(ok, y - (y.sum(axis=1) / n)[:, None], 0.0)
        sxx, syy = (x * x).sum(axis=1), (y * y).sum(axis=1)
        r = (x * y).sum(axis=1) / np.sqrt(sxx * syy)
    usable = (n > least) & (sxx > 0) & (syy > 0)
    return np.where(usable, np.clip(r, -1.0, 1.0), 0.0)


@dataclass(frozen=True)
class AnchorRidge:
    """The ridge regression of `extend_to_items` in its dual form, for one set of anchor rows:
    with N anchor titles (about 280) fewer than the F item inputs (448), a fit solves N x N
    instead of F x F, and the products with every item are computed once (`of`), not per phrase.
    The same predictions as the primal form, up to rounding."""

    rows: np.ndarray  # (N,) catalog rows of the anchor titles
    cross: np.ndarray  # (M, N) every item's inputs against each anchor's
    gram: np.ndarray  # (N, N) the anchors' inputs against each other

    @classmethod
    def of(cls, inputs: np.ndarray, rows: np.ndarray) -> "AnchorRidge":
        x = np.asarray(inputs[rows], dtype=np.float64)
        return cls(np.asarray(rows), np.asarray(inputs, dtype=np.float64) @ x.T, x @ x.T)

    def extend(self, targets: np.ndarray, ridge: float = 30.0) -> np.ndarray:
        """(M,) ridge prediction fitted on the anchors' `targets` (N,), NaN skipped (zeros when
        fewer than 5 are known)."""
        ok = ~np.isnan(targets)
        if ok.sum() < 5:
            return np.zeros(self.cross.shape[0])
        y = targets[ok] - targets[ok].mean()
        dual = np.zeros(len(targets))
        dual[ok] = np.linalg.solve(self.gram[np.ix_(ok, ok)] + ridge * np.eye(int(ok.sum())), y)
        return self.cross @ dual


def extend_to_items(inputs: np.ndarray, rows: np.ndarray, targets: np.ndarray,
                    ridge: float = 30.0) -> np.ndarray:
    """(M,) ridge prediction from item inputs, fitted on `rows` with `targets` (NaN skipped)."""
    return AnchorRidge.of(inputs, rows).extend(targets, ridge)


def side_signals(signals) -> dict[str, np.ndarray]:
    """(M,) log popularity and shrunk mean rating (engine.degrees.score.shrunk_ratings) of
    ItemSignals, whose direction a phrase borrows."""
    from engine.degrees.score import shrunk_ratings

    popularity = np.asarray(signals.popularity, dtype=np.float64)
    return {"popularity": np.log1p(popularity),
            "rating": shrunk_ratings(signals.mean_rating, popularity)}


@dataclass(frozen=True)
class Borrowed:
    """What a phrase takes from the judged attributes (`borrow`)."""

    degrees: np.ndarray  # (M,) borrowed anchor degrees extended to every item
    signs: dict[str, float]  # direction of "popularity" and "rating" (correlation, signed)
    # in [0, 1] per feature (engine.degrees.score.FEATURES): how far to lean on what was borrowed
    scales: dict[str, float]


def borrow(own: np.ndarray, degrees: np.ndarray, rows: np.ndarray, ridge: AnchorRidge,
           sides: dict[str, np.ndarray], valence: float = 0.0) -> Borrowed:
    """Anchors for a phrase from its own judgment-free reading `own` (M,) of the catalog.

    `degrees` (A, N) are the judged attributes it may borrow from, `rows` (N,) the catalog row of
    each anchor title (-1: absent), `ridge` the fit from the standardised item inputs over the
    titles present (`AnchorRidge.of(inputs, rows[rows >= 0])`), `sides` the (M,)
    popularity and rating signals whose direction is borrowed too. The own reading is first
    freed of popularity and rating over the anchor titles (famous movies are talked about more, so
    every tag-based reading leans popular: "talked about" is not "has"); the judged attributes it
    then correlates with lend their degrees (`correlated_degrees`), trusted by how strongly
    (`engine.degrees.valence.anchor_trust`). A phrase whose valence contradicts the borrowed
    rating direction (`engine.degrees.valence.conflicts`) trusts none of it and takes the rating
    direction from its valence.
    """
    from engine.degrees.valence import anchor_trust, conflicts, residualise

    found = rows >= 0
    covariates = np.column_stack([s[rows[found]] for s in sides.values()]) if sides else None
    reading = np.full(len(rows), np.nan)
    reading[found] = (own[rows[found]] if covariates is None
                      else residualise(own[rows[found]], covariates))
    targets, weights = correlated_degrees(reading, degrees)
    targets = targets[found]
    used = rows[found]
    ok = ~np.isnan(targets)
    signs = {}
    for name, side in sides.items():
        x = side[used[ok]]
        if ok.sum() > 5 and x.std() > 0 and targets[ok].std() > 0:
            signs[name] = float(np.corrcoef(x, targets[ok])[0, 1])
    if conflicts(valence, signs.get("rating")):
        # the own reading is as suspect as what it borrowed: it keeps a small share
        from engine.degrees.score import CONTENT_ROWS, FEATURES
        from engine.degrees.valence import SUSPECT_READING

        scales = {FEATURES[k]: SUSPECT_READING for k in CONTENT_ROWS}
        return Borrowed(np.zeros(ridge.cross.shape[0]), {**signs, "rating": valence},
                        {**scales, "anchors": 0.0, "popularity": 0.0, "rating": 1.0})
    trust = anchor_trust(weights)
    return Borrowed(ridge.extend(targets), signs,
                    {"anchors": trust, "popularity": trust, "rating": trust})
