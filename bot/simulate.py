"""Simulated users that measure multi-turn critiquing through the real dialogue manager.

The protocol follows the critiquing literature's simulators (latent linear critiquing and its
successors): sample users, each with a hidden target item and a different starting item; at
most ``max_turns`` critiques; a session succeeds when the target is among the items the bot
shows and fails when turns or usable tags run out. Each turn the user (bot/sim/user.py) picks
one tag it has not used yet, says it in natural language (bot/sim/templates.py), sends it
through the same :class:`~bot.dialogue.DialogueManager` and store a real chat uses, then picks
the shown item closest to its target ("#k") when it is closer than the current one.

Policies are compared on the same users (same targets, starts and random streams):
``gradient`` (the 10-step gradient sequence), ``list`` (top 10 at gamma = 1) and ``single``
(top 1 at gamma = 1). Proportions get Wilson intervals, means and paired differences
percentile-bootstrap intervals (bot/sim/stats.py).

Parser misunderstandings are counted per critique turn by comparing what the user meant
(tag, sign) with what the reply says it understood.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from bot.sim.stats import (
    Estimate,
    bootstrap_mean,
    paired_difference,
    session_lengths,
    success_curve,
    wilson_interval,
)
from bot.sim.templates import PHRASINGS, phrase
from bot.sim.user import (
    START_MODES,
    STRATEGIES,
    TagSpace,
    UserSpec,
    choose_critique,
    noisy_critique,
    pick_closest,
    sample_users,
)
from engine.errors import CGIRError

POLICIES = ("gradient", "list", "single")


class SimulationError(CGIRError):
    """Simulation options are invalid or the model cannot support simulated users."""


class Manager(Protocol):
    retriever: Any

    def handle(self, session_id: str, text: str): ...


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

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class SessionOutcome:
    """One simulated conversation."""

    policy: str
    seed: int
    user: int
    session_id: str
    target_id: int
    start_id: int
    success_turn: int = 0  # 1-based turn at which the target was shown; 0 = failure
    turns_used: int = 0  # critiques sent
    # "success", "turns" (ran out of turns), "tags" (no usable tag left), "no_start" (the bot
    # never accepted the starting item; left out of every rate)
    end: str = "turns"
    critiques: int = 0
    noisy: int = 0
    misunderstood: int = 0  # any of the four below
    not_understood: int = 0
    clarification: int = 0
    wrong_tag: int = 0
    wrong_sign: int = 0
    picks: list[int] = field(default_factory=list)  # 1-based positions chosen
    said: list[str] = field(default_factory=list)
    misreads: list[dict] = field(default_factory=list)  # what was said, meant and understood

    def to_json(self) -> dict:
        return asdict(self)


def _button_for(reply, tag: str) -> str | None:
    """The payload of a clarification button that offers the tag the user meant."""
    wanted = tag.lower()
    for button in getattr(reply, "buttons", []) or []:
        title = " ".join(str(getattr(button, "title", "")).lower().split())
        if title == wanted or title.endswith(" " + wanted):
            return str(getattr(button, "payload", ""))
    return None


def _start(manager: Manager, session_id: str, item_id: int, title: str) -> bool:
    """Open the conversation at the starting item: by id, else by title. True when accepted."""
    for text in (f"start from {item_id}", f"start from {title}", f"something like {title}"):
        reply = manager.handle(session_id, text)
        current = getattr(reply, "current", None)
        if current is not None and int(current.item_id) == item_id:
            return True
    return False


def run_session(
    manager: Manager,
    space: TagSpace,
    user: UserSpec,
    config: SimulationConfig,
    policy: str,
    session_id: str,
) -> SessionOutcome:
    """Play one user against one manager; every turn is a real `handle` call (and a logged turn)."""
    retriever = manager.retriever
    ids = retriever.item_ids
    row_of_id = getattr(retriever, "_row_of_id", None) or {int(x): i for i, x in enumerate(ids)}
    target_id = int(ids[user.target])
    outcome = SessionOutcome(policy, int(config.seeds[0]), user.index, session_id, target_id,
                             int(ids[user.start]))
    # The same stream for every policy: identical trajectories make identical choices.
    rng = np.random.default_rng(user.seed)
    if not _start(manager, session_id, int(ids[user.start]), retriever.titles[user.start]):
        # The parser took none of the ways of naming this item; the same happens under every
        # policy, so the user is left out of all of them (and counted) rather than failing.
        outcome.end = "no_start"
        return outcome
    current = user.start
    used: set[int] = set()
    for turn in range(1, config.max_turns + 1):
        if config.noise > 0 and rng.random() < config.noise:
            choice = noisy_critique(len(space.tags), used, rng)
            noisy = True
        else:
            choice = choose_critique(space.gaps(user.target, current), used, config.strategy, rng,
                                     popularity=space.popularity, threshold=space.threshold)
            noisy = False
        if choice is None:
            outcome.end = "tags"
            break
        tag, alpha = choice
        used.add(tag)
        name = space.tags[tag]
        text = phrase(name, alpha, rng, config.phrasing, space.tags)
        outcome.turns_used = turn
        outcome.critiques += 1
        outcome.noisy += noisy
        outcome.said.append(text)
        reply = manager.handle(session_id, text)
        # Misunderstandings are read off the first answer, before any clarification.
        kind = None
        if not reply.understood or reply.intent != "critique":
            # Includes a critique read as a title ("which one do you mean?"): not a tag question.
            kind = "not_understood"
        elif reply.clarification:
            kind = "clarification"
        elif reply.tag != name:
            kind = "wrong_tag"
        elif reply.alpha != alpha:
            kind = "wrong_sign"
        if kind is not None:
            setattr(outcome, kind, getattr(outcome, kind) + 1)
            outcome.misunderstood += 1
            outcome.misreads.append({"said": text, "meant": [name, alpha], "kind": kind,
                                     "heard": [reply.tag, reply.alpha], "intent": reply.intent})
        if kind == "clarification":
            payload = _button_for(reply, name)
            if payload is not None:  # the user answers the question; not a new critique turn
                reply = manager.handle(session_id, payload)
        moved = getattr(reply, "current", None)
        if moved is not None and int(moved.item_id) != int(ids[current]):
            # The parser read the critique as a title or selection and the bot jumped: the user
            # says "undo" (not a critique turn) to get back to where they were.
            undone = manager.handle(session_id, "undo")
            back = getattr(undone, "current", None)
            if back is None or int(back.item_id) != int(ids[current]):
                current = row_of_id.get(int(moved.item_id), current)
            continue
        shown = [int(s.item_id) for s in (reply.sequence or [])]
        if target_id in shown:
            outcome.success_turn = turn
            outcome.end = "success"
            break
        rows = [row_of_id[i] for i in shown if i in row_of_id]
        best = pick_closest(space, user.target, rows, current)
        if best is not None:
            chosen = manager.handle(session_id, f"#{best + 1}")
            chosen_item = getattr(chosen, "current", None)
            if chosen_item is not None and int(chosen_item.item_id) == shown[best]:
                current = rows[best]
                outcome.picks.append(best + 1)
    return outcome


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
) -> SimulationResult:
    """Run every seed x user x policy; managers maps each policy to its dialogue manager."""
    missing = [p for p in config.policies if p not in managers]
    if missing:
        raise SimulationError(f"no dialogue manager for policy {', '.join(missing)}")
    retriever = managers[config.policies[0]].retriever
    try:
        space = TagSpace.from_retriever(retriever, threshold=config.threshold)
    except ValueError as error:
        raise SimulationError(f"this model cannot drive simulated users: {error}") from None
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
                users = sample_users(space, config.users, seed, start=config.start)
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
    model_dir: Path | None, db_url: str, policies: tuple[str, ...], *, progress: bool = True
) -> dict[str, Manager]:
    """One dialogue manager per policy, each built by `bot.runtime.build_manager` exactly as a
    chat channel builds it, all logging to the same database.

    The demo model is trained (once, cached) before the first build; the parser's tag
    embeddings are cached on disk, so the later builds take a moment only.
    """
    from bot.runtime import build_manager

    if model_dir is None:
        from engine.demo_model import ensure_demo_model

        model_dir = ensure_demo_model(progress=progress)
    return {p: build_manager(model_dir, db_url, policy=p, progress=progress) for p in policies}


# -- summaries -----------------------------------------------------------------------------


def _arrays(outcomes: list[SessionOutcome]) -> tuple[np.ndarray, np.ndarray]:
    success = np.array([o.success_turn for o in outcomes], dtype=np.int64)
    lengths = session_lengths(success, [o.turns_used for o in outcomes])
    return success, lengths


def save_sessions(result: SimulationResult, path: Path) -> Path:
    """One JSON line per simulated session, after a header line with the config and model."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(json.dumps({"config": result.config.to_json(), "model": result.model,
                              "elapsed_s": result.elapsed_s}) + "\n")
        for outcome in result.outcomes:
            out.write(json.dumps(outcome.to_json(), ensure_ascii=False) + "\n")
    return path


