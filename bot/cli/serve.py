"""`cgir serve` (REST channel + web widget) and `cgir actions` (the Rasa action server)."""

from __future__ import annotations

import socket
import sys

import click

from bot.nlu.text import MAX_CHARS
from bot.dialogue.policies import POLICIES

model_option = click.option(
    "--model", "model_dir", type=click.Path(file_okay=False), default=None,
    help="Model directory (default: the cached demo model, trained on first use).",
)
db_option = click.option(
    "--db", "db_url", default=None, metavar="URL",
    help="SQLAlchemy URL of the session store and turn log (default: SQLite under CGIR_HOME). "
         "Several servers may share one database (PostgreSQL across machines).",
)
host_option = click.option("--host", default="127.0.0.1", show_default=True,
                           help="Interface to listen on (0.0.0.0 exposes it to the network).")
policy_option = click.option("--policy", type=click.Choice(POLICIES),
                             default=None, help="How sequences are built (see `cgir chat --help`) "
                             "[default: config.yml's cgir_dialogue.policy, else adaptive].")
fd_option = click.option(
    "--fd", "listen_fd", type=click.IntRange(0), default=None, metavar="N",
    help="Serve on an already listening socket inherited as file descriptor N (a supervisor or "
         "a test binds it) instead of --host/--port.",
)


def _listen(host: str, port: int, listen_fd: int | None) -> socket.socket:
    from bot.serve.server import listen_socket

    return socket.socket(fileno=listen_fd) if listen_fd is not None else listen_socket(host, port)


def _address(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}"


@click.command("serve")
@model_option
@db_option
@host_option
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: a free one, printed at start).")
@fd_option
@policy_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes on this machine, each with the model loaded, all on one "
                   "socket and one database.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Worker threads per process that run dialogue turns.")
@click.option("--max-message", default=MAX_CHARS, show_default=True, type=click.IntRange(1, MAX_CHARS),
              help="Longest accepted message, in characters (longer ones get a 413).")
@click.option("--cors", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Another origin allowed to use the REST and socket.io channels (repeatable; "
                   "'*' for any). Default: same origin only.")
@click.option("--socketio/--no-socketio", default=True, show_default=True,
              help="Also speak Rasa's socket.io channel protocol at /socket.io/ (websocket only "
                   "with --workers above 1).")
@click.option("--access-log/--no-access-log", default=False, show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress output while loading the model.")
def serve_command(model_dir, db_url, host, port, listen_fd, policy, workers, threads, max_message,
                  cors_origins, socketio, access_log, quiet):
    """Serve the web widget and a Rasa-format REST channel over HTTP.

    \b
    Routes: /  (the widget), POST /webhooks/rest/webhook  {"sender", "message"},
            POST /session (a fresh sender id), /health, and Rasa's socket.io
            protocol at /socket.io/ (session_request, user_uttered -> bot_uttered).
    Example:
        cgir serve --port 8000      # then open http://127.0.0.1:8000/
        curl -s localhost:8000/webhooks/rest/webhook \\
             -d '{"sender": "s1", "message": "I liked Starfall Protocol"}'
        cgir serve --workers 2 --db postgresql+psycopg://u:p@db/cgir --host 0.0.0.0
    """
    from bot.serve.settings import ManagerSettings, ServerConfig, ServeSettings
    from bot.serve.workers import prepare, run_workers, serve_in_this_process

    settings = ServeSettings(
        manager=ManagerSettings(model_dir, db_url, policy, quiet),
        server=ServerConfig(
            max_message_chars=max_message,
            max_body_bytes=max(16 * 1024, 4 * max_message + 1024),
            threads=threads,
            socketio=socketio,
            cors_origins=tuple(cors_origins),
        ),
        access_log=access_log,
    )
    # Model and database problems are reported before the port is taken.
    manager = settings.manager.build() if workers == 1 else None
    if workers > 1:
        settings = prepare(settings)
    sock = _listen(host, port, listen_fd)
    click.echo(f"cgir serve: {_address(sock)}/  ({workers} process{'es' if workers > 1 else ''}; "
               f"Ctrl+C stops)", err=True)
    if manager is not None:
        serve_in_this_process(settings, sock, manager=manager)
    else:
        sys.exit(run_workers(settings, sock, workers))


@click.command("actions")
@click.option(
    "--model", "model_dir", type=click.Path(file_okay=False), default=None, envvar="CGIR_MODEL",
    help="Model directory (default: $CGIR_MODEL, else the cached demo model, trained on first use).",
)
@click.option(
    "--db", "db_url", default=None, metavar="URL", envvar="CGIR_DB",
    help="SQLAlchemy URL of the session store and turn log (default: $CGIR_DB, else SQLite under "
         "CGIR_HOME). Several action servers may share one database.",
)
@host_option
@click.option("--port", default=5055, show_default=True, type=click.IntRange(0, 65535))
@fd_option
@policy_option
@click.option("--actions", "actions_package", default="actions", show_default=True,
              help="Python package with the custom actions (rasa-sdk loads it by name).")
@click.option("-q", "--quiet", is_flag=True, help="No progress output while loading the model.")
def actions_command(model_dir, db_url, host, port, listen_fd, policy, actions_package, quiet):
    """Run the Rasa action server with our custom actions (rasa-sdk).

    The model is loaded before the server starts, so Rasa's first call is fast. Equivalent to
    `CGIR_MODEL=DIR CGIR_DB=URL python -m rasa_sdk --actions actions`, in one process.

    \b
    Example:
        cgir actions --port 5055    # endpoints.yml: http://localhost:5055/webhook
    """
    from rasa_sdk.endpoint import create_app
    from rasa_sdk.executor import ActionExecutor

    from bot.serve.settings import ManagerSettings, set_process_manager

    # The actions (loaded by name below) fetch this manager from bot.serve.settings.
    set_process_manager(ManagerSettings(model_dir, db_url, policy, quiet).build())
    executor = ActionExecutor()
    executor.register_package(actions_package)
    app = create_app(executor, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = 10 * 1024 * 1024  # Rasa sends whole trackers
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = 3.0
    sock = _listen(host, port, listen_fd)
    click.echo(f"cgir actions: {_address(sock)}/webhook  "
               f"({len(executor.list_actions())} actions; Ctrl+C stops)", err=True)
    sys.stdout.flush()
    app.run(sock=sock, single_process=True, access_log=False, motd=False)


COMMANDS: list[click.Command] = [serve_command, actions_command]
