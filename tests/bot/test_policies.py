"""The sequence policies in the dialogue: adaptive (the default), its refinements, config.yml."""

from __future__ import annotations

import numpy as np
import pytest

from bot.dialogue.manager import DialogueManager
from bot.dialogue.policies import DEFAULT_POLICY, POLICIES, configured_policy, is_refinement, shown_in_session
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


def test_a_plain_critique_gets_the_coarse_list_and_a_second_one_never_repeats_an_item(adaptive, planted):
    from engine.walks.adaptive import adaptive_sequence
    from engine.retrieval.retriever import Modification

    sid = adaptive.new_session_id()
    adaptive.handle(sid, "like Toy Story")
    toy = planted.resolve_item("Toy Story")
    first = adaptive.handle(sid, "less action")
    action = planted.tags.index("action")
    coarse = adaptive_sequence(planted, toy, (Modification(action, -1),), fine=False)
    assert [s.item_id for s in first.sequence] == [s.item_id for s in coarse.steps]
    second = adaptive.handle(sid, "more romance")
    assert len(second.sequence) == 10
    assert not {s.item_id for s in first.sequence} & {s.item_id for s in second.sequence}


def test_a_sized_or_repeated_critique_gets_degree_bands(adaptive, planted):
    sid = adaptive.new_session_id()
    adaptive.handle(sid, "like Toy Story")
    action = planted.tags.index("action")
    sized = adaptive.handle(sid, "a bit less action")
    degrees = planted.attribute_degrees(action)[_rows(planted, sized)]
    assert len(degrees) == 10 and np.all(np.diff(degrees) <= 0)  # a gradient, "less" outward
    adaptive.handle(sid, "#2")
    again = adaptive.handle(sid, "less action")  # the same attribute again: home in
    degrees = planted.attribute_degrees(action)[_rows(planted, again)]
    assert np.all(np.diff(degrees) <= 0)
    assert not {s.item_id for s in sized.sequence} & {s.item_id for s in again.sequence}


def test_refinement_and_seen_items_are_read_from_the_session(adaptive, planted):
    from engine.retrieval.retriever import Modification

    sid = adaptive.new_session_id()
    adaptive.handle(sid, "like Toy Story")
    shown = adaptive.handle(sid, "more comedy")
    adaptive.handle(sid, "#1")
    state = adaptive.store.get_session(sid)
    assert shown_in_session(state) == {s.item_id for s in shown.sequence}
    comedy, war = planted.tags.index("comedy"), planted.tags.index("war")
    assert is_refinement(state, (Modification(comedy, 1),), planted.tags)
    assert is_refinement(state, (Modification(comedy, -1),), planted.tags)  # overshot: back
    assert not is_refinement(state, (Modification(war, 1),), planted.tags)
    assert is_refinement(state, (Modification(war, 1, 2.0),), planted.tags)  # "much more war"


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
