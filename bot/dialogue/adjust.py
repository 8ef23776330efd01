"""A change to the last critique, said about it rather than anew: "the other way" walks it the
other way, "not that much" / "too far" as a small step ("a bit"), "not enough" as a big one
("way more"), "even less" as a big one when it asked less and the other way when it asked more,
each from the film that critique started from."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bot.dialogue.pending import critique_from_json

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.records import SessionState
    from bot.types import Reply

# bot.dialogue.manager.DialogueManager, which imports this module (so not imported back).
DialogueManager = Any

ADJUSTMENTS = ("flip", "softer", "stronger", "less")
SOFT, STRONG = 0.5, 2.0  # the strengths of "a bit" and of "way more" (bot.nlu.lexicon)
_SAID = {"flip": "The other way, then.", "softer": "A smaller step, then.", "stronger": "A bigger step, then."}


def adjusted(how: str, alpha: int, strength: float) -> tuple[int, float]:
    """(alpha, strength) of a critique after `how` (one of ADJUSTMENTS)."""
    if how == "flip":
        return -alpha, strength
    return alpha, SOFT if how == "softer" else STRONG


def adjust_last(manager: DialogueManager, state: "SessionState", how: str) -> "Reply":
    """Walk the session's last critique again, changed as `how` says, from the film it started
    from; when there is none yet, say what to do instead."""
    if how not in ADJUSTMENTS:
        raise ValueError(f"unknown adjustment {how!r}; expected one of {', '.join(ADJUSTMENTS)}")
    last = state.critiques[-1] if state.critiques else None
    row = manager.out.row(last.get("from")) if last else None
    if row is None or not last.get("critiques"):
        text = ("Less of what? Say what to have less of (“less action”, “less scary”)." if how == "less"
                else "There is no change of mine to adjust yet: name a film and say what to change "
                     "(“something like Heat but less violent”).")
        return manager.out.reply(state, text, "critique", understood=False)
    said = [critique_from_json(d) for d in last["critiques"]]
    if how == "less":  # "even less" after "less scary" goes further; after "funnier", back
        how = "stronger" if all(c.alpha < 0 for c in said) else "flip"
    critiques = []
    for c in said:
        alpha, strength = adjusted(how, c.alpha, c.strength)
        critiques.append(replace(c, alpha=alpha, strength=strength))
    reply = manager.walk_from(state, row, tuple(critiques))
    reply.text = f"{_SAID[how]} {reply.text}"
    return reply
