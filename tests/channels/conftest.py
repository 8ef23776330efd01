"""Channel fixtures: real servers (`cgir serve`, `cgir actions`) as subprocesses on free ports.

Each server is started once per test session with the tiny model and its own SQLite database,
polled until /health answers, and always terminated at the end.
"""

from __future__ import annotations

import pytest

from channel_helpers import RunningServer, start_server, stop


@pytest.fixture(scope="session")
def serve_server(tiny_model_dir, tmp_path_factory):
    """`cgir serve` on the tiny model, a free port and its own database."""
    folder = tmp_path_factory.mktemp("serve")
    db_url = f"sqlite:///{folder / 'serve.db'}"
    log = folder / "serve.log"
    process, url = start_server(
        # the channel tests read a gradient sequence (gammas rising); adaptive is tested in tests/bot
        ["serve", "--model", str(tiny_model_dir), "--db", db_url, "--threads", "4", "--policy", "gradient"],
        "/health", log,
    )
    yield RunningServer(url, db_url, process, log)
    stop(process)


@pytest.fixture(scope="session")
def action_server(tiny_model_dir, tmp_path_factory):
    """`cgir actions` (rasa-sdk) on the tiny model, a free port and its own database."""
    folder = tmp_path_factory.mktemp("actions")
    db_url = f"sqlite:///{folder / 'actions.db'}"
    log = folder / "actions.log"
    process, url = start_server(
        ["actions", "--model", str(tiny_model_dir), "--db", db_url], "/health", log,
    )
    yield RunningServer(url, db_url, process, log)
    stop(process)


@pytest.fixture(scope="session")
def catalog(tiny_retriever):
    """Titles and tags of the tiny model, to talk about real items."""
    return tiny_retriever
