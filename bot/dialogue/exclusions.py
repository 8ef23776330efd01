"""Items set aside for the rest of a session: "seen it", "not the third one", "seen them all",
"no more Tarantino films" (a tag). Kept in `SessionState.excluded` (the store: a restart keeps
them; the undo stack: "undo" brings them back); every policy and every list control skips them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.records import SessionState
    from engine.retrieval.retriever import Retriever

TAGGED = 0.5  # graded relevance from which an item counts as carrying an excluded tag


def tagged_rows(retriever: "Retriever", tag: str) -> np.ndarray:
    """Rows that carry a tag: graded relevance >= TAGGED, else the catalog's own tags."""
    r = retriever
    if tag not in r.tags or r.tag_value_kind == "projection":
        return np.zeros(0, dtype=np.int64)
    t = r.tags.index(tag)
    if r.tag_value_kind == "membership":  # one column of the sparse tags, not the whole table
        return np.flatnonzero(np.asarray(r.item_tags[:, t].todense()).ravel() > 0)
    column = np.nan_to_num(np.asarray(r.relevance[:, t], dtype=np.float32), nan=0.0)  # tag_values' column
    return np.flatnonzero(column >= TAGGED)


def excluded_rows(retriever: "Retriever", state: "SessionState") -> set[int]:
    """Catalog rows the session excluded, by item or by tag, and the films the model left out
    (engine.retrieval.cold: a start, never an answer)."""
    rows: set[int] = set(range(retriever.n_shown, retriever.n_items))
    index = retriever.row_of_id
    for entry in state.excluded:
        if "item_id" in entry and int(entry["item_id"]) in index:
            rows.add(index[int(entry["item_id"])])
        elif "tag" in entry:
            rows.update(int(x) for x in tagged_rows(retriever, str(entry["tag"])))
    return rows


def exclude_items(state: "SessionState", items: Iterable[tuple[int, str]]) -> list[dict]:
    """Add (item id, title) pairs not excluded yet; returns the entries added."""
    have = {int(e["item_id"]) for e in state.excluded if "item_id" in e}
    added = []
    for item_id, title in items:
        if int(item_id) not in have:
            have.add(int(item_id))
            added.append({"item_id": int(item_id), "title": str(title)})
    state.excluded.extend(added)
    return added


def exclude_tag(state: "SessionState", tag: str) -> list[dict]:
    if any(e.get("tag") == tag for e in state.excluded):
        return []
    entry = {"tag": tag}
    state.excluded.append(entry)
    return [entry]
