"""Similarities kept as top-k neighbours, and answers that stay in the reference's neighbourhood."""

from __future__ import annotations

import logging

import numpy as np
import pytest
import scipy.sparse as sp

from engine.degrees.model import Grounding
from engine.retrieval import neighbours as nb
from engine.retrieval import similarity
from engine.retrieval.retriever import Modification, Retriever
from engine.walks import neighbourhood
from engine.walks.neighbourhood import neighbourhood_answer

CLUSTER = 20  # items 0-19 are one cluster, 20-39 the other


def two_clusters(seed: int = 0) -> sp.csr_matrix:
    """Users who each like six items of one cluster only."""
    rng = np.random.default_rng(seed)
    rows, cols = [], []
    for user in range(300):
        base = CLUSTER * (user % 2)
        cols += (base + rng.choice(CLUSTER, 6, replace=False)).tolist()
        rows += [user] * 6
    return sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(300, 2 * CLUSTER))


class FixedDegrees:
    """A degree model with known degrees per tag: scary falls with the item's place in its cluster."""

    def __init__(self, by_tag: dict[str, np.ndarray]):
        self.by_tag = by_tag

    def degrees(self, grounding) -> np.ndarray:
        return self.by_tag[grounding.tags[0]]

    def is_thin(self, tag: str) -> bool:
        return False


def cluster_retriever(seed: int = 0) -> Retriever:
    rng = np.random.default_rng(seed)
    n = 2 * CLUSTER
    # random item vectors: the item space knows nothing of the clusters, the neighbours do
    retriever = Retriever(rng.standard_normal((n, 8)), rng.standard_normal((2, 8)),
                          np.arange(1, n + 1), [f"Film {i}" for i in range(n)], ("scary", "funny"))
    place = np.arange(n) % CLUSTER
    retriever.use_degree_model(FixedDegrees({"scary": 1.0 - place / CLUSTER,
                                             "funny": rng.random(n)}))
    retriever.neighbours = similarity.cosine_neighbours(two_clusters(seed), shrink=0.0)
    return retriever


def test_cosine_neighbours_are_the_brute_force_cosine_best_first():
    x = sp.csr_matrix((np.random.default_rng(1).random((200, 30)) < 0.15).astype(np.float32))
    found = similarity.cosine_neighbours(x, shrink=0.0, k=4, block=7)  # several blocks
    dense = x.toarray()
    counts = dense.T @ dense
    norms = np.sqrt(np.diag(counts))
    cosine = counts / np.outer(norms, norms)
    np.fill_diagonal(cosine, -1.0)
    for row in range(30):
        rows, values = found.of(row)
        assert row not in rows and np.all(np.diff(values) <= 0)
        assert np.allclose(values, np.sort(cosine[row])[::-1][:len(values)], atol=1e-5)


def test_shrinkage_pulls_pairs_seen_by_few_users_down():
    # item 2 is liked by one user, who also liked item 0; items 0 and 1 share 30 users
    x = sp.lil_matrix((40, 3), dtype=np.float32)
    x[:30, 0] = 1
    x[:30, 1] = 1
    x[30:, 0] = 1
    x[0, 2] = 1
    plain = similarity.cosine_neighbours(x.tocsr(), shrink=0.0)
    shrunk = similarity.cosine_neighbours(x.tocsr(), shrink=10.0)
    assert plain.of(2)[1][0] > 0.15  # one shared user: a sizeable raw cosine
    assert shrunk.of(2)[1][0] < 0.1 < shrunk.of(1)[1][0]


def test_ease_on_the_popular_items_only_matches_the_closed_form():
    x = sp.csr_matrix((np.random.default_rng(2).random((300, 40)) < 0.1).astype(np.float32))
    found = similarity.ease_neighbours(x, lam=10.0, k=5, max_items=25, block=6)
    dense = x.toarray()
    kept = np.sort(np.argsort(-dense.sum(0), kind="stable")[:25])
    precision = np.linalg.inv(dense[:, kept].T @ dense[:, kept] + 10.0 * np.eye(25))
    weights = -precision / np.diag(precision)[None, :]
    np.fill_diagonal(weights, 0.0)
    for position, row in enumerate(kept):
        rows, values = found.of(int(row))
        assert set(rows) <= set(kept.tolist())
        expected = np.sort(weights[position][weights[position] > 0])[::-1][:5]
        assert np.allclose(values, expected[:len(values)], atol=1e-4)
    outside = sorted(set(range(40)) - set(kept.tolist()))
    assert all(len(found.of(r)[0]) == 0 for r in outside)  # the memory-safe cut


