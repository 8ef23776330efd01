"""The `cgir` command line: one click group; each area of the project contributes its commands.

Heavy imports (torch, sentence-transformers) happen inside the commands, so `cgir --help` and
light commands start fast. Library errors are turned into one-line messages here, at the edge.
"""

from __future__ import annotations

import importlib
import sys

import click

from engine.errors import CGIRError

# Modules that expose COMMANDS: list[click.Command].
COMMAND_MODULES = (
    "bot.cli.data",
    "bot.cli.model",
    "bot.cli.eval",
    "bot.cli.parse",
    "bot.cli.chat",
    "bot.cli.serve",
    "bot.cli.logs",
    "bot.cli.simulate",
)


class CGIRGroup(click.Group):
    """A group that reports the project's own errors as messages, never as tracebacks."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CGIRError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=CGIRGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cgir-bot")
def cli() -> None:
    """Conversational critiquing on Controllable Gradient Item Retrieval (CGIR).

    \b
    Quick start on the built-in (synthetic) demo world:
        cgir chat
    """


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(_name).COMMANDS:
        cli.add_command(_command)
# Evaluations that measure the bot itself join `cgir eval` from the bot layer.
for _module in ("bot.cli.judgments", "bot.cli.neighbours"):
    for _command in importlib.import_module(_module).EVAL_COMMANDS:
        cli.commands["eval"].add_command(_command)


def main() -> None:
    cli(prog_name="cgir")


if __name__ == "__main__":
    sys.exit(main())
