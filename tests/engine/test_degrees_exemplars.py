"""Exemplars and estimates: words naming what the catalog lacks ("long", "big budget") read from
the movies its users tagged with close words (engine.degrees.exemplars, DegreeModel.estimate)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from engine.degrees.exemplars import (ExemplarConfig, closest_user_tags, exemplar_items,
                                      language_weights)
from engine.degrees.features import language_count_arrays, language_counts_of
from engine.degrees.grounding import Grounding
from engine.degrees.model import DegreeModel
from engine.degrees.score import exemplar_scores


def test_user_tags_weigh_by_how_far_their_cosine_is_above_the_floor():
    w = language_weights(np.array([0.9, 0.7, 0.5, 0.2]), ExemplarConfig(floor=0.5, closest=10))
    np.testing.assert_allclose(w, [0.4 / 0.6, 0.2 / 0.6, 0.0, 0.0])
    # a small move of one cosine moves the weights a little, never swaps a whole set
    moved = language_weights(np.array([0.9, 0.69, 0.5, 0.2]), ExemplarConfig(floor=0.5))
    assert np.abs(moved - w).max() < 0.02
    assert not language_weights(np.array([0.4, 0.1]), ExemplarConfig(floor=0.5)).any()
    only_two = language_weights(np.array([0.9, 0.8, 0.7]), ExemplarConfig(floor=0.5, closest=2))
    assert only_two[2] == 0.0 and np.isclose(only_two.sum(), 1.0)


def test_exemplar_items_are_the_movies_carrying_the_close_user_tags():
    counts = sp.csr_matrix(np.array([[2.0, 0.0], [0.0, 1.0], [0.0, 0.0]]))  # 3 movies x 2 tags
    items = exemplar_items(counts, np.array([0.9, 0.1]))
    np.testing.assert_allclose(items, [1.0, 0.0, 0.0])
    assert exemplar_items(counts, np.array([0.1, 0.2])) is None  # nothing close enough
    assert exemplar_items(counts, np.array([0.1, 0.2, 0.9])) is None  # another language
    assert exemplar_items(sp.csr_matrix((3, 2)), np.array([0.9, 0.9])) is None  # on no movie
    assert exemplar_items(None, np.array([0.9, 0.1])) is None


def test_exemplar_scores_rank_movies_near_the_exemplars_first():
    items = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [-1.0, 0.0]])
    weights = np.array([1.0, 0.0, 0.0, 0.0])
    order = np.argsort(-exemplar_scores(items, None, weights))
    assert order.tolist() == [0, 1, 2, 3]
    with_text = exemplar_scores(items, items[:, ::-1].copy(), weights)  # texts disagree on 1 and 2
    assert with_text[0] > with_text[3]


def test_the_counts_travel_through_the_degree_artefact():
    counts = sp.csr_matrix(np.array([[0.0, 3.0], [1.0, 0.0], [0.0, 0.0]], dtype=np.float32))
    back = language_counts_of(language_count_arrays(counts))
    assert back.shape == (3, 2) and (back != counts).nnz == 0
    assert language_counts_of({}) is None  # an artefact written before the exemplars


def _world():
    """Four movies; "too long" and "way too long" were written on movie 0, "slow" on movie 3."""
    words = {"long": [1.0, 0.0, 0.0], "too long": [0.9, 0.436, 0.0], "way too long": [0.8, 0.6, 0.0],
             "slow": [0.0, 0.0, 1.0], "pizza": [0.0, -1.0, 0.0], "drama": [0.0, 0.6, 0.8]}
    vectors = {w: np.asarray(v, dtype=np.float32) / np.linalg.norm(v) for w, v in words.items()}
    language = ("drama", "too long", "way too long", "slow")
    counts = sp.csr_matrix(np.array([[1, 2, 1, 0], [0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]],
                                    dtype=np.float32))
    items = np.array([[1.0, 0.0], [0.95, 0.3], [0.0, 1.0], [-1.0, 0.1]], dtype=np.float32)
    return DegreeModel(items, np.eye(1, 2, dtype=np.float32), ("drama",),
                       item_tags=np.array([[1], [0], [1], [0]]),
                       encode=lambda texts: np.stack([vectors[t] for t in texts]),
                       language=language, language_vectors=np.stack([vectors[w] for w in language]),
                       language_counts=counts)


def test_an_estimate_reads_words_from_their_exemplars_with_no_tag():
    model = _world()
    g = model.estimate("long")
    assert g is not None and g.tags == () and "too long" in g.label
    scores = model.raw_scores(g)
    assert scores[0] > scores[1] > scores[3]  # the tagged movie, then its neighbour in the space
    assert model.estimate("pizza") is None  # no user tag is close: nothing to estimate from


def test_a_tag_reading_does_not_change_with_the_exemplars():
    with_counts = _world()
    without = _world()
    without.language_counts = None
    g = Grounding.of_tag("drama")
    np.testing.assert_array_equal(with_counts.raw_scores(g), without.raw_scores(g))
    assert without.estimate("long") is None


def test_closest_user_tags_name_the_reading():
    assert closest_user_tags(("a", "b", "c"), np.array([0.6, 0.9, 0.2]), n=2) == ("b", "a")


def test_a_user_tag_that_negates_is_no_exemplar_of_the_word():
    from engine.degrees.exemplars import negated, user_tag_cosines

    language = ("funny", "not funny", "no plot", "isn't scary", "unique", "non-linear")
    assert negated(language).tolist() == [False, True, True, True, False, True]
    vectors = np.ones((6, 2)) / np.sqrt(2)  # the encoder puts them all on one point
    cosines = user_tag_cosines(language, vectors, np.ones(2) / np.sqrt(2))
    np.testing.assert_allclose(cosines, [1.0, -1.0, -1.0, -1.0, 1.0, -1.0])


def test_tag_shares_prefer_a_movie_tagged_mostly_with_the_word_to_one_tagged_with_everything():
    from engine.degrees.exemplars import tag_shares

    # movie 0: "funny" once among 20 applications; movie 1: "funny" twice of 3; movie 2: never
    counts = sp.csr_matrix(np.array([[1.0, 19.0], [2.0, 1.0], [0.0, 4.0]]))
    shares = tag_shares(counts, np.array([0.95, 0.1]))
    np.testing.assert_allclose(shares, [1 / 20, 2 / 3, 0.0])
    assert tag_shares(counts, np.array([0.2, 0.1])) is None  # no user tag close enough


def test_a_models_tagged_share_reads_the_phrase_against_its_user_tags():
    model = _world()
    shares = model.tagged_share("long")
    assert shares.argmax() == 0 and shares[1] == 0.0 and shares[3] == 0.0
    assert model.tagged_share("pizza") is None
