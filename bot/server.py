"""`cgir serve`: one Sanic app with a Rasa-format REST channel, the web widget and /health.

Routes
------
``POST /webhooks/rest/webhook``  Rasa's REST channel format: ``{"sender", "message"}`` in, a list of
                                 ``{"recipient_id", "text", "buttons"?, "custom"?}`` out. The
                                 gradient sequence travels in ``custom`` (see :func:`reply_messages`).
``GET  /webhooks/rest/``         Rasa's REST channel health check.
``POST /session``                issues a fresh, unguessable sender id (the widget calls it once).
``GET  /``, ``/static/*``        the widget (plain HTML/CSS/JS from ``bot/web``).
``GET  /health``                 liveness plus the model id.

Security model: a sender id is a capability. Whoever knows it can continue that conversation;
nothing else can. No endpoint lists, reads or changes sessions by anything but the caller's own
sender id, ids issued by ``/session`` carry 192 random bits, and every reply is addressed only to
the sender that asked. Rasa widgets that make up their own ids (uuid4) keep working; ids are
checked against a conservative character set and length so they cannot smuggle anything into
logs or the store.

The dialogue manager is synchronous (numpy, SQLAlchemy), so each turn runs in a thread pool and
the event loop stays free; turns of one sender are serialised by a per-sender lock so they are
applied in the order they arrived.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request

from bot.types import Reply
from engine.errors import CGIRError

WEB_DIR = Path(__file__).resolve().parent / "web"
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_.:@-]{1,128}$")
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")
# The widget's own files only: no inline scripts or styles, no third-party origins. Even if some
# text slipped into the DOM as markup, an injected handler (onerror=...) could not run.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


class Manager(Protocol):
    """What the server needs from `bot.dialogue.DialogueManager`."""

    def handle(self, session_id: str, text: str) -> Reply: ...

    def new_session_id(self) -> str: ...


@dataclass(frozen=True)
class ServerConfig:
    """Limits and sizing of the HTTP server."""

    max_message_chars: int = 1000  # a chat turn; longer ones get a 413
    max_body_bytes: int = 16 * 1024  # whole request body; Sanic answers 413 above it
    threads: int = 4  # turns run in this many worker threads
    serialize_model: bool = False  # one turn at a time across all senders (if the manager is not thread-safe)
    socketio: bool = True  # also speak Rasa's socket.io channel protocol at /socket.io/
    cors_origins: tuple[str, ...] = ()  # other origins allowed to call the channels ("*": any)


class BadRequest(Exception):
    """A client error with its HTTP status; rendered as a JSON body, never as a 500."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def new_sender_id() -> str:
    """192 random bits, URL-safe: guessing one is hopeless."""
    return secrets.token_urlsafe(24)


def parse_webhook_body(raw: bytes, config: ServerConfig) -> tuple[str, str]:
    """(sender, message) from a REST-channel body, or BadRequest naming what is wrong."""
    if len(raw) > config.max_body_bytes:
        raise BadRequest(f"request body is larger than {config.max_body_bytes} bytes", 413)
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadRequest(f"body is not valid UTF-8 JSON ({error})") from None
    except RecursionError:
        raise BadRequest("body is nested too deeply") from None
    if not isinstance(payload, dict):
        raise BadRequest('body must be a JSON object like {"sender": "...", "message": "..."}')
    for field in ("sender", "message"):
        if field not in payload:
            raise BadRequest(f'missing field "{field}"; send {{"sender": "...", "message": "..."}}')
        if not isinstance(payload[field], str):
            raise BadRequest(f'field "{field}" must be a string, not {type(payload[field]).__name__}')
    sender, message = payload["sender"], payload["message"]
    if not SENDER_PATTERN.match(sender):
        raise BadRequest('"sender" must be 1-128 characters from A-Z a-z 0-9 _ . : @ -')
    return sender, check_message(message, config)


def check_message(message: str, config: ServerConfig) -> str:
    """The message as the manager gets it, or BadRequest (shared by REST and socket.io)."""
    if len(message) > config.max_message_chars:
        raise BadRequest(f'"message" is longer than {config.max_message_chars} characters', 413)
    if "\x00" in message:
        raise BadRequest('"message" must not contain NUL characters')
    if not message.strip():
        raise BadRequest('"message" is empty')
    # JSON may spell lone surrogates ("\\ud800"); they cannot be encoded back out, so they
    # become U+FFFD here rather than an encoding error (a 500) later.
    return _LONE_SURROGATES.sub("\ufffd", message)


