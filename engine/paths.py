"""Where the project keeps downloads, the demo world, default models and the chat database."""

from __future__ import annotations

import os
from pathlib import Path


def cgir_home() -> Path:
    """$CGIR_HOME, else the platform's user cache dir (e.g. ~/.cache/cgir). Created on demand."""
    configured = os.environ.get("CGIR_HOME")
    if configured:
        home = Path(configured).expanduser()
    else:
        import platformdirs

        home = Path(platformdirs.user_cache_dir("cgir"))
    home.mkdir(parents=True, exist_ok=True)
    return home


def default_db_url() -> str:
    return f"sqlite:///{cgir_home() / 'cgir.db'}"