def load_sessions(paths: list[Path]) -> SimulationResult:
    """Merge files written by `save_sessions` (e.g. one run per seed) into one result."""
    known = set(SessionOutcome.__dataclass_fields__)
    outcomes: list[SessionOutcome] = []
    headers: list[dict] = []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise SimulationError(f"cannot read {path}: {error.strerror}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if "config" in data:
                    headers.append(data)
                else:
                    outcomes.append(SessionOutcome(**{k: v for k, v in data.items() if k in known}))
            except (ValueError, TypeError) as error:
                raise SimulationError(f"{path}:{number} is not a saved session ({error}); give files "
                                      f"written by --sessions-out") from None
    if not headers or not outcomes:
        raise SimulationError("no saved sessions found; give files written by --sessions-out")
    first = dict(headers[0]["config"])
    for h in headers[1:]:
        other = h["config"]
        for key in ("max_turns", "strategy", "noise", "start", "phrasing", "users"):
            if other.get(key) != first.get(key):
                raise SimulationError(f"cannot merge runs with different {key}: "
                                      f"{first.get(key)!r} and {other.get(key)!r}")
        if h["model"].get("model_id") != headers[0]["model"].get("model_id"):
            raise SimulationError("cannot merge runs of different models")
    seeds = sorted({o.seed for o in outcomes})
    first["seeds"] = tuple(seeds)
    first["policies"] = tuple(p for p in POLICIES if any(o.policy == p for o in outcomes))
    config = SimulationConfig(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in first.items()})
    return SimulationResult(config, outcomes, headers[0]["model"],
                            sum(float(h.get("elapsed_s", 0.0)) for h in headers))


