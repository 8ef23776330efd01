"""A degree reading learned across attributes: score(item, phrase) = f(item)^T W g(phrase), offline.

    nice -n 10 .venv/bin/python bench/bench_bilinear_degrees.py MODEL \
        ../shared/data/soft-attributes/soft-attributes-dev.csv [--seeds 3] [--cache FILE]

f(item) are signals the catalog has for every item (the CGIR item vector, the binary tags, the
movie text's MiniLM embedding reduced by PCA, log popularity, shrunk mean rating, release year),
g(phrase) the MiniLM embedding of the attribute's words projected on the principal axes of this
catalog's user-tag language (not of the judged words) plus a constant. W is full rank with an L2
penalty, or low rank (U V^T). It is fitted with a pairwise logistic loss on the judged (more, less)
pairs of the TRAINING attributes only (all of them, the two the chat answers "cannot judge"
included: their judgments still say what the words mean).

Everything is out of fold over attributes (5 folds, several fold seeds, the fold assignment of
`engine.degrees.fit.attribute_folds`):

* ``alone``: the bilinear score of each held-out attribute, fitted on the other folds;
* ``+ feature``: the product's degree features (`DegreeModel.features`, anchors of the own fold
  left out, as `cgir eval judgments` does) with the bilinear score as one more feature; the
  feature weights are fitted on the training attributes, whose bilinear scores come from an inner
  fit that left their own fold out too (so the weight is not fitted on in-sample scores).

Pair accuracy counts the attributes the chat does not read at 0.5 (as `cgir eval judgments`).
Judgments: SoftAttributes by Balog, Radlinski and Karatzoglou (Google LLC), SIGIR 2021, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.data.judgments import read_judgments  # noqa: E402
from engine.degrees.anchors import anchors_from_records, side_signals  # noqa: E402
from engine.degrees.fit import (attribute_folds, fit_pair_weights, fold_features,  # noqa: E402
                                pair_differences)
from engine.degrees.load import anchor_rows  # noqa: E402
from engine.degrees.score import FEATURES, standardise  # noqa: E402
from engine.eval.judgments.report import judged_pairs  # noqa: E402
from engine.models.checkpoint import load_retriever  # noqa: E402

FOLDS = 5


def _zcols(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-9)


def _pca(x: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(scores of x on its top-k principal axes, the axes (k, d))."""
    mean = x.mean(axis=0)
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    return (x - mean) @ vt[:k].T, vt[:k]


def years(titles) -> np.ndarray:
    out = np.full(len(titles), np.nan)
    for j, t in enumerate(titles):
        m = re.search(r"\((\d{4})\)\s*$", t)
        if m:
            out[j] = float(m.group(1))
    return np.where(np.isnan(out), np.nanmedian(out), out)


def praise_scores(degrees, attributes) -> np.ndarray:
    """(A,) the praise/blame axis of each attribute's words, in standard units of the catalog's
    user-tag language (> 0: praise)."""
    language = np.asarray(degrees.language_vectors, dtype=np.float64)
    axis = (np.asarray(degrees.encode(list(PRAISE)), dtype=np.float64).mean(axis=0)
            - np.asarray(degrees.encode(list(BLAME)), dtype=np.float64).mean(axis=0))
    ref = language @ axis
    return (np.asarray(degrees.encode(list(attributes)), dtype=np.float64) @ axis - ref.mean()) / ref.std()


def with_praise_sides(base: dict[int, np.ndarray], praise: np.ndarray, sides: dict[str, np.ndarray],
                      mode: str) -> dict[int, np.ndarray]:
    """The product's features with popularity and rating signed by the phrase's praise/blame
    (tanh of `praise_scores`) instead of (replace) or beside (add) the borrowed directions;
    add_clip leans on popularity for praise only (blame words are not the unpopular ones)."""
    if mode == "none":
        return base
    zp, zr = standardise(sides["popularity"]), standardise(sides["rating"])
    p, r = FEATURES.index("popularity"), FEATURES.index("rating")
    out = {}
    for a, f in base.items():
        t = float(np.tanh(praise[a]))
        f = f.copy()
        if mode == "replace":
            f[p], f[r] = t * zp, t * zr
        else:
            f = np.vstack([f, (max(t, 0.0) if mode == "add_clip" else t) * zp, t * zr])
        out[a] = f
    return out


