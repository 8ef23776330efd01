"""What a serving process runs: its settings (typed, passed to worker processes as JSON) and its
one dialogue manager, which the channels of that process share.

`cgir serve` and `cgir actions` build the manager from :class:`ManagerSettings` before they start
serving and register it here with :func:`set_process_manager`; Rasa custom actions (the
``actions`` package, loaded by rasa-sdk by name) fetch it with :func:`process_manager`, so bot/
never imports actions/. Started by ``python -m rasa_sdk --actions actions`` instead, the actions
build it on first use from settings they read at their own edge.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from bot.nlu.text import MAX_CHARS

if TYPE_CHECKING:
    from bot.dialogue.manager import DialogueManager


@dataclass(frozen=True)
class ServerConfig:
    """Limits and sizing of the HTTP server."""

    max_message_chars: int = MAX_CHARS  # the parser's limit; longer messages get a 413
    max_body_bytes: int = 16 * 1024  # whole request body; Sanic answers 413 above it
    threads: int = 4  # turns run in this many worker threads
    socketio: bool = True  # also speak Rasa's socket.io channel protocol at /socket.io/
    cors_origins: tuple[str, ...] = ()  # other origins allowed to call the channels ("*": any)
    socketio_websocket_only: bool = False  # no long-polling: needed when polls may reach another process


@dataclass(frozen=True)
class ManagerSettings:
    """How to build the dialogue manager: model folder (None: the demo model), database URL
    (None: SQLite under CGIR_HOME), sequence policy."""

    model_dir: str | None = None
    db_url: str | None = None
    policy: str | None = None  # None: config.yml's, else bot.dialogue.policies.DEFAULT_POLICY
    quiet: bool = False  # no progress output while loading

    def build(self) -> "DialogueManager":
        from bot.runtime import build_manager

        return build_manager(self.model_dir, self.db_url, policy=self.policy, progress=not self.quiet)


@dataclass(frozen=True)
class ServeSettings:
    """Everything one `cgir serve` process needs; round-trips through JSON for worker processes."""

    manager: ManagerSettings = field(default_factory=ManagerSettings)
    server: ServerConfig = field(default_factory=ServerConfig)
    access_log: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> "ServeSettings":
        data = json.loads(text)
        server = dict(data["server"], cors_origins=tuple(data["server"]["cors_origins"]))
        return cls(manager=ManagerSettings(**data["manager"]), server=ServerConfig(**server),
                   access_log=bool(data["access_log"]))


_manager: "DialogueManager | None" = None
_manager_lock = threading.Lock()


def set_process_manager(manager: "DialogueManager") -> None:
    """Use this (already built) manager for every channel of this process."""
    global _manager
    with _manager_lock:
        _manager = manager


def process_manager(settings: Callable[[], ManagerSettings]) -> "DialogueManager":
    """This process's manager; built from `settings()` on first use if none was registered."""
    global _manager
    if _manager is None:
        with _manager_lock:
            if _manager is None:
                _manager = settings().build()
    return _manager
