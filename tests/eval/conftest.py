"""Fixtures of the evaluation tests: a tiny planted catalog and a fast stand-in text encoder."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
import scipy.sparse as sp

from engine.data.dataset import Dataset
from engine.data.triples import Triples


def fake_encode(texts: list[str]) -> np.ndarray:
    """Deterministic unit vectors per string (MiniLM takes seconds to load; tests need none)."""
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i, text in enumerate(texts):
        seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
        v = np.random.default_rng(seed).normal(size=384)
        out[i] = v / np.linalg.norm(v)
    return out


@pytest.fixture(scope="session")
def planted() -> tuple[Dataset, Triples]:
    """60 items in 6 clusters of co-adopting users; a tag per cluster pair; exact triples.

    Items of one cluster are adopted by the same users, so an item's interaction column says
    which cluster it is in; tags are a function of the cluster, so (i, t, i') triples link
    clusters and a model that learns the geometry ranks the right cluster's items first.
    """
    rng = np.random.default_rng(0)
    n_clusters, per_cluster, n_users = 6, 10, 240
    n_items = n_clusters * per_cluster
    cluster = np.repeat(np.arange(n_clusters), per_cluster)
    user_cluster = rng.integers(0, n_clusters, n_users)
    rows, cols = [], []
    for u in range(n_users):
        own = np.flatnonzero(cluster == user_cluster[u])
        liked = rng.choice(own, size=6, replace=False)
        noise = rng.choice(n_items, size=1)
        for j in np.concatenate([liked, noise]):
            rows.append(u)
            cols.append(int(j))
    interactions = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                                 shape=(n_users, n_items))
    interactions.data[:] = 1.0
    # tags: cluster c carries tag "a" if c % 2, "b" if c // 2 == 1, "c" if c // 2 == 2
    tags = ("a", "b", "c")
    attrs = np.zeros((n_items, 3), np.float32)
    attrs[:, 0] = cluster % 2
    attrs[:, 1] = (cluster // 2) == 1
    attrs[:, 2] = (cluster // 2) == 2
    relevance = np.clip(attrs * 0.8 + rng.random(attrs.shape) * 0.2, 0, 1).astype(np.float32)
    dataset = Dataset(name="planted-eval", interactions=interactions,
                      user_ids=np.arange(n_users), item_ids=np.arange(1, n_items + 1),
                      titles=tuple(f"Item {i}" for i in range(n_items)), tags=tags,
                      item_tags=sp.csr_matrix(attrs), relevance=relevance, synthetic=True)
    from engine.data.triples import build_triples

    return dataset, build_triples(dataset, seed=0)


@pytest.fixture(scope="session")
def encode():
    return fake_encode
