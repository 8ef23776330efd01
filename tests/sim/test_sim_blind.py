"""Blind simulation runs: the bot cannot read the relevance the simulated users judge by."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from bot.sim.config import SimulationConfig, SimulationError
from bot.sim.report import summarize
from bot.sim.run import build_managers, simulate

from sim_managers import RecordingManager, planted_retriever


def _without_relevance():
    retriever = planted_retriever()
    retriever.relevance = None
    retriever.item_tags = sp.csr_matrix((planted_retriever().relevance >= 0.5).astype(np.float32))
    return retriever


def test_degree_users_judge_by_the_key_when_the_bot_holds_no_relevance():
    blind = _without_relevance()
    managers = {p: RecordingManager(blind, p) for p in ("list", "single")}
    config = SimulationConfig(users=12, max_turns=4, seeds=(0,), phrasing="plain", target="degree",
                              policies=("list", "single"))
    with pytest.raises(SimulationError, match="degree-seeking"):
        simulate(managers, config, progress=False)  # the bot's own retriever has no degrees
    summary = summarize(simulate(managers, config, progress=False, key=planted_retriever()))
    assert summary["model"]["relevance"] == "graded"
    assert summary["policies"]["list"]["users"] == 12
    assert blind.relevance is None  # the bot still cannot read it


def test_blind_managers_need_the_default_demo_worlds_model(tiny_model_dir, tmp_path):
    with pytest.raises(SimulationError, match="default demo world"):
        build_managers(tiny_model_dir, f"sqlite:///{tmp_path / 's.db'}", ("list",),
                       progress=False, blind=True)