def test_blend_mixes_both_lists_scaled_to_their_best():
    x = two_clusters()
    a = similarity.cosine_neighbours(x, shrink=0.0, k=5)
    b = similarity.ease_neighbours(x, lam=10.0, k=5)
    mixed = similarity.blend_neighbours(a, b, weight=0.5, k=8)
    rows, values = mixed.of(0)
    assert set(rows) <= set(a.of(0)[0]) | set(b.of(0)[0]) and len(rows) >= 5
    assert values.max() <= 1.0 + 1e-6 and np.all(np.diff(values) <= 0)


def test_neighbours_survive_a_save_and_load(tmp_path):
    stored = similarity.cosine_neighbours(two_clusters(), shrink=0.0, k=6)
    stored.save(tmp_path)
    loaded = nb.load_neighbours(tmp_path, 2 * CLUSTER)
    assert loaded.kind == "cosine" and loaded.k == 6
    assert loaded.of(3)[0].tolist() == stored.of(3)[0].tolist()
    assert np.allclose(loaded.of(3)[1], stored.of(3)[1], atol=1e-3)  # float16 on disk


def test_a_checkpoint_without_neighbours_uses_the_item_space_and_says_so(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="engine.retrieval.neighbours"):
        assert nb.load_neighbours(tmp_path, 10) is None
    assert "item space" in caplog.text
    retriever = cluster_retriever()
    retriever.neighbours = None
    rows, values = retriever.neighbourhood(0, 5)
    h = retriever.item_vectors / np.linalg.norm(retriever.item_vectors, axis=1)[:, None]
    cosine = h @ h[0]
    cosine[0] = -np.inf
    assert rows.tolist() == np.argsort(-cosine)[:5].tolist()


@pytest.mark.parametrize("reference", [5, 12])
def test_a_plain_critique_stays_in_the_reference_cluster_and_moves_as_asked(reference):
    retriever = cluster_retriever()
    scary = retriever.tags.index("scary")
    answer = neighbourhood_answer(retriever, reference, (Modification(scary, -1),), steps=5)
    rows = [s.item for s in answer.steps]
    degrees = retriever.attribute_degrees(scary)
    assert len(rows) == 5 and all(r < CLUSTER for r in rows) and reference not in rows
    assert np.all(degrees[rows] < degrees[reference])  # every one less scary
    assert np.all(np.diff(degrees[rows]) <= 0)  # from a little less to much less


def test_an_item_with_no_room_gets_nothing_rather_than_far_away_films():
    retriever = cluster_retriever()
    scary = retriever.tags.index("scary")
    least = CLUSTER - 1  # the least scary film of its cluster
    assert neighbourhood_answer(retriever, least, (Modification(scary, -1),)).steps == ()


def test_strong_wording_moves_further_and_a_bit_stays_within_its_span():
    retriever = cluster_retriever()
    scary = retriever.tags.index("scary")
    degrees = retriever.attribute_degrees(scary)

    def moved(weight: float) -> np.ndarray:
        answer = neighbourhood_answer(retriever, 2, (Modification(scary, -1, weight),), steps=4)
        return degrees[2] - degrees[[s.item for s in answer.steps]]

    plain, strong, bit = moved(1.0), moved(2.0), moved(0.5)
    assert strong.mean() > plain.mean()
    assert 0 < bit.max() <= 0.5 * (degrees[2] - np.quantile(degrees, 0.02)) + 1e-9


def test_the_list_order_is_the_paper_score_inside_the_neighbourhood_and_exclude_holds():
    retriever = cluster_retriever()
    scary = retriever.tags.index("scary")
    mods = (Modification(scary, -1),)
    answer = neighbourhood_answer(retriever, 3, mods, steps=6, order="list", exclude=[4, 5])
    rows = [s.item for s in answer.steps]
    assert all(r < CLUSTER for r in rows) and not {4, 5} & set(rows)
    assert np.all(np.diff([s.score for s in answer.steps]) <= 0)
    with pytest.raises(ValueError, match="order"):
        neighbourhood_answer(retriever, 3, mods, order="best")


def test_too_few_movers_close_by_widen_the_reach(monkeypatch):
    retriever = cluster_retriever()
    scary = retriever.tags.index("scary")
    monkeypatch.setattr(neighbourhood, "REACH", 2)
    answer = neighbourhood_answer(retriever, 10, (Modification(scary, -1),), steps=5)
    assert len(answer.steps) == 5  # two nearest could not hold five


