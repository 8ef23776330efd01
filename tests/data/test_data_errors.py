"""Bad input: missing files, malformed rows (strict and lenient), filters that empty the data."""

from __future__ import annotations

import pytest

from engine.data import PreprocessConfig, load_dataset
from engine.errors import DatasetError


def _append(path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


@pytest.mark.parametrize("layout,missing", [
    ("ml-latest-small", "movies.csv"), ("ml-latest-small", "ratings.csv"),
    ("ml-1m", "movies.dat"), ("ml-10m", "ratings.dat"), ("ml-100k", "u.item"),
    ("ml-100k", "u.data"), ("ml-20m", "genome-tags.csv"),
])
def test_missing_file_is_named(make_layout, layout, missing):
    folder = make_layout(layout)
    (folder / missing).unlink()
    with pytest.raises(DatasetError, match=missing.replace(".", r"\.")):
        load_dataset(folder)


def test_folder_without_movielens_files(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(DatasetError, match="ratings.csv.*u.data"):
        load_dataset(tmp_path)


def test_bad_zip_and_unknown_names(tmp_path):
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DatasetError, match="not a readable zip"):
        load_dataset(bad)
    with pytest.raises(DatasetError, match="cgir data fetch ml-25m"):
        load_dataset("ml-25m")
    with pytest.raises(DatasetError, match="no dataset named"):
        load_dataset("ml-nonsense")


def test_csv_row_with_wrong_field_count_names_file_and_line(make_layout):
    folder = make_layout("ml-latest-small")
    _append(folder / "ratings.csv", "9,1,4.0,1,extra\n9,2,4.0,2\n")
    with pytest.raises(DatasetError, match=r"ratings\.csv, line 25: expected 4 fields"):
        load_dataset(folder)
    lenient = load_dataset(folder, lenient=True)
    assert lenient.meta["skipped_rows"] == {"ratings.csv": 1}


def test_csv_value_that_is_not_a_number_names_file_and_line(make_layout):
    folder = make_layout("ml-latest-small", as_zip=False)
    _append(folder / "ratings.csv", "9,abc,4.0,1\n")
    with pytest.raises(DatasetError, match=r"ratings\.csv, line 25: a value does not parse"):
        load_dataset(folder)
    assert load_dataset(folder, lenient=True).meta["skipped_rows"] == {"ratings.csv": 1}


def test_malformed_row_in_a_zip_is_reported_with_the_member(make_layout, tmp_path):
    folder = make_layout("ml-latest-small")
    _append(folder / "movies.csv", '8,"Unclosed title,Drama\n')
    from data_fixtures import zip_folder

    archive = zip_folder(folder, tmp_path / "bad.zip")
    with pytest.raises(DatasetError, match=r"bad\.zip:ml-latest-small/movies\.csv"):
        load_dataset(archive)


def test_dat_malformed_line_strict_and_lenient(make_layout):
    folder = make_layout("ml-1m")
    _append(folder / "ratings.dat", "1::2::oops\n4::6::4::99\n")
    with pytest.raises(DatasetError, match=r"ratings\.dat, line 24: expected 3 fields separated"):
        load_dataset(folder)
    dataset = load_dataset(folder, lenient=True)
    assert dataset.meta["skipped_rows"] == {"ratings.dat": 1}
    assert dataset.interactions.nnz == 17  # the good row after the bad one still counts


def test_dat_non_numeric_field(make_layout):
    folder = make_layout("ml-10m")
    _append(folder / "ratings.dat", "x::2::4::1\n")
    with pytest.raises(DatasetError, match=r"ratings\.dat, line 24: a value does not parse"):
        load_dataset(folder)


def test_filters_that_empty_the_data_say_which(make_layout):
    folder = make_layout("ml-latest-small")
    with pytest.raises(DatasetError, match=r"'rating >= 5\.5' filter emptied"):
        load_dataset(folder, config=PreprocessConfig(min_rating=5.5))
    with pytest.raises(DatasetError, match=r"'users with >= 50 interactions' filter emptied"):
        load_dataset(folder, config=PreprocessConfig(min_user_interactions=50))


def test_empty_ratings_file(make_layout):
    folder = make_layout("ml-latest-small")
    (folder / "ratings.csv").write_text("userId,movieId,rating,timestamp\n")
    with pytest.raises(DatasetError, match="no ratings"):
        load_dataset(folder)


def test_missing_column(make_layout):
    folder = make_layout("ml-latest-small")
    (folder / "ratings.csv").write_text("user,movie,stars\n1,2,4\n")
    with pytest.raises(DatasetError, match="lacks a column"):
        load_dataset(folder)


def test_truncated_zip_member(make_layout, tmp_path):
    from data_fixtures import zip_folder

    archive = zip_folder(make_layout("ml-latest-small"), tmp_path / "cut.zip")
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatasetError):
        load_dataset(archive)
