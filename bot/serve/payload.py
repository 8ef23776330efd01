"""A Reply in the shapes the channels send: Rasa's REST channel, Rasa's socket.io channel, and
our machine-readable turn (`custom`, type ``cgir.turn``). No web framework here: the HTTP server
(bot/serve/server.py) and the Rasa custom actions (actions/) both format replies with these functions.
"""

from __future__ import annotations

from typing import Any

from bot.nlu.renown import ATTRIBUTE_FACTS, degree_kind
from bot.types import Reply, ShownItem


def _shown(item: ShownItem | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "item_id": int(item.item_id),
        "title": item.title,
        "gamma": item.gamma,
        "score": item.score,
        "relevance": item.relevance,  # ground truth where the catalog has it, else None
        "degree": item.degree,  # the model's estimate of the asked attribute, [0, 1]
        "degrees": dict(item.degrees) if item.degrees else None,  # every asked attribute's
        "shares": list(item.shares),  # tags shared with the reference
    }


def sequence_payload(reply: Reply) -> dict[str, Any]:
    """The machine-readable turn: the gradient sequence, its tag and direction, the current item."""
    return {
        "type": "cgir.turn",
        "text": reply.text,  # the reply without the numbered listing (widgets draw the strip)
        "intent": reply.intent,
        "tag": reply.tag,
        "alpha": reply.alpha,
        "current": _shown(reply.current),
        "reference": _shown(reply.reference),  # the item the sequence was found from
        "sequence": [
            dict(_shown(item), index=position) for position, item in enumerate(reply.sequence, 1)
        ],
        "years": reply.years,  # the release-year filter in force {"min", "max"}, None for none
        "understood": reply.understood,
        "clarification": reply.clarification,
        "synthetic": reply.synthetic,
        "explanation": reply.explanation,  # "why?" (and "tell me about"): bot.dialogue.explain
        "excluded": list(reply.excluded),  # what this turn set aside
        "picked": reply.picked,  # a pick by description: which item, by what, its value
        # A guess at what the catalog lacks (running time, budget) from its user tags, None
        # otherwise: bot.dialogue.estimates.Lack.to_json ("note" says it is an estimate).
        "estimate": reply.estimate,
        # Asked attributes whose degrees are percentiles of what the catalog records ("well
        # known": how many liked it), not the degree model's estimates: cards say so.
        "recorded": recorded_labels(reply),
    }


def recorded_labels(reply: Reply) -> list[str]:
    """The asked attributes of the reply that are catalog facts (bot.nlu.renown.ATTRIBUTE_FACTS)."""
    labels = {reply.tag} | {k for item in reply.sequence for k in (item.degrees or {})}
    return sorted(label for label in labels if label in ATTRIBUTE_FACTS)


def readable_sequence(reply: Reply) -> str:
    """The sequence as plain text lines, for channels that only show text."""
    lines = []
    for position, item in enumerate(reply.sequence, 1):
        extras = []
        if item.gamma is not None:
            extras.append(f"γ={item.gamma:.2f}")
        if item.degrees and reply.tag:
            extras.append(", ".join(f"{k} {v:.2f} {degree_kind(k)}" for k, v in item.degrees.items()))
        elif item.degree is not None and reply.tag:
            extras.append(f"{reply.tag} {item.degree:.2f} {degree_kind(reply.tag)}")
        if item.relevance is not None and reply.tag:
            extras.append(f"planted {item.relevance:.2f}" if item.degree is not None
                          else f"{reply.tag} {item.relevance:.2f}")
        lines.append(f"{position}. {item.title}" + (f" ({', '.join(extras)})" if extras else ""))
    return "\n".join(lines)


def reply_text(reply: Reply) -> str:
    """The reply's text, with the numbered sequence appended unless the text already lists it."""
    listing = readable_sequence(reply)
    if not listing or all(item.title in reply.text for item in reply.sequence):
        return reply.text
    return f"{reply.text}\n{listing}" if reply.text else listing


def button_dicts(reply: Reply) -> list[dict[str, str]]:
    """Suggested critiques or choices as Rasa buttons (`title`, `payload` to send back)."""
    return [{"title": b.title, "payload": b.payload} for b in reply.buttons]


def rest_messages(sender: str, reply: Reply) -> list[dict[str, Any]]:
    """A Reply in Rasa's REST-channel output format (one message with text, buttons, custom)."""
    message: dict[str, Any] = {"recipient_id": sender, "text": reply_text(reply)}
    if reply.buttons:
        message["buttons"] = button_dicts(reply)
    message["custom"] = sequence_payload(reply)
    return [message]


def socketio_message(reply: Reply) -> dict[str, Any]:
    """A Reply as Rasa's socket.io channel sends it (`bot_uttered`), plus our `custom` turn."""
    message: dict[str, Any] = {"text": reply_text(reply)}
    if reply.buttons:
        message["quick_replies"] = [
            {"content_type": "text", "title": b.title, "payload": b.payload} for b in reply.buttons
        ]
    message["custom"] = sequence_payload(reply)
    return message
