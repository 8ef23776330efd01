"""`cgir train` and `cgir retrieve`: thin shells over engine.training.pipeline and engine.retrieval.retriever."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _remember_order(ctx: click.Context, param: click.Parameter, value):
    """Record which of --more/--less came first, so the first critique is the JSON's "tag"."""
    if value:
        ctx.meta.setdefault("cgir_modification_order", []).append(param.name)
    return value


@click.command("train")
@click.argument("data")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Checkpoint directory [default: CGIR_HOME/models/<dataset>-<variant>].")
@click.option("--variant", type=click.Choice(["cgir", "no-vae", "no-sparse"]), default=None,
              help="The model or one of the paper's ablations [default: cgir].")
@click.option("--seed", type=int, default=None, help="Random seed [default: 0].")
@click.option("--epochs", type=int, default=None, help="Maximum epochs (early stopping may end sooner).")
@click.option("--device", type=click.Choice(["cpu", "cuda"]), default=None, help="[default: cpu]")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="A config.yml whose `cgir:` section sets hyper-parameters "
                                 "[default: $CGIR_CONFIG, else the project's own config.yml].")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def train_command(data: str, out: Path | None, variant: str | None, seed: int | None,
                  epochs: int | None, device: str | None, config_file: Path | None,
                  quiet: bool) -> None:
    """Train CGIR on DATA (a folder, a zip, a fetched name, or `demo`) and save a checkpoint.

    Hyper-parameters come from the defaults, then the `cgir:` section of config.yml, then the
    flags. Validation MRR on held-out triples is computed each epoch, with early stopping.

    \b
    Example:
        cgir train demo --out models/demo
        cgir train ../shared/data/ml-latest-small.zip --variant no-sparse --epochs 20
    """
    from engine.config import TrainConfig, project_config_path
    from engine.data import load_dataset
    from engine.paths import cgir_home
    from engine.training.pipeline import train_model

    overrides = {"variant": variant, "seed": seed, "epochs": epochs, "device": device}
    config_file = project_config_path(config_file)
    if config_file is not None:
        config = TrainConfig.from_yaml(config_file, **overrides)
    else:
        config = TrainConfig().replace(source="flags", **overrides)
    if config.device != "cpu":
        from engine.models.cgir import resolve_device

        resolve_device(config.device)  # fail before loading data
    dataset = load_dataset(data)
    out = out or cgir_home() / "models" / f"{dataset.name}-{config.variant}"
    path = train_model(dataset, config, out, progress=not quiet)
    if not dataset.synthetic:  # films the data holds that the model dropped, so the bot can name them
        from engine.retrieval.cold import COLD_FILE, cold_items_of, write_cold_items
        from engine.retrieval.outside import OUTSIDE_FILE, write_outside_titles

        write_outside_titles(path / OUTSIDE_FILE, data, dataset.item_ids)
        write_cold_items(path / COLD_FILE, cold_items_of(path, data))  # placed for a start only
    manifest = json.loads((path / "config.json").read_text())
    best = manifest.get("metrics", {})
    test = manifest.get("test_metrics", {})
    click.echo(
        f"trained {manifest['name']} on {dataset.name} ({dataset.n_users} users, "
        f"{dataset.n_items} items, {dataset.n_tags} tags) in {manifest['train_seconds']:.0f} s; "
        f"best epoch {manifest['best_epoch']}: valid MRR {best.get('valid_mrr', float('nan')):.4f}; "
        f"held-out test MRR {test.get('mrr', float('nan')):.4f}, Hit@20 "
        f"{test.get('hit@20', float('nan')):.4f}",
        err=True,
    )
    click.echo(str(path))


@click.command("retrieve")
@click.argument("model")
@click.option("--item", required=True, help="Reference item: its id or (part of) its title.")
@click.option("--more", "more", multiple=True, callback=_remember_order,
              help="Tag to increase (repeatable).")
@click.option("--less", "less", multiple=True, callback=_remember_order,
              help="Tag to decrease (repeatable).")
@click.option("--steps", type=click.IntRange(1, 100), default=None,
              help="Sequence length [default: the model's, 10].")
@click.option("--gamma-min", type=float, default=None, help="First strength [default: 0.1].")
@click.option("--gamma-max", type=float, default=None, help="Last strength [default: 1.0].")
@click.option("--no-skip-seen", is_flag=True, help="Allow an item to repeat in the sequence.")
@click.option("--monotone/--paper-walk", default=True, show_default=True,
              help="Never step back along the critique's direction, or the paper's plain top-1 "
                   "per step (docs/model.md).")