def _shown(item) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "item_id": int(item.item_id),
        "title": item.title,
        "gamma": item.gamma,
        "score": item.score,
        "relevance": item.relevance,
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
        "sequence": [
            dict(_shown(item), index=position) for position, item in enumerate(reply.sequence, 1)
        ],
        "understood": reply.understood,
        "clarification": reply.clarification,
        "synthetic": reply.synthetic,
    }


def readable_sequence(reply: Reply) -> str:
    """The sequence as plain text lines, for channels that only show text."""
    lines = []
    for position, item in enumerate(reply.sequence, 1):
        extras = []
        if item.gamma is not None:
            extras.append(f"γ={item.gamma:.2f}")
        if item.relevance is not None and reply.tag:
            extras.append(f"{reply.tag} {item.relevance:.2f}")
        lines.append(f"{position}. {item.title}" + (f" ({', '.join(extras)})" if extras else ""))
    return "\n".join(lines)


def reply_text(reply: Reply) -> str:
    """The reply's text, with the numbered sequence appended unless the text already lists it."""
    listing = readable_sequence(reply)
    if not listing or all(item.title in reply.text for item in reply.sequence):
        return reply.text
    return f"{reply.text}\n{listing}" if reply.text else listing


def reply_messages(sender: str, reply: Reply) -> list[dict[str, Any]]:
    """A Reply in Rasa's REST-channel output format (one message with text, buttons, custom)."""
    message: dict[str, Any] = {"recipient_id": sender, "text": reply_text(reply)}
    if reply.buttons:
        message["buttons"] = [{"title": b.title, "payload": b.payload} for b in reply.buttons]
    message["custom"] = sequence_payload(reply)
    return [message]


def _error(message: str, status: int) -> response.HTTPResponse:
    return response.json({"error": message, "status": status}, status=status)


def create_app(
    manager: Manager,
    config: ServerConfig = ServerConfig(),
    *,
    name: str | None = None,
    model_id: str = "",
) -> Sanic:
    """The Sanic app around a dialogue manager; `name` must be unique within a process."""
    app = Sanic(name or f"cgir_{secrets.token_hex(4)}", configure_logging=False)
    app.config.REQUEST_MAX_SIZE = config.max_body_bytes
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.config.KEEP_ALIVE_TIMEOUT = 30
    # On shutdown, idle keep-alive connections should not hold the process for Sanic's 15 s.
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = 3.0
    app.ctx.manager = manager
    app.ctx.config = config
    app.ctx.turns = 0

    executor_holder: dict[str, ThreadPoolExecutor] = {}
    # Locks live as long as someone holds or waits on them, so idle senders cost nothing.
    sender_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
    model_lock = threading.Lock()

    def executor() -> ThreadPoolExecutor:
        if "pool" not in executor_holder:
            executor_holder["pool"] = ThreadPoolExecutor(config.threads, thread_name_prefix="cgir-turn")
        return executor_holder["pool"]

    @app.after_server_stop
    async def _shutdown(app_) -> None:
        pool = executor_holder.pop("pool", None)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def run_turn(sender: str, text: str) -> Reply:
        if config.serialize_model:
            with model_lock:
                return manager.handle(sender, text)
        return manager.handle(sender, text)

    @app.on_response
    async def _headers(request: Request, resp) -> None:
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        resp.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if request.path.startswith("/webhooks") or request.path == "/session":
            resp.headers.setdefault("Cache-Control", "no-store")
            origin = request.headers.get("origin")
            # Widgets embedded on another site (Rasa's REST widgets) need CORS; ids are
            # capabilities and no cookies are used, so allowing an origin exposes nothing else.
            if origin and ("*" in config.cors_origins or origin in config.cors_origins):
                resp.headers["Access-Control-Allow-Origin"] = origin
                resp.headers["Access-Control-Allow-Methods"] = "POST, OPTIONS"
                resp.headers["Access-Control-Allow-Headers"] = "Content-Type"
                resp.headers["Vary"] = "Origin"

    @app.exception(BadRequest)
    async def _bad_request(request: Request, error: BadRequest):
        return _error(error.message, error.status)

    @app.exception(SanicException)
    async def _sanic_error(request: Request, error: SanicException):
        # 404, 405, 413 (REQUEST_MAX_SIZE) ... keep Sanic's status, answer JSON.
        status = getattr(error, "status_code", 400) or 400
        return _error(str(error) or "bad request", status)

    @app.get("/health")
    async def health(request: Request):
        return response.json({"status": "ok", "model_id": model_id, "turns": app.ctx.turns})

    @app.get("/webhooks/rest/")
    async def rest_health(request: Request):
        return response.json({"status": "ok"})

    @app.post("/session")
    async def session(request: Request):
        issue = getattr(manager, "new_session_id", None)
        sender = issue() if callable(issue) else new_sender_id()
        return response.json({"sender": sender}, status=201)

    async def turn(sender: str, message: str) -> Reply:
        """One turn in the thread pool; turns of one sender run one at a time, in order."""
        lock = sender_locks.get(sender)
        if lock is None:
            lock = sender_locks[sender] = asyncio.Lock()
        async with lock:
            loop = asyncio.get_running_loop()
            try:
                reply = await loop.run_in_executor(executor(), run_turn, sender, message)
            except CGIRError as error:
                # The manager answers user mistakes itself; anything that still escapes is the
                # user's input meeting a limit (unknown item, ...), so it is a 422, not a 500.
                raise BadRequest(str(error), 422) from None
        app.ctx.turns += 1
        return reply

    @app.options("/webhooks/rest/webhook")
    async def webhook_preflight(request: Request):
        return response.empty(status=204)

    @app.options("/session")
    async def session_preflight(request: Request):
        return response.empty(status=204)

    @app.post("/webhooks/rest/webhook")
    async def webhook(request: Request):
        sender, message = parse_webhook_body(request.body or b"", config)
        reply = await turn(sender, message)
        return response.json(reply_messages(sender, reply))

    if config.socketio:
        attach_socketio(app, turn, config)

    @app.get("/")
    async def index(request: Request):
        return await response.file(WEB_DIR / "index.html", mime_type="text/html; charset=utf-8")

    app.static("/static", WEB_DIR, name="web")
    return app


