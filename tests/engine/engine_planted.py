"""A tiny planted catalog for the engine's tests: graded relevance on a grid, users who like tags.

Items sit on an 11 x 11 grid of relevance levels for two tags ("action", "romance") and carry a
third ("comedy") at random. Users prefer a point of the grid and adopt items near it, so the
interactions alone carry the geometry the VAE must find; the triples say which direction is
"more action". The walk "more action" from a low-action item must then climb the action axis.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from engine.config import TrainConfig
from engine.data.dataset import Dataset
from engine.data.triples import Triples

TAGS = ("action", "romance", "comedy")


def planted_dataset(seed: int = 0, n_users: int = 1500, per_user: int = 12) -> Dataset:
    rng = np.random.default_rng(seed)
    levels = np.round(np.linspace(0.0, 1.0, 11), 2)
    grid = np.array([(a, r) for a in levels for r in levels], dtype=np.float32)
    n_items = len(grid)
    comedy = rng.random(n_items).astype(np.float32)
    relevance = np.column_stack([grid, comedy]).astype(np.float32)
    # users: a preferred point in the 3-d relevance cube; adopt the closest items (noisy).
    prefs = rng.random((n_users, 3)).astype(np.float32)
    distance = ((prefs[:, None, :] - relevance[None, :, :]) ** 2).sum(-1)
    logits = -distance / 0.02 + rng.gumbel(size=distance.shape)
    chosen = np.argsort(-logits, axis=1)[:, :per_user]
    rows = np.repeat(np.arange(n_users), per_user)
    interactions = sp.csr_matrix((np.ones(rows.size, dtype=np.float32), (rows, chosen.ravel())),
                                 shape=(n_users, n_items))
    item_tags = sp.csr_matrix((relevance >= 0.5).astype(np.float32))
    titles = tuple(f"Item a{a:.1f} r{r:.1f} #{i}" for i, (a, r) in enumerate(grid))
    return Dataset(
        name="planted", interactions=interactions, user_ids=np.arange(n_users),
        item_ids=np.arange(1, n_items + 1), titles=titles, tags=TAGS, item_tags=item_tags,
        relevance=relevance, synthetic=True,
    )


def planted_triples(dataset: Dataset, seed: int = 0, per_pair_tag: int = 40) -> Triples:
    """Pairs whose binary tags differ in exactly one tag (the paper's construction)."""
    rng = np.random.default_rng(seed)
    binary = dataset.item_tags.toarray().astype(np.int8)
    refs, tags, alphas, targets = [], [], [], []
    for i in range(dataset.n_items):
        diff = binary[None, i, :] - binary  # a_i - a_j
        one = np.flatnonzero(np.abs(diff).sum(1) == 1)
        if len(one) == 0:
            continue
        pick = rng.choice(one, size=min(per_pair_tag, len(one)), replace=False)
        for j in pick:
            t = int(np.flatnonzero(diff[j])[0])
            refs.append(i)
            tags.append(t)
            alphas.append(1 if binary[j, t] else -1)  # +1: the target has the tag
            targets.append(int(j))
    return Triples(np.array(refs, dtype=np.int64), np.array(tags, dtype=np.int64),
                   np.array(alphas, dtype=np.int8), np.array(targets, dtype=np.int64))


def small_config(**overrides) -> TrainConfig:
    """Small, fast hyper-parameters for the planted catalog (121 items)."""
    values = dict(dim=16, hidden=64, word_hidden=32, item_hidden=32, epochs=8, steps_per_epoch=30,
                  batch_users=128, batch_triples=256, lr=1e-2, anneal_steps=100, threads=1,
                  patience=12, seed=0)
    values.update(overrides)
    return TrainConfig(**values)


def fake_word_vectors(n_words: int, seed: int = 0) -> np.ndarray:
    """Stand-ins for MiniLM vectors (the real ones are exercised by the tiny_model_dir fixture)."""
    vectors = np.random.default_rng(seed).standard_normal((n_words, 384)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