def item_blocks(retriever, degrees) -> dict[str, np.ndarray]:
    """(M, d) item-side blocks, each column standardised over the catalog."""
    s = degrees.signals
    sides = side_signals(s)
    tags = np.asarray(degrees.item_tags.todense())
    common = tags.mean(axis=0) >= 0.01  # tags on at least 1 % of the items
    text, _ = _pca(np.asarray(s.text_vectors, dtype=np.float64), 32)
    return {
        "item": _zcols(retriever.item_vectors),
        "tags": _zcols(tags[:, common]),
        "text": _zcols(text),
        "side": _zcols(np.column_stack([sides["popularity"], sides["rating"],
                                        years(retriever.titles)])),
    }


# A general praise / blame axis (no judged word in it): judged degrees of famous movies lean on
# their rating, up for praise ("original"), down for blame ("cheesy").
PRAISE = ("good", "great", "excellent", "wonderful", "masterpiece")
BLAME = ("bad", "terrible", "awful", "poor", "worst")


def phrase_features(degrees, attributes, k: int, sentiment: bool = False) -> np.ndarray:
    """(A, k+1[+1]) MiniLM embedding of each attribute projected on the top-k principal axes of
    this catalog's user-tag language (a general vocabulary, not the judged words), a constant, and
    with `sentiment` the cosine to the praise words minus that to the blame words (standardised
    over the user-tag language)."""
    language = np.asarray(degrees.language_vectors, dtype=np.float64)
    v = np.asarray(degrees.encode(list(attributes)), dtype=np.float64)
    parts = []
    if k > 0:
        _, axes = _pca(language, k)
        proj = (v - language.mean(axis=0)) @ axes.T
        parts.append(proj / (((language - language.mean(axis=0)) @ axes.T).std(axis=0) + 1e-9))
    if sentiment:
        axis = (np.asarray(degrees.encode(list(PRAISE)), dtype=np.float64).mean(axis=0)
                - np.asarray(degrees.encode(list(BLAME)), dtype=np.float64).mean(axis=0))
        ref = language @ axis
        parts.append(((v @ axis - ref.mean()) / (ref.std() + 1e-9))[:, None])
    parts.append(np.ones((len(attributes), 1)))
    return np.hstack(parts)


