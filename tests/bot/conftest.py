"""Fixtures for the dialogue layer: a planted retriever, the real parser on a fast encoder, a store."""

from __future__ import annotations

import pytest

from bot_fixtures import fixture_parser, planted_retriever
from engine.retrieval.retriever import Retriever


@pytest.fixture(scope="session")
def planted() -> Retriever:
    return planted_retriever()


@pytest.fixture()
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'chat.db'}"


@pytest.fixture()
def store(db_url):
    from bot.store.sessions import Store

    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture()
def manager(planted, store):
    from bot.dialogue.manager import DialogueManager

    # The dialogue tests follow the gradient walk's sequences; the adaptive policy (the product
    # default) has its own tests in tests/bot/test_policies.py.
    return DialogueManager(planted, fixture_parser(planted), store, model_id="planted-test",
                           policy="gradient")


@pytest.fixture(scope="session")
def real_parser(planted):
    """The production parser on the planted catalog (MiniLM loads once per test session)."""
    from bot.nlu.parser import Parser
    from bot.runtime import parser_cache_path

    # The cache also serves the `cgir chat` subprocess tests (same 30 tags as the demo world).
    return Parser.from_retriever(planted, tag_vectors_cache=parser_cache_path(planted.tags))