def test_a_reading_of_several_tags_is_followed(monkeypatch):
    retriever = cluster_retriever()
    scary = retriever.tags.index("scary")
    reading = Grounding("creepy", "scary", ("scary",), (1.0,), False)
    answer = neighbourhood_answer(retriever, 6, (Modification(scary, 1, grounding=reading),), steps=3)
    degrees = retriever.attribute_degrees(scary)
    assert all(degrees[s.item] > degrees[6] for s in answer.steps)


def test_clear_moves_come_first_and_small_ones_only_fill_a_short_answer():
    retriever = cluster_retriever()
    funny = np.full(2 * CLUSTER, 0.2)
    funny[:CLUSTER] = 0.8  # clearly funnier than the reference ...
    funny[0] = 0.5  # ... the reference
    funny[1:4] = 0.51  # three that are about as funny
    scary = retriever.attribute_degrees(retriever.tags.index("scary"))
    retriever.use_degree_model(FixedDegrees({"scary": scary, "funny": funny}))
    mods = (Modification(retriever.tags.index("funny"), 1),)
    short = {s.item for s in neighbourhood_answer(retriever, 0, mods, steps=5).steps}
    assert len(short) == 5 and not short & {1, 2, 3}
    full = {s.item for s in neighbourhood_answer(retriever, 0, mods, steps=18).steps}
    assert len(full) == 18 and len(full & {1, 2, 3}) == 2  # 16 clear moves, two small ones fill


def test_cgir_train_stores_the_neighbours_and_the_retriever_loads_them(tiny_model_dir, tiny_dataset):
    from engine.models.checkpoint import load_retriever

    retriever = load_retriever(tiny_model_dir)
    assert retriever.neighbours is not None and retriever.neighbours.kind == similarity.DEFAULT_KIND
    rows, values = retriever.neighbourhood(0, 5)
    expected = similarity.default_neighbours(tiny_dataset.interactions).of(0)
    assert rows.tolist() == expected[0][:5].tolist()
    assert np.allclose(values, expected[1][:5], atol=1e-3)


def test_a_bit_more_from_near_the_top_shows_the_smallest_moves_rather_than_nothing():
    """Every move from the second scariest film overshoots the little room "a bit" allows; the
    answer is then the films that move least the asked way, never ones that do not move."""
    retriever = cluster_retriever()
    scary = retriever.tags.index("scary")
    degrees = retriever.attribute_degrees(scary)
    answer = neighbourhood_answer(retriever, 1, (Modification(scary, +1, 0.5),), steps=4)
    rows = [s.item for s in answer.steps]
    assert rows and all(degrees[r] > degrees[1] for r in rows)
    plain = neighbourhood_answer(retriever, 1, (Modification(scary, +1),), steps=4)
    assert max(degrees[rows]) <= max(degrees[[s.item for s in plain.steps]])


def test_a_wider_answer_goes_past_the_used_up_neighbourhood_and_still_moves_as_asked():
    retriever = cluster_retriever()
    retriever.popularity = np.arange(2 * CLUSTER)[::-1].copy()  # the wider pool: the most watched half
    retriever.popularity[CLUSTER:] += 100  # ... here the other cluster
    mods = (Modification(retriever.tags.index("scary"), -1),)
    seen = list(range(CLUSTER))  # the reference's whole stored neighbourhood was shown
    assert neighbourhood_answer(retriever, 2, mods, steps=5, exclude=seen).steps == ()
    answer = neighbourhood.wider_answer(retriever, 2, mods, steps=5, exclude=seen)
    rows = [s.item for s in answer.steps]
    degrees = retriever.modification_degrees(mods[0])
    assert len(rows) == 5 and not set(rows) & set(seen)
    assert all(degrees[r] <= degrees[2] - neighbourhood.MIN_MOVE for r in rows)  # less scary, clearly
    unit = retriever.item_vectors / np.linalg.norm(retriever.item_vectors, axis=1, keepdims=True)
    movers = [r for r in range(CLUSTER, 2 * CLUSTER) if degrees[r] <= degrees[2] - neighbourhood.MIN_MOVE]
    closest = sorted(movers, key=lambda r: -float(unit[r] @ unit[2]))[:5]
    assert sorted(rows) == sorted(closest)  # the closest movers in the item space
    assert [degrees[r] for r in rows] == sorted((degrees[r] for r in rows), reverse=True)  # small moves first


