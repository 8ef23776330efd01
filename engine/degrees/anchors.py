"""Anchor movies: how much of some attributes people judged well-known movies to have.

Relative judgments (SoftAttributes: Balog, Radlinski, Karatzoglou, SIGIR 2021, CC BY 4.0,
Google LLC) give, per attribute, a net win rate for each judged movie: over every comparison it
took part in (more/less than the reference, more than a movie judged less), wins minus losses
over comparisons, in [-1, 1]. For a new phrase, the anchor degrees of the judged attributes
whose degrees its own reading correlates with are mixed (`correlated_degrees`), and a ridge
regression from item inputs ([h_j, text_j], standardised) to those degrees, fitted on the anchor
movies found in the catalog, extends them to every item. Nothing here is tied to one checkpoint: anchors are
titles, matched to whatever catalog the model has.
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


def correlated_degrees(reading: np.ndarray, degrees: np.ndarray, top: int = 5
                       ) -> tuple[np.ndarray, np.ndarray]:
    """(N,) anchor degrees for a phrase, and the (A,) signed weights used.

    `reading` (N,) is the phrase's own judgment-free score of the anchor titles (NaN where a
    title is not in the catalog). The `top` judged attributes whose degrees correlate most with
    it, either way, are mixed, each weighted by its correlation: a phrase borrows the judgments of
    the attributes its reading behaves like on famous movies, and of their opposites with the
    sign turned ("predictable" and "original"), which similarity of meaning cannot tell apart.
    Titles no chosen attribute judged stay NaN.
    """
    correlations = np.zeros(len(degrees))
    for b, row in enumerate(degrees):
        ok = ~np.isnan(row) & ~np.isnan(reading)
        if ok.sum() > 10 and row[ok].std() > 0 and reading[ok].std() > 0:
            correlations[b] = np.corrcoef(reading[ok], row[ok])[0, 1]
    weights = np.zeros(len(degrees))
    chosen = np.argsort(-np.abs(correlations), kind="stable")[:top]
    weights[chosen] = correlations[chosen]
    known = ~np.isnan(degrees)
    mass = np.abs(weights) @ known
    total = weights @ np.nan_to_num(degrees)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(mass > 0, total / np.maximum(mass, 1e-12), np.nan), weights


def extend_to_items(inputs: np.ndarray, rows: np.ndarray, targets: np.ndarray,
                    ridge: float = 30.0) -> np.ndarray:
    """(M,) ridge prediction from item inputs, fitted on `rows` with `targets` (NaN skipped)."""
    ok = ~np.isnan(targets)
    if ok.sum() < 5:
        return np.zeros(inputs.shape[0])
    x = inputs[rows[ok]].astype(np.float64)
    y = targets[ok] - targets[ok].mean()
    beta = np.linalg.solve(x.T @ x + ridge * np.eye(x.shape[1]), x.T @ y)
    return inputs.astype(np.float64) @ beta
