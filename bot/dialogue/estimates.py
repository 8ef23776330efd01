"""Guesses for what the catalog lacks: "shorter", "not three hours long", "a smaller budget".

A MovieLens catalog has no running times or budgets, and the parser answers such a turn
*cannot judge* (bot.nlu.limits). Its users did tag some movies "too long", "way too long", "big
budget"; the degree model orders every movie by closeness to those (DegreeModel.estimate, no
learned weight; 0.66-0.75 pair accuracy against human judgments, docs/results.md). So when the
catalog's tags carry the fact, the reply says first what it cannot see, then walks that estimate
from the current film, the way the person asked, worded as a guess. Where no user tag carries it
(actors, language; a checkpoint without user-tag counts) the reply stays the honest sentence
alone.

The estimate is walked as a critique whose `estimate` flag makes `critique_modification` read
it (so "more", "why?", undo and the cards read the same degrees later); its `tag` is the
attribute ("long"), and its Modification's catalog tag is only the `list` policy's steer
(`steering_tag`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.dialogue import replies
from bot.nlu.limits import TOPICS as LIMITS
from bot.types import Critique, Parse, Reply

if TYPE_CHECKING:  # pragma: no cover
    from bot.store.records import SessionState
    from engine.degrees.grounding import Grounding
    from engine.retrieval.retriever import Retriever

DialogueManager = Any  # bot.dialogue.manager.DialogueManager imports this module

__all__ = ["Lack", "asked_lack", "estimate_critique", "answer", "with_limit", "steering_tag",
           "cannot_judge_text", "cannot_see_text"]

CAN_JUDGE = ("what people's tags and ratings say about a film (e.g. \u201cdarker\u201d, \u201cless violent\u201d, "
             "\u201cmore thought-provoking\u201d), how well known or well rated a film is (\u201cless well-known\u201d, "
             "\u201cbetter rated\u201d) and release years (\u201cfrom the 90s\u201d, \u201cbefore 1990\u201d)")


def cannot_see_text(topic: str | None) -> str:
    """"I can't judge running times: this catalog does not have that information."."""
    return f"I can't judge {LIMITS.get(topic or '', 'that')}: this catalog does not have that information."


def cannot_judge_text(topic: str | None) -> str:
    """`cannot_see_text`, then what the bot can judge."""
    return f"{cannot_see_text(topic)} I can judge {CAN_JUDGE}."


@dataclass(frozen=True)
class Topic:
    attribute: str  # the words the estimate reads, "more" of them ("long")
    lacks: str  # what the catalog does not have ("running times")


# Which way the person asked is the parser's (`Parse.limit_way`, bot.nlu.limits.read_way); how
# the reply says it is `replies.ESTIMATE_WORDS` ("shorter" = less long).
TOPICS = {
    "running time": Topic("long", "running times"),
    "budget": Topic("big budget", "budgets"),
}


@dataclass(frozen=True)
class Lack:
    """A turn's request about a fact the catalog lacks, as an estimate can answer it."""

    topic: str  # bot.nlu.limits.TOPICS key: "running time", "budget"
    attribute: str  # what the estimate reads: "long", "big budget"
    alpha: int  # +1 more of it, -1 less ("shorter" = less long)
    strength: float = 1.0  # "a bit" 0.5, "much" 2 (bot.nlu.lexicon)

    @property
    def said(self) -> str:
        """How the reply says the direction ("shorter", "bigger-budget")."""
        return replies.estimate_words(self.attribute, self.alpha)

    def to_json(self, reading: "Grounding", user_tags: tuple[str, ...]) -> dict:
        """`Reply.estimate` / REST `custom.estimate`: what was guessed, from which user tags."""
        return {"topic": self.topic, "attribute": self.attribute, "alpha": self.alpha,
                "strength": self.strength, "said": self.said, "user_tags": list(user_tags),
                "reading": reading.label,
                "note": f"an estimate from the catalog's user tags, not {TOPICS[self.topic].lacks}"}


def asked_lack(parse: Parse) -> Lack | None:
    """The estimate a *cannot judge* turn asks for: its topic's attribute, the way and strength
    the parser read (`Parse.limit_way`); None when it asked no way or the topic has no estimate."""
    found = TOPICS.get(parse.limit or "")
    if found is None or parse.limit_way is None:
        return None
    return Lack(str(parse.limit), found.attribute, parse.limit_way.alpha, parse.limit_way.strength)


def estimate_critique(retriever: "Retriever", lack: Lack | None) -> Critique | None:
    """The critique that walks the estimate, None when this catalog's users tagged nothing close
    (or the checkpoint has no user-tag counts)."""
    if lack is None or retriever.degree_model.estimate(lack.attribute) is None:
        return None
    return Critique(lack.alpha, lack.attribute, 0.0, lack.strength, phrase=lack.attribute, estimate=True)


def steering_tag(retriever: "Retriever", reading: "Grounding") -> int:
    """The catalog tag whose F(t) points most the way the estimate grows in the item space: the
    `list` policy ranks by the paper's query score, which steers by tags, and an estimate has
    none (the `adaptive` and `gradient` answers follow the estimate's degrees alone)."""
    n = retriever.n_shown  # the trained films (engine.retrieval.cold)
    degrees = retriever.grounding_degrees(reading)[:n].astype(np.float64)
    grows = retriever.item_vectors[:n].T @ (degrees - degrees.mean())
    f = retriever.tag_vectors
    cosine = (f @ grows) / np.maximum(np.linalg.norm(f, axis=1) * np.linalg.norm(grows), 1e-12)
    return int(np.argmax(cosine))


