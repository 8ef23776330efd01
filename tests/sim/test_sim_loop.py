"""The simulator's session loop and summaries, against a planted retriever and a fake manager."""

from __future__ import annotations

import numpy as np
import pytest

from bot.sim.user import TagSpace, UserSpec
from bot.simulate import SimulationConfig, SimulationError, run_session, simulate, summarize

from fakes import FakeManager, planted_retriever


@pytest.fixture(scope="module")
def retriever():
    return planted_retriever()


def test_session_succeeds_when_the_target_is_shown(retriever):
    manager = FakeManager(retriever)
    space = TagSpace.from_retriever(retriever)
    config = SimulationConfig(users=1, max_turns=10, phrasing="plain")
    outcome = run_session(manager, space, UserSpec(0, target=5, start=17, seed=1), config, "gradient", "s1")
    texts = [t for _, t in manager.log]
    assert texts[0] == "start from 117"
    critiques = [t for t in texts if t.startswith(("more", "less"))]
    assert outcome.critiques == len(critiques) == outcome.turns_used
    # Never the same tag twice.
    assert len({c.split()[1] for c in critiques}) == len(critiques)
    if outcome.success_turn:
        assert outcome.end == "success"
        last = manager.state["s1"]["sequence"]
        assert 5 in last
    assert outcome.misunderstood == 0
    # Every pick moved the user to an item strictly closer to the target.
    assert len(outcome.picks) == sum(t.startswith("#") for t in texts)


def test_first_critique_is_the_largest_gap(retriever):
    manager = FakeManager(retriever)
    space = TagSpace.from_retriever(retriever)
    run_session(manager, space, UserSpec(0, target=3, start=40, seed=2),
                SimulationConfig(users=1, phrasing="plain"), "single", "s")
    gaps = space.gaps(3, 40)
    tag = int(np.argmax(np.abs(gaps)))
    word = "more" if gaps[tag] > 0 else "less"
    assert manager.log[1][1] == f"{word} tag{tag}"


def test_session_ends_when_tags_run_out(retriever):
    manager = FakeManager(retriever)
    space = TagSpace.from_retriever(retriever)
    # Six tags: at most six critiques even with 20 turns allowed.
    outcome = run_session(manager, space, UserSpec(0, target=1, start=2, seed=0),
                          SimulationConfig(users=1, max_turns=20, phrasing="plain"), "single", "s")
    assert outcome.critiques <= 6
    assert outcome.end in ("success", "tags")


def test_misunderstanding_is_counted(retriever):
    class Deaf(FakeManager):
        def handle(self, session_id, text):
            if text.startswith("less"):
                text = "huh"
            return super().handle(session_id, text)

    manager = Deaf(retriever)
    space = TagSpace.from_retriever(retriever)
    outcome = run_session(manager, space, UserSpec(0, target=7, start=8, seed=0),
                          SimulationConfig(users=1, phrasing="plain"), "gradient", "s")
    lesses = sum(t.startswith("less") for t in outcome.said)
    assert outcome.not_understood == lesses == outcome.misunderstood


def test_simulate_is_deterministic_and_pairs_policies(retriever):
    managers = {p: FakeManager(retriever, p) for p in ("gradient", "list", "single")}
    config = SimulationConfig(users=40, max_turns=6, seeds=(0, 1), phrasing="plain")
    a = summarize(simulate(managers, config, progress=False, run_id="x"))
    managers = {p: FakeManager(retriever, p) for p in ("gradient", "list", "single")}
    b = summarize(simulate(managers, config, progress=False, run_id="y"))
    assert a["policies"] == b["policies"]
    assert a["policies"]["gradient"]["users"] == 80
    curve = [e["value"] for e in a["policies"]["list"]["success_at"]]
    assert curve == sorted(curve) and len(curve) == 6
    # Showing ten items finds the target at least as often as showing one, on the same users.
    assert a["policies"]["list"]["success"]["value"] >= a["policies"]["single"]["success"]["value"]
    assert a["comparisons"]["gradient-list"]["pairs"] == 80
    assert set(a["policies"]["single"]["per_seed"]) == {"0", "1"}


def test_config_rejects_bad_options():
    with pytest.raises(SimulationError):
        SimulationConfig(users=0)
    with pytest.raises(SimulationError):
        SimulationConfig(policies=("best",))
    with pytest.raises(SimulationError):
        SimulationConfig(noise=1.5)


def test_noise_replaces_answers_with_random_ones(retriever):
    space = TagSpace.from_retriever(retriever)
    user = UserSpec(0, target=9, start=30, seed=5)
    noisy = run_session(FakeManager(retriever), space, user,
                        SimulationConfig(users=1, noise=1.0, phrasing="plain"), "gradient", "s")
    assert noisy.noisy == noisy.critiques > 0
    again = run_session(FakeManager(retriever), space, user,
                        SimulationConfig(users=1, noise=1.0, phrasing="plain"), "gradient", "s")
    assert again.said == noisy.said
    clean = run_session(FakeManager(retriever), space, user,
                        SimulationConfig(users=1, noise=0.0, phrasing="plain"), "gradient", "s")
    assert clean.noisy == 0


def test_clarification_is_answered_with_the_meant_tag(retriever):
    from bot.types import Button, Reply

    class Asker(FakeManager):
        """Asks "which one?" for every critique, then acts on the button the user presses."""

        pressed: list[str] = []

        def handle(self, session_id, text):
            if text.endswith("!"):
                self.pressed.append(text)
            if text.startswith(("more", "less")) and not text.endswith("!"):
                word, tag = text.split(" ", 1)
                return Reply("which?", "critique", session_id, clarification=True,
                             buttons=[Button(f"{word} tag99", f"{word} tag99!"),
                                      Button(f"{word} {tag}", f"{word} {tag}!")])
            return super().handle(session_id, text.rstrip("!"))

    manager = Asker(retriever)
    space = TagSpace.from_retriever(retriever)
    outcome = run_session(manager, space, UserSpec(0, target=11, start=12, seed=0),
                          SimulationConfig(users=1, max_turns=3, phrasing="plain"), "list", "s")
    pressed = manager.pressed
    assert len(pressed) == outcome.critiques == outcome.clarification
    assert all("tag99" not in t for t in pressed)
    assert outcome.misreads[0]["kind"] == "clarification"
