"""What a turn asks besides its intent: a release-year filter ("from the 90s") and things the
catalog cannot judge ("shorter", "with Tom Hanks"). The dialogue manager calls `before_turn`,
acts on the intent, then `after_turn`; the wording is here because it is these acts' own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.dialogue import estimates
from bot.dialogue import years as yr
from bot.dialogue.nearest import show_nearest
from bot.dialogue.pending import compound_start, critique_from_json
from bot.types import Parse, Reply

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.records import SessionState

# bot.dialogue.manager.DialogueManager, which imports this module (so not imported back).
DialogueManager = Any

__all__ = ["before_turn", "after_turn", "answer_in_years"]

def before_turn(manager: DialogueManager, state: "SessionState", parse: Parse) -> tuple[dict | None, int]:
    """Apply the turn's year request to the state; returns (the filter before, undo depth)."""
    before = state.years
    if parse.years is not None:
        # "Alien but older", "#3, only newer": than the film this turn names or picks, else than
        # the current one
        picked = (compound_start(parse, state.last_sequence)
                  if parse.intent in ("reference", "critique", "select") and not parse.control else None)
        named = manager.out.row(picked) if picked is not None else None
        row = named if named is not None else manager.out.row(state.current)
        shown = [r for r in (manager.out.row(s["item_id"]) for s in state.last_sequence) if r is not None]
        state.years = yr.updated(state.years, parse.years, manager.retriever, row, shown)
    return before, len(state.history)


def after_turn(manager: DialogueManager, state: "SessionState", parse: Parse, reply: Reply,
               before: tuple[dict | None, int]) -> Reply:
    """Undo restores the filter as it was; a reference or a pick that came with years shows films
    in them; what could not be judged is said."""
    old, depth = before
    if state.years != old:
        if len(state.history) > depth:
            state.history[depth] = state.history[depth].replace(years=old)  # pushed this turn: before the change
        else:
            manager._push(state)
            state.history[-1] = state.history[-1].replace(years=old)
    if (parse.years is not None and reply.intent in ("reference", "select") and reply.understood
            and not reply.sequence and state.current is not None):
        shown = answer_in_years(manager, state, intent=reply.intent)
        del state.history[depth + 1:]  # one undo goes back to before this turn, filter and all
        shown.text = f"{reply.text} {shown.text}"
        reply = shown
    if parse.limit and reply.intent != "cannot_judge":
        reply = estimates.with_limit(manager, state, parse, reply, depth)
    reply.years = state.years
    return reply


def answer_in_years(manager: DialogueManager, state: "SessionState", intent: str = "critique") -> Reply:
    """A year request alone ("from the 80s", "newer than this"): the last critique of the current
    item again inside the filter, else the films most like it inside the filter."""
    row = manager.out.row(state.current)
    if row is None:
        return manager.out.reply(state, "Name a movie to start from, and I will keep to those years."
                                 + yr.note(state.years), intent, clarification=True)
    last = state.critiques[-1] if state.critiques else None
    if last is not None and last.get("from") == state.current and last.get("critiques"):
        critiques = tuple(critique_from_json(c) for c in last["critiques"])
        reply = manager.walk_from(state, row, critiques)
        reply.intent, reply.critiques = intent, []  # the same critiques again: none new this turn
        return reply
    return show_nearest(manager, state, row, "", intent)
