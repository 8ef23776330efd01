"""Measuring one fitted model on held-out triples: Hit@K and MRR, MGS, independence.

Every model is measured through the same functions (the contract of engine.models.base); the
ranks come from engine.metrics.ranking, as in training.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from engine.data.dataset import Dataset
from engine.data.triples import Triples
from engine.metrics import paper as M
from engine.eval.protocols import Protocol
from engine.models.base import GradientModel
from engine.metrics.ranking import model_ranks, ranking_metrics


def positives_mask(train: Triples, n_items: int) -> sp.csr_matrix:
    """(M, M) reference -> its training targets (any tag), for the code protocol's masking."""
    data = np.ones(len(train), dtype=np.float32)
    mask = sp.csr_matrix((data, (train.ref, train.target)), shape=(n_items, n_items))
    mask.sum_duplicates()
    return mask


def retrieval_metrics(model: GradientModel, test: Triples, n_items: int,
                      mask: sp.csr_matrix | None = None, batch: int = 256) -> dict[str, float]:
    """Hit@20, Hit@50 and MRR of the test targets at gamma = 1."""
    ranks = model_ranks(model, test, mask, batch)
    return {**ranking_metrics(ranks), "n_test": int(len(ranks))}


def gradient_queries(test: Triples, max_queries: int, seed: int) -> Triples:
    """Distinct (ref, tag, alpha) of the test triples, a fixed random sample of at most N."""
    keys = np.stack([test.ref, test.tag, test.alpha.astype(np.int64)], axis=1)
    _, first = np.unique(keys, axis=0, return_index=True)
    first = np.sort(first)
    if len(first) > max_queries:
        first = np.sort(np.random.default_rng(seed + 7).choice(first, max_queries, replace=False))
    return test.subset(first)


def example_indices(queries: Triples, n: int, seed: int = 0) -> set[int]:
    """Up to n query positions with distinct tags, alternating "more" and "less" (Figure 6)."""
    chosen: list[int] = []
    tags: set[int] = set()
    for q in np.random.default_rng(seed).permutation(len(queries)):
        if len(chosen) >= n:
            break
        want = 1 if len(chosen) % 2 == 0 else -1
        if int(queries.tag[q]) not in tags and int(queries.alpha[q]) == want:
            chosen.append(int(q))
            tags.add(int(queries.tag[q]))
    return set(chosen)


def relevance_table(dataset: Dataset) -> tuple[np.ndarray | sp.csr_matrix, bool]:
    """(table, graded): graded relevance where the dataset has it, else binary attributes."""
    if dataset.relevance is not None:
        return np.asarray(dataset.relevance, dtype=np.float32), True
    return sp.csr_matrix(dataset.item_tags, dtype=np.float32), False


def gradient_metrics(model: GradientModel, dataset: Dataset, queries: Triples,
                     protocol: Protocol, *, n_examples: int = 0,
                     batch: int = 32) -> dict:
    """MGS, MGS-C, MGS-R per sequence mode, plus the asked tag's curve for a few queries."""
    table, graded = relevance_table(dataset)
    k = protocol.k_graded if graded else protocol.k_binary
    gammas = protocol.gamma_array()
    candidates = None
    if graded and protocol.name == "code":
        # the authors retrieve only among items that have relevance scores
        candidates = ~np.all(np.isnan(table), axis=1)
    binary_tags = sp.csr_matrix(dataset.item_tags)
    n_tags = dataset.n_tags
    per_mode: dict[bool, tuple[list, list]] = {mode: ([], []) for mode in protocol.skip_modes}
    examples = []
    wanted = example_indices(queries, n_examples)
    for start in range(0, len(queries), batch):
        stop = min(start + batch, len(queries))
        scores = model.score(queries.ref[start:stop], queries.tag[start:stop],
                             queries.alpha[start:stop], gammas)
        for b in range(stop - start):
            q = start + b
            ref, tag, alpha = int(queries.ref[q]), int(queries.tag[q]), int(queries.alpha[q])
            if protocol.other_tags == "ref":
                carried = binary_tags.indices[binary_tags.indptr[ref]:binary_tags.indptr[ref + 1]]
                others = np.array(sorted(set(carried.tolist()) - {tag}), dtype=np.int64)
            else:
                others = np.delete(np.arange(n_tags), tag)
            for mode in protocol.skip_modes:
                lists = M.ranked_lists(scores[b], ref, k, skip_seen=mode, candidates=candidates)
                rel = M.step_relevance(lists, table, np.concatenate([[tag], others]))
                per_mode[mode][0].append(M.consistency(rel[:, 0], alpha))
                per_mode[mode][1].append(M.restrictiveness(rel[:, 1:], protocol.aggregate))
                if mode is False and q in wanted:
                    examples.append({"ref": ref, "tag": tag, "alpha": alpha,
                                     "relevance": [None if np.isnan(x) else round(float(x), 4)
                                                   for x in rel[:, 0]],
                                     "top1": [int(x) for x in lists[:, 0]]})
    out: dict = {"examples": examples}
    for mode, (c, r) in per_mode.items():
        scores_ = M.gradient_scores(np.array(c), np.array(r))
        suffix = "_skip" if mode else ""
        for name in ("mgs", "mgs_c", "mgs_r"):
            out[name + suffix] = scores_[name]
        out["n_queries" + suffix] = scores_["n"]
    return out


def evaluate_model(model: GradientModel, dataset: Dataset, train: Triples, test: Triples,
                   protocol: Protocol, *, seed: int, max_queries: int,
                   max_test: int | None = None, n_examples: int = 0) -> dict:
    """Every metric of one fitted model on the held-out triples."""
    if max_test is not None and len(test) > max_test:
        test_rank = test.subset(np.sort(np.random.default_rng(seed + 3).choice(
            len(test), max_test, replace=False)))
    else:
        test_rank = test
    mask = positives_mask(train, dataset.n_items) if protocol.mask_positives else None
    result = retrieval_metrics(model, test_rank, dataset.n_items, mask)
    queries = gradient_queries(test, max_queries, seed)
    result.update(gradient_metrics(model, dataset, queries, protocol, n_examples=n_examples))
    vectors = model.item_vectors()
    result["ind"] = M.independence_level(vectors)
    result["ind_signed"] = M.independence_level(vectors, signed=True)
    return result
