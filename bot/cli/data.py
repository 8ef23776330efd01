"""`cgir data ...`: dataset statistics, downloads and the synthetic demo world."""

from __future__ import annotations

import json
from pathlib import Path

import click

from engine.errors import DatasetError

_LABELS = (
    ("users", "# of users"),
    ("items", "# of items"),
    ("interactions", "# of interactions"),
    ("tags", "# of tags"),
    ("tagged_items", "# of tagged items"),
    ("avg_tags_per_item", "avg. # of tags per item"),
    ("available_tags", "# of available tags in Y"),
    ("triples", "# of triples"),
)


@click.group("data")
def data() -> None:
    """Datasets: Table-2 statistics, MovieLens downloads and the synthetic demo world.

    \b
    Examples:
        cgir data demo
        cgir data stats demo
        cgir data fetch ml-latest-small
        cgir data stats ml-latest-small --json
    """


@data.command("stats")
@click.argument("path")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--lenient", is_flag=True, help="Skip (and count) malformed rows instead of failing.")
@click.option("--min-tag-support", type=click.IntRange(min=1), default=None,
              help="Items a user tag needs to be kept (default: 1 with a genome, else 5).")
@click.option("--seed", type=int, default=0, show_default=True, help="Triple sampling seed.")
def stats(path: str, as_json: bool, lenient: bool, min_tag_support: int | None,
          seed: int) -> None:
    """Print the paper's Table-2 figures (and the triple count) for a dataset.

    PATH is a MovieLens folder or .zip, a fetched release name, or `demo`.

    \b
    Example:
        cgir data stats ../shared/data/ml-latest-small.zip --json
    """
    from engine.data import load_dataset
    from engine.data.stats import dataset_stats

    dataset = load_dataset(path, lenient=lenient, min_tag_support=min_tag_support)
    figures = dataset_stats(dataset, seed=seed)
    skipped = dataset.meta.get("skipped_rows") or {}
    if as_json:
        if skipped:
            figures["skipped_rows"] = skipped
        click.echo(json.dumps(figures))
        return
    if dataset.synthetic:
        click.echo("SYNTHETIC demo world (invented titles, users and ratings; not MovieLens)")
    click.echo(f"dataset: {dataset.name}  ({dataset.meta.get('layout')} layout, "
               f"min tag support {dataset.meta.get('min_tag_support')})")
    for key, label in _LABELS:
        value = figures[key]
        text = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
        click.echo(f"  {label:<26}{text:>12}")
    for name, count in skipped.items():
        click.echo(f"  skipped {count:,} malformed rows of {name}", err=True)


@data.command("fetch")
@click.argument("name")
@click.option("--dest", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the archive (default: $CGIR_HOME/datasets).")
@click.option("--url", default=None, help="Download from this URL instead of GroupLens; "
              "its MD5 is read from URL.md5.")
@click.option("--force", is_flag=True, help="Download again even if a verified copy exists.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def fetch(name: str, dest: Path | None, url: str | None, force: bool, quiet: bool) -> None:
    """Download a MovieLens release, verified against the MD5 GroupLens publishes.

    NAME is one of ml-100k, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m, ml-latest, ml-latest-small.

    \b
    Example:
        cgir data fetch ml-latest-small
    """
    from engine.data.fetch import fetch_release

    path = fetch_release(name, dest=dest, url=url, progress=not quiet, force=force)
    click.echo(f"{name}: {path}")
    click.echo(f"next: cgir data stats {name if dest is None else path}")


@data.command("outside")
@click.argument("model", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("source")
def outside(model: Path, source: str) -> None:
    """Remember the titles SOURCE holds that MODEL lacks (too few ratings), so the bot names them.

    `cgir train` writes them beside a new checkpoint; for an older one this writes them under
    $CGIR_HOME/cache (the checkpoint folder is left alone).

    \b
    Example:
        cgir data outside MODEL ../shared/data/ml-latest-small.zip
    """
    from engine.retrieval.outside import remember_outside_titles

    path = remember_outside_titles(model, source)
    count = len(json.loads(path.read_text(encoding="utf-8"))["titles"])
    click.echo(f"{count} title{'' if count == 1 else 's'} outside the model: {path}")
    from engine.retrieval.cold import load_cold_items

    cold = load_cold_items(model, json.loads((model / "config.json").read_text(encoding="utf-8")).get("model_id", ""))
    if cold is not None:  # the rated ones among them, placed for a start (engine.retrieval.cold)
        click.echo(f"{cold.n} of them placed for a start (>= 5 ratings)")


@data.command("demo")
@click.option("--dest", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: $CGIR_HOME/demo for the default world).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--items", "n_items", type=click.IntRange(min=10), default=3000, show_default=True)
@click.option("--users", "n_users", type=click.IntRange(min=5), default=2000, show_default=True)
@click.option("--interactions", type=click.IntRange(min=1), default=None,
              help="Rating rows to write (default 155 per user, ~150k interactions by default).")
def demo(dest: Path | None, seed: int, n_items: int, n_users: int,
         interactions: int | None) -> None:
    """Write the SYNTHETIC demo world (ml-latest CSV layout with a tag genome).

    \b
    Examples:
        cgir data demo
        cgir data demo --dest /tmp/big --items 1000000 --users 50000
    """
    from engine.data.demo import ensure_default_demo, write_demo
    from engine.paths import cgir_home

    default = (seed, n_items, n_users, interactions) == (0, 3000, 2000, None)
    if dest is None:
        if default:
            path = ensure_default_demo(cgir_home())
        else:
            path = write_demo(cgir_home() / f"demo-s{seed}-i{n_items}-u{n_users}", seed=seed,
                              n_items=n_items, n_users=n_users, interactions=interactions)
    else:
        if dest.exists() and any(dest.iterdir()) and not (dest / "cgir-demo.json").exists():
            raise DatasetError(f"{dest} is not empty and holds no demo world; give an empty "
                               f"or new --dest")
        path = write_demo(dest, seed=seed, n_items=n_items, n_users=n_users,
                          interactions=interactions)
    info = json.loads((path / "cgir-demo.json").read_text())
    click.echo(f"SYNTHETIC demo world written to {path}")
    click.echo(f"  {info['n_items']:,} invented items, {info['n_users']:,} invented users, "
               f"{info['ratings']:,} ratings, {len(info['tags'])} tags (seed {info['seed']})")
    click.echo(f"next: cgir data stats {'demo' if dest is None and default else path}")


COMMANDS: list[click.Command] = [data]