def test_a_wider_answer_is_empty_when_nothing_unseen_moves_the_asked_way():
    retriever = cluster_retriever()
    mods = (Modification(retriever.tags.index("scary"), -1),)
    assert neighbourhood.wider_answer(retriever, 2, mods, exclude=range(2 * CLUSTER)).steps == ()


def _form_retriever(item_tags):
    """Cluster 0 holds three animated films (5, 12, 15); the estimate of animation puts many
    live-action films of the cluster above the live-action reference 0."""
    rng = np.random.default_rng(0)
    n = 2 * CLUSTER
    retriever = Retriever(rng.standard_normal((n, 8)), rng.standard_normal((2, 8)), np.arange(1, n + 1),
                          [f"Film {i}" for i in range(n)], ("scary", "animation"), item_tags=item_tags)
    estimate = np.linspace(0.2, 0.9, n)
    estimate[[5, 12, 15]] = 0.95
    retriever.use_degree_model(FixedDegrees({"scary": rng.random(n), "animation": estimate}))
    retriever.neighbours = similarity.cosine_neighbours(two_clusters(0), shrink=0.0)
    return retriever


def _animated(n: int = 2 * CLUSTER) -> sp.csr_matrix:
    member = np.zeros((n, 2), dtype=np.float32)
    member[[5, 12, 15], 1] = 1.0
    return sp.csr_matrix(member)


def test_a_form_tag_asked_by_name_shows_only_films_of_that_form():
    retriever = _form_retriever(_animated())
    animation = retriever.tags.index("animation")
    answer = neighbourhood_answer(retriever, 0, (Modification(animation, 1),), steps=10)
    assert {s.item for s in answer.steps} == {5, 12, 15}  # the live-action films the estimate puts higher are no more animated
    assert answer.tagged and answer.reference_degree == 0.0  # what it was measured on: the reference is not tagged
    assert answer.to_json(retriever)["reference"]["tagged"] is True
    less = {s.item for s in neighbourhood_answer(retriever, 5, (Modification(animation, -1),), steps=10).steps}
    assert less and not less & {5, 12, 15}


def test_a_form_tag_keeps_the_estimate_without_item_tags_or_inside_a_reading_of_other_tags():
    animation = 1
    plain = _form_retriever(None)
    shown = {s.item for s in neighbourhood_answer(plain, 0, (Modification(animation, 1),), steps=10).steps}
    assert len(shown) == 10  # no tags to tell: the estimate decides
    mixed = _form_retriever(_animated())
    reading = Grounding("cartoonish", "animation + scary", ("animation", "scary"), (0.7, 0.3), False)
    degrees = neighbourhood.walked_degrees(mixed, Modification(animation, 1, grounding=reading))
    assert np.array_equal(degrees, mixed.grounding_degrees(reading))
    answer = neighbourhood_answer(mixed, 0, (Modification(animation, 1, grounding=reading),), steps=10)
    assert not answer.tagged and answer.reference_degree == pytest.approx(float(degrees[0]), abs=1e-4)
    assert "tagged" not in answer.to_json(mixed)["reference"]


def _genre_retriever(item_tags):
    """As `_form_retriever`, with a genre instead of a form: three romances (5, 12, 15) in
    cluster 0, which the estimate puts a little above many films that are no romance."""
    retriever = _form_retriever(item_tags)
    retriever.tags = ("scary", "romance")
    retriever.degree_model.by_tag["romance"] = retriever.degree_model.by_tag.pop("animation")
    return retriever


def test_a_genre_asked_by_name_moves_clearly_only_to_the_films_of_that_genre():
    retriever = _genre_retriever(_animated())
    more = {s.item for s in neighbourhood_answer(retriever, 0, (Modification(1, 1),), steps=10).steps}
    assert {5, 12, 15} <= more  # the estimate alone ranks them among many non-romances by closeness
    assert len(more) == 10  # too few romances close by: films the estimate moves fill the rest
    first = neighbourhood_answer(retriever, 0, (Modification(1, 1),), steps=3)
    assert {s.item for s in first.steps} == {5, 12, 15}
    # from a romance, "more romance" and anything from a non-romance but "more" keep the estimate
    plain = _genre_retriever(None)
    assert {s.item for s in neighbourhood_answer(plain, 0, (Modification(1, 1),), steps=3).steps} != {5, 12, 15}

