"""`cgir simulate`: simulated users critique through the real dialogue manager."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.dialogue.policies import POLICIES

@click.command("simulate")
@click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Checkpoint folder (default: the cached demo model, trained on first use).")
@click.option("--db", "db_url", default=None, metavar="URL",
              help="Database the simulated conversations are logged to "
                   "(default: simulate.db under the cgir home, apart from real chats).")
@click.option("--users", type=int, default=200, show_default=True, help="Simulated users per seed.")
@click.option("--max-turns", type=int, default=10, show_default=True, help="Critiques allowed per session.")
@click.option("--policy", type=click.Choice([*POLICIES, "all"]), default="all",
              show_default=True, help="What the bot shows after a critique; all compares the four.")
@click.option("--target", type=click.Choice(["mixed", "degree", "far"]), default="mixed", show_default=True,
              help="degree: users who want some amount less/more of one tag; far: users hunting one "
                   "specific item; mixed: half each.")
@click.option("--tolerance-degree", type=float, default=0.1, show_default=True,
              help="Degree-seeking users accept an item this close to the target's degree.")
@click.option("--tolerance-others", type=float, default=0.15, show_default=True,
              help="... and this close to the reference on the other tags (mean absolute difference).")
@click.option("--strategy", type=click.Choice(["diff", "pop", "random"]), default="diff", show_default=True,
              help="How a far-target user picks the tag to critique.")
@click.option("--noise", type=float, default=0.0, show_default=True,
              help="Share of critiques replaced by a random tag and sign.")
@click.option("--seed", "seeds", type=int, multiple=True, default=(0,), show_default=True,
              help="Seed of the user sample; repeat for several independent samples.")
@click.option("--start", type=click.Choice(["random", "near", "far"]), default="random", show_default=True,
              help="Starting item: uniform, or from the nearest / farthest third of the catalog.")
@click.option("--phrasing", type=click.Choice(["varied", "plain"]), default="varied", show_default=True,
              help="varied: natural templates that exercise the parser; plain: 'more X' / 'less X'.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
@click.option("--markdown", "as_markdown", is_flag=True, help="Print Markdown tables instead of text.")
@click.option("--plot", "plot_dir", type=click.Path(path_type=Path), default=None,
              help="Write success_vs_turns.png into this folder (or to this .png file).")
@click.option("--sessions-out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write one JSON line per simulated session (target, turns, what was said).")
@click.option("--combine", type=click.Path(dir_okay=False, exists=True, path_type=Path), multiple=True,
              help="Summarise files saved with --sessions-out (repeatable) instead of simulating.")
@click.option("--quiet", is_flag=True, help="No progress bar on stderr.")
def simulate_command(model_dir: Path | None, db_url: str | None, users: int, max_turns: int,
                     policy: str, target: str, tolerance_degree: float, tolerance_others: float,
                     strategy: str, noise: float, seeds: tuple[int, ...], start: str,
                     phrasing: str, as_json: bool, as_markdown: bool, plot_dir: Path | None,
                     sessions_out: Path | None, combine: tuple[Path, ...], quiet: bool) -> None:
    """Simulated users critique their way to a hidden target through the real dialogue manager;
    compare the policies (adaptive, the gradient walk, a top-10 list, single-item critiquing).

    Far-target users (--target far) hunt one hidden item: each turn they critique the tag that
    differs most (strategy diff), in natural words, and pick the shown item closest to it;
    success: the target is shown. Degree-seeking users (--target degree) want some amount
    less/more of one tag ("a bit less dark"), keeping the rest; success: an item within the
    tolerances is shown. --target mixed (default) draws half each. Reports success at 1..T turns and
    average session length with 95 % intervals, and the parser's misunderstanding rate. Every
    turn is logged, so `cgir logs stats --db ...` works on the result.

    \b
    Examples:
        cgir simulate --users 50 --json
        cgir simulate --model models/ml-small --users 500 --seed 0 --seed 1 --seed 2 --plot docs/img
        cgir simulate --combine s0.jsonl --combine s1.jsonl --json
    """
    from bot.sim.config import SimulationConfig
    from bot.sim.report import load_sessions, plot_summary, save_sessions, summarize
    from bot.sim.run import build_managers, default_sim_db_url, simulate

    if combine:
        # Summarise saved runs (e.g. one per seed, run in parallel) without simulating again.
        result = load_sessions(list(combine))
        summary = summarize(result)
        if plot_dir is not None:
            summary["plot"] = str(plot_summary(summary, plot_dir))
        _echo_summary(summary, as_json, as_markdown)
        return
    from bot.dialogue.policies import POLICIES

    policies = POLICIES if policy == "all" else (policy,)
    config = SimulationConfig(users=users, max_turns=max_turns, policies=policies, strategy=strategy,
                              noise=noise, seeds=tuple(dict.fromkeys(seeds)), start=start,
                              phrasing=phrasing, target=target, tolerance_degree=tolerance_degree,
                              tolerance_others=tolerance_others)
    db_url = db_url or default_sim_db_url()
    managers = build_managers(model_dir, db_url, policies, progress=not quiet)
    try:
        result = simulate(managers, config, progress=not quiet)
    finally:
        for manager in managers.values():
            manager.close()
    result.db_url = db_url
    summary = summarize(result)
    if plot_dir is not None:
        summary["plot"] = str(plot_summary(summary, plot_dir))
    if sessions_out is not None:
        save_sessions(result, sessions_out)
    _echo_summary(summary, as_json, as_markdown)
    if not as_json:
        click.echo(f"turns logged to {db_url}; analyse them with: cgir logs stats --db {db_url}", err=True)


def _echo_summary(summary: dict, as_json: bool, as_markdown: bool) -> None:
    from bot.sim.report import format_summary, markdown_summary

    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
    elif as_markdown:
        click.echo(markdown_summary(summary))
    else:
        click.echo(format_summary(summary))


COMMANDS: list[click.Command] = [simulate_command]
