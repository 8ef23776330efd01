"""Tiny self-made releases in every MovieLens layout (invented content, a few lines each).

The same logical catalog is written in each layout:

* 7 movies; movie 6 has no genres, movie 7 only ever gets a low rating;
* user 1 likes movies 1-6, user 2 likes 1-5, user 4 likes 1-5 and dislikes 7 (kept: >= 5
  ratings >= 4); user 3 likes only 4 movies (dropped by the >= 5 filter);
* after preprocessing: users [1, 2, 4], items [1..6], 16 interactions.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MOVIES = [
    (1, "Alpha Tale (1990)", ["Action", "Comedy"]),
    (2, "Beta, the Sequel (1991)", ["Drama"]),
    (3, "Gamma: Rise (1992)", ["Comedy", "Drama"]),
    (4, "Délta Night (1993)", ["Horror"]),
    (5, "Epsilon (1994)", ["Action"]),
    (6, "Zeta (1995)", []),
    (7, "Eta (1996)", ["Drama"]),
]
RATINGS = (
    [(1, m, 4.5) for m in range(1, 7)]
    + [(2, 1, 4.0), (2, 2, 4.5), (2, 3, 5.0), (2, 4, 4.0), (2, 5, 4.0), (2, 6, 3.0)]
    + [(3, m, 5.0) for m in range(1, 5)] + [(3, 5, 3.5)]
    + [(4, 7, 2.0)] + [(4, m, 4.0) for m in range(1, 6)]
)
TAGS = [
    (1, 1, "Funny"), (2, 1, " funny "), (3, 1, "FUNNY"), (1, 2, "dark  humor"),
    (2, 3, "Dark Humor"), (1, 7, "funny"), (1, 4, "scary"), (3, 2, "dark humor"),
]
GENOME_TAGS = [(1, "dark humor"), (2, "funny"), (3, "atmospheric")]
EXPECTED_USERS = [1, 2, 4]
EXPECTED_ITEMS = [1, 2, 3, 4, 5, 6]
EXPECTED_INTERACTIONS = 16
LAYOUTS = ("ml-100k", "ml-1m", "ml-10m", "ml-20m", "ml-latest-small")


def genome_score(movie: int, tag_id: int) -> float:
    return round(((movie * 7 + tag_id * 3) % 10) / 10.0 + 0.05, 3)


def _csv_field(text: str) -> str:
    return f'"{text}"' if ("," in text or '"' in text) else text


def write_layout(root: Path, layout: str, *, encoding: str = "utf-8") -> Path:
    """Writes the tiny catalog in ``layout`` into ``root/layout`` and returns that folder."""
    folder = root / layout
    folder.mkdir(parents=True, exist_ok=True)
    if layout == "ml-100k":
        (folder / "u.data").write_text(
            "".join(f"{u}\t{m}\t{int(r)}\t88{u}{m}\n" for u, m, r in RATINGS))
        from engine.data.layouts import GENRES_100K

        rows = []
        for movie, title, genres in MOVIES:
            flags = ["1" if g in genres else "0" for g in GENRES_100K]
            if not genres:
                flags[0] = "1"  # ml-100k marks such movies "unknown"
            rows.append("|".join([str(movie), title, "01-Jan-1995", "", "http://x/"] + flags))
        (folder / "u.item").write_bytes(("\n".join(rows) + "\n").encode("latin-1"))
        (folder / "u.genre").write_text(
            "".join(f"{g}|{k}\n" for k, g in enumerate(GENRES_100K)) + "\n")
        return folder
    if layout in ("ml-1m", "ml-10m"):
        text_encoding = "latin-1" if layout == "ml-1m" else "utf-8"
        # ml-1m ratings are whole stars; ml-10m has half stars.
        fmt = (lambda r: str(int(r))) if layout == "ml-1m" else (lambda r: f"{r:g}")
        (folder / "ratings.dat").write_text(
            "".join(f"{u}::{m}::{fmt(r)}::97{u}{m}\n" for u, m, r in RATINGS))
        movies = "".join(f"{m}::{t}::{'|'.join(g) or '(no genres listed)'}\n"
                         for m, t, g in MOVIES)
        (folder / "movies.dat").write_bytes(movies.encode(text_encoding))
        if layout == "ml-10m":
            (folder / "tags.dat").write_text(
                "".join(f"{u}::{m}::{t}::12{u}{m}\n" for u, m, t in TAGS))
        else:
            (folder / "users.dat").write_text("1::F::1::10::48067\n")
        return folder
    # CSV layouts (ml-20m and later, ml-latest-small).
    ratings = "userId,movieId,rating,timestamp\n" + "".join(
        f"{u},{m},{r:.1f},11{u}{m}\n" for u, m, r in RATINGS)
    (folder / "ratings.csv").write_text(ratings)
    movies = "movieId,title,genres\n" + "".join(
        f"{m},{_csv_field(t)},{'|'.join(g) or '(no genres listed)'}\n" for m, t, g in MOVIES)
    (folder / "movies.csv").write_bytes(movies.encode(encoding))
    tags = "userId,movieId,tag,timestamp\n" + "".join(
        f"{u},{m},{_csv_field(t)},13{u}{m}\n" for u, m, t in TAGS)
    (folder / "tags.csv").write_text(tags)
    if layout == "ml-20m":
        (folder / "genome-tags.csv").write_text(
            "tagId,tag\n" + "".join(f"{i},{t}\n" for i, t in GENOME_TAGS))
        (folder / "genome-scores.csv").write_text("movieId,tagId,relevance\n" + "".join(
            f"{m},{i},{genome_score(m, i)}\n" for m, _, _ in MOVIES for i, _ in GENOME_TAGS))
        (folder / "links.csv").write_text("movieId,imdbId,tmdbId\n1,0000001,1\n")
    return folder


def zip_folder(folder: Path, dest: Path) -> Path:
    """Zips ``folder`` with its name as the top-level directory, as GroupLens does."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder.name}/", "")
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{folder.name}/{path.name}")
    return dest