def fit_bilinear(diff: np.ndarray, g: np.ndarray, l2: float, rank: int = 0,
                 seed: int = 0) -> np.ndarray:
    """W (d_f, d_g) minimising mean log(1+exp(-d_p^T W g_p)) + l2 |W|^2 (rank 0: full rank;
    else W = U V^T with l2 on U and V)."""
    n, df = diff.shape
    dg = g.shape[1]

    def margins_grad(w):
        dw = diff @ w
        m = np.einsum("pk,pk->p", dw, g)
        c = -1.0 / (1.0 + np.exp(np.clip(m, -50, 50))) / n
        return float(np.logaddexp(0.0, -m).mean()), diff.T @ (c[:, None] * g)

    if rank == 0:
        def loss(x):
            w = x.reshape(df, dg)
            value, grad = margins_grad(w)
            return value + l2 * np.sum(w * w), (grad + 2 * l2 * w).ravel()
        x0 = np.zeros(df * dg)
        return minimize(loss, x0, jac=True, method="L-BFGS-B",
                        options={"maxiter": 500}).x.reshape(df, dg)

    def loss_lr(x):
        u = x[: df * rank].reshape(df, rank)
        v = x[df * rank:].reshape(dg, rank)
        value, grad = margins_grad(u @ v.T)
        return (value + l2 * (np.sum(u * u) + np.sum(v * v)),
                np.concatenate([(grad @ v + 2 * l2 * u).ravel(), (grad.T @ u + 2 * l2 * v).ravel()]))
    x0 = np.random.default_rng(seed).normal(scale=0.1, size=(df + dg) * rank)
    x = minimize(loss_lr, x0, jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return x[: df * rank].reshape(df, rank) @ x[df * rank:].reshape(dg, rank).T


class Bilinear:
    """Fits on a subset of attributes' pairs and scores every item for any attribute."""

    def __init__(self, items: np.ndarray, g: np.ndarray, pairs, l2: float, rank: int):
        self.items, self.g, self.pairs, self.l2, self.rank = items, g, pairs, l2, rank
        self.diff = items[pairs.pair_more] - items[pairs.pair_less]

    def fit(self, train_attributes: np.ndarray) -> np.ndarray:
        mask = np.isin(self.pairs.pair_attribute, train_attributes)
        return fit_bilinear(self.diff[mask], self.g[self.pairs.pair_attribute[mask]], self.l2,
                            self.rank)

    def scores(self, w: np.ndarray, attribute: int) -> np.ndarray:
        return standardise(self.items @ (w @ self.g[attribute]))


def accuracy(pairs, score_of: dict[int, np.ndarray]) -> tuple[float, dict[int, float]]:
    """Pair accuracy with unread attributes at 0.5, and per attribute."""
    out = np.full(len(pairs.pair_more), 0.5)
    per = {}
    for a in range(len(pairs.attributes)):
        mask = pairs.pair_attribute == a
        if a in score_of:
            s = score_of[a]
            d = s[pairs.pair_more[mask]] - s[pairs.pair_less[mask]]
            out[mask] = np.where(d > 0, 1.0, np.where(d == 0, 0.5, 0.0))
        per[a] = float(out[mask].mean())
    return float(out.mean()), per


def run_seed(seed: int, pairs, base: dict[int, np.ndarray], model: Bilinear,
             l2_weights: float) -> dict[str, tuple[float, dict[int, float]]]:
    """Out-of-fold accuracies of the product's features, the bilinear alone, and both."""
    fold_of = attribute_folds(pairs.attributes, FOLDS, seed)
    alone, product, combined = {}, {}, {}
    for k in range(FOLDS):
        held = np.flatnonzero(fold_of == k)
        train = np.flatnonzero(fold_of != k)
        w_outer = model.fit(train)
        # inner: each training attribute's bilinear score from a fit that left its fold out too
        inner = {}
        for j in np.unique(fold_of[train]):
            w_in = model.fit(np.flatnonzero((fold_of != k) & (fold_of != j)))
            for a in np.flatnonzero(fold_of == j):
                inner[a] = model.scores(w_in, a)
        feats = {a: f for a, f in base.items() if a in set(train)}
        extended = {a: np.vstack([f, inner[a][None]]) for a, f in feats.items()}
        _, d_base = pair_differences(feats, pairs.pair_attribute, pairs.pair_more, pairs.pair_less)
        _, d_ext = pair_differences(extended, pairs.pair_attribute, pairs.pair_more,
                                    pairs.pair_less)
        w_base = fit_pair_weights(d_base, l2_weights)
        w_ext = fit_pair_weights(d_ext, l2_weights)
        for a in held:
            s = model.scores(w_outer, a)
            alone[a] = s
            if a in base:
                product[a] = w_base @ base[a]
                combined[a] = w_ext @ np.vstack([base[a], s[None]])
    return {"product": accuracy(pairs, product), "bilinear alone (all 30 scored)": accuracy(pairs, alone),
            "product + bilinear feature": accuracy(pairs, combined)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("judgments")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--blocks", default="item,tags,text,side")
    parser.add_argument("--phrase-dims", type=int, default=16)
    parser.add_argument("--l2", type=float, default=0.01, help="L2 on W (or U, V)")
    parser.add_argument("--rank", type=int, default=0, help="0: full rank")
    parser.add_argument("--l2-weights", type=float, default=1.0)
    parser.add_argument("--grid", default=None,
                        help="variants 'blocks:phrase_dims:l2:rank[:sent]' separated by ';'")
    parser.add_argument("--praise-sides", default="none",
                        choices=["none", "add", "add_clip", "replace"],
                        help="sign popularity/rating by the phrase's praise/blame axis")
    parser.add_argument("--explain", action="store_true",
                        help="also print single signals' pair accuracy per attribute")
    parser.add_argument("--cache", default=None, help="npz of the product's features per seed")
    args = parser.parse_args()

    from bot.dialogue.critique_axes import attribute_grounding
    from bot.runtime import build_parser

    records = read_judgments(args.judgments)
    retriever = load_retriever(args.model)
    chat_parser = build_parser(retriever)
    degrees = retriever.degree_model
    degrees.anchors = anchors_from_records(records)
    degrees.anchor_rows = anchor_rows(degrees.anchors, retriever)
    pairs = judged_pairs(records, retriever)
    readings = {a: attribute_grounding(chat_parser, retriever, a) for a in pairs.attributes}

    blocks = item_blocks(retriever, degrees)
    cache = Path(args.cache) if args.cache else None
    stored = dict(np.load(cache)) if cache and cache.exists() else {}
    bases = []
    for seed in range(args.seeds):
        key = f"seed{seed}"
        if key + "_ids" not in stored:
            base, _ = fold_features(degrees, readings, pairs.attributes, folds=FOLDS, seed=seed)
            stored[key + "_ids"] = np.array(sorted(base))
            stored[key] = np.stack([base[a] for a in sorted(base)]).astype(np.float32)
            if cache:
                np.savez(cache, **stored)
        ids = stored[key + "_ids"]
        bases.append({int(a): stored[key][i].astype(np.float64) for i, a in enumerate(ids)})
    if args.praise_sides != "none":
        praise = praise_scores(degrees, pairs.attributes)
        bases = [with_praise_sides(b, praise, side_signals(degrees.signals), args.praise_sides)
                 for b in bases]
        print(f"product features with praise-signed sides ({args.praise_sides})")
    if args.explain:
        explain(pairs, retriever, degrees, bases[0])
    variants = [args.blocks + ":" + str(args.phrase_dims) + ":" + str(args.l2) + ":" + str(args.rank)]
    variants = args.grid.split(";") if args.grid else variants
    for variant in variants:
        names, dims, l2, rank, *flags = variant.split(":")
        items = np.hstack([blocks[b] for b in names.split(",")])
        g = phrase_features(degrees, pairs.attributes, int(dims), "sent" in flags)
        print(f"== blocks {names}: items {items.shape}, phrases {g.shape}, l2 {l2}, rank {rank}")
        model = Bilinear(items, g, pairs, float(l2), int(rank))
        report(pairs, readings, [run_seed(seed, pairs, bases[seed], model, args.l2_weights)
                                 for seed in range(args.seeds)])


def explain(pairs, retriever, degrees, base: dict[int, np.ndarray]) -> None:
    """Pair accuracy of single signals per attribute: catalog sides and genres (unsigned, "more
    = higher"), and each product feature as the product signs it (fold seed 0)."""
    sides = side_signals(degrees.signals)
    single = {"popularity": sides["popularity"], "rating": sides["rating"],
              "year": years(retriever.titles)}
    for genre in ("comedy", "drama", "animation", "documentary"):
        if genre in degrees.tags:
            single[genre] = np.asarray(degrees.item_tags[:, degrees.tags.index(genre)].todense()).ravel()
    judged = np.unique(np.concatenate([pairs.pair_more, pairs.pair_less]))
    print(f"judged titles {len(judged)}; documentaries among them "
          f"{int(single.get('documentary', np.zeros(1))[judged].sum())}")
    names = list(single) + list(FEATURES)
    print(f"  {'attribute':<18} " + " ".join(f"{n[:7]:>7}" for n in names))
    for a, attribute in enumerate(pairs.attributes):
        row = [accuracy(pairs, {a: v})[1][a] for v in single.values()]
        row += [accuracy(pairs, {a: base[a][k]})[1][a] if a in base else np.nan
                for k in range(len(FEATURES))]
        print(f"  {attribute:<18} " + " ".join(f"{v:7.3f}" for v in row))


def report(pairs, readings, by_seed: list[dict]) -> None:
    totals: dict[str, list] = {}
    for results in by_seed:
        for name, result in results.items():
            totals.setdefault(name, []).append(result)
    for name, results in totals.items():
        values = [r[0] for r in results]
        per = {a: np.mean([r[1][a] for r in results]) for a in range(len(pairs.attributes))}
        low = sum(1 for a, v in per.items() if v < 0.45 and readings[pairs.attributes[a]] is not None)
        print(f"{name:<32} mean {np.mean(values):.4f} min {np.min(values):.4f} "
              f"max {np.max(values):.4f}  read attributes below 0.45: {low}")
    print("per attribute (mean over fold seeds):")
    for a, attribute in enumerate(pairs.attributes):
        cells = " ".join(f"{np.mean([r[1][a] for r in results]):.3f}" for results in totals.values())
        print(f"  {attribute:<18} {cells}")
    print("features:", ", ".join(FEATURES) + ", bilinear")


if __name__ == "__main__":
    main()
