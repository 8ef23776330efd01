"""Degree-seeking simulated users: goals, the success rule, how they word a change, mixed samples."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from bot.sim.config import SimulationConfig, SimulationError
from bot.sim.degree_user import (MIN_CHANGE, DegreeGoal, Tolerance, draw_goal, miss, next_request,
                                 others_distance, size_for)
from bot.sim.graded_templates import SIZES, graded_phrase, graded_variants, size_of_strength
from bot.sim.players import DegreePlayer, sample_degree_users, sample_population
from bot.sim.run import simulate
from bot.sim.session import run_session
from bot.sim.user import TagSpace

from sim_managers import RecordingManager, planted_retriever
from test_sim_templates_parse import DEMO_TAGS, parser  # noqa: F401 (the real parser, module-scoped)


@pytest.fixture(scope="module")
def space() -> TagSpace:
    """A denser planted catalog than the loop tests', so every reference has close neighbours."""
    rng = np.random.default_rng(3)
    relevance = rng.beta(0.6, 0.6, size=(1500, 6)).astype(np.float32)
    return TagSpace.from_arrays([f"tag{k}" for k in range(6)], relevance=relevance)


def test_goal_lies_between_the_reference_and_the_extreme_and_keeps_the_rest(space):
    tol = Tolerance()
    rng = np.random.default_rng(0)
    for _ in range(50):
        g = draw_goal(space, tol, rng)
        start = float(space.matrix[g.reference, g.tag])
        # the wanted degree: at least MIN_CHANGE the asked way, not beyond the catalog's extreme
        assert MIN_CHANGE - 1e-6 <= g.alpha * (g.wanted - start) <= g.alpha * (g.extreme - start) + 1e-6
        # the target: within the degree tolerance of it, close to the reference otherwise
        assert abs(g.degree - g.wanted) <= tol.degree + 1e-6
        assert g.degree == pytest.approx(float(space.matrix[g.target, g.tag]))
        assert others_distance(space, g.tag, g.reference, [g.target])[0] <= tol.others
        # the reference itself would not do, and the target would
        assert miss(space, g, tol, [g.reference])[0] > 1 >= miss(space, g, tol, [g.target])[0]


def test_the_target_is_the_closest_item_otherwise_among_those_at_the_wanted_degree(space):
    tol = Tolerance()
    g = draw_goal(space, tol, np.random.default_rng(1))
    column = space.matrix[:, g.tag]
    near = np.flatnonzero(np.abs(column - g.wanted) <= tol.degree)
    near = near[near != g.reference]
    others = others_distance(space, g.tag, g.reference, near)
    assert g.target == near[np.argmin(others)]


def test_success_needs_both_tolerances(space):
    tol = Tolerance(degree=0.1, others=0.15)
    reference = 0
    row = space.matrix[reference].copy()
    matrix = np.tile(row, (4, 1))
    matrix[:, 2] = [0.85, 0.65, 0.85, 0.8]  # in, out (degree 0.15 off), in, in
    matrix[2, 0] = row[0] + 0.95 if row[0] < 0.05 else row[0] - 0.95  # item 2 drifts on tag 0
    small = TagSpace.from_arrays(space.tags, relevance=np.vstack([row[None, :], matrix]))
    goal = DegreeGoal(0, 2, 1, 0.8, 1, 0.8, 0.99)
    m = miss(small, goal, tol, [1, 2, 3, 4])
    assert m[0] == pytest.approx(0.5, abs=1e-5) and m[3] == pytest.approx(0.0, abs=1e-5)
    assert m[1] == pytest.approx(1.5, abs=1e-5)  # 0.15 off in degree
    assert m[2] > 1  # right degree, but tag 0 moved 0.95 / 5 tags = 0.19 > 0.15 on average
    assert list(m <= 1) == [True, False, False, True]


def test_users_size_the_change_by_the_share_of_the_way_they_want(space):
    assert [size_for(s) for s in (0.1, 0.39, 0.4, 0.8, 0.81, 1.0)] == \
        ["small", "small", "plain", "plain", "large", "large"]
    tol = Tolerance()
    g = draw_goal(space, tol, np.random.default_rng(2))
    tag, alpha, size = next_request(space, g, tol, g.reference, set())
    assert (tag, alpha) == (g.tag, g.alpha) and size in SIZES
    # past the target: the user asks back the other way
    column = space.matrix[:, g.tag]
    beyond = np.flatnonzero(g.alpha * (column - g.degree) > 2 * tol.degree)
    if len(beyond):
        assert next_request(space, g, tol, int(beyond[0]), set())[:2] == (g.tag, -g.alpha)