@click.option("--walk", type=click.Choice(["degrees", "gamma"]), default="degrees",
              show_default=True,
              help="degrees: evenly spaced estimated degrees of the asked tags (engine/walks/degree_steps.py); "
                   "gamma: the paper's walk over gamma (the --gamma and --monotone options).")
@click.option("--json", "as_json", is_flag=True, help="Print the sequence as JSON.")
@click.pass_context
def retrieve_command(ctx: click.Context, model: str, item: str, more: tuple[str, ...],
                     less: tuple[str, ...], steps: int | None, gamma_min: float | None,
                     gamma_max: float | None, no_skip_seen: bool, monotone: bool, walk: str,
                     as_json: bool) -> None:
    """Walk from an item along one or more critiques and print the gradient sequence.

    MODEL is a checkpoint directory from `cgir train`, or `demo` for the built-in demo model
    (trained on first use). Several --more/--less compose into one modification.

    \b
    Example:
        cgir retrieve demo --item "Neon Harbor" --less action --json
        cgir retrieve models/ml --item "Toy Story" --more "dark" --less comedy --steps 5
    """
    from engine.models.checkpoint import load_retriever
    from engine.retrieval.retriever import Modification

    if not more and not less:
        raise click.UsageError("give at least one --more TAG or --less TAG")
    model_dir = Path(model)
    if model == "demo" and not model_dir.exists():
        from engine.training.demo import ensure_demo_model

        model_dir = ensure_demo_model(progress=True)
    retriever = load_retriever(model_dir)
    defaults = retriever.defaults
    steps = steps or defaults.steps
    gamma_min = defaults.gamma_min if gamma_min is None else gamma_min
    gamma_max = defaults.gamma_max if gamma_max is None else gamma_max
    if gamma_max < gamma_min:
        raise click.BadParameter("--gamma-max must not be below --gamma-min")
    row = retriever.resolve_item(item)
    order = ctx.meta.get("cgir_modification_order", [])
    groups = {"more": [(t, 1) for t in more], "less": [(t, -1) for t in less]}
    modifications, used = [], set()
    for name in order + ["more", "less"]:
        if name in used:
            continue
        used.add(name)
        for tag, alpha in groups[name]:
            modifications.append(Modification(retriever.resolve_tag(tag), alpha))
    if walk == "degrees":
        from engine.walks.gradual import gradual_walk

        sequence = gradual_walk(retriever, row, modifications, steps=steps)
    else:
        sequence = retriever.walk(row, modifications, steps=steps, gamma_min=gamma_min,
                                  gamma_max=gamma_max, skip_seen=not no_skip_seen,
                                  monotone=monotone)
    if as_json:
        click.echo(json.dumps(sequence.to_json(retriever), indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    from engine.walks.gradual import WalkLimit

    if isinstance(sequence, WalkLimit):
        stuck = sequence.modification
        word = "less" if stuck.alpha < 0 else "more"
        edge = "the floor" if stuck.alpha < 0 else "the top"
        text = (f"{retriever.titles[row]!r} is already at {edge} of {retriever.tags[stuck.tag]} "
                f"(estimated degree {sequence.degree:.2f}): no gradual walk to "
                f"{word} {retriever.tags[stuck.tag]}.")
        if sequence.suggestion is not None:
            text += (f" Try {word} {retriever.tags[sequence.suggestion.tag]} (estimated "
                     f"{sequence.suggestion_degree:.2f}).")
        click.echo(text)
        return
    critique = ", ".join(f"{'more' if m.alpha > 0 else 'less'} {retriever.tags[m.tag]}"
                         for m in modifications)
    reference_relevance = retriever.relevance_of(row, modifications[0].tag)
    caption = f"from {retriever.titles[row]!r} (id {retriever.item_ids[row]})"
    if reference_relevance is not None:
        caption += f", {retriever.tags[modifications[0].tag]} relevance {reference_relevance:.2f}"
    if retriever.synthetic:
        caption += " - synthetic demo catalog"
    table = Table(title=critique, caption=caption)
    for column in ("step", "gamma", "item id", "title", "score", "degree (est.)", "relevance"):
        table.add_column(column, justify="left" if column == "title" else "right")
    for k, step in enumerate(sequence.steps, 1):
        table.add_row(str(k), f"{step.gamma:.2f}", str(step.item_id), step.title,
                      f"{step.score:.3f}", f"{step.degree:.2f}",
                      "-" if step.relevance is None else f"{step.relevance:.2f}")
    Console(file=sys.stdout, soft_wrap=True).print(table)


COMMANDS: list[click.Command] = [train_command, retrieve_command]
