"""What a simulation runs: the policies compared, how users behave, how many, which seeds."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from bot.dialogue.policies import POLICIES
from bot.sim.degree_user import Tolerance
from bot.sim.players import TARGETS
from bot.sim.templates import PHRASINGS
from bot.sim.user import START_MODES, STRATEGIES
from engine.errors import CGIRError

__all__ = ["POLICIES", "SimulationConfig", "SimulationError"]


class SimulationError(CGIRError):
    """Simulation options are invalid or the model cannot support simulated users."""


@dataclass(frozen=True)
class SimulationConfig:
    """What to simulate. Seeds give independent user samples; policies share each sample."""

    users: int = 500
    max_turns: int = 10
    policies: tuple[str, ...] = POLICIES
    strategy: str = "diff"
    noise: float = 0.0
    seeds: tuple[int, ...] = (0,)
    start: str = "random"
    phrasing: str = "varied"
    threshold: float | None = None  # smallest relevance gap a user notices (None: 0.2 graded, any binary)
    target: str = "mixed"  # far-target users, degree-seeking users, or half each
    tolerance_degree: float = Tolerance.degree  # what a degree-seeking user accepts (degree_user.py)
    tolerance_others: float = Tolerance.others

    def __post_init__(self) -> None:
        if self.users < 1:
            raise SimulationError(f"--users must be at least 1, got {self.users}")
        if not 1 <= self.max_turns <= 100:
            raise SimulationError(f"--max-turns must be between 1 and 100, got {self.max_turns}")
        unknown = [p for p in self.policies if p not in POLICIES]
        if unknown or not self.policies:
            raise SimulationError(f"unknown policy {unknown}; use {', '.join(POLICIES)} or all")
        if self.strategy not in STRATEGIES:
            raise SimulationError(f"--strategy must be one of {', '.join(STRATEGIES)}")
        if not 0.0 <= self.noise <= 1.0:
            raise SimulationError(f"--noise is a share between 0 and 1, got {self.noise}")
        if self.start not in START_MODES:
            raise SimulationError(f"--start must be one of {', '.join(START_MODES)}")
        if self.phrasing not in PHRASINGS:
            raise SimulationError(f"--phrasing must be one of {', '.join(PHRASINGS)}")
        if not self.seeds:
            raise SimulationError("give at least one --seed")
        if self.target not in TARGETS:
            raise SimulationError(f"--target must be one of {', '.join(TARGETS)}, got {self.target!r}")
        try:
            self.tolerance
        except ValueError as error:
            raise SimulationError(str(error)) from None

    @property
    def tolerance(self) -> Tolerance:
        return Tolerance(self.tolerance_degree, self.tolerance_others)

    def to_json(self) -> dict:
        return asdict(self)
