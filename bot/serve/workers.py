"""`cgir serve --workers N`: N server processes on one listening socket and one database.

The supervisor (this module, in the `cgir serve` process) binds the socket, prepares what must
happen once (training the demo model on first use, upgrading the database schema), then starts N
workers with ``python -m bot.serve.workers``. Each worker inherits the socket, loads the model and
builds its own dialogue manager (so turns run on N cores, not behind one interpreter lock) and
accepts connections from the shared socket; the kernel hands each connection to one of them.
Turns of one sender that reach two workers are ordered by the store (bot/store/sessions.py).

Each worker also inherits one end of a socket pair: it writes "ready" there once it serves, and
stops when it reads end-of-file, that is when the supervisor is gone (even after a ``kill -9``),
so no worker outlives it. A worker that dies after it was ready is replaced, and so is one killed
by a signal while starting; one that exits with an error before it was ready (a bad model, an
unreachable database) stops the whole server with its exit code, as a replacement would fail too.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace

from bot.serve.settings import ServeSettings

logger = logging.getLogger(__name__)

STOP_GRACE_S = 10.0  # a worker finishing its turns on shutdown, before it is killed


def prepare(settings: ServeSettings) -> ServeSettings:
    """Do once, before any worker starts, what N workers must not do at the same time."""
    from bot.store.sessions import Store
    from engine.paths import default_db_url

    manager = settings.manager
    if manager.model_dir is None:
        from engine.training.demo import ensure_demo_model

        manager = replace(manager, model_dir=str(ensure_demo_model(progress=not manager.quiet)))
    else:
        from engine.models.checkpoint import read_manifest

        read_manifest(manager.model_dir)  # a clear error now rather than N tracebacks later
    manager = replace(manager, db_url=manager.db_url or default_db_url())
    Store(manager.db_url).close()  # applies missing schema migrations once
    # A long-polling session lives in one worker; its next poll may reach another one.
    server = replace(settings.server, socketio_websocket_only=True)
    return replace(settings, manager=manager, server=server)


def serve_in_this_process(settings: ServeSettings, sock: socket.socket,
                          control: socket.socket | None = None, manager=None) -> None:  # noqa: ANN001
    """Serve on `sock` until stopped (a signal, or `control` closing); builds the manager unless
    given one."""
    from bot.serve.server import serve

    manager = manager or settings.manager.build()

    def ready(app) -> None:  # noqa: ANN001 - a Sanic app
        if control is None:
            return
        control.sendall(b"ready")

        def supervisor_gone() -> None:
            try:
                data = control.recv(64)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data:
                app.loop.remove_reader(control.fileno())
                os.kill(os.getpid(), signal.SIGTERM)  # Sanic's own graceful stop

        control.setblocking(False)
        app.loop.add_reader(control.fileno(), supervisor_gone)

    try:
        serve(manager, sock, config=settings.server, model_id=str(manager.model_id),
              access_log=settings.access_log, on_ready=ready)
    finally:
        manager.close()


@dataclass
class _Worker:
    process: subprocess.Popen
    control: socket.socket
    ready: bool = False


def _start_worker(settings: ServeSettings, sock: socket.socket) -> _Worker:
    ours, theirs = socket.socketpair()
    command = [sys.executable, "-m", "bot.serve.workers", settings.to_json(),
               "--fd", str(sock.fileno()), "--control-fd", str(theirs.fileno())]
    process = subprocess.Popen(command, pass_fds=(sock.fileno(), theirs.fileno()))
    theirs.close()
    ours.setblocking(False)
    return _Worker(process, ours)


def _poll_ready(worker: _Worker) -> None:
    try:
        worker.ready = worker.ready or bool(worker.control.recv(64))
    except BlockingIOError:
        pass


def run_workers(settings: ServeSettings, sock: socket.socket, n: int) -> int:
    """Run n workers on `sock` until SIGINT/SIGTERM; returns the exit status."""
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    workers = [_start_worker(settings, sock) for _ in range(n)]
    try:
        while not stopping.wait(0.2):
            for i, worker in enumerate(workers):
                _poll_ready(worker)
                code = worker.process.poll()
                if code is None:
                    continue
                # An error while starting (bad model, database) would fail again in a replacement:
                # stop. A start ended by a signal (killed from outside, the OOM killer) is replaced.
                if not worker.ready and code >= 0:
                    print(f"cgir serve: a worker failed to start (exit status {code})", file=sys.stderr)
                    return code or 1
                print(f"cgir serve: worker {worker.process.pid} exited with status {code}; "
                      f"starting another", file=sys.stderr)
                worker.control.close()
                workers[i] = _start_worker(settings, sock)
    finally:
        _stop_all(workers)
    return 0


def _stop_all(workers: list[_Worker]) -> None:
    for worker in workers:
        if worker.process.poll() is None:
            worker.process.terminate()
    deadline = time.monotonic() + STOP_GRACE_S
    for worker in workers:
        try:
            worker.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait()
        worker.control.close()


def main(argv: list[str] | None = None) -> None:
    """Entry point of one worker process (started by run_workers, not by hand)."""
    parser = argparse.ArgumentParser(prog="python -m bot.serve.workers", description=__doc__)
    parser.add_argument("settings", help="ServeSettings as JSON")
    parser.add_argument("--fd", type=int, required=True, help="the inherited listening socket")
    parser.add_argument("--control-fd", type=int, required=True, help="the socket pair to the supervisor")
    args = parser.parse_args(argv)
    settings = ServeSettings.from_json(args.settings)
    sock = socket.socket(fileno=args.fd)
    control = socket.socket(fileno=args.control_fd)
    serve_in_this_process(settings, sock, control)


if __name__ == "__main__":
    main()
