"""`cgir serve` (REST channel + web widget) and `cgir actions` (the Rasa action server)."""

from __future__ import annotations

import os
import sys

import click

model_option = click.option(
    "--model", "model_dir", type=click.Path(file_okay=False), default=None,
    help="Model directory (default: the cached demo model, trained on first use).",
)
db_option = click.option(
    "--db", "db_url", default=None, metavar="URL",
    help="SQLAlchemy URL of the session store and turn log (default: SQLite under CGIR_HOME).",
)
host_option = click.option("--host", default="127.0.0.1", show_default=True,
                           help="Interface to listen on (0.0.0.0 exposes it to the network).")
policy_option = click.option("--policy", default="gradient", show_default=True,
                             help="How sequences are built (see `cgir chat --help`).")


def _build(model_dir: str | None, db_url: str | None, policy: str, quiet: bool):
    from bot.runtime import build_manager

    return build_manager(model_dir, db_url, policy=policy, progress=not quiet)


@click.command("serve")
@model_option
@db_option
@host_option
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@policy_option
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Worker threads that run dialogue turns.")
@click.option("--max-message", default=1000, show_default=True, type=click.IntRange(1, 100_000),
              help="Longest accepted message, in characters.")
@click.option("--cors", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Another origin allowed to use the REST and socket.io channels (repeatable; "
                   "'*' for any). Default: same origin only.")
@click.option("--socketio/--no-socketio", default=True, show_default=True,
              help="Also speak Rasa's socket.io channel protocol at /socket.io/.")
@click.option("--access-log/--no-access-log", default=False, show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress output while loading the model.")
def serve_command(model_dir, db_url, host, port, policy, threads, max_message, cors_origins, socketio,
                  access_log, quiet):
    """Serve the web widget and a Rasa-format REST channel over HTTP.

    \b
    Routes: /  (the widget), POST /webhooks/rest/webhook  {"sender", "message"},
            POST /session (a fresh sender id), /health, and Rasa's socket.io
            protocol at /socket.io/ (session_request, user_uttered -> bot_uttered).
    Example:
        cgir serve --port 8000      # then open http://127.0.0.1:8000/
        curl -s localhost:8000/webhooks/rest/webhook \\
             -d '{"sender": "s1", "message": "I liked Starfall Protocol"}'
    """
    from bot.server import ServerConfig, serve

    manager = _build(model_dir, db_url, policy, quiet)
    config = ServerConfig(
        max_message_chars=max_message,
        max_body_bytes=max(16 * 1024, 4 * max_message + 1024),
        threads=threads,
        socketio=socketio,
        cors_origins=tuple(cors_origins),
    )
    if not quiet:
        click.echo(f"cgir serve: http://{host}:{port}/  (Ctrl+C stops)", err=True)
    serve(manager, host=host, port=port, config=config,
          model_id=str(getattr(manager, "model_id", "")), access_log=access_log)


@click.command("actions")
@click.option(
    "--model", "model_dir", type=click.Path(file_okay=False), default=None, envvar="CGIR_MODEL",
    help="Model directory (default: $CGIR_MODEL, else the cached demo model, trained on first use).",
)
@click.option(
    "--db", "db_url", default=None, metavar="URL", envvar="CGIR_DB",
    help="SQLAlchemy URL of the session store and turn log (default: $CGIR_DB, else SQLite under "
         "CGIR_HOME).",
)
@host_option
@click.option("--port", default=5055, show_default=True, type=click.IntRange(0, 65535))
@policy_option
@click.option("-q", "--quiet", is_flag=True, help="No progress output while loading the model.")
def actions_command(model_dir, db_url, host, port, policy, quiet):
    """Run the Rasa action server with our custom actions (rasa-sdk).

    The model is loaded before the server starts, so Rasa's first call is fast. Equivalent to
    `CGIR_MODEL=DIR CGIR_DB=URL python -m rasa_sdk --actions actions`, in one process.

    \b
    Example:
        cgir actions --port 5055    # endpoints.yml: http://localhost:5055/webhook
    """
    from rasa_sdk.endpoint import create_app
    from rasa_sdk.executor import ActionExecutor

    import actions.actions as cgir_actions

    # The actions read these too (e.g. after a reload), so they describe what is served.
    if model_dir:
        os.environ["CGIR_MODEL"] = str(model_dir)
    if db_url:
        os.environ["CGIR_DB"] = db_url
    os.environ["CGIR_POLICY"] = policy
    cgir_actions.set_manager(_build(model_dir, db_url, policy, quiet))

    executor = ActionExecutor()
    executor.register_package("actions")
    app = create_app(executor, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = 10 * 1024 * 1024  # Rasa sends whole trackers
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = 3.0
    if not quiet:
        click.echo(f"cgir actions: http://{host}:{port}/webhook  "
                   f"({len(executor.list_actions())} actions; Ctrl+C stops)", err=True)
    sys.stdout.flush()
    app.run(host=host, port=port, single_process=True, access_log=False, motd=False)


COMMANDS: list[click.Command] = [serve_command, actions_command]
