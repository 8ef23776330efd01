"""Films a release holds with a few ratings that the model left out (engine.retrieval.cold):
placed from the trained films their raters also rated and from their content, appended as
reference-only rows that no walk shows, with degrees read from the films they were placed by."""

from __future__ import annotations

import json

import numpy as np
import scipy.sparse as sp

from engine.retrieval.cold import (COLD_FILE, attach_cold_items, cold_items, load_cold_items,
                                   read_cold_items, remember_cold_items, write_cold_items)
from engine.retrieval.cold_rows import extended_degrees
from engine.retrieval.retriever import Modification, Retriever

TAGS = ("comedy", "horror", "romance")
# trained films 10, 20, 30, 40; 50 is rated by six people, 60 by three (too few to place)
MOVIES = ["10,Shark Bay (1975),Horror", "20,Love Boat (1990),Romance|Comedy", "30,Laugh Riot (1991),Comedy",
          "40,Deep Water (1981),Horror", "50,Shark Bay 3-D (1983),Horror", "60,Rare Gem (1984),Comedy"]


def _release(folder):
    folder.mkdir()
    (folder / "movies.csv").write_text("movieId,title,genres\n" + "\n".join(MOVIES) + "\n")
    rows = ["userId,movieId,rating,timestamp"]
    for u in range(1, 7):  # the six raters of 50 liked the shark film and disliked the romance
        rows += [f"{u},50,{3.0 + (u % 2)},0", f"{u},10,5.0,0", f"{u},20,1.0,0", f"{u},30,3.0,0"]
    rows += [f"{u},60,4.0,0" for u in (1, 2, 3)]
    rows += [f"{u},{m},4.0,0" for u in range(7, 12) for m in (10, 20, 30, 40)]
    (folder / "ratings.csv").write_text("\n".join(rows) + "\n")
    return folder


def _model():
    ids = np.array([10, 20, 30, 40])
    vectors = np.eye(4, dtype=np.float32)
    tags = sp.csr_matrix(np.array([[0, 1, 0], [1, 0, 1], [1, 0, 0], [0, 1, 0]], dtype=np.float32))
    return ids, vectors, tags


def test_a_film_with_enough_ratings_is_placed_by_its_raters_films_and_its_genres(tmp_path):
    ids, vectors, tags = _model()
    cold = cold_items(_release(tmp_path / "release"), ids, vectors, TAGS, tags)
    assert cold.titles == ("Shark Bay 3-D (1983)",) and cold.ratings.tolist() == [6]  # 60: three ratings
    weights = cold.weights.toarray()[0]
    np.testing.assert_allclose(weights.sum(), 1.0, rtol=1e-6)
    assert weights[1] == 0.0  # its raters disliked the romance, and it shares no genre with it
    assert weights[0] > weights[2] and weights[0] > 0.4  # the horror film its raters loved
    assert cold.item_tags.toarray().tolist() == [[0.0, 1.0, 0.0]]  # its genre, in the vocabulary
    np.testing.assert_allclose(np.linalg.norm(cold.vectors[0]), 1.0, rtol=1e-5)  # as long as its neighbours
    assert cold.catalog_ratings.tolist() == [11, 11, 11, 5]
    again = cold_items(tmp_path / "release", ids, vectors, TAGS, tags)
    np.testing.assert_array_equal(again.vectors, cold.vectors)  # deterministic


def _retriever():
    ids, vectors, tags = _model()
    return Retriever(vectors, np.eye(3, 4, dtype=np.float32), ids,
                     ["Shark Bay (1975)", "Love Boat (1990)", "Laugh Riot (1991)", "Deep Water (1981)"], TAGS,
                     item_tags=tags, popularity=np.array([9, 8, 7, 6]), model_id="m-cold")


def test_attached_rows_are_references_that_no_walk_shows(tmp_path):
    retriever = _retriever()
    cold = cold_items(_release(tmp_path / "release"), retriever.item_ids, retriever.item_vectors,
                      TAGS, retriever.item_tags)
    cold.vectors[0] = 3.0 * retriever.item_vectors[0]  # the best match of every query from film 10
    assert attach_cold_items(retriever, cold) == 1
    assert (retriever.n_items, retriever.n_shown) == (5, 4)
    assert retriever.resolve_item("shark bay 3-d") == 4 and retriever.row_of_id[50] == 4
    assert retriever.popularity[4] == 0 and retriever.title_popularity[4] == 6
    more_horror = (Modification(1, 1),)
    for answer in (retriever.walk(0, more_horror, steps=3), retriever.top_k(0, more_horror, k=3),
                   retriever.walk(4, more_horror, steps=3), retriever.top_k(4, more_horror, k=3)):
        assert answer.steps and all(s.item < 4 for s in answer.steps)
    rows, similarity = retriever.neighbourhood(4, 2)
    assert rows[0] == 0 and rows[1] < 4 and similarity[0] > similarity[1]  # trained films only
    assert retriever.tag_values([4]).tolist() == [[0.0, 1.0, 0.0]]  # its own genre, appended to the tags
    assert attach_cold_items(retriever, cold) == 1 and retriever.n_items == 5  # once only


