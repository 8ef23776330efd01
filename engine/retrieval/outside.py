"""Titles the data has but the trained model does not: films the preprocessing dropped (no rating
of 4 or more from a user with five such ratings), so the bot cannot walk from them.

A person still names them: "the shining" also names "The Shining (1997)", which ml-latest-small
holds in movies.csv with a few ratings; "something like 1941" names "1941 (1979)", not catalog
id 1941. With this list the bot says so plainly instead of "not in this catalog".

`cgir train` writes the list beside the checkpoint (`OUTSIDE_FILE`); for a checkpoint made
before that, `remember_outside_titles` writes it under CGIR_HOME/cache, keyed by the model id, from
the same release (`cgir chat` and the benches find it there).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from engine.retrieval.catalog import TitleResolver
from engine.retrieval.checkpoint_files import derived_candidates, derived_file

__all__ = ["OUTSIDE_FILE", "outside_titles", "write_outside_titles", "remember_outside_titles",
           "load_outside_titles", "load_watched"]

OUTSIDE_FILE = "outside_titles.json"
logger = logging.getLogger(__name__)


def outside_titles(source: str | Path, kept_ids: np.ndarray) -> dict:
    """{"item_ids", "titles", "ratings"} of the release's movies that are not in `kept_ids`,
    with each one's number of ratings (any value), the most rated first; and "watched": the
    number of ratings (any value) of each of `kept_ids`, in their order. The model's popularity
    counts only its positives (ratings of 4 or more), so "the most watched" of two namesakes is
    told by these ("Solaris (2002)": 20 ratings, 7 positives; the 1972 one: 11 and 8)."""
    from engine.data.layouts import read_release
    from engine.data.loader import resolve_source

    raw = read_release(resolve_source(source), lenient=True)
    ids = np.asarray(raw.movies["movieId"].to_numpy(), dtype=np.int64)
    titles = raw.movies["title"].to_pylist()
    rated = np.asarray(raw.ratings["movieId"].to_numpy(), dtype=np.int64)
    values, counts = np.unique(rated, return_counts=True)
    ratings = dict(zip(values.tolist(), counts.tolist()))
    kept = set(np.asarray(kept_ids, dtype=np.int64).tolist())
    rows = [(int(i), str(t).strip(), int(ratings.get(int(i), 0)))
            for i, t in zip(ids, titles) if int(i) not in kept and t]
    rows.sort(key=lambda r: (-r[2], r[0]))
    return {"item_ids": [r[0] for r in rows], "titles": [r[1] for r in rows],
            "ratings": [r[2] for r in rows],
            "watched": [int(ratings.get(int(i), 0)) for i in np.asarray(kept_ids, dtype=np.int64).tolist()]}


def write_outside_titles(path: Path, source: str | Path, kept_ids: np.ndarray) -> Path:
    """Write `outside_titles` as JSON at `path` (a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(outside_titles(source, kept_ids), ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path


def _cache_name(model_id: str) -> str:
    return f"outside-titles2-{model_id}.json"  # 2: with "watched"


def remember_outside_titles(model_dir: str | Path, source: str | Path) -> Path:
    """The outside titles of a checkpoint: its own file, else one written under CGIR_HOME/cache
    from `source` (the release it was trained on); the films it can start from too
    (engine.retrieval.cold.remember_cold_items)."""
    from engine.retrieval.cold import remember_cold_items

    model_dir = Path(model_dir)
    if (model_dir / "arrays.npz").is_file():  # and those it can start from (engine.retrieval.cold)
        remember_cold_items(model_dir, source)

    def write(path: Path) -> None:
        items = json.loads((model_dir / "items.json").read_text(encoding="utf-8"))
        write_outside_titles(path, source, np.asarray(items["item_ids"], dtype=np.int64))

    return derived_file(model_dir, OUTSIDE_FILE, _cache_name, write)


def _read(model_dir: str | Path | None, model_id: str) -> dict | None:
    for path in derived_candidates(model_dir, model_id, OUTSIDE_FILE, _cache_name):
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as error:
            logger.warning("ignoring %s: %s", path, error)
    return None


def load_outside_titles(model_dir: str | Path | None, model_id: str,
                        known: np.ndarray | None = None) -> TitleResolver | None:
    """A resolver over a checkpoint's outside titles (popularity = number of ratings), None when
    neither the checkpoint nor the cache has them; ids in `known` (the catalog's, with the films
    placed for a start, engine.retrieval.cold) are left out."""
    data = _read(model_dir, model_id)
    if data is None:
        return None
    keep = set() if known is None else set(np.asarray(known, dtype=np.int64).tolist())
    rows = [k for k, i in enumerate(data["item_ids"]) if int(i) not in keep]
    return TitleResolver([data["titles"][k] for k in rows], [data["item_ids"][k] for k in rows],
                         [data["ratings"][k] for k in rows])


def load_watched(model_dir: str | Path | None, model_id: str, n_items: int) -> np.ndarray | None:
    """The number of ratings of each catalog item (`outside_titles`' "watched"), None where the
    list predates it or does not match the catalog."""
    data = _read(model_dir, model_id)
    watched = (data or {}).get("watched")
    return np.asarray(watched, dtype=np.int64) if watched is not None and len(watched) == n_items else None