def _common_misreads(outcomes: list[SessionOutcome], top: int = 10) -> list[dict]:
    """The most frequent misunderstood wordings, for whoever improves the parser."""
    counts: dict[tuple, dict] = {}
    for o in outcomes:
        for m in o.misreads:
            key = (m["said"], m["kind"], tuple(m["heard"]))
            entry = counts.setdefault(key, m | {"count": 0})
            entry["count"] += 1
    return sorted(counts.values(), key=lambda e: (-e["count"], e["said"]))[:top]


def summarize_policy(outcomes: list[SessionOutcome], max_turns: int) -> dict:
    """Success at 1..T (Wilson), session length (bootstrap), misunderstanding rates (Wilson)."""
    unstarted = sum(o.end == "no_start" for o in outcomes)
    outcomes = [o for o in outcomes if o.end != "no_start"]
    success, lengths = _arrays(outcomes)
    critiques = sum(o.critiques for o in outcomes)
    curve = success_curve(success, max_turns)
    ends = {e: sum(o.end == e for o in outcomes) for e in ("success", "turns", "tags")}
    picks = [p for o in outcomes for p in o.picks]

    def rate(key: str) -> dict:
        return wilson_interval(sum(getattr(o, key) for o in outcomes), critiques).to_json()

    per_seed = {}
    for seed in sorted({o.seed for o in outcomes}):
        s_success, s_lengths = _arrays([o for o in outcomes if o.seed == seed])
        per_seed[str(seed)] = {
            "success": wilson_interval(int((s_success > 0).sum()), len(s_success)).to_json(),
            "session_length": bootstrap_mean(s_lengths, seed=seed).to_json(),
        }
    return {
        "users": len(outcomes),
        "unstarted": unstarted,
        "success": curve[-1].to_json(),
        "success_at": [e.to_json() for e in curve],
        "session_length": bootstrap_mean(lengths).to_json(),
        "turns_to_success": bootstrap_mean(success[success > 0]).to_json(),
        "ends": ends,
        "critiques": critiques,
        "noisy_critiques": sum(o.noisy for o in outcomes),
        "misunderstood": rate("misunderstood"),
        "not_understood": rate("not_understood"),
        "clarification": rate("clarification"),
        "wrong_tag": rate("wrong_tag"),
        "wrong_sign": rate("wrong_sign"),
        "mean_pick_position": float(np.mean(picks)) if picks else None,
        "misread_examples": _common_misreads(outcomes),
        "per_seed": per_seed,
    }


