"""Closeness by kind (engine.retrieval.content) inside the neighbourhood answers."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from engine.retrieval.content import content_similarity, profile_similarity
from engine.retrieval.retriever import Modification, Retriever
from engine.walks.neighbourhood import CONTENT_WEIGHT, closeness, left_out_tags, nearest_by_kind, neighbourhood_answer

from tests.engine.test_neighbourhood import CLUSTER, FixedDegrees, cluster_retriever

NOIR = (2, 14, 15, 16, 17, 18, 19)  # the reference 2 and six films of its kind, far down the cluster


def tagged(retriever: Retriever, tags: dict[str, tuple[int, ...]]) -> Retriever:
    """`retriever` with a binary item x tag matrix holding `tags` (name -> rows)."""
    names = tuple(retriever.tags) + tuple(t for t in tags if t not in retriever.tags)
    rows, cols = [], []
    for name, items in tags.items():
        rows += list(items)
        cols += [names.index(name)] * len(items)
    item_tags = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                              shape=(retriever.n_items, len(names)))
    out = Retriever(retriever.item_vectors, np.zeros((len(names), retriever.item_vectors.shape[1])),
                    retriever.item_ids, retriever.titles, names, item_tags=item_tags)
    out.neighbours = retriever.neighbours
    out.use_degree_model(retriever.degree_model)
    return out


def kinds() -> Retriever:
    return tagged(cluster_retriever(), {"drama": tuple(range(30)), "noir": NOIR})


def test_sharing_a_rare_tag_counts_more_than_sharing_a_common_one_and_asked_tags_are_left_out():
    retriever = tagged(cluster_retriever(), {"drama": tuple(range(30)), "noir": (0, 1), "scary": (0, 2)})
    noir, scary = retriever.tags.index("noir"), retriever.tags.index("scary")
    shares_noir, shares_scary, shares_drama = content_similarity(retriever, 0, np.array([1, 2, 3]))
    assert shares_noir == shares_scary > shares_drama > 0  # both rare tags weigh alike, drama less
    without_scary = content_similarity(retriever, 0, np.array([1, 2, 3]), leave_out=[scary])
    assert without_scary[0] > without_scary[1] == without_scary[2]  # scary no longer counts
    assert content_similarity(retriever, 0, np.array([1]), leave_out=[noir, scary])[0] > 0.99  # drama alone
    assert content_similarity(cluster_retriever(), 0, np.array([1, 2])) is None  # no tag data


def test_among_clear_movers_the_films_of_the_reference_kind_come_first():
    retriever = kinds()
    scary = retriever.tags.index("scary")
    degrees = retriever.attribute_degrees(scary)
    rows = [s.item for s in neighbourhood_answer(retriever, 2, (Modification(scary, -1),), steps=5).steps]
    assert set(rows) <= set(NOIR) and len(rows) == 5  # of its kind, not just co-rated
    assert np.all(degrees[rows] < degrees[2]) and np.all(np.diff(degrees[rows]) <= 0)
    plain = cluster_retriever()  # the same films without tag data: the co-rating order alone
    rows = [s.item for s in neighbourhood_answer(plain, 2, (Modification(scary, -1),), steps=5).steps]
    assert not set(rows) <= set(NOIR)


def test_the_nearest_films_are_ordered_by_co_rating_and_kind():
    rows, similarity = nearest_by_kind(kinds(), 2, exclude=[14])
    stored_rows, stored = kinds().neighbourhood(2, 200)
    of_kind = set(NOIR) - {2, 14}
    assert len(of_kind & set(rows[:5].tolist())) >= 4 > len(of_kind & set(stored_rows[:5].tolist()))
    assert 2 not in rows and 14 not in rows and len(rows) == len(similarity)
    assert dict(zip(rows.tolist(), similarity.tolist())) == {
        r: s for r, s in zip(stored_rows.tolist(), stored.tolist()) if r != 14}  # scores as stored


def test_when_few_films_move_every_critique_those_moving_the_first_fill_the_answer():
    retriever = cluster_retriever()
    scary = retriever.attribute_degrees(retriever.tags.index("scary"))
    funny = np.zeros(2 * CLUSTER)
    funny[[3, 4]] = 1.0  # only two films are funnier than the reference 2
    retriever.use_degree_model(FixedDegrees({"scary": scary, "funny": funny}))
    less_scary = Modification(retriever.tags.index("scary"), -1)
    funnier = Modification(retriever.tags.index("funny"), 1)
    rows = [s.item for s in neighbourhood_answer(retriever, 2, (less_scary, funnier), steps=6).steps]
    assert len(rows) == 6 and {3, 4} <= set(rows)
    assert np.all(scary[rows] < scary[2])  # every one still less scary, as asked first
    assert len(neighbourhood_answer(retriever, 2, (funnier,), steps=6).steps) == 2  # one critique: no fill


def test_kind_keeps_what_is_asked_more_of_and_leaves_out_what_is_asked_less_of():
    # the reference 10 and three films that share its rare "scary" tag; every film is a drama
    retriever = tagged(cluster_retriever(), {"drama": tuple(range(2 * CLUSTER)), "scary": (10, 1, 3, 5)})
    scary = retriever.tags.index("scary")
    more, less = Modification(scary, 1), Modification(scary, -1)
    assert left_out_tags(retriever, (more,)) == set() and left_out_tags(retriever, (less,)) == {scary}
    rows, similarity = retriever.neighbourhood(10, 200)
    for_more = closeness(retriever, 10, rows, similarity, (more,))
    for_less = closeness(retriever, 10, rows, similarity, (less,))
    sharing = np.isin(rows, (1, 3, 5))
    assert for_more[sharing].min() > for_more[~sharing].max()  # "scarier": sharing scary is kind
    standard = (similarity - similarity.mean()) / similarity.std()
    assert np.allclose(for_less, (1 - CONTENT_WEIGHT) * standard)  # all alike but in scares: co-rating alone
    # "more scary" from 10: the films 0-9 of its cluster move; the three that share it come first
    shown = [s.item for s in neighbourhood_answer(retriever, 10, (more,), steps=3).steps]
    assert sorted(shown) == [1, 3, 5]


class ProfiledDegrees(FixedDegrees):
    """FixedDegrees with a regression of every tag per film (DegreeModel.predicted_tags)."""

    def __init__(self, by_tag: dict[str, np.ndarray], predicted: np.ndarray):
        super().__init__(by_tag)
        self.predicted_tags = predicted


def test_films_whose_predicted_tags_are_like_the_reference_come_first_among_equals():
    # every film of the cluster is a drama and nothing else is known by tag; the regression of
    # the tags puts the reference 2 and the films 15-19 (far down the co-rating order) alike
    retriever = tagged(cluster_retriever(), {"drama": tuple(range(2 * CLUSTER))})
    predicted = np.random.default_rng(3).normal(0.0, 0.05, (2 * CLUSTER, 4))
    predicted[[2, 15, 16, 17, 18, 19], 3] += 1.0
    base = retriever.degree_model
    retriever.use_degree_model(ProfiledDegrees(base.by_tag, predicted))
    scary = retriever.tags.index("scary")
    shown = [s.item for s in neighbourhood_answer(retriever, 2, (Modification(scary, -1),), steps=5).steps]
    alike = {15, 16, 17, 18, 19}  # all less scary than 2
    assert len(set(shown) & alike) == 4  # the fifth: 9, by far the closest by co-rating
    retriever.use_degree_model(base)  # no regression: the co-rating order decides
    shown = [s.item for s in neighbourhood_answer(retriever, 2, (Modification(scary, -1),), steps=5).steps]
    assert len(set(shown) & alike) == 1


def test_profile_likeness_is_the_cosine_of_centred_predicted_tags_and_absent_outside_them():
    retriever = tagged(cluster_retriever(), {"drama": tuple(range(2 * CLUSTER))})
    predicted = np.random.default_rng(4).random((2 * CLUSTER, 3))
    retriever.use_degree_model(ProfiledDegrees(retriever.degree_model.by_tag, predicted))
    centred = predicted - predicted.mean(axis=0)
    unit = centred / np.linalg.norm(centred, axis=1, keepdims=True)
    assert np.allclose(profile_similarity(retriever, 0, np.array([1, 5, 9])), unit[[1, 5, 9]] @ unit[0])
    assert profile_similarity(retriever, 2 * CLUSTER, np.array([1])) is None  # a film outside the regression
    other = np.random.default_rng(5).random((2 * CLUSTER, 3)) + 3.0  # another regression swapped in
    retriever.use_degree_model(ProfiledDegrees(retriever.degree_model.by_tag, other))
    centred = other - other.mean(axis=0)  # centred on its own mean, not the first one's
    unit = centred / np.linalg.norm(centred, axis=1, keepdims=True)
    assert np.allclose(profile_similarity(retriever, 0, np.array([1, 5, 9])), unit[[1, 5, 9]] @ unit[0])
    assert profile_similarity(cluster_retriever(), 0, np.array([1])) is None  # no regression at all
