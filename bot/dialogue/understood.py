"""What the bot made of the conversation so far, said back on request ("what did you understand?").

A person who gets a surprising list wants to see how their words were read before rewording
them: the film the list started from, each critique as it was walked (with the words it came
from when they differ, and how words no tag names were read) and the films set aside that still
filter every answer (the years asked are said after every reply already:
bot.dialogue.constraints). The session as stored is said back; only a reading of the person's own
words is looked up again (remembered from the turn that walked it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from bot.dialogue import replies
from bot.dialogue.cards import asked
from bot.dialogue.critique_axes import as_read, critique_modifications, reading_note

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.records import SessionState
    from bot.types import Critique
    from engine.retrieval.retriever import Retriever


def _as_walked(c: "Critique") -> str:
    """ "less horror (from “scary”)": the critique as walked, and the words it came from."""
    walked = replies.wanted([c])
    said = c.phrase.strip()  # an estimate's phrase is its attribute ("long" for "shorter"): unsaid
    return walked if c.estimate or not said or said.lower() in walked.lower() else f"{walked} (from {replies.quote(said)})"


def understood(retriever: "Retriever", state: "SessionState", waiting: Sequence["Critique"] = ()) -> str:
    """The session's reading in one or two sentences, with how to correct it; `waiting`: the
    critiques said before any film, which wait for one ("less action", then this question)."""
    answer = state.answer or {}
    start = answer.get("from", state.current)
    row = retriever.row_of_id.get(int(start)) if start is not None else None
    aside = len(state.excluded)
    kept = ("" if not aside else " Every answer leaves out the film you set aside." if aside == 1
            else f" Every answer leaves out the {aside} films you set aside.")
    if row is None and waiting:
        return (f"You asked for {replies.wanted(waiting)}, but not yet from which film: name one to start "
                f"from, or pick one of those I offered.{kept}")
    if row is None:  # the example is the catalog's own most watched film (the demo world has no Jaws)
        example = retriever.titles[int(np.argmax(np.asarray(retriever.popularity)[: retriever.n_shown]))]
        return (f"Nothing yet: name a movie to start from ({replies.quote('something like ' + example)}), or "
                f"say what you are in the mood for (\u201ca funny sci-fi movie\u201d).{kept}")
    title = replies.quote(retriever.titles[row])
    critiques = asked(state)
    if not critiques:
        return (f"You started from {title}; the list shows the films most like it. Say what to change "
                f"(\u201cless action\u201d, \u201cfunnier\u201d) and I will walk that way.{kept}")
    words = [c for c in critiques if not c.estimate]  # a guess at a missing fact has no tag reading
    mods = critique_modifications(retriever, words) if words else ()
    named = iter(as_read(words, mods))  # "less violent" as the walk named it, not "less violence"
    walked = " and ".join(_as_walked(c if c.estimate else next(named)) for c in critiques)
    note = reading_note(words, mods, retriever.tags) if words else ""
    return (f"You asked for films like {title} but {walked}; the list on screen goes that way from it."
            f"{' ' + note if note else ''}{kept} If I read you wrong, say \u201cthe other way\u201d or "
            f"put it in other words.")