def compare(a: list[SessionOutcome], b: list[SessionOutcome]) -> dict:
    """Paired differences a - b over the same (seed, user): success rate and session length."""
    key = {(o.seed, o.user): o for o in b if o.end != "no_start"}
    pairs = [(o, key[(o.seed, o.user)]) for o in a if (o.seed, o.user) in key and o.end != "no_start"]
    a_s, a_l = _arrays([p[0] for p in pairs])
    b_s, b_l = _arrays([p[1] for p in pairs])
    return {
        "pairs": len(pairs),
        "success": paired_difference((a_s > 0).astype(float), (b_s > 0).astype(float)).to_json(),
        "session_length": paired_difference(a_l, b_l).to_json(),
    }


def summarize(result: SimulationResult) -> dict:
    """The `cgir simulate --json` object."""
    config = result.config
    policies = {p: summarize_policy(result.by_policy(p), config.max_turns) for p in config.policies}
    comparisons = {}
    for i, p in enumerate(config.policies):
        for q in config.policies[i + 1:]:
            comparisons[f"{p}-{q}"] = compare(result.by_policy(p), result.by_policy(q))
    turns = sum(o.critiques for o in result.outcomes)
    return {
        "config": config.to_json(),
        "model": result.model,
        "protocol": {
            "success": "the target is among the items shown after a critique",
            "session_length": "critiques until success, else critiques spent before giving up",
            "intervals": "95 %: Wilson for rates, percentile bootstrap (2000 resamples) for means "
                         "and paired differences",
            "distance": "mean absolute relevance difference" if result.model["relevance"] == "graded"
                        else "1 - Jaccard of binary tag sets",
        },
        "policies": policies,
        "comparisons": comparisons,
        "elapsed_s": round(result.elapsed_s, 2),
        "critique_turns": turns,
        "ms_per_critique_turn": round(1000 * result.elapsed_s / max(turns, 1), 2),
        "db": result.db_url,
    }


