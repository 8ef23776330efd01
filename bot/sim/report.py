"""Simulation results: saved and combined as JSON lines, summarised with intervals, printed,
written as markdown and plotted (bot/sim/stats.py does the statistics)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bot.sim.config import POLICIES, SimulationConfig, SimulationError
from bot.sim.run import SimulationResult
from bot.sim.session import SessionOutcome
from bot.sim.stats import session_lengths, success_curve
from engine.metrics.stats import Estimate, bootstrap_mean, paired_difference, wilson_interval


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
        for key in ("max_turns", "strategy", "noise", "start", "phrasing", "users", "target",
                    "tolerance_degree", "tolerance_others"):
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

    def rate(key: str, of: int = critiques) -> dict:
        return wilson_interval(sum(getattr(o, key) for o in outcomes), of).to_json()

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
        "graded_critiques": sum(o.graded for o in outcomes),
        "wrong_size": rate("wrong_size", sum(o.graded for o in outcomes)),
        "by_target": _by_target(outcomes, max_turns),
        "mean_pick_position": float(np.mean(picks)) if picks else None,
        "misread_examples": _common_misreads(outcomes),
        "per_seed": per_seed,
    }


def _by_target(outcomes: list[SessionOutcome], max_turns: int) -> dict:
    """Success at 1..T per kind of user (far-target, degree-seeking)."""
    out = {}
    for kind in ("degree", "far"):
        mine = [o for o in outcomes if o.kind == kind]
        if mine:
            curve = success_curve(_arrays(mine)[0], max_turns)
            out[kind] = {"users": len(mine), "success": curve[-1].to_json(),
                         "success_at": [e.to_json() for e in curve]}
    return out


EARLY_TURN = 5  # the second success rate the comparisons report (success within 5 turns)


def compare(a: list[SessionOutcome], b: list[SessionOutcome]) -> dict:
    """Paired differences a - b over the same (seed, user): success rate (at T and within
    EARLY_TURN turns) and session length."""
    key = {(o.seed, o.user): o for o in b if o.end != "no_start"}
    pairs = [(o, key[(o.seed, o.user)]) for o in a if (o.seed, o.user) in key and o.end != "no_start"]
    a_s, a_l = _arrays([p[0] for p in pairs])
    b_s, b_l = _arrays([p[1] for p in pairs])
    return {
        "pairs": len(pairs),
        "success": paired_difference((a_s > 0).astype(float), (b_s > 0).astype(float)).to_json(),
        "success_at_5": paired_difference(((a_s > 0) & (a_s <= EARLY_TURN)).astype(float),
                                          ((b_s > 0) & (b_s <= EARLY_TURN)).astype(float)).to_json(),
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
    from bot.dialogue.policies import configured_policy

    return {
        "config": config.to_json(),
        "model": result.model,
        "default_policy": configured_policy(),
        "protocol": {
            "success": "far-target users: the target is among the items shown after a critique; "
                       "degree-seeking users: a shown item's degree of the asked tag is within "
                       f"{config.tolerance_degree} of the target's and its mean absolute difference "
                       f"from the reference on the other tags at most {config.tolerance_others}",
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
        f"default policy {summary.get('default_policy')}; users: {summary['config'].get('target', 'far')}",
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
        for kind, k in p.get("by_target", {}).items():
            if len(p["by_target"]) > 1:
                lines.append(f"  {kind:14} " + " ".join(f"{e['value']:5.2f}" for e in k["success_at"]))
        if p.get("graded_critiques"):
            lines.append(f"  graded wording read with another size: {Estimate(**p['wrong_size'])} "
                         f"of {p['graded_critiques']} critiques")
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
    early = min(EARLY_TURN, turns)
    out = [f"default policy: **{summary.get('default_policy')}**; users: "
           f"{summary['config'].get('target', 'far')}", "",
           f"| policy | users | success @ {turns} | success @ {early} | avg session length "
           "| turns to success | misunderstood | graded wording misread "
           "| ended: success / turns / tags |", "|---|---|---|---|---|---|---|---|---|"]
    for name, p in summary["policies"].items():
        length, to_success = p["session_length"], p["turns_to_success"]
        ends = p["ends"]
        graded = (f"{pct(p['wrong_size'])} of {p['graded_critiques']}"
                  if p.get("graded_critiques") else "-")
        out.append(
            f"| {name} | {p['users']} | {pct(p['success'])} | {pct(p['success_at'][early - 1])} | "
            f"{length['value']:.2f} [{length['low']:.2f}, {length['high']:.2f}] | "
            + (f"{to_success['value']:.2f}" if to_success["n"] else "-")
            + f" | {pct(p['misunderstood'])} | {graded} | {ends['success']} / {ends['turns']} / {ends['tags']} |")
    out += ["", "| success at turn | " + " | ".join(str(t) for t in range(1, turns + 1)) + " |",
            "|---|" + "---|" * turns]
    for name, p in summary["policies"].items():
        out.append(f"| {name} | " + " | ".join(f"{100 * e['value']:.1f}" for e in p["success_at"]) + " |")
        kinds = p.get("by_target", {})
        if len(kinds) > 1:
            for kind, k in kinds.items():
                out.append(f"| {name}, {kind} users | "
                           + " | ".join(f"{100 * e['value']:.1f}" for e in k["success_at"]) + " |")
    if summary["comparisons"]:
        out += ["", f"| paired difference (same users) | success @ {turns} (points) "
                f"| success @ {early} (points) | session length (turns) |", "|---|---|---|---|"]
        for pair, c in summary["comparisons"].items():
            at5 = num(c["success_at_5"], 100) if "success_at_5" in c else "-"
            out.append(f"| {pair.replace('-', ' - ')} | {num(c['success'], 100)} | {at5} | "
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
             f"{summary['policies'][next(iter(curves))]['users']} "
             f"{summary['config'].get('target', 'far')} users/policy")
    return success_plot(curves, path, title)
