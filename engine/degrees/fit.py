"""Learning the degree score's feature weights from relative judgments, with folds over attributes.

A judged pair (more j, less k) of attribute a says score_a(j) > score_a(k). With the score a
weighted sum of standardised features (engine.degrees.score), that is a logistic regression on
feature differences without intercept (a pairwise ranking loss, RankNet-style), L2-regularised
towards equal weights. One weight per feature, shared by every attribute: what is learned is how much to
trust each reading of a phrase, not anything about one word.

Any accuracy on the file the weights were fitted on must come out of fold: `cross_validate`
assigns attributes to folds (seeded) and scores each attribute with weights fitted on the others.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize


def fit_pair_weights(differences: np.ndarray, l2: float = 1.0,
                     prior: np.ndarray | None = None) -> np.ndarray:
    """Weights w minimising mean log(1 + exp(-w . d)) + l2/n * |w - prior|^2 over rows d."""
    d = np.asarray(differences, dtype=np.float64)
    n, k = d.shape
    prior = np.full(k, 1.0 / k) if prior is None else np.asarray(prior, dtype=np.float64)
    if n == 0:
        return prior.copy()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        margin = d @ w
        value = np.logaddexp(0.0, -margin).mean() + l2 / n * np.sum((w - prior) ** 2)
        grad = -(d.T @ (1.0 / (1.0 + np.exp(margin)))) / n + 2 * l2 / n * (w - prior)
        return float(value), grad

    return minimize(loss, prior.copy(), jac=True, method="L-BFGS-B").x


def attribute_folds(attributes: tuple[str, ...] | list[str], folds: int = 5,
                    seed: int = 0) -> np.ndarray:
    """(A,) fold of each attribute, a seeded balanced assignment."""
    order = np.random.default_rng(seed).permutation(len(attributes))
    fold = np.empty(len(attributes), dtype=np.int64)
    fold[order] = np.arange(len(attributes)) % max(1, min(folds, len(attributes)))
    return fold


def cross_validated_weights(differences: np.ndarray, pair_attribute: np.ndarray,
                            fold_of_attribute: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """(A, K) weights for each attribute, fitted on the pairs of the other folds only."""
    weights = np.zeros((len(fold_of_attribute), differences.shape[1]))
    pair_fold = fold_of_attribute[pair_attribute]
    for fold in np.unique(fold_of_attribute):
        w = fit_pair_weights(differences[pair_fold != fold], l2)
        weights[fold_of_attribute == fold] = w
    return weights


def pair_differences(features: dict[int, np.ndarray], pair_attribute: np.ndarray,
                     pair_more: np.ndarray, pair_less: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, differences): feature differences more - less of the pairs whose attribute has
    features (grounded attributes), and which pairs those are."""
    rows = np.flatnonzero(np.isin(pair_attribute, list(features)))
    if not len(rows):
        return rows, np.zeros((0, 0))
    k = next(iter(features.values())).shape[0]
    out = np.zeros((len(rows), k))
    for a, f in features.items():
        mask = pair_attribute[rows] == a
        out[mask] = (f[:, pair_more[rows[mask]]] - f[:, pair_less[rows[mask]]]).T
    return rows, out


def out_of_fold_weights(features: dict[int, np.ndarray], pairs, *, folds: int = 5, seed: int = 0,
                        l2: float = 1.0) -> np.ndarray:
    """(A, K) weights per attribute of `pairs` (an engine.eval.judgments.accuracy.PairSet), each fitted
    on the judgments of the attributes in the other folds only."""
    rows, differences = pair_differences(features, pairs.pair_attribute, pairs.pair_more,
                                         pairs.pair_less)
    fold_of = attribute_folds(pairs.attributes, folds, seed)
    return cross_validated_weights(differences, pairs.pair_attribute[rows], fold_of, l2)


def fold_features(model, readings: dict, attributes: tuple[str, ...], *, folds: int = 5,
                  seed: int = 0) -> tuple[dict[int, np.ndarray], np.ndarray]:
    """Features of each read attribute (engine.degrees.grounding.AttributeReading, signed: an
    attribute read through an opposite has its features turned) with the anchors of its own fold
    left out, and the fold of every attribute (the same assignment `out_of_fold_weights` uses)."""
    fold_of = attribute_folds(attributes, folds, seed)
    features = {}
    for k, attribute in enumerate(attributes):
        reading = readings.get(attribute)
        if reading is None:
            continue
        same = frozenset(b for j, b in enumerate(attributes) if fold_of[j] == fold_of[k])
        features[k] = reading.sign * model.features(reading.grounding, exclude_anchors=same)
    return features, fold_of
