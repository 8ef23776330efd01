"""What the bot shows after a critique: the sequence policies, and which one is the default.

* ``adaptive`` (the default): a plain critique of a new attribute gets the list; a sized one
  ("a bit less dark", "much funnier") or the same attribute asked again gets degree bands over
  the list's candidates (engine/walks/adaptive.py). It never shows an item twice in a session.
* ``gradient``: the degree walk, evenly spaced estimated degrees (engine/walks/degree_steps.py).
* ``list``: the 10 best items for the full modification.
* ``single``: only the best item.

The default is the policy that reached the most simulated users (docs/results.md, "Simulated
users"); `--policy` or `cgir_dialogue: {policy: ...}` in config.yml choose another.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.dialogue.years import outside_rows
from engine.walks.adaptive import adaptive_sequence
from engine.errors import CGIRError
from engine.walks.gradual import WalkLimit, gradual_walk
from engine.retrieval.retriever import GradientSequence, Modification

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.sessions import SessionState
    from engine.retrieval.retriever import Retriever

POLICIES = ("adaptive", "gradient", "list", "single")
DEFAULT_POLICY = "adaptive"
CONFIG_SECTION = "cgir_dialogue"  # config.yml section of dialogue settings (Rasa ignores it)


def check_policy(policy: str) -> str:
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(POLICIES)}, not {policy!r}")
    return policy


def configured_policy(path: str | Path | None = None) -> str:
    """The policy config.yml names (`cgir_dialogue: {policy: ...}`), else DEFAULT_POLICY.

    `path` None reads ./config.yml when there is one. Raises CGIRError naming the valid
    policies when the file names another.
    """
    path = Path("config.yml") if path is None else Path(path)
    if not path.is_file():
        return DEFAULT_POLICY
    import yaml

    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise CGIRError(f"{path} is not valid YAML: {error}") from None
    section = document.get(CONFIG_SECTION) if isinstance(document, dict) else None
    policy = (section or {}).get("policy", DEFAULT_POLICY) if isinstance(section or {}, dict) else None
    if policy not in POLICIES:
        raise CGIRError(f"{path}: {CONFIG_SECTION}.policy must be one of {', '.join(POLICIES)}, "
                        f"got {policy!r}")
    return policy


def shown_in_session(state: "SessionState") -> set[int]:
    """Item ids of every sequence shown in the session (the undo stack keeps the earlier ones)."""
    ids = {int(s["item_id"]) for s in state.last_sequence}
    for snapshot in state.history:
        ids.update(int(s["item_id"]) for s in snapshot.get("last_sequence", ()))
    return ids


def is_refinement(state: "SessionState", modifications: tuple[Modification, ...],
                  tags: tuple[str, ...]) -> bool:
    """A sized critique, or the same attributes as the session's previous critique."""
    if any(m.weight != 1.0 for m in modifications):
        return True
    if not state.critiques:
        return False
    previous = {c.get("tag") for c in state.critiques[-1].get("critiques", ())}
    return previous == {tags[m.tag] for m in modifications}


def sequence_for(policy: str, retriever: "Retriever", state: "SessionState", row: int,
                 modifications: tuple[Modification, ...], steps: int) -> GradientSequence | WalkLimit:
    """The policy's answer to a critique of the item at `row`, never outside the session's
    release-year filter (its rows are taken out before ranking)."""
    outside = outside_rows(retriever, state.years)
    if policy == "gradient":
        return gradual_walk(retriever, row, modifications, steps=steps, exclude=outside)
    if policy == "adaptive":
        rows = retriever._row_of_id
        exclude = [rows[i] for i in shown_in_session(state) if i in rows] + outside
        return adaptive_sequence(retriever, row, modifications, steps=steps, exclude=exclude,
                                 fine=is_refinement(state, modifications, retriever.tags))
    return retriever.top_k(row, modifications, k=steps if policy == "list" else 1, gamma=1.0, exclude=outside)