def user_tags(retriever: "Retriever", attribute: str, n: int = 2) -> tuple[str, ...]:
    """The user tags the estimate leans on most ("too long", "way too long")."""
    return _user_tags(retriever.degree_model, attribute, n)


@lru_cache(maxsize=16)  # per degree model and attribute: one embedding, not one per turn
def _user_tags(model, attribute: str, n: int) -> tuple[str, ...]:
    from engine.degrees.exemplars import closest_user_tags

    return closest_user_tags(model.language, model.language_vectors @ model.encode([attribute])[0], n)


def answer(manager: DialogueManager, state: "SessionState", parse: Parse) -> Reply:
    """A *cannot judge* turn: the honest sentence, then, where the catalog's user tags carry the
    fact and there is a film to start from, the estimate walked from it, worded as a guess."""
    honest = cannot_judge_text(parse.limit)
    lack = asked_lack(parse)
    critique = estimate_critique(manager.retriever, lack)
    row = manager.out.row(state.current)
    if critique is None or row is None:
        return manager.out.reply(state, honest, "cannot_judge")
    return walk_estimate(manager, state, row, lack, critique, cannot_see_text(parse.limit))


def walk_estimate(manager: DialogueManager, state: "SessionState", row: int, lack: Lack,
                  critique: Critique, first: str, intent: str = "cannot_judge") -> Reply:
    """Walk the estimate from the film at `row` with the manager's policy; the reply starts with
    `first` (what the bot cannot see) and says the list is a guess."""
    r = manager.retriever
    depth = len(state.history)
    reply = manager.walk_from(state, row, (critique,))
    reading = r.degree_model.estimate(lack.attribute)
    near = user_tags(r, lack.attribute)
    title = replies.quote(r.titles[row])
    guess = f"{first} Going by what people here tagged ({', '.join(near)}),"
    walked = (state.answer or {}).get("kind") if len(state.history) > depth else None
    if walked == "critique" and reply.sequence:
        text = (f"{guess} these feel {lack.said} than {title}; a guess, not "
                f"{TOPICS[lack.topic].lacks}. Pick one by number or title.")
    elif walked is None:  # the degree walk found no room that way (a WalkLimit)
        degree = r.grounding_degrees(reading)[row]
        text = (f"{guess} {title} is already at that end ({lack.attribute} {degree:.2f}, estimated), "
                f"so I have nothing {lack.said} to show from it.")
        reply.buttons = []
    else:  # nothing close moves that way: the closest films, as they are
        text = f"{guess} none of the films close to {title} feels {lack.said}; here are the closest, as they are."
    reply.text, reply.intent, reply.critiques = text, intent, []
    reply.estimate = lack.to_json(reading, near)
    return reply


def with_limit(manager: DialogueManager, state: "SessionState", parse: Parse, reply: Reply,
               depth: int) -> Reply:
    """A turn that asked something else besides, where there is an estimate: critiques ("funnier
    and under two hours") are walked again with the guess beside them; a film it named and
    showed as it is ("something like Heat but shorter") gets the guess walked from it (one undo
    still goes back to before the film, `depth`: the undo depth before the turn). Any other
    answer keeps its text, the honest sentence after it in brackets."""
    lack = asked_lack(parse)
    critique = estimate_critique(manager.retriever, lack)
    if critique is not None and reply.intent == "critique" and reply.sequence:
        both = _beside_critiques(manager, state, parse, lack, critique)
        if both is not None:
            return both
    row = manager.out.row(state.current)
    named = (reply.intent == "reference" and not parse.critiques and row is not None
             and parse.item_id is not None and state.current == int(parse.item_id))
    if critique is None or not named:
        reply.text = f"{reply.text} ({cannot_judge_text(parse.limit)})"
        return reply
    r = manager.retriever
    start = (replies.starting_from(r.titles[row], r.synthetic, row >= r.n_shown)
             + replies.namesakes(parse.namesakes, parse.outside))
    shown = walk_estimate(manager, state, row, lack, critique,
                          f"{start} {cannot_see_text(parse.limit)}", intent="reference")
    del state.history[depth + 1:]
    return shown


def _beside_critiques(manager: DialogueManager, state: "SessionState", parse: Parse, lack: Lack,
                      critique: Critique) -> Reply | None:
    """The critique answer just shown, walked again from the same film with the guess as one
    more critique; None (the first answer stays) when no film moves every way."""
    from bot.dialogue.pending import critique_from_json

    answer = state.answer or {}
    start = manager.out.row(answer.get("from"))
    if answer.get("kind") != "critique" or start is None:
        return None
    walked = tuple(critique_from_json(c) for c in answer.get("critiques") or ())
    depth = len(state.history)
    both = manager.walk_from(state, start, (*walked, critique))
    if not both.sequence or (state.answer or {}).get("kind") != "critique":
        if len(state.history) > depth:  # the closest films as they are: keep the first answer
            state.restore(state.history.pop())
        return None
    del state.history[depth:]  # one undo: back to before the turn, as after the first answer
    del state.critiques[-2]  # the first answer's record: this one replaces it
    near = user_tags(manager.retriever, lack.attribute)
    both.text = (f"{both.text} ({cannot_see_text(parse.limit)} “{lack.said}” is a guess from what "
                 f"people here tagged: {', '.join(near)}.)")
    both.estimate = lack.to_json(manager.retriever.degree_model.estimate(lack.attribute), near)
    return both
