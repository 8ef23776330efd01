"""The list on screen in the order asked: "sort by year", "newest first", "order them by rating",
"rank these by how scary they are", "alphabetically" (read by bot.nlu.sort_requests).

The same films, reordered; "undo" brings back the order before, and picks by number ("#2"), "why
#2?" and "more" refer to the list as it now stands. An attribute orders by the same estimate a
pick by description uses ("the scariest of these"), a catalog fact by what the catalog records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from bot.dialogue import replies
from bot.types import Button, Critique, Parse, Reply, ShownItem
from engine.retrieval.catalog import release_year

if TYPE_CHECKING:  # pragma: no cover
    from bot.dialogue.reply_builder import ReplyBuilder
    from bot.store.records import SessionState

# How a catalog fact's order is said (bot.nlu.renown: "well rated", "well known").
_FACT_ORDER = {("rating", 1): "mean rating here, best first", ("rating", -1): "mean rating here, lowest first",
               ("popularity", 1): "how often rated here, best known first",
               ("popularity", -1): "how often rated here, least known first"}


@dataclass(frozen=True)
class ListDegrees:
    """Each listed item's degree of one asked attribute (bot.dialogue.list_controls.ListControls.
    degree_values): NaN where the model lacks the item."""

    values: np.ndarray
    rows: list[int | None]
    wanted: Critique
    label: str
    fact: str  # "rating" / "popularity" for a catalog fact, else ""


class Lister(Protocol):
    """What sorting reuses of the list controls (bot.dialogue.list_controls.ListControls)."""

    out: "ReplyBuilder"

    def push(self, state: "SessionState") -> None: ...
    def degree_values(self, sequence: list[dict], parse: Parse) -> "ListDegrees | str": ...
    def keep_list(self, state: "SessionState", text: str, intent: str, **kw) -> Reply: ...


def sorted_order(keys: list[float | None], descending: bool) -> list[int]:
    """Positions in the order of `keys` (stable: equal keys keep their places), items without a
    key (no year, no estimate) last either way."""
    def key(i: int) -> tuple[bool, float]:
        k = keys[i]
        return (k is None, 0.0 if k is None else (-k if descending else k))

    return sorted(range(len(keys)), key=key)


def sort_list(controls: Lister, state: "SessionState", parse: Parse) -> Reply:
    """The list on screen reordered as `parse.control` asks ("sort_oldest", "sort_newest",
    "sort_title", "sort_degree" with the attribute as a critique); nothing changes when there is
    no list or the attribute is not read, and the reply says why."""
    out, sequence = controls.out, state.last_sequence
    if not sequence:
        return out.reply(state, replies.no_list_yet(state.current is not None), "select", understood=False)
    if parse.control in ("sort_oldest", "sort_newest"):
        keys = [release_year(s["title"]) for s in sequence]
        newest = parse.control == "sort_newest"
        order, said = sorted_order(keys, newest), f"by release year, {'newest' if newest else 'oldest'} first"
    elif parse.control == "sort_title":
        order, said = sorted(range(len(sequence)), key=lambda i: str(sequence[i]["title"]).casefold()), "by title, A to Z"
    else:
        found = controls.degree_values(sequence, parse)
        if isinstance(found, str):
            return controls.keep_list(state, found, "select", understood=False)
        keys = [None if np.isnan(v) else float(v) for v in found.values]
        alpha = found.wanted.alpha
        order = sorted_order(keys, alpha > 0)
        said = "by " + (_FACT_ORDER[found.fact, alpha] if found.fact
                        else f"the estimate of {replies.quote(found.label)}, {'most' if alpha > 0 else 'least'} first")
    if order == list(range(len(sequence))):
        return controls.keep_list(state, f"The list is already {said.replace('by ', 'in order of ', 1)}.", "select")
    controls.push(state)
    state.last_sequence = [sequence[i] for i in order]
    return out.reply(state, f"Sorted {said}; pick one by number or title, or say \u201cundo\u201d for the order before.",
                     "select", sequence=[ShownItem(**s) for s in state.last_sequence], tag=state.last_tag,
                     alpha=state.last_alpha, with_suggestions=False,
                     buttons=[Button(f"#{i}", f"the {replies.ordinal(i)} one") for i in range(1, min(len(order), 3) + 1)])
