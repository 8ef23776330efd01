"""The simulated user's tag space, strategies and choices, on small hand-made catalogs."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from bot.sim.templates import SURFACES, variants, phrase
from bot.sim.user import (
    TagSpace,
    choose_critique,
    noisy_critique,
    pick_closest,
    sample_users,
)

TAGS = ("dark", "funny", "violent", "sad")
RELEVANCE = np.array(
    [
        [0.9, 0.1, 0.8, 0.2],  # 0
        [0.1, 0.9, 0.1, 0.1],  # 1
        [0.8, 0.2, 0.1, 0.7],  # 2
        [0.5, 0.5, 0.5, 0.5],  # 3
        [0.9, 0.0, 0.9, 0.1],  # 4, close to 0
    ],
    dtype=np.float32,
)


@pytest.fixture
def graded() -> TagSpace:
    return TagSpace.from_arrays(TAGS, relevance=RELEVANCE)


@pytest.fixture
def binary() -> TagSpace:
    tags = sp.csr_matrix(np.array([[1, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 1], [1, 1, 1, 1]]))
    return TagSpace.from_arrays(TAGS, item_tags=tags)


def test_graded_gaps_and_distances(graded):
    assert graded.graded and graded.threshold == pytest.approx(0.2)
    np.testing.assert_allclose(graded.gaps(1, 0), [-0.8, 0.8, -0.7, -0.1], atol=1e-6)
    dist = graded.distances(0)
    assert dist[0] == 0.0
    assert int(np.argsort(dist)[1]) == 4  # item 4 is the nearest other item
    assert dist[1] == pytest.approx((0.8 + 0.8 + 0.7 + 0.1) / 4)
    assert graded.popularity.tolist() == [4, 2, 3, 2]


def test_nan_relevance_reads_as_zero():
    rel = RELEVANCE.copy()
    rel[0, 0] = np.nan
    space = TagSpace.from_arrays(TAGS, relevance=rel)
    assert space.row(0)[0] == 0.0


def test_binary_gaps_and_jaccard(binary):
    assert not binary.graded
    assert binary.gaps(1, 0).tolist() == [-1, 1, -1, 0]
    dist = binary.distances(0, [0, 1, 2, 3])
    # {dark, violent} vs: itself 0; {funny} 1; {dark, sad} 1 - 1/3; all four 1 - 2/4.
    np.testing.assert_allclose(dist, [0.0, 1.0, 2 / 3, 0.5])
    assert binary.popularity.tolist() == [3, 2, 2, 2]


def test_diff_picks_the_largest_gap_and_never_repeats():
    gaps = np.array([0.3, -0.9, 0.5, 0.05])
    rng = np.random.default_rng(0)
    assert choose_critique(gaps, set(), "diff", rng, threshold=0.2) == (1, -1)
    assert choose_critique(gaps, {1}, "diff", rng, threshold=0.2) == (2, 1)
    assert choose_critique(gaps, {1, 2}, "diff", rng, threshold=0.2) == (0, 1)
    # Tag 3's gap is below the threshold: nothing usable is left.
    assert choose_critique(gaps, {0, 1, 2}, "diff", rng, threshold=0.2) is None


def test_a_whole_session_of_diff_uses_each_tag_once():
    gaps = np.array([0.3, -0.9, 0.5, 0.25, -0.6])
    used: set[int] = set()
    order = []
    rng = np.random.default_rng(1)
    while (choice := choose_critique(gaps, used, "diff", rng, threshold=0.2)) is not None:
        used.add(choice[0])
        order.append(choice)
    assert order == [(1, -1), (4, -1), (2, 1), (0, 1), (3, 1)]


def test_diff_breaks_binary_ties_at_random_but_deterministically():
    gaps = np.array([1.0, -1.0, 1.0, 0.0, 1.0])
    picks = {choose_critique(gaps, set(), "diff", np.random.default_rng(s), threshold=0.5)[0] for s in range(30)}
    assert picks == {0, 1, 2, 4}
    a = choose_critique(gaps, set(), "diff", np.random.default_rng(7), threshold=0.5)
    assert a == choose_critique(gaps, set(), "diff", np.random.default_rng(7), threshold=0.5)


def test_pop_and_random_strategies():
    gaps = np.array([0.3, -0.9, 0.5, 0.0])
    popularity = np.array([5, 1, 9, 100])
    rng = np.random.default_rng(0)
    # Tag 3 is the most popular but does not differ; tag 2 is the most popular that does.
    assert choose_critique(gaps, set(), "pop", rng, popularity=popularity, threshold=0.2) == (2, 1)
    assert choose_critique(gaps, {2}, "pop", rng, popularity=popularity, threshold=0.2) == (0, 1)
    seen = {choose_critique(gaps, set(), "random", np.random.default_rng(s), threshold=0.2) for s in range(40)}
    assert seen == {(0, 1), (1, -1), (2, 1)}
    with pytest.raises(ValueError):
        choose_critique(gaps, set(), "best", rng)


def test_noisy_critique_uses_only_unused_tags():
    rng = np.random.default_rng(0)
    for _ in range(20):
        tag, alpha = noisy_critique(4, {0, 2}, rng)
        assert tag in (1, 3) and alpha in (-1, 1)
    assert noisy_critique(2, {0, 1}, rng) is None


def test_pick_closest_moves_only_when_closer(graded):
    # Target 0; shown 1, 4, 3; current 2. Item 4 is nearest to 0.
    assert pick_closest(graded, 0, [1, 4, 3], current=2) == 1
    # Nothing shown beats the current item (item 4 itself).
    assert pick_closest(graded, 0, [1, 3], current=4) is None
    assert pick_closest(graded, 0, [], current=4) is None


def test_sample_users_is_deterministic_and_start_differs_from_target(graded):
    users = sample_users(graded, 50, seed=3)
    assert users == sample_users(graded, 50, seed=3)
    assert users != sample_users(graded, 50, seed=4)
    assert all(u.start != u.target for u in users)
    near = sample_users(graded, 30, seed=0, start="near")
    far = sample_users(graded, 30, seed=0, start="far")
    d_near = np.mean([graded.distances(u.target, [u.start])[0] for u in near])
    d_far = np.mean([graded.distances(u.target, [u.start])[0] for u in far])
    assert d_near < d_far


def test_templates_vary_and_keep_the_sign():
    more = variants("comedy", 1)
    less = variants("comedy", -1)
    assert "I'd like something funnier" in more and "too funny for me" in less
    assert not set(more) & set(less)
    assert variants("pixar", 1, "plain") == ["more pixar"]
    rng = np.random.default_rng(0)
    said = {phrase("horror", -1, rng) for _ in range(200)}
    assert len(said) > 10 and "too scary for me" in said
    assert set(SURFACES) >= {"comedy", "horror", "romance", "sci-fi", "action"}


def test_paraphrases_that_are_other_tags_are_not_used():
    vocabulary = ("comedy", "funny", "thriller", "suspense", "horror")
    more_comedy = variants("comedy", 1, vocabulary=vocabulary)
    assert not any("funn" in t for t in more_comedy)
    assert "I'd like more comedy" in more_comedy and "more comedy please" in more_comedy
    thriller = variants("thriller", 1, vocabulary=vocabulary)
    assert not any("suspense" in t for t in thriller) and any("thrilling" in t for t in thriller)
    # Without the colliding tags, the paraphrases are back.
    assert "I'd like something funnier" in variants("comedy", 1, vocabulary=("comedy", "horror"))
