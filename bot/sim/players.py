"""Who plays a session: far-target or degree-seeking users, drawn as `--target` asks.

A player answers three questions each turn for bot/sim/session.py: what to ask for (and in
which words), whether what was shown satisfies it, and which shown item to move to. Far-target
users are the critiquing literature's user (bot/sim/user.py); degree-seeking users want some
amount less or more of one tag (bot/sim/degree_user.py).

`--target mixed` draws half of each: user 2k is the k-th far-target user of the seed and user
2k + 1 the k-th degree-seeking one, so a mixed sample holds the first halves of the far and the
degree samples of the same seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.sim.degree_user import Tolerance, catalog_extremes, draw_goal, miss, next_request
from bot.sim.graded_templates import graded_phrase
from bot.sim.templates import phrase
from bot.sim.user import TagSpace, UserSpec, choose_critique, noisy_critique, pick_closest, sample_users

TARGETS = ("mixed", "degree", "far")


@dataclass(frozen=True)
class Request:
    """One critique a user is about to say."""

    tag: int
    alpha: int
    text: str
    size: str | None = None  # "small" / "plain" / "large" for degree-seeking users
    noisy: bool = False


class FarTargetPlayer:
    """Critiques the tag that differs most from the hidden target; success: the target is shown."""

    def __init__(self, space: TagSpace, user: UserSpec, config) -> None:
        self.space, self.user, self.config = space, user, config
        self.used: set[int] = set()

    def request(self, current: int, rng: np.random.Generator) -> Request | None:
        config, space = self.config, self.space
        if config.noise > 0 and rng.random() < config.noise:
            choice, noisy = noisy_critique(len(space.tags), self.used, rng), True
        else:
            choice = choose_critique(space.gaps(self.user.target, current), self.used,
                                     config.strategy, rng, popularity=space.popularity,
                                     threshold=space.threshold)
            noisy = False
        if choice is None:
            return None
        tag, alpha = choice
        self.used.add(tag)
        return Request(tag, alpha, phrase(space.tags[tag], alpha, rng, config.phrasing, space.tags),
                       noisy=noisy)

    def satisfied(self, rows: list[int]) -> bool:
        return self.user.target in rows

    def pick(self, rows: list[int], current: int) -> int | None:
        return pick_closest(self.space, self.user.target, rows, current)


class DegreePlayer:
    """Asks for some amount less/more of one tag; success: an item within the tolerances."""

    def __init__(self, space: TagSpace, user: UserSpec, config) -> None:
        self.space, self.user, self.config = space, user, config
        self.goal = user.goal
        self.tolerance = config.tolerance
        self.corrected: set[int] = set()

    def request(self, current: int, rng: np.random.Generator) -> Request | None:
        asked = next_request(self.space, self.goal, self.tolerance, current, self.corrected)
        if asked is None:
            return None
        tag, alpha, size = asked
        if tag != self.goal.tag:
            self.corrected.add(tag)
        text = graded_phrase(self.space.tags[tag], alpha, size, rng, self.config.phrasing, self.space.tags)
        return Request(tag, alpha, text, size=size)

    def satisfied(self, rows: list[int]) -> bool:
        return bool(rows) and bool((miss(self.space, self.goal, self.tolerance, rows) <= 1.0).any())

    def pick(self, rows: list[int], current: int) -> int | None:
        """The shown item with the smallest miss, if it beats the current item's."""
        if not rows:
            return None
        misses = miss(self.space, self.goal, self.tolerance, rows + [current])
        best = int(np.argmin(misses[:-1]))
        return best if misses[best] < misses[-1] else None


def player_for(space: TagSpace, user: UserSpec, config) -> FarTargetPlayer | DegreePlayer:
    return FarTargetPlayer(space, user, config) if user.goal is None else DegreePlayer(space, user, config)


def sample_degree_users(space: TagSpace, n_users: int, seed: int, tolerance: Tolerance) -> list[UserSpec]:
    """Deterministic degree-seeking users for a seed (start = the reference)."""
    rng = np.random.default_rng(np.random.SeedSequence([int(seed), 0xDE6]))
    extremes = catalog_extremes(space)
    users = []
    for index in range(n_users):
        goal = draw_goal(space, tolerance, rng, extremes)
        users.append(UserSpec(index, goal.target, goal.reference, int(rng.integers(0, 2**31 - 1)), goal))
    return users


def sample_population(space: TagSpace, n_users: int, seed: int, *, target: str = "mixed",
                      start: str = "random", tolerance: Tolerance = Tolerance()) -> list[UserSpec]:
    """The users of one seed: far-target, degree-seeking, or alternately one of each."""
    if target not in TARGETS:
        raise ValueError(f"target must be one of {', '.join(TARGETS)}, got {target!r}")
    if target == "far":
        return sample_users(space, n_users, seed, start=start)
    if target == "degree":
        return sample_degree_users(space, n_users, seed, tolerance)
    far = sample_users(space, (n_users + 1) // 2, seed, start=start)
    degree = sample_degree_users(space, n_users // 2, seed, tolerance)
    mixed = [u for pair in zip(far, degree) for u in pair] + far[len(degree):]
    return [UserSpec(i, u.target, u.start, u.seed, u.goal) for i, u in enumerate(mixed)]
