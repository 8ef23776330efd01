"""Every MovieLens layout, from a folder and from a zip, on tiny self-made releases."""

from __future__ import annotations

import numpy as np
import pytest
from data_fixtures import (EXPECTED_INTERACTIONS, EXPECTED_ITEMS, EXPECTED_USERS, GENOME_TAGS,
                      LAYOUTS, genome_score)

from engine.data import load_dataset
from engine.data.layouts import Source, detect_layout, read_release


def _tags_of(dataset, movie_id: int) -> set[str]:
    row = int(np.flatnonzero(dataset.item_ids == movie_id)[0])
    cols = dataset.item_tags[row].indices
    return {dataset.tags[c] for c in cols}


@pytest.mark.parametrize("as_zip", [False, True], ids=["dir", "zip"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_gives_the_same_interactions(make_layout, layout, as_zip):
    dataset = load_dataset(make_layout(layout, as_zip=as_zip), min_tag_support=2)
    assert dataset.user_ids.tolist() == EXPECTED_USERS
    assert dataset.item_ids.tolist() == EXPECTED_ITEMS
    assert dataset.interactions.nnz == EXPECTED_INTERACTIONS
    assert dataset.interactions.dtype == np.float32
    assert set(dataset.interactions.data.tolist()) == {1.0}
    # Users 1 and 2 liked movie 6 only as user 1: row of user 2 lacks it.
    user2 = dataset.interactions[1].indices.tolist()
    assert user2 == [0, 1, 2, 3, 4]
    assert dataset.titles[1] == "Beta, the Sequel (1991)"
    assert dataset.titles[2] == "Gamma: Rise (1992)"
    assert dataset.titles[3] == "Délta Night (1993)"  # latin-1 and UTF-8 both decode
    assert _tags_of(dataset, 1) >= {"action", "comedy"}
    assert _tags_of(dataset, 6) == set()  # "(no genres listed)" / "unknown" is not a genre
    assert dataset.synthetic is False
    assert dataset.name == layout


@pytest.mark.parametrize("layout,expected", [
    ("ml-100k", "100k"), ("ml-1m", "dat"), ("ml-10m", "dat"), ("ml-20m", "csv"),
    ("ml-latest-small", "csv"),
])
def test_layout_is_detected_from_files(make_layout, layout, expected):
    assert detect_layout(Source(make_layout(layout))) == expected
    assert read_release(make_layout(layout, as_zip=True)).layout == expected


def test_user_tags_are_cleaned_and_need_support(make_layout):
    dataset = load_dataset(make_layout("ml-latest-small"), min_tag_support=2)
    # "dark  humor" / "Dark Humor" / "dark humor" merge; on items 2 and 3 -> support 2, kept.
    assert "dark humor" in dataset.tags
    # "Funny", " funny ", "FUNNY" are one tag on one kept item -> below support 2.
    assert "funny" not in dataset.tags and "scary" not in dataset.tags
    assert _tags_of(dataset, 2) == {"drama", "dark humor"}
    assert dataset.relevance is None
    loose = load_dataset(make_layout("ml-latest-small"), min_tag_support=1)
    assert {"funny", "scary", "dark humor"} <= set(loose.tags)
    assert loose.item_tags.sum() == loose.item_tags.nnz  # de-duplicated: one per (item, tag)


def test_ml10m_tags_dat_with_colons_in_text(make_layout, tmp_path):
    folder = make_layout("ml-10m")
    with open(folder / "tags.dat", "a") as handle:
        handle.write("2::5::note: re-watch::1234\n4::4::note: re-watch::1235\n")
    dataset = load_dataset(folder, min_tag_support=2)
    assert "note: re-watch" in dataset.tags
    assert "note: re-watch" in _tags_of(dataset, 5)


def test_genome_keeps_genome_tags_and_gives_relevance(make_layout):
    dataset = load_dataset(make_layout("ml-20m", as_zip=True))
    # Only user tags in the genome table survive; "scary" is not in it. No support threshold.
    assert "funny" in dataset.tags and "dark humor" in dataset.tags
    assert "scary" not in dataset.tags and "atmospheric" not in dataset.tags
    assert dataset.meta["min_tag_support"] == 1
    relevance = dataset.relevance
    assert relevance is not None and relevance.shape == (6, dataset.n_tags)
    names = {name: tag_id for tag_id, name in GENOME_TAGS}
    for col, tag in enumerate(dataset.tags):
        if tag in names:
            expected = [genome_score(m, names[tag]) for m in EXPECTED_ITEMS]
            np.testing.assert_allclose(relevance[:, col], expected, rtol=1e-6)
        else:  # genres have no genome column here
            assert np.isnan(relevance[:, col]).all()


def test_latin1_csv_movies(make_layout):
    dataset = load_dataset(make_layout("ml-latest-small", encoding="latin-1"))
    assert dataset.titles[3] == "Délta Night (1993)"


def test_nested_extracted_folder_is_found(make_layout, tmp_path):
    folder = make_layout("ml-latest-small")
    outer = tmp_path / "outer"
    outer.mkdir()
    folder.rename(outer / folder.name)
    assert load_dataset(outer).n_items == len(EXPECTED_ITEMS)


def test_preprocessing_order_is_rating_then_users(make_layout):
    # User 3 has 4 ratings >= 4 and a 3.5: the rating filter comes first, so user 3 is dropped
    # even though they rated 5 movies.
    dataset = load_dataset(make_layout("ml-latest-small"))
    assert 3 not in dataset.user_ids.tolist()
    assert dataset.meta["ratings"] == 23 and dataset.meta["positive_ratings"] == 20


def test_movielens_small_table2_figures(movielens_small_zip):
    from engine.data.stats import dataset_stats

    dataset = load_dataset(movielens_small_zip)
    figures = dataset_stats(dataset)
    assert figures == {
        "name": "ml-latest-small", "synthetic": False, "users": 603, "items": 6298,
        "interactions": 48562, "tags": 175, "tagged_items": 6281, "avg_tags_per_item": 2.57,
        "available_tags": 145, "triples": 277076,
    }
    assert dataset.relevance is None
    assert dataset.meta["ratings"] == 100836
    assert dataset.interactions.format == "csr"


def test_tag_only_attributes_like_the_paper(make_layout):
    from engine.data import PreprocessConfig

    dataset = load_dataset(make_layout("ml-20m"), config=PreprocessConfig(include_genres=False))
    assert set(dataset.tags) == {"dark humor", "funny"}
    assert not np.isnan(dataset.relevance).any()  # every attribute has a genome column
    tagged = int((np.diff(dataset.item_tags.indptr) > 0).sum())
    assert tagged == 3  # movies 1, 2, 3 carry genome tags


def test_quoted_newline_inside_a_tag(make_layout):
    folder = make_layout("ml-latest-small")
    with open(folder / "tags.csv", "a") as handle:
        handle.write('1,5,"two\nlines",77\n2,4,"two lines",78\n')
    dataset = load_dataset(folder, min_tag_support=2)
    assert "two lines" in dataset.tags  # the newline collapses to a space when cleaned