def test_cold_degrees_keep_the_trained_ones_and_place_the_weighted_mean():
    raw = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    weights = sp.csr_matrix(np.array([[0.5, 0.0, 0.0, 0.5, 0.0], [0.0, 0.0, 0.0, 0.0, 1.0]]))
    degrees = extended_degrees(raw, weights)
    np.testing.assert_allclose(degrees[:5], [0.0, 0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(degrees[5:], [0.375, 1.0])  # 1.5 sits between 1 and 2; 4 ties the top


def test_the_file_round_trips_and_an_older_checkpoint_gets_it_under_cgir_home(tmp_path, monkeypatch):
    monkeypatch.setenv("CGIR_HOME", str(tmp_path / "home"))
    ids, vectors, tags = _model()
    model = tmp_path / "model"
    model.mkdir()
    np.savez(model / "arrays.npz", items=vectors, tags=np.eye(3, 4, dtype=np.float32))
    (model / "items.json").write_text(json.dumps({"item_ids": ids.tolist()}))
    (model / "tags.json").write_text(json.dumps({"tags": list(TAGS)}))
    (model / "config.json").write_text(json.dumps({"model_id": "old1"}))
    sp.save_npz(model / "item_tags.npz", tags)
    assert load_cold_items(model, "old1") is None
    path = remember_cold_items(model, _release(tmp_path / "release"))
    assert path.parent.parent == tmp_path / "home" and not (model / COLD_FILE).exists()
    loaded = load_cold_items(model, "old1")
    assert loaded.titles == ("Shark Bay 3-D (1983)",)
    write_cold_items(model / COLD_FILE, loaded)  # `cgir train` writes it beside the checkpoint
    back = read_cold_items(model / COLD_FILE)
    np.testing.assert_array_equal(back.vectors, loaded.vectors)
    np.testing.assert_array_equal(back.weights.toarray(), loaded.weights.toarray())


def test_a_file_for_another_catalog_is_ignored(tmp_path):
    retriever = _retriever()
    cold = cold_items(_release(tmp_path / "release"), retriever.item_ids, retriever.item_vectors,
                      TAGS, retriever.item_tags)
    cold.weights = sp.csr_matrix((1, 7))
    assert attach_cold_items(retriever, cold) == 0 and retriever.n_items == 4


def test_ml_latest_small_films_the_model_drops_are_placed_by_their_kind(movielens_small_zip):
    """On the real release: the films of five to nineteen ratings the preprocessing drops are
    placed (vectors here are arbitrary: the weights come from the ratings and the content), and
    counting ratings makes "House of Wax" the 2005 film, the more rated of the two."""
    from engine.data.loader import load_dataset
    from engine.retrieval.catalog import TitleResolver

    dataset = load_dataset(movielens_small_zip)
    vectors = np.random.default_rng(0).normal(size=(dataset.n_items, 8)).astype(np.float32)
    cold = cold_items(movielens_small_zip, dataset.item_ids, vectors, tuple(dataset.tags),
                      sp.csr_matrix(dataset.item_tags))
    assert 200 <= cold.n <= 300 and cold.ratings.min() >= 5
    titles = list(dataset.titles)
    for name, kin in (("Rocky V (1990)", "Rocky"), ("Jaws 3-D (1983)", None)):
        k = cold.titles.index(name)
        row = cold.weights.getrow(k)
        best = [titles[j] for j in row.indices[np.argsort(-row.data)][:5]]
        assert kin is None or any(kin in t for t in best), best
    jaws = cold.titles.index("Jaws 3-D (1983)")
    horror = list(dataset.tags).index("horror")
    assert cold.item_tags[jaws, horror] == 1.0
    neighbours = cold.weights.getrow(jaws).indices
    assert np.asarray(sp.csr_matrix(dataset.item_tags)[neighbours, horror].sum()) >= len(neighbours) / 2
    resolver = TitleResolver((*titles, *cold.titles), np.concatenate([dataset.item_ids, cold.item_ids]),
                             np.concatenate([cold.catalog_ratings, cold.ratings]))
    assert resolver.exact("house of wax")[0].title == "House of Wax (2005)"
