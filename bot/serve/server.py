"""`cgir serve`: one Sanic app with a Rasa-format REST channel, the web widget and /health.

Routes
------
``POST /webhooks/rest/webhook``  Rasa's REST channel format: ``{"sender", "message"}`` in, a list of
                                 ``{"recipient_id", "text", "buttons"?, "custom"?}`` out. The
                                 gradient sequence travels in ``custom`` (see bot/serve/payload.py).
``GET  /webhooks/rest/``         Rasa's REST channel health check.
``POST /session``                issues a fresh, unguessable sender id (the widget calls it once).
``GET  /``, ``/static/*``        the widget (plain HTML/CSS/JS from ``bot/serve/web``).
``GET  /health``                 liveness plus the model id.

Security model: a sender id is a capability. Whoever knows it can continue that conversation;
nothing else can. No endpoint lists, reads or changes sessions by anything but the caller's own
sender id, ids issued by ``/session`` carry 192 random bits, and every reply is addressed only to
the sender that asked. Rasa widgets that make up their own ids (uuid4) keep working; ids are
checked against a conservative character set and length so they cannot smuggle anything into
logs or the store.

The dialogue manager is synchronous (numpy, SQLAlchemy), so each turn runs in a thread pool and
the event loop stays free; turns of one sender are serialised by a per-sender lock so they are
applied in the order they arrived. Across processes (``--workers``, several machines on one
database) the store orders them (bot/store/sessions.py); a turn it cannot apply in time is a 503 with
``Retry-After``, never a lost or duplicated turn.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import re
import secrets
import socket
import weakref
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Protocol

from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request

from bot.serve.payload import rest_messages, socketio_message
from bot.serve.settings import ServerConfig
from bot.store.sessions import SessionBusy
from bot.types import Reply
from engine.errors import CGIRError, MissingShippedFile

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
    """What the server needs from `bot.dialogue.manager.DialogueManager`."""

    def handle(self, session_id: str, text: str) -> Reply: ...

    def new_session_id(self) -> str: ...


class BadRequest(Exception):
    """A client error with its HTTP status; rendered as a JSON body, never as a 500."""

    def __init__(self, message: str, status: int = 400, retry_after: float | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


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


def _error(message: str, status: int, retry_after: float | None = None) -> response.HTTPResponse:
    headers = {} if retry_after is None else {"Retry-After": str(math.ceil(retry_after))}
    return response.json({"error": message, "status": status}, status=status, headers=headers)


def create_app(
    manager: Manager,
    config: ServerConfig = ServerConfig(),
    *,
    name: str | None = None,
    model_id: str = "",
) -> Sanic:
    """The Sanic app around a dialogue manager; `name` must be unique within a process."""
    for shipped in ("index.html", "app.js", "style.css"):
        if not (WEB_DIR / shipped).is_file():
            raise MissingShippedFile(WEB_DIR / shipped)  # a build without package data
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

    def executor() -> ThreadPoolExecutor:
        if "pool" not in executor_holder:
            executor_holder["pool"] = ThreadPoolExecutor(config.threads, thread_name_prefix="cgir-turn")
        return executor_holder["pool"]

    @app.after_server_stop
    async def _shutdown(app_) -> None:
        pool = executor_holder.pop("pool", None)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

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
        return _error(error.message, error.status, error.retry_after)

    @app.exception(SanicException)
    async def _sanic_error(request: Request, error: SanicException):
        # 404, 405, 413 (REQUEST_MAX_SIZE) ... keep Sanic's status, answer JSON.
        status = getattr(error, "status_code", 400) or 400
        return _error(str(error) or "bad request", status)

    @app.get("/health")
    async def health(request: Request):
        # "warm": background loading (the sentence encoder) is done, so no turn waits for it.
        warm = not any(thread.is_alive() for thread in getattr(manager, "background", ()))
        return response.json({"status": "ok", "model_id": model_id, "turns": app.ctx.turns,
                              "pid": os.getpid(), "warm": warm})

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
                reply = await loop.run_in_executor(executor(), manager.handle, sender, message)
            except SessionBusy as error:
                # Another process kept the session: nothing was applied, the client sends it again.
                raise BadRequest(str(error), 503, retry_after=error.retry_after) from None
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
        return response.json(rest_messages(sender, reply))

    if config.socketio:
        attach_socketio(app, turn, config)

    @app.get("/")
    async def index(request: Request):
        return await response.file(WEB_DIR / "index.html", mime_type="text/html; charset=utf-8")

    app.static("/static", WEB_DIR, name="web")
    return app


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
        # A long-polling session lives in one process; its next poll may reach another one.
        transports=["websocket"] if config.socketio_websocket_only else ["polling", "websocket"],
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
            problem = {"error": error.message, "status": error.status}
            if error.retry_after is not None:
                problem["retry_after"] = error.retry_after
            await sio.emit("error", problem, room=sid)
            return
        await sio.emit("bot_uttered", socketio_message(reply), room=sid)

    return sio


def listen_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket (port 0: any free port; read it back with getsockname())."""
    try:
        return socket.create_server((host, port), backlog=1024)
    except OSError as error:
        raise CGIRError(f"cannot listen on {host}:{port}: {error.strerror}; "
                        f"choose another --port (0 picks a free one)") from None


def serve(
    manager: Manager,
    sock: socket.socket,
    *,
    config: ServerConfig = ServerConfig(),
    model_id: str = "",
    access_log: bool = False,
    on_ready: Callable[[Sanic], None] | None = None,
) -> None:
    """Run the app on an already listening socket in this process until stopped.

    `on_ready` runs in the event loop once the server accepts connections.
    """
    app = create_app(manager, config, model_id=model_id)
    if on_ready is not None:

        @app.after_server_start
        async def _ready(app_: Sanic) -> None:
            on_ready(app_)

    app.run(sock=sock, single_process=True, access_log=access_log, motd=False)
