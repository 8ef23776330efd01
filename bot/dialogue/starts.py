"""Films to start from when a critique comes with no film ("a scary movie", "a comedy from the
90s"): the best-known films that go furthest the asked way, inside the year filter when the
person asked for years, offered to pick from (a pending `NeedReference`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.dialogue import item_facts, replies
from bot.dialogue import years as yr
from bot.dialogue.critique_axes import as_read, critique_modifications
from bot.dialogue.pending import NeedReference, pending_to_json

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.records import SessionState
    from bot.types import Critique, Reply

# bot.dialogue.manager.DialogueManager, which imports this module (so not imported back).
DialogueManager = Any


def offer_starts(manager: DialogueManager, state: "SessionState", critiques: tuple["Critique", ...]) -> "Reply":
    """Ask which film to start from, offering the best-known films that go furthest the asked
    way released in the years asked (`state.years`); when no film of those years is left, say
    so and keep the filter, to be dropped with "any year"."""
    r = manager.retriever
    outside = yr.outside_rows(r, state.years)
    modifications = critique_modifications(r, critiques)
    rows = item_facts.strongest_rows(r, modifications, manager.config.n_popular, outside)
    said = as_read(critiques, modifications)  # "less gory", not the closest tag's "less horror"
    if not rows:
        return manager.out.reply(state, replies.no_start_in_years(said, yr.describe(state.years)),
                                 "critique", with_suggestions=False, clarification=True)
    state.pending = pending_to_json(NeedReference(critiques, tuple(int(r.item_ids[row]) for row in rows)))
    text = replies.need_reference(said, r.titles[rows[0]], r.synthetic) + yr.note(state.years)
    return manager.out.reply(state, text, "critique", buttons=manager.out.popular_buttons(rows),
                             with_suggestions=False, clarification=True)
