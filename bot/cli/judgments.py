"""`cgir eval judgments MODEL FILE`: the bot's degrees against people's relative judgments.

It lives in the bot layer because it grounds each attribute exactly as a chat reads
"more <attribute>" (`bot.dialogue.critique_axes.attribute_grounding`: the parser, then the degree
model's reading of words that are not a tag); the report is `engine.eval.judgments.report`.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.runtime import build_parser


@click.command("judgments")
@click.argument("model", type=click.Path(file_okay=False, path_type=Path))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (stable keys).")
@click.option("--plot", "plot_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the per-attribute plot.")
@click.option("--bootstrap", type=click.IntRange(min=100), default=1000, show_default=True,
              help="Bootstrap resamples of records for the 95 % interval.")
@click.option("--weights", "weights_mode", type=click.Choice(["auto", "shipped", "cv"]),
              default="auto", show_default=True,
              help="Feature weights of the degree score: the shipped ones, or refitted with "
                   "5-fold cross-validation by attribute on FILE (cv). auto: cv when the shipped "
                   "weights were fitted on any attribute of FILE, so no figure comes from "
                   "weights that saw the attribute.")
def judgments_command(model: Path, file: Path, as_json: bool, plot_dir: Path | None,
                      bootstrap: int, weights_mode: str) -> None:
    """Order judged movies by the bot's degree score and compare with people's judgments.

    FILE is a SoftAttributes CSV (rater_id,reference_title,soft_attribute,less_than,about_as,
    more_than) or the same records as JSONL. Each attribute is grounded as the bot grounds
    "more <attribute>" (the chat's parser and encoder); pair accuracy counts attributes the bot
    does not read as a critique at 0.5.

    \b
    Example:
        cgir eval judgments MODEL ../shared/data/soft-attributes/soft-attributes-dev.csv
    """
    from bot.dialogue.critique_axes import attribute_estimate, attribute_grounding
    from engine.models.checkpoint import load_retriever
    from engine.eval.judgments.report import judge, text_report

    retriever = load_retriever(model)
    parser = build_parser(retriever)  # also gives the degree model the chat's encoder
    result = judge(retriever, file, lambda a: attribute_grounding(parser, retriever, a),
                   estimates=lambda a: attribute_estimate(parser, retriever, a),
                   weights_mode=weights_mode, bootstrap=bootstrap, plot_dir=plot_dir)
    click.echo(json.dumps(result) if as_json else text_report(result))


EVAL_COMMANDS = [judgments_command]
