"""A turn's edges: the user's text made safe to parse and log, and the record the store keeps."""

from __future__ import annotations

import logging

from bot.nlu.text import MAX_CHARS, clean_utterance
from bot.store.sessions import TurnRecord
from bot.types import Parse, Reply

logger = logging.getLogger(__name__)


def clean_input(text: object, max_chars: int = MAX_CHARS) -> tuple[str, int | None]:
    """(the one cleaner's text, the original length when the text had to be cut, else None)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    cleaned = clean_utterance(text, max_chars + 1)
    if len(cleaned) <= max_chars:
        return cleaned, None
    return cleaned[:max_chars].rstrip(), len(str(text))


def turn_record(session_id: str, turn: int, cleaned: str, parse: Parse, reply: Reply, *,
                chosen: int | None, cut_from: int | None, seconds: float, model_id: str) -> TurnRecord:
    """What is logged for one turn: the items shown (the current item when no sequence)."""
    try:
        parse_json = parse.to_json()
    except Exception:  # noqa: BLE001 - a malformed parse must not lose the turn
        logger.exception("could not serialise the parse in session %s", session_id)
        parse_json = {"intent": str(getattr(parse, "intent", "out_of_scope"))}
    if cut_from is not None:
        parse_json["input_chars"] = cut_from
    items = [item.to_json() for item in reply.sequence] or (
        [reply.current.to_json()] if reply.current is not None else [])
    return TurnRecord(
        session_id=session_id, turn=turn, utterance=cleaned, parse=parse_json, reply=reply.text,
        items=items, chosen_item=chosen, latency_ms=round(seconds * 1000.0, 3), model_id=model_id,
        intent=reply.intent, understood=reply.understood, clarification=reply.clarification,
    )
