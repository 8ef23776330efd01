"""Rich rendering of a :class:`bot.types.Reply` for the terminal chat.

The sequence becomes a table with one relevance bar per item (the gradient made visible); the
suggested critiques and other choices are listed under it. Nothing here decides anything.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from bot.nlu.renown import degree_kind
from bot.types import Reply

BAR_WIDTH = 12


def relevance_bar(value: float | None, width: int = BAR_WIDTH) -> Text:
    """A fixed-width bar for a relevance in [0, 1]; "unknown" when there is none."""
    if value is None:
        return Text("unknown", style="dim")
    value = min(1.0, max(0.0, float(value)))
    full = round(value * width)
    bar = Text("\u2588" * full, style="green")
    bar.append("\u2591" * (width - full), style="dim")
    bar.append(f" {value:.2f}")
    return bar


def sequence_table(reply: Reply) -> Table | None:
    if not reply.sequence:
        return None
    direction = "" if reply.alpha is None else ("more " if reply.alpha > 0 else "less ")
    title = f"{direction}{reply.tag}" if reply.tag else "results"
    table = Table(title=escape(title), title_justify="left", expand=False, show_edge=False)
    table.add_column("#", justify="right", style="bold")
    table.add_column("title", overflow="fold")
    # γ only where it chose the items (the gradient walk); list answers carry none.
    has_gamma = any(item.gamma is not None for item in reply.sequence)
    if has_gamma:
        table.add_column("\u03b3", justify="right")
    # The bars are the model's estimated degrees (calibrated over the catalog) of every asked
    # attribute; where the catalog also knows the truth (the demo's planted relevance) it gets a
    # column of its own.
    labels = asked_labels(reply)
    has_degree = any(item.degree is not None for item in reply.sequence)
    has_truth = any(item.relevance is not None for item in reply.sequence)
    has_shares = any(item.shares for item in reply.sequence)
    for label in labels:
        table.add_column(f"{escape(label)} ({degree_kind(label)})")
    if reply.tag and has_degree and not labels:
        table.add_column(f"{escape(reply.tag)} ({degree_kind(reply.tag)})")
    if reply.tag and has_truth:
        table.add_column("planted" if has_degree else f"{escape(reply.tag)} relevance",
                         justify="right" if has_degree else "left")
    if has_shares:
        table.add_column("shares with the reference", overflow="fold", style="dim")
    for i, item in enumerate(reply.sequence, 1):
        row: list = [str(i), escape(item.title)]
        if has_gamma:
            row.append("" if item.gamma is None else f"{item.gamma:.2f}")
        for label in labels:
            row.append(relevance_bar((item.degrees or {}).get(label)))
        if reply.tag and has_degree and not labels:
            row.append(relevance_bar(item.degree))
        if reply.tag and has_truth:
            row.append((Text("" if item.relevance is None else f"{item.relevance:.2f}")
                        if has_degree else relevance_bar(item.relevance)))
        if has_shares:
            row.append(escape(", ".join(item.shares)))
        table.add_row(*row)
    return table


def asked_labels(reply: Reply) -> list[str]:
    """Every asked attribute the cards carry a degree of, in the order asked."""
    labels: list[str] = []
    for item in reply.sequence:
        labels += [k for k in (item.degrees or {}) if k not in labels]
    return labels


def degree_line(prefix: str, item, style: str = "dim") -> Text:  # noqa: ANN001 - a ShownItem
    """ "     now: <title>  <bar> estimated" with one bar per asked attribute."""
    line = Text(f"{prefix}{item.title}  ", style=style)
    degrees = item.degrees or ({} if item.degree is None else {"": item.degree})
    for k, (label, value) in enumerate(degrees.items()):
        line.append(("  " if k else "") + (f"{label} " if label and len(degrees) > 1 else ""), style=style)
        line.append_text(relevance_bar(value))
    known = {degree_kind(label) for label in degrees if label}
    line.append(" percentile here" if known == {"percentile here"} else " estimated", style=style)
    return line


def current_line(reply: Reply) -> Text | None:
    """ "now: <title>" with its estimated degree (and the planted truth, where known)."""
    item = reply.current
    if item is None or not reply.tag or not reply.sequence:
        return None
    if item.degree is None and item.relevance is None:
        return None
    if item.degree is None:
        line = Text(f"     now: {item.title}  ", style="dim")
        line.append_text(relevance_bar(item.relevance))
        return line
    line = degree_line("     now: ", item)
    if item.relevance is not None:
        line.append(f", planted {item.relevance:.2f}", style="dim")
    ref = reply.reference
    if ref is not None and ref.item_id != item.item_id and ref.degree is not None:
        line.append("\n")
        line.append_text(degree_line("    from: ", ref))
    return line


def estimate_line(reply: Reply) -> Text | None:
    """ "   guess: shorter, an estimate ... (tagged too long, way too long)" for a guessed list."""
    guess = reply.estimate
    if not guess or not reply.sequence:
        return None
    tagged = ", ".join(guess.get("user_tags") or ())
    return Text(f"   guess: {guess['said']}, {guess['note']}" + (f" (tagged {tagged})" if tagged else ""),
                style="dim")


def render_reply(reply: Reply):  # noqa: ANN201 - a rich renderable
    """Everything to print for one reply, as one rich renderable."""
    parts: list = []
    style = "bold" if reply.understood else "yellow"
    parts.append(Text("bot> ", style="cyan") + Text(reply.text, style=style))
    guess = estimate_line(reply)
    if guess is not None:
        parts.append(guess)
    now = current_line(reply)
    if now is not None:
        parts.append(now)
    table = sequence_table(reply)
    if table is not None:
        parts.append(table)
    if reply.buttons:
        choices = Text("     try: ", style="dim")
        for i, button in enumerate(reply.buttons):
            if i:
                choices.append(" | ", style="dim")
            choices.append(button.payload if button.payload == button.title else button.title,
                           style="magenta")
        parts.append(choices)
    if reply.synthetic and reply.intent in ("reference", "restart", "help"):
        parts.append(Text("     (synthetic demo catalog: generated titles, not real movies)", style="dim"))
    return Group(*parts)


def print_reply(console: Console, reply: Reply) -> None:
    console.print(render_reply(reply))
    console.print()