def test_at_the_right_degree_the_user_corrects_the_other_tag_that_drifted_most(space):
    tol = Tolerance()
    g = draw_goal(space, tol, np.random.default_rng(4))
    column = space.matrix[:, g.tag]
    right = np.flatnonzero(np.abs(column - g.degree) <= tol.degree)
    drift = space.matrix[g.reference][None, :] - space.matrix[right]
    drift[:, g.tag] = 0
    item = int(right[np.argmax(np.abs(drift).max(axis=1))])
    tag, alpha, _ = next_request(space, g, tol, item, set())
    d = space.matrix[g.reference] - space.matrix[item]
    d[g.tag] = 0
    assert tag == int(np.argmax(np.abs(d))) and alpha == (1 if d[tag] > 0 else -1)
    assert next_request(space, g, tol, item, {tag}) != (tag, alpha, _)  # each tag once


@pytest.mark.parametrize("text,tag,alpha,size", [
    ("a bit less dark", "dark", -1, "small"),
    ("much less violent", "violent", -1, "large"),
    ("way funnier", "comedy", 1, "large"),
    ("a little less scary", "horror", -1, "small"),
    ("a tad darker", "dark", 1, "small"),
    ("far less violence", "violent", -1, "large"),
    ("too dark for me", "dark", -1, "plain"),
])
def test_graded_wordings_parse_with_their_size(parser, text, tag, alpha, size):
    assert text in graded_variants(tag, alpha, size, DEMO_TAGS)
    parse = parser.parse(text)
    c = parse.critiques[0]
    assert (c.tag, c.alpha, size_of_strength(c.strength)) == (tag, alpha, size)


def test_plain_wordings_carry_no_size_word_and_every_size_has_several_wordings():
    for tag in DEMO_TAGS:
        for alpha in (1, -1):
            plain = graded_variants(tag, alpha, "plain", DEMO_TAGS)
            bare = [t.replace("too much", "").replace("so much", "") for t in plain]
            assert not any(w in t for t in bare for w in ("a bit", "a little", "way ", "much "))
            for size in SIZES:
                assert len(graded_variants(tag, alpha, size, DEMO_TAGS)) >= 4
    rng = np.random.default_rng(0)
    assert graded_phrase("dark", -1, "small", rng, "plain") == "a bit less dark"
    with pytest.raises(ValueError, match="size"):
        graded_variants("dark", -1, "huge")


def test_degree_samples_are_deterministic_and_mixed_alternates_kinds(space):
    tol = Tolerance()
    a, b = sample_degree_users(space, 8, 5, tol), sample_degree_users(space, 8, 5, tol)
    assert a == b and all(u.kind == "degree" and u.start == u.goal.reference for u in a)
    assert a != sample_degree_users(space, 8, 6, tol)
    mixed = sample_population(space, 9, 5, target="mixed", tolerance=tol)
    assert [u.kind for u in mixed] == ["far", "degree"] * 4 + ["far"]
    assert [u.index for u in mixed] == list(range(9))
    far = sample_population(space, 5, 5, target="far")
    assert [(u.target, u.start) for u in mixed[::2]] == [(u.target, u.start) for u in far]
    assert [u.goal for u in mixed[1::2]] == [u.goal for u in a[:4]]


def test_a_degree_session_says_sized_critiques_and_stops_at_an_acceptable_item():
    retriever = planted_retriever(n_items=400, seed=1)
    space = TagSpace.from_retriever(retriever)
    config = SimulationConfig(users=1, max_turns=8, target="degree", tolerance_others=0.2)
    user = sample_degree_users(space, 1, 0, config.tolerance)[0]
    manager = RecordingManager(retriever, "list")
    outcome = run_session(manager, space, user, config, "list", "d1")
    assert outcome.kind == "degree" and outcome.goal["tag"] == space.tags[user.goal.tag]
    assert outcome.graded == outcome.critiques > 0 and outcome.wrong_size == 0
    player = DegreePlayer(space, user, config)
    shown = [retriever.row_of_id[i] for i in manager.last_sequence("d1")]
    assert player.satisfied(shown) == (outcome.end == "success")


def test_target_option_is_checked_and_binary_catalogs_only_take_far_users():
    with pytest.raises(SimulationError, match="--target"):
        SimulationConfig(target="near")
    with pytest.raises(SimulationError, match="tolerances"):
        SimulationConfig(tolerance_degree=0.5)
    from engine.retrieval.retriever import Retriever

    tags = sp.csr_matrix(np.eye(20, 4, dtype=np.float32) + np.eye(20, 4, k=-4, dtype=np.float32))
    binary = Retriever(np.eye(20, 4, dtype=np.float32) + 0.1, np.eye(4, dtype=np.float32),
                       np.arange(20), [f"Item {i}" for i in range(20)], [f"t{k}" for k in range(4)],
                       item_tags=tags)
    managers = {"list": RecordingManager(binary, "list")}
    with pytest.raises(SimulationError, match="--target far"):
        simulate(managers, SimulationConfig(users=2, policies=("list",)), progress=False)
    far = simulate(managers, SimulationConfig(users=2, policies=("list",), target="far"), progress=False)
    assert all(o.kind == "far" for o in far.outcomes)
