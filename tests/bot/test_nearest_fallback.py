"""When the bot cannot apply what was asked it shows the reference's nearest films as they are,
and says so (bot.dialogue.nearest), on the planted catalog."""

from __future__ import annotations

import pytest

import bot.dialogue.manager as manager_module
from bot.dialogue.manager import DialogueManager
from engine.retrieval.sequences import GradientSequence
from engine.walks.neighbourhood import nearest_by_kind


@pytest.fixture()
def adaptive(planted, real_parser, store) -> DialogueManager:
    return DialogueManager(planted, real_parser, store, model_id="planted-test", policy="adaptive")


def test_a_critique_no_close_film_moves_says_so_and_shows_the_nearest(adaptive, monkeypatch):
    sid = adaptive.new_session_id()
    start = adaptive.handle(sid, "something like Toy Story")
    monkeypatch.setattr(manager_module, "sequence_for",
                        lambda policy, r, state, row, mods, steps, **_: GradientSequence(row, mods, ()))
    reply = adaptive.handle(sid, "less action")
    assert "none of the films close to" in reply.text and "did not apply it" in reply.text
    row = adaptive.retriever.row_of_id[start.current.item_id]
    rows, _ = nearest_by_kind(adaptive.retriever, row)  # by co-rating and by kind
    ids = [int(adaptive.retriever.item_ids[r]) for r in rows]
    assert [s.item_id for s in start.sequence] == ids[:adaptive.steps]  # offered with the title
    # then the next ones: the films offered with the title are not shown again as they are
    assert [s.item_id for s in reply.sequence] == ids[adaptive.steps:2 * adaptive.steps]
    why = adaptive.handle(sid, "why the third one?")
    assert why.intent == "explain" and "no change was applied" in why.text
    assert "moves what you asked" not in why.text
    picked = adaptive.handle(sid, "the second one")  # the list on screen is what picks refer to
    assert picked.current.item_id == reply.sequence[1].item_id
    assert [s.item_id for s in adaptive.handle(sid, "undo").sequence] == [s.item_id for s in reply.sequence]


def test_nearest_films_leave_out_excluded_and_out_of_years_films(adaptive):
    from engine.retrieval.catalog import release_year

    sid = adaptive.new_session_id()
    adaptive.handle(sid, "something like Toy Story")
    first = adaptive.handle(sid, "only films from the seventies")
    assert first.sequence and all(1970 <= release_year(s.title) <= 1979 for s in first.sequence)
    again = adaptive.handle(sid, "more")
    assert again.intent == "more" and again.sequence
    assert all(1970 <= release_year(s.title) <= 1979 for s in again.sequence)
    assert not {s.item_id for s in again.sequence} & {s.item_id for s in first.sequence}


def test_nearest_of_the_years_shows_the_item_space_cosines_of_the_neighbour_search(planted):
    """nearest_in_years reads its cosines from engine.retrieval.neighbours.item_cosines; the scores
    shown are those of unit vectors computed here, to 3 decimals, in the same order."""
    import numpy as np

    from bot.dialogue.nearest import nearest_in_years
    from bot.store.records import SessionState
    from engine.walks.neighbourhood import WIDER_POOL

    state = SessionState("years", years={"min": 1980, "max": 2005})
    r, row = planted, 3
    found = nearest_in_years(r, state, row, 10)
    vectors = r.item_vectors / np.linalg.norm(r.item_vectors, axis=1, keepdims=True)
    pool = set(np.argsort(-np.asarray(r.popularity), kind="stable")[: int(WIDER_POOL * r.n_items)].tolist())
    assert len(found) == 10 and {p for p, _ in found} <= pool - {row}
    assert [round(s, 3) for _, s in found] == [round(float(vectors[p] @ vectors[row]), 3) for p, _ in found]
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
