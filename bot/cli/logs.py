"""`cgir logs export|stats`: analyse logged conversations, real or simulated."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

db_option = click.option(
    "--db", "db_url", default=None, metavar="URL",
    help="Database URL (default: the chat database under the cgir home, sqlite:///.../cgir.db).",
)

sessions_option = click.option(
    "--sessions", default=None, metavar="PATTERN",
    help="Only sessions whose id matches this shell pattern, e.g. 'sim-*-gradient-*'.",
)


@click.group("logs")
def logs_group() -> None:
    """Export and analyse the conversation log (one record per turn).

    \b
    Examples:
        cgir logs export --out turns.jsonl
        cgir logs stats --db sqlite:///sim.db --plot plots/
    """


@logs_group.command("export")
@db_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--since", default=None, metavar="DATE",
              help="Only turns at or after this UTC date or date-time (2026-11-27, 2026-11-27T08:30).")
@click.option("--session", "session_id", default=None, help="Only this session.")
@sessions_option
def export_command(db_url: str | None, out_path: Path | None, fmt: str, since: str | None,
                   session_id: str | None, sessions: str | None) -> None:
    """Export every logged turn: session, time, utterance, parse, reply, items shown (gamma,
    relevance), chosen item, latency, model id.

    \b
    Example:
        cgir logs export --db sqlite:///sim.db --format csv --out turns.csv
    """
    from bot.logs.analysis import export, parse_since, read_records

    records = read_records(db_url, since=parse_since(since), session_id=session_id, sessions=sessions)
    if out_path is None:
        count = export(records, sys.stdout, fmt)
    else:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with open(out_path, "w", encoding="utf-8", newline="") as out:
            count = export(records, out, fmt)
        click.echo(f"wrote {count} turns to {out_path}", err=True)


@logs_group.command("stats")
@db_option
@click.option("--since", default=None, metavar="DATE", help="Only turns at or after this UTC date.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--plot", "plot_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write PNG plots of the distributions into this folder.")
@sessions_option
def stats_command(db_url: str | None, since: str | None, as_json: bool, plot_dir: Path | None,
                  sessions: str | None) -> None:
    """Sessions, turns and critiques per session, share of turns not understood or needing
    clarification, which position of a sequence users picked, latency p50/p95.

    \b
    Example:
        cgir logs stats --db sqlite:///sim.db --json --plot plots/
        cgir logs stats --db sqlite:///sim.db --sessions 'sim-*-single-*'
    """
    from bot.logs.analysis import format_stats, log_stats, parse_since, read_records, stats_plots

    records = read_records(db_url, since=parse_since(since), sessions=sessions)
    stats = log_stats(records)
    if plot_dir is not None:
        paths = stats_plots(records, stats, plot_dir)
        stats["plots"] = [str(p) for p in paths]
        click.echo(f"wrote {len(paths)} plots to {plot_dir}", err=True)
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False))
    else:
        click.echo(format_stats(stats))


COMMANDS: list[click.Command] = [logs_group]
