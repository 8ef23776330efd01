"""One simulated conversation: a user with a hidden target critiques through a dialogue manager.

Each turn the user (a player of bot/sim/players.py: far-target or degree-seeking) decides what
to ask for and says it in natural language, sends it through the manager's `handle` (a real,
logged turn), then picks the shown item closest to what it wants ("#k") when it is closer than
the current one. Parser misunderstandings are counted per critique turn by comparing what the
user meant (tag, sign) with what the reply says it understood; for degree-seeking users also
the size of the change ("a bit", plain, "much") with the strength the parser read.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

import numpy as np

from bot.sim.config import SimulationConfig
from bot.sim.graded_templates import size_of_strength
from bot.sim.players import player_for
from bot.sim.user import TagSpace, UserSpec
from engine.text.normalise import text_key


class Manager(Protocol):
    retriever: Any
    parser: Any

    def handle(self, session_id: str, text: str): ...


@dataclass
class SessionOutcome:
    """One simulated conversation."""

    policy: str
    seed: int
    user: int
    session_id: str
    target_id: int
    start_id: int
    success_turn: int = 0  # 1-based turn at which the target was shown; 0 = failure
    turns_used: int = 0  # critiques sent
    # "success", "turns" (ran out of turns), "tags" (no usable tag left), "no_start" (the bot
    # never accepted the starting item; left out of every rate)
    end: str = "turns"
    critiques: int = 0
    noisy: int = 0
    misunderstood: int = 0  # any of the four below
    not_understood: int = 0
    clarification: int = 0
    wrong_tag: int = 0
    wrong_sign: int = 0
    kind: str = "far"  # "far" (hunts one item) or "degree" (wants some amount less/more of a tag)
    graded: int = 0  # critiques that said a size of change (degree-seeking users)
    wrong_size: int = 0  # of those, read with another strength (not counted in misunderstood)
    goal: dict | None = None  # a degree-seeking user's tag, direction and degrees
    picks: list[int] = field(default_factory=list)  # 1-based positions chosen
    said: list[str] = field(default_factory=list)
    misreads: list[dict] = field(default_factory=list)  # what was said, meant and understood

    def to_json(self) -> dict:
        return asdict(self)


def _button_for(reply, tag: str) -> str | None:
    """The payload of a clarification button that offers the tag the user meant."""
    wanted = tag.lower()
    for button in getattr(reply, "buttons", []) or []:
        title = text_key(getattr(button, "title", ""))
        if title == wanted or title.endswith(" " + wanted):
            return str(getattr(button, "payload", ""))
    return None


def _heard_size(manager: Manager, text: str) -> str | None:
    """The size of change the manager's parser reads in `text` (None: no critique read).

    The parser is deterministic and the turn had no open question, so this is the reading the
    manager acted on."""
    critiques = manager.parser.parse(text).critiques
    return size_of_strength(critiques[0].strength) if critiques else None


def _start(manager: Manager, session_id: str, item_id: int, title: str) -> bool:
    """Open the conversation at the starting item: by id, else by title. True when accepted."""
    for text in (f"start from {item_id}", f"start from {title}", f"something like {title}"):
        reply = manager.handle(session_id, text)
        current = getattr(reply, "current", None)
        if current is not None and int(current.item_id) == item_id:
            return True
    return False


def run_session(
    manager: Manager,
    space: TagSpace,
    user: UserSpec,
    config: SimulationConfig,
    policy: str,
    session_id: str,
) -> SessionOutcome:
    """Play one user against one manager; every turn is a real `handle` call (and a logged turn)."""
    retriever = manager.retriever
    ids = retriever.item_ids
    row_of_id = getattr(retriever, "row_of_id", None) or {int(x): i for i, x in enumerate(ids)}
    target_id = int(ids[user.target])
    outcome = SessionOutcome(policy, int(config.seeds[0]), user.index, session_id, target_id,
                             int(ids[user.start]))
    # The same stream for every policy: identical trajectories make identical choices.
    rng = np.random.default_rng(user.seed)
    player = player_for(space, user, config)
    outcome.kind = user.kind
    if user.goal is not None:
        g = user.goal
        outcome.goal = {"tag": space.tags[g.tag], "alpha": g.alpha, "wanted": g.wanted,
                        "target_degree": round(g.degree, 4),
                        "reference_degree": round(float(space.matrix[g.reference, g.tag]), 4)}
    if not _start(manager, session_id, int(ids[user.start]), retriever.titles[user.start]):
        # The parser took none of the ways of naming this item; the same happens under every
        # policy, so the user is left out of all of them (and counted) rather than failing.
        outcome.end = "no_start"
        return outcome
    current = user.start
    for turn in range(1, config.max_turns + 1):
        request = player.request(current, rng)
        if request is None:
            outcome.end = "tags"
            break
        name, alpha, text = space.tags[request.tag], request.alpha, request.text
        outcome.turns_used = turn
        outcome.critiques += 1
        outcome.noisy += request.noisy
        outcome.said.append(text)
        reply = manager.handle(session_id, text)
        # Misunderstandings are read off the first answer, before any clarification.
        kind = None
        if not reply.understood or reply.intent != "critique":
            # Includes a critique read as a title ("which one do you mean?"): not a tag question.
            kind = "not_understood"
        elif reply.clarification:
            kind = "clarification"
        elif reply.tag != name:
            kind = "wrong_tag"
        elif reply.alpha != alpha:
            kind = "wrong_sign"
        if kind is not None:
            setattr(outcome, kind, getattr(outcome, kind) + 1)
            outcome.misunderstood += 1
            outcome.misreads.append({"said": text, "meant": [name, alpha], "kind": kind,
                                     "heard": [reply.tag, reply.alpha], "intent": reply.intent})
        if request.size is not None:
            outcome.graded += 1
            heard = _heard_size(manager, text)
            if kind is None and heard != request.size:
                outcome.wrong_size += 1
                outcome.misreads.append({"said": text, "meant": [name, alpha, request.size],
                                         "kind": "wrong_size", "heard": [reply.tag, reply.alpha, heard],
                                         "intent": reply.intent})
        if kind == "clarification":
            payload = _button_for(reply, name)
            if payload is not None:  # the user answers the question; not a new critique turn
                reply = manager.handle(session_id, payload)
        moved = getattr(reply, "current", None)
        if moved is not None and int(moved.item_id) != int(ids[current]):
            # The parser read the critique as a title or selection and the bot jumped: the user
            # says "undo" (not a critique turn) to get back to where they were.
            undone = manager.handle(session_id, "undo")
            back = getattr(undone, "current", None)
            if back is None or int(back.item_id) != int(ids[current]):
                current = row_of_id.get(int(moved.item_id), current)
            continue
        shown = [int(s.item_id) for s in (reply.sequence or [])]
        rows = [row_of_id[i] for i in shown if i in row_of_id]
        if player.satisfied(rows):
            outcome.success_turn = turn
            outcome.end = "success"
            break
        best = player.pick(rows, current)
        if best is not None:
            chosen = manager.handle(session_id, f"#{best + 1}")
            chosen_item = getattr(chosen, "current", None)
            if chosen_item is not None and int(chosen_item.item_id) == shown[best]:
                current = rows[best]
                outcome.picks.append(best + 1)
    return outcome
