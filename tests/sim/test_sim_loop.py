"""The simulator's session loop and summaries: the real dialogue manager on a planted retriever."""

from __future__ import annotations

import numpy as np
import pytest

from bot.sim.user import TagSpace, UserSpec
from bot.sim.config import SimulationConfig, SimulationError
from bot.sim.report import summarize
from bot.sim.run import simulate
from bot.sim.session import run_session

from sim_managers import RecordingManager, planted_retriever

THREE = ("gradient", "list", "single")


@pytest.fixture(scope="module")
def retriever():
    return planted_retriever()


def test_session_succeeds_when_the_target_is_shown(retriever):
    manager = RecordingManager(retriever)
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
        assert 105 in manager.last_sequence("s1")  # the target's item id
    assert outcome.misunderstood == 0
    # Every pick moved the user to an item strictly closer to the target.
    assert len(outcome.picks) == sum(t.startswith("#") for t in texts)


def test_first_critique_is_the_largest_gap(retriever):
    manager = RecordingManager(retriever)
    space = TagSpace.from_retriever(retriever)
    run_session(manager, space, UserSpec(0, target=3, start=40, seed=2),
                SimulationConfig(users=1, phrasing="plain"), "single", "s")
    gaps = space.gaps(3, 40)
    tag = int(np.argmax(np.abs(gaps)))
    word = "more" if gaps[tag] > 0 else "less"
    assert manager.log[1][1] == f"{word} tag{tag}"


def test_session_ends_when_tags_run_out(retriever):
    manager = RecordingManager(retriever)
    space = TagSpace.from_retriever(retriever)
    # Six tags: at most six critiques even with 20 turns allowed.
    outcome = run_session(manager, space, UserSpec(0, target=1, start=2, seed=0),
                          SimulationConfig(users=1, max_turns=20, phrasing="plain"), "single", "s")
    assert outcome.critiques <= 6
    assert outcome.end in ("success", "tags")


def test_misunderstanding_is_counted(retriever):
    class Deaf(RecordingManager):
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
    managers = {p: RecordingManager(retriever, p) for p in ("gradient", "list", "single")}
    config = SimulationConfig(users=40, max_turns=6, seeds=(0, 1), phrasing="plain", target="far",
                              policies=("gradient", "list", "single"))
    a = summarize(simulate(managers, config, progress=False, run_id="x"))
    managers = {p: RecordingManager(retriever, p) for p in ("gradient", "list", "single")}
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
    noisy = run_session(RecordingManager(retriever), space, user,
                        SimulationConfig(users=1, noise=1.0, phrasing="plain"), "gradient", "s")
    assert noisy.noisy == noisy.critiques > 0
    again = run_session(RecordingManager(retriever), space, user,
                        SimulationConfig(users=1, noise=1.0, phrasing="plain"), "gradient", "s")
    assert again.said == noisy.said
    clean = run_session(RecordingManager(retriever), space, user,
                        SimulationConfig(users=1, noise=0.0, phrasing="plain"), "gradient", "s")
    assert clean.noisy == 0


def test_clarification_is_answered_with_the_meant_tag(retriever):
    from bot.types import Button, Reply

    class Asker(RecordingManager):
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


def test_saved_sessions_round_trip_and_merge_checks(retriever, tmp_path):
    from bot.sim.report import load_sessions, markdown_summary, save_sessions

    managers = {p: RecordingManager(retriever, p) for p in ("gradient", "list", "single")}
    runs = []
    for seed in (0, 1):
        config = SimulationConfig(users=10, max_turns=4, seeds=(seed,), phrasing="plain",
                                  policies=THREE)
        runs.append(simulate(managers, config, progress=False))
    paths = [save_sessions(r, tmp_path / f"s{i}.jsonl") for i, r in enumerate(runs)]
    merged = load_sessions(paths)
    assert merged.config.seeds == (0, 1) and len(merged.outcomes) == 60
    both = simulate(managers, SimulationConfig(users=10, max_turns=4, seeds=(0, 1), phrasing="plain",
                                                     policies=THREE),
                    progress=False)
    assert summarize(merged)["policies"] == summarize(both)["policies"]
    table = markdown_summary(summarize(merged))
    assert "| gradient | 20 |" in table and "seed 1" in table
    other = simulate(managers, SimulationConfig(users=10, max_turns=5, phrasing="plain", policies=THREE), progress=False)
    with pytest.raises(SimulationError, match="max_turns"):
        load_sessions([paths[0], save_sessions(other, tmp_path / "o.jsonl")])
    (tmp_path / "bad.jsonl").write_text("not json\n")
    with pytest.raises(SimulationError, match="not a saved session"):
        load_sessions([tmp_path / "bad.jsonl"])


def test_start_falls_back_to_the_title_and_unstartable_users_are_left_out(retriever):
    import re as _re

    from bot.types import Reply

    class ByTitle(RecordingManager):
        """Does not read ids, only "start from <title>"; never starts item row 0."""

        received: list[str] = []

        def handle(self, session_id, text):
            self.received.append(text)
            m = _re.fullmatch(r"start from Item (\d+)", text)
            if m and int(m.group(1)) != 0:
                text = f"start from {100 + int(m.group(1))}"
            elif text.startswith(("start from", "something like")):
                self.log.append((session_id, text))
                return Reply("?", "out_of_scope", session_id, understood=False)
            return super().handle(session_id, text)

    space = TagSpace.from_retriever(retriever)
    config = SimulationConfig(users=1, max_turns=2, phrasing="plain")
    manager = ByTitle(retriever)
    ok = run_session(manager, space, UserSpec(0, target=3, start=7, seed=0), config, "list", "a")
    assert ok.end != "no_start" and ok.critiques > 0
    assert manager.received[:2] == ["start from 107", "start from Item 7"]
    stuck = run_session(manager, space, UserSpec(1, target=3, start=0, seed=0), config, "list", "b")
    assert stuck.end == "no_start" and stuck.critiques == 0
    from bot.sim.report import summarize_policy

    summary = summarize_policy([ok, stuck], 2)
    assert summary["users"] == 1 and summary["unstarted"] == 1
