"""Reading every MovieLens release layout into raw Arrow tables, from a folder or the official zip.

Layouts are detected from the file names present:

========================  ==========================================================
layout                    files
========================  ==========================================================
``csv`` (ml-20m, ml-25m,  ``ratings.csv``, ``movies.csv``; ``tags.csv``,
ml-32m, ml-latest,        ``genome-scores.csv`` + ``genome-tags.csv`` where present
ml-latest-small, demo)
``dat`` (ml-1m, ml-10m)   ``ratings.dat``, ``movies.dat`` (``::``-separated); ``tags.dat``
``100k`` (ml-100k)        ``u.data`` (tab-separated), ``u.item`` (``|``, latin-1, 19 genre
                          flags), ``u.genre`` optional
========================  ==========================================================

All parsing runs in pyarrow's C++ CSV reader. The ``::`` files are read as one column of whole
lines and split with an anchored regular expression (``pyarrow.compute.extract_regex``), because
``::`` is not a single-character delimiter and titles and tags may themselves contain ``:``;
the greedy middle group keeps such colons in the text field. Text files are decoded as UTF-8
when they are valid UTF-8 and as latin-1 otherwise (ml-100k and ml-1m are latin-1).

Malformed rows raise :class:`DatasetError` naming the file and line; with ``lenient=True`` they
are skipped and counted in ``RawData.skipped``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from engine.data.release_files import FileReader, Source
from engine.errors import DatasetError

GENRES_100K = (
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
    "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
    "Thriller", "War", "Western",
)
NO_GENRE = {"(no genres listed)", "unknown", ""}

@dataclass
class RawData:
    """A release as read from disk, before the paper's preprocessing.

    ratings: userId int64, movieId int64, rating float32.
    movies: movieId int64, title string. genres: movieId int64, genre string (one row per genre).
    tags: userId int64, movieId int64, tag string; None when the layout has no user tags.
    genome_tags: tagId int64, tag string; genome_scores: movieId, tagId int64, relevance float32.
    """

    name: str
    layout: str
    source: str
    ratings: pa.Table
    movies: pa.Table
    genres: pa.Table
    tags: pa.Table | None = None
    genome_tags: pa.Table | None = None
    genome_scores: pa.Table | None = None
    synthetic: bool = False
    skipped: dict[str, int] = field(default_factory=dict)
    info: dict = field(default_factory=dict)  # the demo world's cgir-demo.json, else empty


def _need(source: Source, layout: str, names: tuple[str, ...]) -> None:
    for name in names:
        if not source.has(name):
            raise DatasetError(f"{source.path} looks like the {layout} layout but lacks {name}; "
                               f"the layout needs {', '.join(names)} (re-extract or re-fetch it)")


def _name_of(path: Path) -> str:
    return path.name.removesuffix(".zip")


def detect_layout(source: Source) -> str:
    """``csv``, ``dat`` or ``100k`` from the files present; DatasetError naming what is expected."""
    if source.has("ratings.csv") or source.has("movies.csv"):
        return "csv"
    if source.has("ratings.dat") or source.has("movies.dat"):
        return "dat"
    if source.has("u.data") or source.has("u.item"):
        return "100k"
    raise DatasetError(
        f"{source.path} holds no MovieLens files: expected ratings.csv + movies.csv (ml-20m, "
        f"ml-25m, ml-32m, ml-latest, ml-latest-small), ratings.dat + movies.dat (ml-1m, ml-10m) "
        f"or u.data + u.item (ml-100k)")


def _split_genres(movie_ids: pa.Array, genres: pa.Array) -> pa.Table:
    """One (movieId, genre) row per genre of a ``A|B|C`` column, empty markers dropped."""
    parts = pc.split_pattern(genres, "|")
    flat = pc.list_flatten(parts)
    parent = pc.list_parent_indices(parts)
    ids = pc.take(movie_ids, parent)
    flat = pc.utf8_trim_whitespace(flat)
    keep = pc.invert(pc.is_in(pc.utf8_lower(flat), pa.array(sorted(NO_GENRE))))
    return pa.table({"movieId": ids.filter(keep), "genre": flat.filter(keep)})


def read_release(path: Path, *, lenient: bool = False) -> RawData:
    """Reads the release at ``path`` (folder or zip) into :class:`RawData`."""
    source = Source(path)
    skipped: dict[str, int] = {}
    reader = FileReader(source, lenient, skipped)
    i64, f32, s = pa.int64(), pa.float32(), pa.string()
    try:
        layout = detect_layout(source)
        synthetic = source.has("cgir-demo.json")
        info = {}
        if synthetic:
            try:
                info = json.loads(source.read_bytes("cgir-demo.json"))
            except ValueError:
                info = {"synthetic": True}
        tags = genome_tags = genome_scores = None
        if layout == "csv":
            _need(source, "ml-latest CSV", ("ratings.csv", "movies.csv"))
            ratings = reader.csv("ratings.csv", {"userId": i64, "movieId": i64, "rating": f32})
            movies = reader.csv("movies.csv", {"movieId": i64, "title": s, "genres": s}, text=True)
            genres = _split_genres(movies["movieId"], movies["genres"])
            movies = movies.select(["movieId", "title"])
            if source.has("tags.csv"):
                tags = reader.csv("tags.csv", {"userId": i64, "movieId": i64, "tag": s},
                                  text=True)
            if source.has("genome-scores.csv") != source.has("genome-tags.csv"):
                have, lack = (("genome-scores.csv", "genome-tags.csv")
                              if source.has("genome-scores.csv")
                              else ("genome-tags.csv", "genome-scores.csv"))
                raise DatasetError(f"{source.path} has {have} but lacks {lack}; the tag genome "
                                   f"needs both files (re-extract or re-fetch the release)")
            if source.has("genome-tags.csv"):
                genome_tags = reader.csv("genome-tags.csv", {"tagId": i64, "tag": s}, text=True)
                genome_scores = reader.csv("genome-scores.csv",
                                           {"movieId": i64, "tagId": i64, "relevance": f32})
        elif layout == "dat":
            _need(source, "ml-1m/ml-10m", ("ratings.dat", "movies.dat"))
            ratings = reader.dat("ratings.dat",
                                 r"^(?P<userId>[^:]*)::(?P<movieId>[^:]*)::(?P<rating>[^:]*)"
                                 r"::(?P<timestamp>[^:]*)$",
                                 {"userId": i64, "movieId": i64, "rating": f32})
            movies = reader.dat("movies.dat",
                                r"^(?P<movieId>[^:]*)::(?P<title>.*)::(?P<genres>.*)$",
                                {"movieId": i64, "title": s, "genres": s})
            genres = _split_genres(movies["movieId"], movies["genres"])
            movies = movies.select(["movieId", "title"])
            if source.has("tags.dat"):
                tags = reader.dat("tags.dat",
                                  r"^(?P<userId>[^:]*)::(?P<movieId>[^:]*)::(?P<tag>.*)"
                                  r"::(?P<timestamp>[^:]*)$",
                                  {"userId": i64, "movieId": i64, "tag": s})
        else:
            _need(source, "ml-100k", ("u.data", "u.item"))
            ratings = reader.csv("u.data", {"userId": i64, "movieId": i64, "rating": f32},
                                 header=False, delimiter="\t", quoting=False,
                                 column_names=["userId", "movieId", "rating", "timestamp"])
            genre_names = list(GENRES_100K)
            if source.has("u.genre"):
                table = reader.csv("u.genre", {"genre": s, "index": i64}, header=False,
                                   delimiter="|", quoting=False, column_names=["genre", "index"],
                                   text=True)
                order = np.argsort(table["index"].to_numpy())
                genre_names = [table["genre"][int(k)].as_py() for k in order]
            flag_names = [f"g{k}" for k in range(len(genre_names))]
            item_columns = ["movieId", "title", "release", "video", "url", *flag_names]
            item_types = {"movieId": i64, "title": s, **{f: i64 for f in flag_names}}
            items = reader.csv("u.item", item_types, header=False, delimiter="|", quoting=False,
                               column_names=item_columns, text=True)
            movies = items.select(["movieId", "title"])
            flags = np.stack([items[f].to_numpy() for f in flag_names], axis=1)
            rows, cols = np.nonzero(flags > 0)
            ids = items["movieId"].to_numpy()
            names = np.array(genre_names, dtype=object)
            keep = ~np.isin(names[cols], list(NO_GENRE))
            genres = pa.table({"movieId": pa.array(ids[rows[keep]], i64),
                               "genre": pa.array(names[cols[keep]].tolist(), s)})
    except pa.ArrowException as error:
        # Anything the readers above did not turn into a precise message.
        raise DatasetError(f"cannot parse {path}: {error}; check the files or re-fetch the "
                           f"release") from error
    finally:
        source.close()
    name = "demo" if synthetic else _name_of(Path(path))
    return RawData(name=name, layout=layout, source=str(path), ratings=ratings, movies=movies,
                   genres=genres, tags=tags, genome_tags=genome_tags, genome_scores=genome_scores,
                   synthetic=synthetic, skipped=skipped, info=info)


__all__ = ["RawData", "Source", "detect_layout", "read_release", "GENRES_100K"]
