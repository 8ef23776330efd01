"""The dialogue side of the remaining misses (planted catalog, the real parser): films the data
holds beyond the model said plainly, critiques that no close film meets all at once answered on
balance (and said so), and a pick by description whose tag rates the list alike."""

from __future__ import annotations

import numpy as np

from bot.dialogue.manager import DialogueManager
from bot.nlu.parser import Parser
from engine.degrees.model import Grounding
from engine.retrieval.catalog import TitleResolver
from engine.retrieval.sequences import Modification
from engine.walks.neighbourhood import moves

OUTSIDE = TitleResolver(["Toy Story (1962)", "Cube (1997)"], [9001, 9002], [8, 5])


def _manager(planted, store, tmp_path) -> DialogueManager:
    parser = Parser.from_retriever(planted, tag_vectors_cache=tmp_path / "tags.npz", outside=OUTSIDE)
    return DialogueManager(planted, parser, store, model_id="planted-test", policy="adaptive")


def test_the_reply_names_the_namesake_the_model_dropped(planted, store, tmp_path):
    m = _manager(planted, store, tmp_path)
    reply = m.handle(m.new_session_id(), "something like toy story")
    assert reply.current.title == "Toy Story (1995)"
    assert "Toy Story (1962)" in reply.text and "too few ratings" in reply.text


def test_a_title_only_in_the_data_is_said_to_be_there(planted, store, tmp_path):
    m = _manager(planted, store, tmp_path)
    reply = m.handle(m.new_session_id(), "something like Cube")
    assert reply.current is None
    assert "Cube (1997)" in reply.text and "in the MovieLens data" in reply.text
    assert "not in this catalog" not in reply.text


def test_on_balance_a_large_move_makes_up_for_a_small_one_against():
    class Degrees:
        tags, item_tags = ("comedy", "dark"), None  # no form tags: the estimates are walked
        table = {0: np.array([0.5, 0.9, 0.6]), 1: np.array([0.5, 0.6, 0.2])}

        def modification_degrees(self, m):
            return self.table[m.tag]

    mods = (Modification(0, 1, 1.0), Modification(1, -1, 1.0))  # more of tag 0, less of tag 1
    least, _ = moves(Degrees(), 0, np.array([1, 2]), mods, span=False)
    mean, margin = moves(Degrees(), 0, np.array([1, 2]), mods, span=False, balance=True)
    assert least[0] < 0 < least[1]  # item 1 gains some of tag 1: not every way
    assert np.allclose(mean, [0.15, 0.2]) and (margin > 0).all()


def test_critiques_no_close_film_meets_at_once_are_answered_on_balance(planted, store, tmp_path, monkeypatch):
    import bot.dialogue.policies as policies

    real = policies.neighbourhood_answer

    def strict(*args, balance=False, **kw):  # nothing moves every way; on balance some do
        answer = real(*args, balance=balance, **kw)
        return answer if balance else type(answer)(answer.reference, answer.modifications, ())

    monkeypatch.setattr(policies, "neighbourhood_answer", strict)
    m = _manager(planted, store, tmp_path)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    reply = m.handle(sid, "more comedy and less action")
    assert reply.sequence and "on balance" in reply.text
    assert {(c["alpha"], c["tag"]) for c in reply.critiques} == {(1, "comedy"), (-1, "action")}
    single = m.handle(sid, "more drama")  # one critique: no balance to strike
    assert "on balance" not in single.text


def test_a_tie_on_the_tag_is_broken_by_the_reading_of_the_words(planted, store, tmp_path, monkeypatch):
    m = _manager(planted, store, tmp_path)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    shown = m.handle(sid, "less action").sequence
    assert len(shown) > 2
    rows = [planted.row_of_id[s.item_id] for s in shown]
    ramp = np.zeros(planted.n_items, dtype=np.float32)
    ramp[rows[2]] = 1.0  # the words' own reading ranks the third film first
    monkeypatch.setattr(planted, "modification_degrees", lambda mod: np.ones(planted.n_items, dtype=np.float32))
    monkeypatch.setattr(planted.degree_model, "ground", lambda phrase: Grounding.of_tag("romance", phrase))
    monkeypatch.setattr(planted, "grounding_degrees", lambda g: ramp)
    reply = m.handle(sid, "the most romantic of these")
    assert reply.intent == "select" and reply.current.item_id == shown[2].item_id


def test_is_it_an_attribute_answers_with_its_estimated_degree(planted, store, tmp_path):
    m = _manager(planted, store, tmp_path)
    sid = m.new_session_id()
    m.handle(sid, "something like Toy Story")
    shown = m.handle(sid, "less action").sequence
    reply = m.handle(sid, "is the third one gory?")
    assert reply.intent == "about" and shown[2].title in reply.text
    assert "gory" in reply.explanation["degrees"]
    assert reply.current.title == "Toy Story (1995)"  # a question, not a pick
