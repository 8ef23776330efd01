"""Run every seed x user x policy on the same users, through managers built as a chat builds them."""

from __future__ import annotations

import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.sim.config import SimulationConfig, SimulationError
from bot.sim.players import sample_population
from bot.sim.session import Manager, SessionOutcome, run_session
from bot.sim.user import TagSpace

if TYPE_CHECKING:  # pragma: no cover
    from engine.retrieval.retriever import Retriever


@dataclass
class SimulationResult:
    config: SimulationConfig
    outcomes: list[SessionOutcome]
    model: dict
    elapsed_s: float
    db_url: str | None = None

    def by_policy(self, policy: str) -> list[SessionOutcome]:
        return [o for o in self.outcomes if o.policy == policy]


def simulate(
    managers: dict[str, Manager],
    config: SimulationConfig,
    *,
    progress: bool = True,
    run_id: str | None = None,
    key: "Retriever | None" = None,
) -> SimulationResult:
    """Run every seed x user x policy; managers maps each policy to its dialogue manager.

    The simulated users judge by `key`'s relevance (default: the managers' own retriever); blind
    runs pass the full retriever here and managers that cannot read it (`build_managers`)."""
    missing = [p for p in config.policies if p not in managers]
    if missing:
        raise SimulationError(f"no dialogue manager for policy {', '.join(missing)}")
    retriever = managers[config.policies[0]].retriever
    try:
        space = TagSpace.from_retriever(key or retriever, threshold=config.threshold)
    except ValueError as error:
        raise SimulationError(f"this model cannot drive simulated users: {error}") from None
    if config.target != "far" and not space.graded:
        raise SimulationError(f"--target {config.target} needs degree-seeking users, and this catalog "
                              f"has binary tags only (no degrees to seek); use --target far")
    run_id = run_id or uuid.uuid4().hex[:8]
    started = time.perf_counter()
    outcomes: list[SessionOutcome] = []
    total = len(config.seeds) * config.users * len(config.policies)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, desc="simulating", unit="session", file=sys.stderr, leave=False)
    try:
        for seed in config.seeds:
            try:
                users = sample_population(space, config.users, seed, target=config.target,
                                          start=config.start, tolerance=config.tolerance)
            except ValueError as error:
                raise SimulationError(str(error)) from None
            for user in users:
                for policy in config.policies:
                    sid = f"sim-{run_id}-s{seed}-{policy}-{user.index:05d}"
                    outcome = run_session(managers[policy], space, user, config, policy, sid)
                    outcome.seed = int(seed)
                    outcomes.append(outcome)
                    if bar is not None:
                        bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    model = {
        "model_id": getattr(retriever, "model_id", ""),
        "n_items": int(retriever.n_items),
        "n_tags": len(retriever.tags),
        "relevance": "graded" if space.graded else "binary",
        "gap_threshold": space.threshold,
        "synthetic": bool(getattr(retriever, "synthetic", False)),
    }
    return SimulationResult(config, outcomes, model, time.perf_counter() - started)


def default_sim_db_url() -> str:
    """Simulated conversations go to their own database, never into the real chat log."""
    from engine.paths import cgir_home

    return f"sqlite:///{cgir_home() / 'simulate.db'}"


def build_managers(
    model_dir: Path | None, db_url: str, policies: tuple[str, ...], *, progress: bool = True,
    blind: bool = False,
) -> dict[str, Manager]:
    """One dialogue manager per policy, each built by `bot.runtime.build_manager` exactly as a
    chat channel builds it, all logging to the same database.

    The demo model is trained (once, cached) before the first build; the parser's tag
    embeddings are cached on disk, so the later builds take a moment only. With `blind`, the
    bot cannot read the planted relevance the simulated users judge by: the retriever holds no
    relevance and its degrees come from `engine.metrics.walks.blind_degree_model` (interactions,
    binary tags, tag counts and titles only), as in `cgir eval`'s blind walk.
    """
    from bot.runtime import build_manager

    if model_dir is None:
        from engine.training.demo import ensure_demo_model

        model_dir = ensure_demo_model(progress=progress)
    prepare = _withhold_relevance(Path(model_dir)) if blind else None
    return {p: build_manager(model_dir, db_url, policy=p, progress=progress, prepare=prepare)
            for p in policies}


def _withhold_relevance(model_dir: Path):  # -> Callable[[Retriever], None]
    """A `build_manager(prepare=...)` hook that removes the planted relevance from the bot's
    retriever and gives it degrees built without it (built once, shared by every policy)."""
    from engine.data import load_dataset
    from engine.errors import CGIRError
    from engine.metrics.walks import blind_degree_model
    from engine.models.checkpoint import check_dataset, read_manifest

    dataset = load_dataset("demo")
    try:
        check_dataset(read_manifest(model_dir), dataset, model_dir)
    except CGIRError as error:
        raise SimulationError(f"blind runs rebuild the degrees from the model's dataset, the "
                              f"default demo world: {error}") from None
    built: dict[str, object] = {}

    def withhold(retriever: "Retriever") -> None:
        if "model" not in built:
            try:
                built["model"] = blind_degree_model(retriever, dataset,
                                                    phrase_encode=retriever.degree_model.encode)
            except CGIRError as error:
                raise SimulationError(f"cannot build blind degrees: {error}") from None
        retriever.relevance = None
        retriever.use_degree_model(built["model"])

    return withhold
