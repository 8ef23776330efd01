"""Rasa custom actions: thin shells over bot/'s DialogueManager, keyed by Rasa's sender_id.

Rasa only routes (intent -> action). Each action turns the turn into the words our own parser
understands and hands them to the same DialogueManager that `cgir chat` and `cgir serve` use, so
the session store, the turn log and the answers are shared by every channel.

`cgir actions` builds the manager from its command-line options before serving and registers it
with bot.serve.settings; rasa-sdk then loads this package by name. Started as
`python -m rasa_sdk --actions actions` instead, the manager is built on first use from the
environment, read here at the edge:
  CGIR_MODEL  a model directory (default: the cached demo model, trained on first use)
  CGIR_DB     a SQLAlchemy database URL for sessions and the turn log (default: under CGIR_HOME)
  CGIR_POLICY the sequence policy (default: config.yml's cgir_dialogue.policy, else "adaptive")
"""

from __future__ import annotations

import abc
import asyncio
import os
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.serve.payload import button_dicts, reply_text, sequence_payload
from bot.serve.settings import ManagerSettings, process_manager
from bot.store.sessions import SessionBusy
from bot.types import Reply

# A Rasa button payload like '/critique{"tag": "comedy"}' reaches us as text; it is not words.
_INTENT_PAYLOAD = re.compile(r"^/\w")


def settings_from_environment() -> ManagerSettings:
    """Settings for `python -m rasa_sdk --actions actions`, which has no options of ours."""
    return ManagerSettings(model_dir=os.environ.get("CGIR_MODEL") or None,
                           db_url=os.environ.get("CGIR_DB") or None,
                           policy=os.environ.get("CGIR_POLICY") or None)


def _entities(tracker: Tracker, name: str) -> list[str]:
    values = []
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == name and entity.get("value") not in (None, ""):
            values.append(str(entity["value"]))
    return values


def user_text(tracker: Tracker) -> str:
    return str(tracker.latest_message.get("text") or "").strip()


def respond(dispatcher: CollectingDispatcher, reply: Reply) -> list[dict[str, Any]]:
    """Send the reply (text, suggested critiques as buttons, the sequence as custom JSON)."""
    dispatcher.utter_message(
        text=reply_text(reply),
        buttons=button_dicts(reply),
        json_message=sequence_payload(reply),
    )
    return [
        SlotSet("cgir_tag", reply.tag),
        SlotSet("cgir_current", reply.current.title if reply.current else None),
    ]


class CGIRAction(Action, abc.ABC):
    """Common shell: words for the manager -> one turn in a worker thread -> the reply.

    Abstract, so rasa-sdk's executor (which registers every concrete Action subclass) skips it.
    """

    action_name = ""

    def name(self) -> str:
        return self.action_name

    @abc.abstractmethod
    def words(self, tracker: Tracker) -> str:
        """What to tell the manager for this turn."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        text = self.words(tracker)
        if not text:
            dispatcher.utter_message(text="I did not get that. Say \"help\" for ideas.")
            return []
        manager = process_manager(settings_from_environment)
        # The manager is synchronous (numpy, SQLAlchemy): keep the action server's loop free.
        try:
            reply = await asyncio.to_thread(manager.handle, tracker.sender_id, text)
        except SessionBusy:
            # Another action server kept this conversation busy; nothing of this turn was applied.
            dispatcher.utter_message(text="I am still busy with your previous message; please "
                                          "send this one again in a moment.")
            return []
        return respond(dispatcher, reply)


class ActionCritique(CGIRAction):
    """'funnier', 'less violent', or a button payload /critique{"direction": "less", "tag": "gory"}."""

    action_name = "action_cgir_critique"

    def words(self, tracker: Tracker) -> str:
        text = user_text(tracker)
        tags = _entities(tracker, "tag")
        # Our parser reads free text better than Rasa's entities ("a bit funnier" carries a
        # strength), so entities are only used when there are no words: a button payload.
        if tags and (not text or _INTENT_PAYLOAD.match(text)):
            directions = _entities(tracker, "direction") or ["more"]
            parts = []
            for i, tag in enumerate(tags):
                direction = directions[min(i, len(directions) - 1)].lower()
                parts.append(("less " if direction in ("less", "fewer", "-1") else "more ") + tag)
            return " and ".join(parts)
        return text


class ActionSelect(CGIRAction):
    """'#3', 'the third one', or a payload /select{"index": 3}."""

    action_name = "action_cgir_select"

    def words(self, tracker: Tracker) -> str:
        text = user_text(tracker)
        indices = [i for i in _entities(tracker, "index") if re.fullmatch(r"-?\d+", i.strip())]
        if indices and (not text or _INTENT_PAYLOAD.match(text)):
            return f"#{int(indices[0])}"
        return text


class ActionReference(CGIRAction):
    """'I liked <title>': the manager resolves the title (and asks back when unsure)."""

    action_name = "action_cgir_reference"

    def words(self, tracker: Tracker) -> str:
        return user_text(tracker)


class ActionUndo(CGIRAction):
    action_name = "action_cgir_undo"

    def words(self, tracker: Tracker) -> str:
        return "undo"


class ActionSuggest(CGIRAction):
    """Suggested critiques for the current item (as buttons)."""

    action_name = "action_cgir_suggest"

    def words(self, tracker: Tracker) -> str:
        return "help"


class ActionRestart(CGIRAction):
    action_name = "action_cgir_restart"

    def words(self, tracker: Tracker) -> str:
        return "restart"
