"""Shared fixtures: a tiny demo world, a tiny trained model, and the real MovieLens archive."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CGIR_SHARED", REPO.parent / "shared"))
MOVIELENS_SMALL = SHARED / "data" / "ml-latest-small.zip"


@pytest.fixture(scope="session", autouse=True)
def cgir_home(tmp_path_factory) -> Path:
    """Every test run gets its own CGIR_HOME, so nothing touches the user's cache."""
    home = tmp_path_factory.mktemp("cgir_home")
    os.environ["CGIR_HOME"] = str(home)
    return home


@pytest.fixture(scope="session")
def movielens_small_zip() -> Path:
    if not MOVIELENS_SMALL.exists():
        pytest.skip(f"{MOVIELENS_SMALL} is absent (MovieLens is never committed)")
    return MOVIELENS_SMALL


@pytest.fixture(scope="session")
def pg_url() -> str:
    """The PostgreSQL database named by CGIR_TEST_PG_URL (`.ci/run` starts one), or a clean skip."""
    url = os.environ.get("CGIR_TEST_PG_URL")
    if not url:
        pytest.skip("set CGIR_TEST_PG_URL to a PostgreSQL database (.ci/run starts one)")
    pytest.importorskip("psycopg", reason="pip install 'psycopg[binary]' for PostgreSQL")
    return url


@pytest.fixture(scope="session")
def tiny_demo_dir(tmp_path_factory) -> Path:
    """A small synthetic catalog in the ml-latest CSV layout (a few hundred items)."""
    from engine.data.demo import write_demo

    return write_demo(tmp_path_factory.mktemp("tiny_demo"), seed=0, n_items=400, n_users=600)


@pytest.fixture(scope="session")
def tiny_dataset(tiny_demo_dir):
    from engine.data import load_dataset

    return load_dataset(tiny_demo_dir)


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_dataset, tmp_path_factory) -> Path:
    """A CGIR checkpoint trained for a few seconds on the tiny demo world."""
    from engine.config import TrainConfig
    from engine.training.pipeline import train_model

    out = tmp_path_factory.mktemp("tiny_model")
    return train_model(tiny_dataset, TrainConfig(epochs=8, max_steps_per_epoch=20, threads=1, seed=0),
                       out, progress=False)


@pytest.fixture(scope="session")
def tiny_retriever(tiny_model_dir):
    from engine.models.checkpoint import load_retriever

    return load_retriever(tiny_model_dir)
