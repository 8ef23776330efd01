"""`cgir chat`: the terminal chat (interactive, or driven by piped stdin)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from engine.errors import CGIRError
from bot.dialogue.policies import POLICIES


class SessionNotFound(CGIRError):
    """--session named a session the database does not have."""


def _piped_lines(stream) -> Iterator[str]:  # noqa: ANN001
    """Lines from a binary stream, decoded leniently: invalid UTF-8 becomes U+FFFD, not a crash."""
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def _log_to_file() -> Path:
    """Library warnings and tracebacks go to a file, not between the chat lines."""
    import logging

    from engine.paths import cgir_home

    path = cgir_home() / "chat.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("bot", "engine"):
        log = logging.getLogger(name)
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    return path


def _stacks_on_sigusr1() -> None:
    """`kill -USR1 PID` prints every thread's stack to stderr: a stuck chat tells where it is."""
    import faulthandler
    import signal

    if hasattr(signal, "SIGUSR1"):  # not on Windows
        faulthandler.register(signal.SIGUSR1, all_threads=True)


def _interactive_lines(console) -> Iterator[str]:  # noqa: ANN001
    while True:
        try:
            yield console.input("[bold cyan]you> [/]")
        except EOFError:
            return
        except UnicodeDecodeError:
            yield "\ufffd"


@click.command("chat")
@click.option("--model", "model_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="A trained model folder (default: the demo model, trained on first use).")
@click.option("--db", "db_url", default=None, metavar="URL",
              help="SQLAlchemy URL of the session store (default: sqlite in the cgir home).")
@click.option("--session", "session_id", default=None, metavar="ID",
              help="Resume a session by the id printed when it started.")
@click.option("--policy", type=click.Choice(POLICIES), default=None,
              help="How critiques are answered: adaptive (a list, or degree bands for 'a bit'/'much' and "
                   "repeated critiques), the gradient walk, a top-10 list, one item "
                   "[default: config.yml's cgir_dialogue.policy, else adaptive].")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Show the progress bar when the demo model is trained the first time.")
def chat(model_dir: Path | None, db_url: str | None, session_id: str | None, policy: str | None,
         progress: bool) -> None:
    """Chat in the terminal: name a movie, critique it, pick from the gradient sequence.

    With no options on a fresh machine it builds the demo world and writes the default model
    from the build shipped with the package first (under a minute, once; cached afterwards). Reads
    piped stdin too, one utterance per
    line, and stops at end of input; every turn is logged in the database.

    \b
    Examples:
        cgir chat
        cgir chat --session Xy3...        # resume where you left off
        printf 'something like Toy Story\\nless action\\nthe third one\\n' | cgir chat
    """
    from rich.console import Console

    from bot.cli.render import print_reply
    from bot.runtime import build_manager

    console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    err = Console(stderr=True, highlight=False)
    _log_to_file()
    _stacks_on_sigusr1()
    if model_dir is not None and not model_dir.is_dir():
        raise click.BadParameter(f"{model_dir} is not a folder; train one with `cgir train`",
                                 param_hint="--model")
    resumed = None
    if session_id is not None:
        # Checked before loading (or training) a model: a mistyped id should fail fast.
        from bot.store.sessions import Store
        from engine.paths import default_db_url

        with Store(db_url or default_db_url()) as store:
            resumed = store.get_session(session_id)
            if resumed is None:
                raise SessionNotFound(f"no session {session_id!r} in {store.safe_url}; "
                                      f"leave out --session to start a new one")
    try:
        if model_dir is None:
            err.print("[dim]Loading the demo model (the first run builds the demo world "
                      "first, a few seconds)...[/]")
        # Interactive users type for a few seconds: load the encoder meanwhile. Piped input
        # arrives at once, so a background load would only delay a quick script's exit.
        manager = build_manager(model_dir, db_url, policy=policy, progress=progress,
                                warm_up=sys.stdin.isatty())
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    try:
        if resumed is not None:
            console.print(f"Resuming session {session_id} ({resumed.turns} turns so far).")
        else:
            session_id = manager.new_session_id()
            console.print(f"Session {session_id} (resume later with: cgir chat --session {session_id})")
        if manager.retriever.synthetic:
            console.print("[dim]Catalog: the synthetic demo world (generated titles and tags).[/]")
        console.print("[dim]Say \u201chelp\u201d for what you can say; \u201cbye\u201d or Ctrl-D to quit.[/]\n")
        interactive = sys.stdin.isatty()
        lines = _interactive_lines(console) if interactive else _piped_lines(sys.stdin.buffer)
        for line in lines:
            if interactive and not line.strip():
                continue
            reply = manager.handle(session_id, line)
            if not interactive:
                console.print(f"[bold cyan]you> [/]{_escape(line[:200])}")
            print_reply(console, reply)
            if reply.intent == "bye":
                break
    except KeyboardInterrupt:
        pass  # every finished turn is already committed; nothing to flush
    finally:
        _close(manager, err)
    try:
        console.print(f"\n[dim]Session {session_id} saved.[/]")
    except KeyboardInterrupt:  # a second Ctrl-C while saying goodbye
        pass


def _close(manager, err) -> None:  # noqa: ANN001
    """Close the manager even if Ctrl-C lands meanwhile (it can race with end of input)."""
    if any(thread.is_alive() for thread in manager.background):
        err.print("[dim]Finishing start-up work that is cached for the next start "
                  "(a few seconds)...[/]")
    for _ in range(3):
        try:
            manager.close()
            return
        except KeyboardInterrupt:
            continue


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


COMMANDS: list[click.Command] = [chat]