def socketio_message(reply: Reply) -> dict[str, Any]:
    """A Reply as Rasa's socket.io channel sends it (`bot_uttered`), plus our `custom` turn."""
    message: dict[str, Any] = {"text": reply_text(reply)}
    if reply.buttons:
        message["quick_replies"] = [
            {"content_type": "text", "title": b.title, "payload": b.payload} for b in reply.buttons
        ]
    message["custom"] = sequence_payload(reply)
    return message


def attach_socketio(app: Sanic, turn, config: ServerConfig):
    """Rasa's socket.io protocol: `session_request` -> `session_confirm`, `user_uttered` -> `bot_uttered`.

    A socket is bound to one session at `session_request`: the id the client sends back (a
    capability it was given earlier) when it is well-formed, else a fresh random one. Messages
    are always applied to the socket's own session; a `session_id` inside `user_uttered` is
    ignored, so a socket cannot talk into another session. Bad messages get an `error` event.
    """
    import socketio

    origins: Any = list(config.cors_origins) if config.cors_origins else None  # None: same origin only
    if origins == ["*"]:
        origins = "*"
    sio = socketio.AsyncServer(
        async_mode="sanic", cors_allowed_origins=origins,
        max_http_buffer_size=config.max_body_bytes, logger=False, engineio_logger=False,
    )
    sio.attach(app, socketio_path="socket.io")
    app.ctx.sio = sio

    async def bind(sid: str, requested: Any) -> str:
        session_id = requested if isinstance(requested, str) and SENDER_PATTERN.match(requested) else new_sender_id()
        await sio.save_session(sid, {"session_id": session_id})
        await sio.emit("session_confirm", session_id, room=sid)
        return session_id

    @sio.on("session_request")
    async def session_request(sid, data=None):
        await bind(sid, data.get("session_id") if isinstance(data, dict) else None)

    @sio.on("user_uttered")
    async def user_uttered(sid, data=None):
        session_id = (await sio.get_session(sid)).get("session_id")
        if session_id is None:  # a client that skipped session_request gets a fresh session
            session_id = await bind(sid, None)
        message = data.get("message") if isinstance(data, dict) else None
        try:
            if not isinstance(message, str):
                raise BadRequest('user_uttered needs {"message": "..."} with a string message')
            reply = await turn(session_id, check_message(message, config))
        except BadRequest as error:
            await sio.emit("error", {"error": error.message, "status": error.status}, room=sid)
            return
        await sio.emit("bot_uttered", socketio_message(reply), room=sid)

    return sio


def serve(
    manager: Manager,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    config: ServerConfig = ServerConfig(),
    model_id: str = "",
    access_log: bool = False,
) -> None:
    """Run the app in this process until interrupted (one process: the model is loaded once)."""
    app = create_app(manager, config, model_id=model_id)
    app.run(
        host=host,
        port=port,
        single_process=True,
        access_log=access_log,
        motd=False,
    )
