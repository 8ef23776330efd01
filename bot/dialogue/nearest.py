"""The films most like an item, as they are: what the bot shows when it cannot apply what was
asked, instead of showing nothing.

Three turns end here: a reference with a critique the bot cannot read ("The Maltese Falcon but
more hard-boiled"), a critique none of the reference's close films moves ("Casablanca but more
upbeat", when the estimate finds none), and a year filter alone ("from the 80s" after a film).
The reply says the critique was not applied; the list is the reference's nearest films by the
closeness the answers use (`Retriever.neighbourhood` blended with likeness of kind), none the
session already showed or set aside and none outside its year filter, and "more" continues it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from bot.dialogue import replies
from bot.dialogue.cards import answer_record
from bot.dialogue.exclusions import excluded_rows
from bot.dialogue.policies import paired_row, shown_rows
from bot.dialogue.years import outside_rows
from bot.types import Button, Reply, ShownItem
from engine.retrieval.neighbours import item_cosines
from engine.walks.neighbourhood import WIDER_POOL, near_both, nearest_by_kind

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.records import SessionState
    from engine.retrieval.retriever import Retriever

# bot.dialogue.manager.DialogueManager, which imports this module (so not imported back).
DialogueManager = Any

KIND = "nearest"  # SessionState.answer["kind"] of such a list

__all__ = ["KIND", "nearest_items", "nearest_rows", "show_nearest"]


def nearest_rows(retriever: "Retriever", state: "SessionState", row: int, k: int,
                 also: int | None = None) -> list[tuple[int, float]]:
    """(row, stored similarity) of the `k` films nearest `row` by co-rating and by kind
    (engine.walks.neighbourhood.nearest_by_kind), best first, leaving out what the session
    showed or excluded and films outside its year filter. With `also` (a second film named with
    it, "like Heat and Collateral"): the films near both first, by the worse of their two places,
    then the rest of both lists in turn."""
    banned = shown_rows(retriever, state) | excluded_rows(retriever, state) | set(outside_rows(retriever, state.years))
    rows, similarity = nearest_by_kind(retriever, row, sorted(banned | ({also} if also is not None else set())))
    if also is None:
        return [(int(r), float(s)) for r, s in zip(rows[:k], similarity[:k])]
    rows, similarity = near_both((rows, similarity), nearest_by_kind(retriever, also, sorted(banned | {row})))
    return [(int(r), float(s)) for r, s in zip(rows[:k], similarity[:k])]


def nearest_in_years(retriever: "Retriever", state: "SessionState", row: int, k: int) -> list[tuple[int, float]]:
    """(row, cosine) of the `k` films nearest `row` in the item space (engine.retrieval.neighbours.
    item_cosines) among the better-known part of the catalog (engine.walks.neighbourhood.
    WIDER_POOL) inside the year filter: what is shown when a filter leaves none of its stored
    neighbours ("something recent" from a 1999 film, "since 2010" from a 1987 one), instead of
    nothing."""
    banned = shown_rows(retriever, state) | excluded_rows(retriever, state) | set(outside_rows(retriever, state.years))
    pool = np.argsort(-np.asarray(retriever.popularity), kind="stable")[: max(int(WIDER_POOL * retriever.n_shown), k)]
    rows = np.setdiff1d(pool, np.asarray([row, *banned], dtype=np.int64))
    if not len(rows):
        return []
    cosine = item_cosines(retriever.item_vectors, row)[rows]
    best = np.argsort(-cosine, kind="stable")[:k]
    return [(int(rows[b]), float(cosine[b])) for b in best]


def nearest_items(manager: DialogueManager, state: "SessionState", row: int, k: int) -> list[ShownItem]:
    """The `k` films nearest `row` (`nearest_rows`; near both when a second film was named with
    it, bot.dialogue.policies.paired_row) as cards: what such a list shows, and what fills it
    again when the person sets some aside ("seen all of those")."""
    r = manager.retriever
    also = paired_row(r, state, row)
    found = nearest_rows(r, state, row, k, also) or (nearest_in_years(r, state, row, k) if state.years else [])
    return [ShownItem(int(r.item_ids[p]), r.titles[p], score=round(s, 4), shares=manager.cards.shared(p, row))
            for p, s in found]


def show_nearest(manager: DialogueManager, state: "SessionState", row: int, text: str, intent: str, *,
                 understood: bool = True, more: bool = False, start: bool = False,
                 count: int | None = None) -> Reply:
    """`text`, then the films most like the item at `row` (the next ones with `more`), kept as
    the answer on screen so picks, "why" and "more" refer to them. `start`: the user just named
    the item (its turn already saved the state undo returns to), so the list is what a person
    asking for "something like it" expects, with suggestions of what to change. Near both films
    when a second one was named with it ("something like Heat and Collateral", `paired_row`)."""
    r = manager.retriever
    title = r.titles[row]
    also = paired_row(r, state, row)  # "something like Heat and Collateral": the films near both
    shown = nearest_items(manager, state, row, count or manager.steps)
    if not shown:
        return manager.out.reply(state, f"{text} {replies.no_nearest(title, bool(state.years), more)}".strip(),
                                 intent, understood=understood, with_suggestions=not more)
    if state.years and not nearest_rows(r, state, row, 1):  # none of its neighbours is from those years
        text = f"{text} {replies.widened_for_years(title, state.years)}".strip()
    if not start:
        manager._push(state)
    state.last_sequence = [s.to_json() for s in shown]
    state.last_tag = state.last_alpha = None
    state.answer = {**answer_record(KIND, int(r.item_ids[row])), "offered": start}
    second = None if also is None else r.titles[also]
    said = (replies.nearest_to_start(title, second) if start
            else replies.nearest_shown(title, len(shown), more, second))
    return manager.out.reply(state, f"{text} {said}".strip(), intent, sequence=shown, with_suggestions=start,
                             understood=understood,
                             buttons=[] if start else [Button(f"#{i}", f"the {replies.ordinal(i)} one")
                                                       for i in range(1, min(len(shown), 3) + 1)])