def format_summary(summary: dict) -> str:
    """A human-readable table of `summarize`."""
    lines = [
        f"model {summary['model']['model_id']} ({summary['model']['n_items']} items, "
        f"{summary['model']['relevance']} relevance); {summary['config']['users']} users x "
        f"{len(summary['config']['seeds'])} seed(s); strategy {summary['config']['strategy']}, "
        f"noise {summary['config']['noise']}",
        f"{'policy':10} {'success@T':>24} {'avg length':>24} {'misunderstood':>24}",
    ]
    for name, p in summary["policies"].items():
        s, ln, m = (Estimate(**{k: v for k, v in p[k].items()})
                    for k in ("success", "session_length", "misunderstood"))
        lines.append(f"{name:10} {str(s):>24} {str(ln):>24} {str(m):>24}")
    curve_head = " ".join(f"{t:>5}" for t in range(1, summary["config"]["max_turns"] + 1))
    lines.append(f"success at turn  {curve_head}")
    for name, p in summary["policies"].items():
        lines.append(f"{name:16} " + " ".join(f"{e['value']:5.2f}" for e in p["success_at"]))
    for pair, c in summary["comparisons"].items():
        lines.append(f"{pair:16} success diff {Estimate(**c['success'])}, "
                     f"length diff {Estimate(**c['session_length'])}")
    lines.append(f"{summary['critique_turns']} critique turns in {summary['elapsed_s']} s "
                 f"({summary['ms_per_critique_turn']} ms each, selections included)")
    return "\n".join(lines)


def markdown_summary(summary: dict) -> str:
    """Markdown tables of `summarize` (for docs/results)."""
    def pct(e: dict) -> str:
        return f"{100 * e['value']:.1f} % [{100 * e['low']:.1f}, {100 * e['high']:.1f}]"

    def num(e: dict, scale: float = 1.0, unit: str = "") -> str:
        return f"{scale * e['value']:+.1f}{unit} [{scale * e['low']:+.1f}, {scale * e['high']:+.1f}]"

    turns = summary["config"]["max_turns"]
    out = ["| policy | users | success @ " + str(turns) + " | avg session length | turns to success "
           "| misunderstood | ended: success / turns / tags |", "|---|---|---|---|---|---|---|"]
    for name, p in summary["policies"].items():
        length, to_success = p["session_length"], p["turns_to_success"]
        ends = p["ends"]
        out.append(
            f"| {name} | {p['users']} | {pct(p['success'])} | {length['value']:.2f} "
            f"[{length['low']:.2f}, {length['high']:.2f}] | "
            + (f"{to_success['value']:.2f}" if to_success["n"] else "-")
            + f" | {pct(p['misunderstood'])} | {ends['success']} / {ends['turns']} / {ends['tags']} |")
    out += ["", "| success at turn | " + " | ".join(str(t) for t in range(1, turns + 1)) + " |",
            "|---|" + "---|" * turns]
    for name, p in summary["policies"].items():
        out.append(f"| {name} | " + " | ".join(f"{100 * e['value']:.1f}" for e in p["success_at"]) + " |")
    if summary["comparisons"]:
        out += ["", "| paired difference (same users) | success (points) | session length (turns) |",
                "|---|---|---|"]
        for pair, c in summary["comparisons"].items():
            out.append(f"| {pair.replace('-', ' - ')} | {num(c['success'], 100)} | "
                       f"{num(c['session_length'])} |")
    seeds = summary["config"]["seeds"]
    if len(seeds) > 1:
        out += ["", "| per seed: success @ " + str(turns) + " | " + " | ".join(f"seed {s}" for s in seeds)
                + " |", "|---|" + "---|" * len(seeds)]
        for name, p in summary["policies"].items():
            out.append(f"| {name} | " + " | ".join(pct(p["per_seed"][str(s)]["success"]) for s in seeds) + " |")
    return "\n".join(out)


def plot_summary(summary: dict, out: Path, name: str = "success_vs_turns.png") -> Path:
    """Success against turns per policy; `out` is a folder, or a file name ending in .png."""
    from bot.sim.plots import success_plot

    out = Path(out)
    path = out if out.suffix.lower() == ".png" else out / name

    curves = {p: [Estimate(**e) for e in v["success_at"]] for p, v in summary["policies"].items()}
    model = summary["model"]
    title = (f"{model['n_items']} items, {model['relevance']} relevance, "
             f"{summary['policies'][next(iter(curves))]['users']} users/policy, "
             f"strategy {summary['config']['strategy']}")
    return success_plot(curves, path, title)
