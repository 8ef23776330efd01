"""The demo world: deterministic, synthetic, planted correlations, learnable signal."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from engine.data import build_triples, load_dataset
from engine.data.demo import DEMO_GENRES, DEMO_TAGS, demo_relevance, write_demo

FILES = ("movies.csv", "ratings.csv", "tags.csv", "genome-tags.csv", "genome-scores.csv")


def _correlation(relevance: np.ndarray, a: str, b: str) -> float:
    return float(np.corrcoef(relevance[:, DEMO_TAGS.index(a)],
                             relevance[:, DEMO_TAGS.index(b)])[0, 1])


def test_demo_same_seed_writes_identical_files(tmp_path):
    first = write_demo(tmp_path / "a", seed=3, n_items=120, n_users=80)
    second = write_demo(tmp_path / "b", seed=3, n_items=120, n_users=80)
    other = write_demo(tmp_path / "c", seed=4, n_items=120, n_users=80)
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / "ratings.csv").read_bytes() != (other / "ratings.csv").read_bytes()


def test_demo_says_it_is_synthetic(tiny_demo_dir, tiny_dataset):
    assert "SYNTHETIC" in (tiny_demo_dir / "README.txt").read_text()
    marker = json.loads((tiny_demo_dir / "cgir-demo.json").read_text())
    assert marker["synthetic"] is True and marker["tags"] == list(DEMO_TAGS)
    assert tiny_dataset.synthetic is True
    assert tiny_dataset.name == "demo"


def test_tiny_demo_writes_and_loads_at_the_asked_size(tmp_path):
    # Its time is in bench/bench_speed_checks.py.
    dataset = load_dataset(write_demo(tmp_path, seed=0, n_items=400, n_users=600))
    assert dataset.n_items == 400 and dataset.n_users == 600


def test_demo_vocabulary_and_relevance(tiny_dataset):
    assert set(tiny_dataset.tags) == set(DEMO_TAGS)
    relevance = tiny_dataset.relevance
    assert relevance is not None and relevance.dtype == np.float32
    assert not np.isnan(relevance).any()
    assert relevance.min() >= 0.0 and relevance.max() <= 1.0


def test_demo_titles_readable_unique_and_genres_valid(tiny_demo_dir):
    import pyarrow.csv as pacsv

    movies = pacsv.read_csv(tiny_demo_dir / "movies.csv").to_pydict()
    titles = movies["title"]
    assert len(set(titles)) == len(titles)
    assert all(re.fullmatch(r"[A-Z][A-Za-z' -]+( [IVX]+| \d+)? \((19|20)\d\d\)", t)
               for t in titles), titles[:5]
    for genres in movies["genres"]:
        parts = genres.split("|")
        assert 1 <= len(parts) <= 3 and set(parts) <= set(DEMO_GENRES)


@pytest.mark.parametrize("a,b,sign", [
    ("violent", "action", 1), ("gory", "horror", 1), ("family", "violent", -1),
    ("family", "animation", 1), ("feel-good", "comedy", 1), ("dark", "crime", 1),
    ("dark", "thriller", 1),
])
def test_demo_planted_correlations(a, b, sign):
    _, relevance = demo_relevance(4000, seed=0)
    assert sign * _correlation(relevance, a, b) > 0.25


def test_every_tag_varies_on_its_own():
    # No tag is (nearly) a linear function of the other 29, so each can be walked alone:
    # the squared multiple correlation of tag t on the rest is 1 - 1 / inv(C)[t, t].
    _, relevance = demo_relevance(4000, seed=0)
    precision = np.linalg.inv(np.corrcoef(relevance.T.astype(np.float64)))
    explained = 1.0 - 1.0 / np.diag(precision)
    assert explained.max() < 0.65, dict(zip(DEMO_TAGS, explained.round(2)))


def test_attribute_matrix_follows_relevance(tiny_dataset):
    carried = tiny_dataset.item_tags.toarray() > 0
    relevance = tiny_dataset.relevance
    for t, tag in enumerate(tiny_dataset.tags):
        if carried[:, t].any() and (~carried[:, t]).any():
            gap = relevance[carried[:, t], t].mean() - relevance[~carried[:, t], t].mean()
            assert gap > 0.2, tag


def test_positive_interactions_carry_tag_signal(tiny_dataset):
    # A linear read-out of a 16-d SVD of X predicts held-out items' relevance: the VAE can learn it.
    import scipy.sparse.linalg as sla

    x = tiny_dataset.interactions.astype(np.float64)
    _, s, vt = sla.svds(x, k=16, random_state=0)
    emb = np.hstack([vt.T * s, np.ones((x.shape[1], 1))])
    order = np.random.default_rng(0).permutation(len(emb))
    train, test = order[: len(order) * 3 // 4], order[len(order) * 3 // 4:]
    relevance = tiny_dataset.relevance
    coef, *_ = np.linalg.lstsq(emb[train], relevance[train], rcond=None)
    error = ((emb[test] @ coef - relevance[test]) ** 2).mean(axis=0)
    r2 = 1.0 - error / relevance[test].var(axis=0)
    assert r2.mean() > 0.2, r2


@pytest.mark.slow
def test_default_demo_is_written_once_and_has_the_default_figures(cgir_home):
    dataset = load_dataset("demo")
    marker = cgir_home / "demo" / "cgir-demo.json"
    written = marker.stat().st_mtime_ns
    assert load_dataset("demo").fingerprint() == dataset.fingerprint()
    assert marker.stat().st_mtime_ns == written
    assert dataset.synthetic and dataset.name == "demo"
    assert 1900 <= dataset.n_users <= 2000
    assert 2900 <= dataset.n_items <= 3000
    assert 130_000 <= dataset.interactions.nnz <= 170_000
    triples = build_triples(dataset)
    assert len(triples) >= 10_000
    assert len(np.unique(triples.tag)) == len(DEMO_TAGS)


def test_demo_scales_to_many_items(tmp_path):
    # Its time is in bench/bench_speed_checks.py.
    write_demo(tmp_path, seed=1, n_items=50_000, n_users=300, interactions=20_000)
    assert (tmp_path / "genome-scores.csv").stat().st_size > 50_000 * 30 * 5
