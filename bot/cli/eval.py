"""`cgir eval`: the paper's tables (Table 1 and Table 3) on any dataset we can load."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from engine.errors import CGIRError


def _seeds(value: str) -> tuple[int, ...]:
    """"3" -> seeds 0, 1, 2; "0,5,9" -> exactly those."""
    text = str(value).strip()
    if re.fullmatch(r"\d+", text):
        n = int(text)
        if n < 1:
            raise CGIRError("--seeds must be at least 1")
        return tuple(range(n))
    try:
        seeds = tuple(int(s) for s in text.split(",") if s.strip())
    except ValueError:
        raise CGIRError(f"--seeds takes a count (3) or a comma list (0,1,2), got {value!r}") \
            from None
    if not seeds:
        raise CGIRError("--seeds needs at least one seed")
    return seeds


def _betas(value: str) -> tuple[float, ...]:
    try:
        betas = tuple(float(b) for b in value.split(",") if b.strip())
    except ValueError:
        raise CGIRError(f"--betas takes a comma list of numbers, got {value!r}") from None
    if not betas or any(b < 0 for b in betas):
        raise CGIRError("--betas needs non-negative numbers, e.g. 0,0.1,0.2,0.5")
    return betas


@click.command("eval")
@click.argument("data")
@click.option("--models", default="all", show_default=True,
              help="all, or a comma list of: cbir, dscmr, tirg, cgir, cgir-no-vae, cgir-no-sparse.")
@click.option("--seeds", default="3", show_default=True,
              help="How many seeds (3 = seeds 0,1,2) or a comma list of seeds.")
@click.option("--protocol", type=click.Choice(["paper", "code"]), default="paper",
              show_default=True,
              help="paper: the paper's text; code: the authors' public code (docs/metrics.md).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for results.json, results.md and the plots "
                   "[default: runs/eval/<dataset>-<protocol>].")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object {dataset, seeds, models} on stdout.")
@click.option("--sweep", type=click.Choice(["beta"]), default=None,
              help="Instead of the comparison, train CGIR over a beta sweep (Figure 5).")
@click.option("--betas", default="0,0.05,0.1,0.2,0.5,1", show_default=True,
              help="Beta values of --sweep beta.")
@click.option("--epochs", type=click.IntRange(min=1), default=8, show_default=True,
              help="Epochs of every model (early stopping on validation MRR may stop sooner).")
@click.option("--max-steps", type=click.IntRange(min=1), default=60, show_default=True,
              help="Training steps per epoch of every model (the same budget for all).")
@click.option("--max-queries", type=click.IntRange(min=1), default=300, show_default=True,
              help="Test queries sampled per seed for MGS.")
@click.option("--max-test", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Test triples (a fixed random sample) ranked for Hit/MRR.")
@click.option("--max-triples", type=click.IntRange(min=10), default=None,
              help="Cap on triples built from the dataset (default: the engine's).")
@click.option("--device", default="cpu", show_default=True, help="cpu or cuda.")
@click.option("--threads", type=click.IntRange(min=0), default=1, show_default=True,
              help="torch threads per model (0: torch's default; 1 is fastest on a busy machine).")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
def eval_command(data: str, models: str, seeds: str, protocol: str, out_dir: Path | None,
                 as_json: bool, sweep: str | None, betas: str, epochs: int | None,
                 max_steps: int | None, max_queries: int, max_test: int | None,
                 max_triples: int | None, device: str, threads: int, quiet: bool) -> None:
    """Train every model per seed and print the paper's Table 1 and Table 3.

    DATA is a MovieLens folder or zip, a fetched release name, or `demo`. Each model trains on
    the same 80 % of the triples (validation carved from it), is measured on the held-out 20 %,
    and the tables show mean ± std over the seeds. Writes results.json, results.md and plots.
    The default budget is the one of docs/results.md (about 2 CPU-minutes per model on the
    demo world); raise --epochs/--max-steps for longer training.

    \b
    Examples:
        cgir eval demo --seeds 1
        cgir eval ../shared/data/ml-latest-small.zip --seeds 3 --out runs/ml-small
        cgir eval demo --models cgir,tirg --protocol code --json
        cgir eval demo --sweep beta --seeds 1
    """
    from engine.data import load_dataset
    from engine.eval.report import (
        finite,
        plot_sweep,
        public_json,
        sweep_markdown,
        text_tables,
        write_outputs,
    )
    from engine.eval.runner import EvalConfig, parse_models, run_beta_sweep, run_eval

    config = EvalConfig(models=parse_models(models), seeds=_seeds(seeds), protocol=protocol,
                        epochs=epochs, max_steps_per_epoch=max_steps, max_queries=max_queries,
                        max_test=max_test, max_triples=max_triples, device=device, threads=threads,
                        progress=not quiet)
    dataset = load_dataset(data)
    if out_dir is None:
        out_dir = Path("runs") / "eval" / f"{dataset.name}-{protocol}"
    out_dir.mkdir(parents=True, exist_ok=True)
    if sweep == "beta":
        result = run_beta_sweep(dataset, config, _betas(betas))
        result = finite(result)
        (out_dir / "sweep-beta.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
        (out_dir / "sweep-beta.md").write_text(sweep_markdown(result), encoding="utf-8")
        plot_sweep(result, out_dir / "fig5-beta-sweep.png")
        click.echo(json.dumps(result) if as_json else sweep_markdown(result))
        return
    results = run_eval(dataset, config, partial=lambda so_far: write_outputs(so_far, out_dir))
    write_outputs(results, out_dir)
    if as_json:
        click.echo(json.dumps(public_json(results)))
    else:
        click.echo(text_tables(results))
        click.echo(f"Wrote {out_dir}/results.json and results.md", err=True)


class _EvalGroup(click.Group):
    """`cgir eval DATA ...` is the tables command; `cgir eval judgments ...` a named evaluation."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["tables", *args]
        return super().parse_args(ctx, args)


def _eval_group() -> click.Group:
    group = _EvalGroup("eval", help="Evaluations: `cgir eval DATA` (the paper's tables, same as "
                                    "`cgir eval tables DATA`) and `cgir eval judgments MODEL FILE`.",
                       context_settings={"help_option_names": ["-h", "--help"]})
    tables = click.Command("tables", callback=eval_command.callback, params=eval_command.params,
                           help=eval_command.help, context_settings=eval_command.context_settings)
    group.add_command(tables)  # `judgments` is added by bot.cli.main (bot.cli.judgments)
    return group


COMMANDS: list[click.Command] = [_eval_group()]
