"""Going back: "undo" restores the previous state from the session's undo stack, "restart" clears
the session (its exclusions stay: what a person has seen stays seen)."""

from __future__ import annotations

from bot.dialogue import replies
from bot.dialogue.reply_builder import ReplyBuilder
from bot.store.sessions import SessionState
from bot.types import Reply, ShownItem


def undo(out: ReplyBuilder, state: SessionState) -> Reply:
    if not state.history:
        return out.reply(state, replies.NOTHING_TO_UNDO, "undo")
    state.restore(state.history.pop())
    row = out.row(state.current)
    if row is None:
        return out.reply(state, replies.UNDONE_TO_START, "undo")
    title = out.retriever.titles[row]
    if state.last_sequence:
        return out.reply(state, replies.undone(title, with_list=True), "undo",
                         sequence=[ShownItem(**s) for s in state.last_sequence],
                         tag=state.last_tag, alpha=state.last_alpha)
    return out.reply(state, replies.undone(title, with_list=False), "undo")


def restart(out: ReplyBuilder, state: SessionState) -> Reply:
    state.restore({"excluded": state.excluded})  # no item, list or critiques; exclusions stay
    state.history, state.pending = [], None
    first = out.retriever.titles[out.popular_rows[0]]
    return out.reply(state, replies.starting_over(first, out.retriever.synthetic), "restart")
