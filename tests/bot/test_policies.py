"""The sequence policies in the dialogue: adaptive (the default), its refinements, config.yml."""

from __future__ import annotations

import numpy as np
import pytest

from bot.dialogue.manager import DialogueManager
from bot.dialogue.policies import DEFAULT_POLICY, POLICIES, configured_policy, shown_in_session
from bot_fixtures import fixture_parser
from engine.errors import CGIRError


@pytest.fixture()
def adaptive(planted, store):
    return DialogueManager(planted, fixture_parser(planted), store, model_id="t")


def _rows(planted, reply):
    return [planted.resolve_item(s.item_id) for s in reply.sequence]


def test_adaptive_is_the_default_and_every_policy_is_selectable(adaptive, planted, store):
    assert DEFAULT_POLICY == "adaptive" and adaptive.policy == "adaptive"
    assert POLICIES == ("adaptive", "gradient", "list", "single")
    with pytest.raises(ValueError, match="adaptive, gradient, list, single"):
        DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy="best")


def test_a_plain_critique_gets_the_neighbourhood_answer_and_a_second_one_never_repeats_an_item(
        adaptive, planted):
    from engine.retrieval.retriever import Modification
    from engine.walks.neighbourhood import neighbourhood_answer

    sid = adaptive.new_session_id()
    adaptive.handle(sid, "like Toy Story")
    toy = planted.resolve_item("Toy Story")
    first = adaptive.handle(sid, "less action")
    action = planted.tags.index("action")
    expected = neighbourhood_answer(planted, toy, (Modification(action, -1),))
    assert [s.item_id for s in first.sequence] == [s.item_id for s in expected.steps]
    degrees = planted.attribute_degrees(action)[_rows(planted, first)]
    assert len(degrees) == 10 and np.all(degrees < planted.attribute_degrees(action)[toy])
    assert np.all(np.diff(degrees) <= 0)  # from a little less action to much less
    second = adaptive.handle(sid, "more romance")
    assert len(second.sequence) == 10
    assert not {s.item_id for s in first.sequence} & {s.item_id for s in second.sequence}


def test_strong_wording_says_it_looked_further(adaptive):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "like Toy Story")
    plain = adaptive.handle(sid, "less action")
    assert "further" not in plain.text
    strong = adaptive.handle(sid, "much less action")
    assert strong.sequence and "looked further from it than usual" in strong.text


def test_list_and_single_come_from_the_same_neighbourhood(planted, store):
    from engine.retrieval.retriever import Modification
    from engine.walks.neighbourhood import neighbourhood_answer

    toy = planted.resolve_item("Toy Story")
    action = planted.tags.index("action")
    expected = neighbourhood_answer(planted, toy, (Modification(action, -1),), order="list")
    for policy, n in (("list", 10), ("single", 1)):
        manager = DialogueManager(planted, fixture_parser(planted), store, model_id="t", policy=policy)
        sid = manager.new_session_id()
        manager.handle(sid, "like Toy Story")
        reply = manager.handle(sid, "less action")
        assert [s.item_id for s in reply.sequence] == [s.item_id for s in expected.steps][:n]


def test_seen_items_are_read_from_the_session(adaptive, planted):
    sid = adaptive.new_session_id()
    offered = adaptive.handle(sid, "like Toy Story")
    shown = adaptive.handle(sid, "more comedy")
    adaptive.handle(sid, "#1")
    state = adaptive.store.get_session(sid)
    assert shown_in_session(state) == {s.item_id for s in (*offered.sequence, *shown.sequence)}
    # the films offered with the title do not keep a critique's answer from showing them
    assert shown_in_session(state, offered=False) == {s.item_id for s in shown.sequence}


def test_a_title_offers_its_nearest_films_and_its_first_critique_may_show_them_again(adaptive, planted):
    from engine.retrieval.retriever import Modification
    from engine.walks.neighbourhood import nearest_by_kind, neighbourhood_answer

    sid = adaptive.new_session_id()
    offered = adaptive.handle(sid, "like Toy Story")
    toy = planted.resolve_item("Toy Story")
    rows, _ = nearest_by_kind(planted, toy)
    assert [s.item_id for s in offered.sequence] == [int(planted.item_ids[r]) for r in rows[:10]]
    answer = adaptive.handle(sid, "less action")
    expected = neighbourhood_answer(planted, toy, (Modification(planted.tags.index("action"), -1),))
    assert [s.item_id for s in answer.sequence] == [s.item_id for s in expected.steps]
    assert {s.item_id for s in answer.sequence} & {s.item_id for s in offered.sequence}
    assert [s.item_id for s in adaptive.handle(sid, "undo").sequence] == [s.item_id for s in offered.sequence]


def test_config_yml_chooses_the_policy(tmp_path):
    path = tmp_path / "config.yml"
    assert configured_policy(path) == DEFAULT_POLICY  # no file
    path.write_text("cgir:\n  dim: 64\n")
    assert configured_policy(path) == DEFAULT_POLICY  # no section
    path.write_text("cgir_dialogue:\n  policy: list\n")
    assert configured_policy(path) == "list"
    path.write_text("cgir_dialogue:\n  policy: best\n")
    with pytest.raises(CGIRError, match="adaptive, gradient, list, single"):
        configured_policy(path)


def test_the_project_config_names_the_default_policy_and_training_ignores_it():
    from pathlib import Path

    from engine.config import TrainConfig

    project = Path(__file__).resolve().parents[2] / "config.yml"
    assert configured_policy(project) == DEFAULT_POLICY
    assert TrainConfig.from_yaml(project).dim == 64
