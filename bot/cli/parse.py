"""`cgir parse`: show how the bot reads an utterance (the stable JSON of `Parse.to_json`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from engine.errors import CGIRError


def build_parser(model: str, *, progress: bool = True):
    """A Parser for a checkpoint folder, or for the built-in demo model when MODEL is `demo`.

    The parser is the one chat uses (`bot.runtime.build_parser`): its embedding table is
    cached under CGIR_HOME per tag vocabulary, so the second run starts without MiniLM.
    """
    from bot.runtime import build_parser
    from engine.models.checkpoint import load_retriever

    if model == "demo":
        from engine.training.demo import ensure_demo_model

        model_dir = ensure_demo_model(progress=progress)
    else:
        model_dir = Path(model)
        if not model_dir.is_dir():
            raise CGIRError(f"no model folder at {model_dir}; pass a checkpoint folder "
                            "(cgir train ... --out DIR) or the word `demo`")
    retriever = load_retriever(model_dir)
    return build_parser(retriever)


def _read_lines(source: str) -> list[str]:
    """Utterances of a file ("-" = stdin), one per line; invalid UTF-8 becomes U+FFFD."""
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        raise CGIRError(f"cannot read {source}: {error.strerror}; check the path") from error
    text = raw.decode("utf-8", errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line does not start another utterance
    return [line.rstrip("\r") for line in lines]


@click.command("parse")
@click.argument("model")
@click.argument("text", required=False)
@click.option("--file", "file", type=str, default=None,
              help="Read one utterance per line from FILE ('-' for stdin); one JSON line out each.")
@click.option("--json", "as_json", is_flag=True, help="Compact one-line JSON (the default for --file).")
def parse_command(model: str, text: str | None, file: str | None, as_json: bool) -> None:
    """Show how the bot understands TEXT, as JSON.

    MODEL is a checkpoint folder or `demo` (the built-in demo model, trained on first use).
    Intents: critique, select, reference, undo, restart, help, bye, out_of_scope.

    \b
    Examples:
        cgir parse demo "less action, a bit funnier" --json
        {"intent": "critique", "critiques": [{"alpha": -1, "tag": "action", ...}, ...]}
        cgir parse demo --file utterances.txt > parses.jsonl
    """
    if text is not None and file is not None:
        raise click.UsageError("give TEXT or --file, not both")
    if text is None and file is None:
        if sys.stdin.isatty():
            raise click.UsageError('give TEXT (cgir parse demo "less action") or --file FILE')
        file = "-"
    utterances = _read_lines(file) if file is not None else [text]
    parser = build_parser(model)
    out = sys.stdout
    for utterance in utterances:
        payload = parser.parse(utterance).to_json()
        if file is not None or as_json:
            out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        else:
            out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    out.flush()


COMMANDS: list[click.Command] = [parse_command]
