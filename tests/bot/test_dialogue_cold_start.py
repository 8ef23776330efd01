"""A conversation that starts from a film the model left out (engine.retrieval.cold): the bot
starts from it, says the answers are rougher, never shows such a film, explains and undoes to it;
"the most watched" of namesakes counts ratings, so a rarely kept film can be the one meant."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from bot_fixtures import fixture_parser, hashed_ngram_encoder, planted_retriever
from engine.degrees.model import DegreeModel
from engine.retrieval.cold import ColdItems, attach_cold_items

COLD = ("Orchard Lights (1983)", "Heat (2020)", "Paper Moon Rising (1999)")


@pytest.fixture()
def cold_manager(db_url):
    from bot.dialogue.manager import DialogueManager
    from bot.store.sessions import Store

    retriever = planted_retriever(relevance=True)
    m = retriever.n_items
    weights = sp.csr_matrix(np.array([[0.5 if j in (5, 7) else 0.0 for j in range(m)],
                                      [1.0 if j == 9 else 0.0 for j in range(m)],
                                      [0.25 if j in (3, 4, 11, 12) else 0.0 for j in range(m)]]))
    vectors = np.asarray(weights @ retriever.item_vectors, dtype=np.float32)
    cold = ColdItems(np.array([90001, 90002, 90003]), COLD, np.array([7, 5000, 9]), vectors, weights,
                     sp.csr_matrix((3, len(retriever.tags)), dtype=np.float32), np.full(3, 0.4, np.float32),
                     np.asarray(retriever.popularity, dtype=np.int64))
    assert attach_cold_items(retriever, cold) == 3
    retriever.use_degree_model(DegreeModel.from_retriever(retriever, encode=hashed_ngram_encoder))
    store = Store(db_url)
    yield DialogueManager(retriever, fixture_parser(retriever), store, model_id="planted-cold", policy="adaptive")
    store.close()


def _cold_rows(manager) -> set[int]:
    return set(range(manager.retriever.n_shown, manager.retriever.n_items))


def _shown_ids(reply) -> list[int]:
    return [int(s.item_id) for s in reply.sequence or ()]


@pytest.mark.parametrize("policy", ["adaptive", "gradient", "list", "single"])
def test_a_film_the_model_left_out_starts_a_conversation_it_is_never_shown(cold_manager, policy):
    cold_manager.policy = policy
    sid = cold_manager.new_session_id()
    start = cold_manager.handle(sid, "something like orchard lights")
    assert start.current.title == "Orchard Lights (1983)"
    assert "Few people rated it" in start.text and "rougher" in start.text
    answer = cold_manager.handle(sid, "less action")
    assert answer.intent == "critique" and answer.sequence
    cold_ids = {90001, 90002, 90003}
    assert not cold_ids & set(_shown_ids(start)) and not cold_ids & set(_shown_ids(answer))
    # the reference's degree is read from the films it was placed by, not missing
    reference = cold_manager.retriever.row_of_id[90001]
    assert 0.0 <= cold_manager.retriever.attribute_degrees(0)[reference] <= 1.0


@pytest.mark.parametrize("policy", ["adaptive", "gradient", "list"])
def test_a_trained_films_neighbours_and_answers_leave_the_cold_films_out(cold_manager, policy):
    cold_manager.policy = policy
    sid = cold_manager.new_session_id()
    title = cold_manager.retriever.titles[5]  # "Orchard Lights" was placed halfway to it
    start = cold_manager.handle(sid, f"something like {title}")
    assert start.current.title == title
    answer = cold_manager.handle(sid, "more action")
    more = cold_manager.handle(sid, "more")
    shown = {*_shown_ids(start), *_shown_ids(answer), *_shown_ids(more)}
    assert len(shown) >= 10 and not {90001, 90002, 90003} & shown


def test_why_and_undo_work_from_such_a_film(cold_manager):
    sid = cold_manager.new_session_id()
    cold_manager.handle(sid, "something like paper moon rising")
    answer = cold_manager.handle(sid, "more romance")
    assert answer.sequence
    why = cold_manager.handle(sid, "why the first one?")
    assert why.intent == "explain" and "Paper Moon Rising (1999)" in why.text
    back = cold_manager.handle(sid, "undo")
    assert back.current.title == "Paper Moon Rising (1999)"


def test_the_most_rated_of_namesakes_can_be_a_film_the_model_left_out(cold_manager):
    sid = cold_manager.new_session_id()
    reply = cold_manager.handle(sid, "something like heat")
    assert reply.current.title == "Heat (2020)"
    assert "Heat (1995)" in reply.text  # the other is named, to pick instead
