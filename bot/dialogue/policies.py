"""What the bot shows after a critique: the sequence policies, and which one is the default.

* ``adaptive`` (the default): items close to the reference that move the asked way, from
  close-and-a-little to further-and-much (engine/walks/neighbourhood.py, order "gradient");
  strong wording ("way less") looks further from the reference. It never shows an item twice
  in a session.
* ``gradient``: the degree walk, evenly spaced estimated degrees (engine/walks/degree_steps.py).
* ``list``: the same neighbourhood, ranked by the paper's query score (F(t) steers inside it).
* ``single``: only the best item of that list.

Why adaptive is the default: docs/results.md, "Answers in the reference's neighbourhood";
`--policy` or `cgir_dialogue: {policy: ...}` in config.yml choose another.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.dialogue.cards import answer_record
from bot.dialogue.exclusions import excluded_rows
from bot.dialogue.years import outside_rows
from engine.errors import CGIRError
from engine.walks.gradual import WalkLimit, gradual_walk
from engine.walks.neighbourhood import neighbourhood_answer, wider_answer
from engine.retrieval.retriever import GradientSequence, Modification

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.sessions import SessionState
    from bot.types import Critique
    from engine.retrieval.retriever import Retriever

POLICIES = ("adaptive", "gradient", "list", "single")
DEFAULT_POLICY = "adaptive"
CONFIG_SECTION = "cgir_dialogue"  # config.yml section of dialogue settings (Rasa ignores it)


def check_policy(policy: str) -> str:
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(POLICIES)}, not {policy!r}")
    return policy


def configured_policy(path: str | Path | None = None) -> str:
    """The policy the project's config.yml names (`cgir_dialogue: {policy: ...}`), else
    DEFAULT_POLICY. Which file: `engine.config.project_config_path`. Raises CGIRError naming the
    valid policies when the file names another.
    """
    from engine.config import config_section, project_config_path

    path = project_config_path(path)
    if path is None or not path.is_file():
        return DEFAULT_POLICY
    policy = config_section(path, CONFIG_SECTION).get("policy", DEFAULT_POLICY)
    if policy not in POLICIES:
        raise CGIRError(f"{path}: {CONFIG_SECTION}.policy must be one of {', '.join(POLICIES)}, "
                        f"got {policy!r}")
    return policy


def shown_in_session(state: "SessionState", *, offered: bool = True) -> set[int]:
    """Item ids of every sequence shown in the session (the undo stack keeps the earlier ones);
    without `offered`, leaving out the nearest films offered when a title was named
    (bot.dialogue.nearest): a critique's answer may show those again, its best films are often
    among them."""
    ids: set[int] = set()
    for snapshot in [*state.history, {"last_sequence": state.last_sequence, "answer": state.answer}]:
        if offered or not (snapshot.get("answer") or {}).get("offered"):
            ids.update(int(s["item_id"]) for s in snapshot.get("last_sequence", ()))
    return ids


def shown_rows(retriever: "Retriever", state: "SessionState", *, offered: bool = True) -> set[int]:
    rows = retriever.row_of_id
    return {rows[i] for i in shown_in_session(state, offered=offered) if i in rows}


def paired_row(retriever: "Retriever", state: "SessionState", row: int) -> int | None:
    """The row of the second film named with the film at `row` ("like Heat and Collateral":
    Collateral for Heat), while answers still go from that film; None otherwise ("more like #3"
    and a film picked later go from that film alone)."""
    paired = state.paired or {}
    if paired.get("of") != int(retriever.item_ids[row]):
        return None
    return retriever.row_of_id.get(int(paired["with"]))


def sequence_for(policy: str, retriever: "Retriever", state: "SessionState", row: int,
                 modifications: tuple[Modification, ...], steps: int, *,
                 exclude: set[int] = frozenset(), wider: bool = False,
                 asked: Sequence[Critique] = ()) -> GradientSequence | WalkLimit:
    """The policy's answer to a critique of the item at `row`; no policy shows the session's
    exclusions (bot.dialogue.exclusions), a row outside its release-year filter
    (bot.dialogue.years) or a row of `exclude` ("more": everything shown). `wider`: the answer
    past the stored neighbourhood, for every policy ("more" once the neighbourhood is used up).
    `asked`: the critiques; the same ones of the same item as the list on screen (asked again
    after an undo) may show that list again under adaptive, not only films never shown."""
    again = bool(asked) and not exclude and state.answer == answer_record(
        "critique", int(retriever.item_ids[row]), asked)
    banned = sorted(set(exclude) | excluded_rows(retriever, state)
                    | set(outside_rows(retriever, state.years)))
    if wider:
        return wider_answer(retriever, row, modifications, steps=steps, exclude=banned)
    if policy == "gradient":
        return gradual_walk(retriever, row, modifications, steps=steps, exclude=banned)
    if policy == "adaptive":
        on_screen = {retriever.row_of_id[int(s["item_id"])] for s in state.last_sequence
                     if int(s["item_id"]) in retriever.row_of_id} if again else set()
        banned = sorted(set(banned) | (shown_rows(retriever, state, offered=False) - on_screen))
    order, size = ("gradient", steps) if policy == "adaptive" else ("list", steps if policy == "list" else 1)
    also = paired_row(retriever, state, row)  # "like Heat and Collateral, less violent": near both
    answer = neighbourhood_answer(retriever, row, modifications, order=order, steps=size, exclude=banned,
                                  also=also)
    if not answer.steps and len(modifications) > 1:  # none moves every way: the best on balance, said so
        answer = neighbourhood_answer(retriever, row, modifications, order=order, steps=size, exclude=banned,
                                      balance=True, also=also)
    return answer
