"""Candidate search: the pruned exact search and the optional FAISS index."""

from __future__ import annotations

import numpy as np
import pytest

from engine.retrieval.retriever import Modification, Retriever

def _retriever(n_items: int = 3000, dim: int = 16, seed: int = 0) -> Retriever:
    rng = np.random.default_rng(seed)
    items = rng.standard_normal((n_items, dim)).astype(np.float32)
    items /= np.linalg.norm(items, axis=1, keepdims=True)
    tags = (rng.random((4, dim)) < 0.3).astype(np.float32)
    return Retriever(items, tags, np.arange(n_items), [f"item {i}" for i in range(n_items)],
                     ["a", "b", "c", "d"])


def test_full_probe_index_matches_exact_search():
    pytest.importorskip("faiss")
    exact, indexed = _retriever(), _retriever()
    indexed.build_index(nlist=16, nprobe=16)
    assert indexed.approximate and not exact.approximate
    for item in (0, 7, 1234):
        for mods in ([Modification(0, 1)], [Modification(1, -1), Modification(2, 1)]):
            for monotone in (True, False):
                a = exact.walk(item, mods, monotone=monotone)
                b = indexed.walk(item, mods, monotone=monotone)
                assert [s.item for s in a.steps] == [s.item for s in b.steps]
                np.testing.assert_allclose([s.score for s in a.steps], [s.score for s in b.steps],
                                           rtol=1e-4, atol=1e-5)
        top_a = exact.top_k(item, [Modification(3, 1)], k=5)
        top_b = indexed.top_k(item, [Modification(3, 1)], k=5)
        assert [s.item for s in top_a.steps] == [s.item for s in top_b.steps]
        assert item not in [s.item for s in top_b.steps]


def test_partial_probe_keeps_most_of_the_exact_walk():
    pytest.importorskip("faiss")
    exact, indexed = _retriever(n_items=6000), _retriever(n_items=6000)
    indexed.build_index(nlist=32, nprobe=8)
    agree = []
    for item in range(0, 6000, 601):
        a = [s.item for s in exact.walk(item, [Modification(0, 1)]).steps]
        b = [s.item for s in indexed.walk(item, [Modification(0, 1)]).steps]
        agree.append(len(set(a) & set(b)) / len(a))
        assert len(b) == 10 and item not in b
    assert np.mean(agree) > 0.6


def test_pruned_exact_candidates_equal_brute_force():
    retriever = _retriever(n_items=5000)
    gammas = np.linspace(0.1, 1.0, 10).astype(np.float32)
    for item in (3, 999, 4321):
        mods = [Modification(1, -1), Modification(3, 1)]
        rows, scores = retriever._candidates(item, mods, gammas, 40)
        full = retriever.scores(item, mods, gammas)
        for g in range(len(gammas)):
            expected = set(np.argsort(-full[g])[:40].tolist())
            assert set(rows[g].tolist()) == expected
            np.testing.assert_allclose(scores[g], full[g, rows[g]], rtol=1e-5, atol=1e-5)


def test_index_without_faiss_names_the_extra(monkeypatch):
    import sys

    from engine.errors import CGIRError

    monkeypatch.setitem(sys.modules, "faiss", None)  # import faiss now raises ImportError
    with pytest.raises(CGIRError, match=r"pip install -e '\.\[ann\]'"):
        _retriever(n_items=50).build_index()
