"""The release-year filter of a session: set from what the user asked (bot.nlu.time), applied by
every policy (the rows outside it are excluded before ranking), said in the reply.

The filter is `SessionState.years` = {"min": int | None, "max": int | None} (inclusive), None
when there is none. It persists over turns until changed or cleared ("any year"), and undo
restores the one before. A new request sets the bounds it names and keeps the other one unless
that would leave no year at all ("nothing before 1995", then "nothing after 2005" = 1995-2005).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from bot.nlu.time import CLASSIC_BEFORE, RECENT_YEARS

if TYPE_CHECKING:  # pragma: no cover
    from engine.retrieval.retriever import Retriever

__all__ = ["updated", "outside_rows", "describe", "note", "release_years"]


def release_years(retriever: "Retriever") -> np.ndarray:
    """(n_items,) release year of each catalog row, 0 when its title has none."""
    return retriever.title_resolver.years


def updated(current: dict | None, ask: dict, retriever: "Retriever", current_row: int | None,
            shown: Sequence[int] = ()) -> dict | None:
    """The filter after a request `ask` (bot.nlu.time.YearAsk.to_json) from `current`; `shown`:
    the rows of the list on screen, which "even newer" goes past (`_further`)."""
    if ask.get("clear"):
        return None
    lo, hi = ask.get("min"), ask.get("max")
    relative = ask.get("relative")
    years = release_years(retriever)
    if relative in ("newer", "older", "decade"):
        year = int(years[current_row]) if current_row is not None else 0
        if not year:
            return current  # nothing to be newer than: the filter stays as it was
        decade = year - year % 10  # "from the same decade": 2007 -> 2000-2009
        lo, hi = {"newer": (year + 1, None), "older": (None, year - 1), "decade": (decade, decade + 9)}[relative]
        if relative != "decade":
            lo, hi = _further(current, relative, lo, hi, [int(years[r]) for r in shown if years[r]])
    elif relative == "recent":
        lo = int(years[: retriever.n_shown].max()) - RECENT_YEARS + 1
    elif relative == "classic":
        hi = CLASSIC_BEFORE - 1
    old_lo, old_hi = (current or {}).get("min"), (current or {}).get("max")
    new_lo = lo if lo is not None else old_lo
    new_hi = hi if hi is not None else old_hi
    if new_lo is not None and new_hi is not None and new_lo > new_hi:
        new_lo, new_hi = lo, hi  # the old bound contradicts the new one: the new one alone
    if new_lo is None and new_hi is None:
        return None
    return {"min": new_lo, "max": new_hi}


def _further(current: dict | None, relative: str, lo: int | None, hi: int | None,
             shown_years: list[int]) -> tuple[int | None, int | None]:
    """"newer" when the filter already keeps to films newer than the current one ("similar but
    newer", then "even newer"): newer than the middle of the list on screen, and at least a year
    past the filter, so that the list moves; "older" likewise."""
    held = (current or {}).get("min" if relative == "newer" else "max")
    if held is None or not shown_years:
        return lo, hi
    middle = int(np.median(shown_years))
    if relative == "newer" and held >= lo:
        return max(held + 1, middle + 1), hi
    if relative == "older" and held <= hi:
        return lo, min(held - 1, middle - 1)
    return lo, hi


def outside_rows(retriever: "Retriever", years: dict | None) -> list[int]:
    """Catalog rows released outside the filter (or of no known year); [] without a filter."""
    if not years:
        return []
    released = release_years(retriever)
    inside = released > 0
    if years.get("min") is not None:
        inside &= released >= int(years["min"])
    if years.get("max") is not None:
        inside &= released <= int(years["max"])
    return np.flatnonzero(~inside).tolist()


def describe(years: dict | None) -> str:
    """"released 1990-1999", "released in 2006 or later", "" without a filter."""
    if not years:
        return ""
    lo, hi = years.get("min"), years.get("max")
    if lo is not None and hi is not None:
        return f"released in {lo}" if lo == hi else f"released {lo}–{hi}"
    return f"released in {lo} or later" if lo is not None else f"released in {hi} or earlier"


def note(years: dict | None) -> str:
    """The filter as said after a list: " Only films released 1990–1999 (...)."."""
    return f" Only films {describe(years)} (say \u201cany year\u201d to drop that)." if years else ""
