"""The one training progress bar: a tqdm bar on a terminal, a few plain lines on a pipe or file.

A redrawing bar written into a pipe or a log file is ~100 KB of carriage returns; there the
progress is reported as plain lines at the start, at every quarter and at the end.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class PlainProgress:
    """tqdm's update/set_postfix/close, printed as a line at 0, 25, 50, 75 and 100 %."""

    def __init__(self, total: int, desc: str, stream: TextIO) -> None:
        self.total, self.desc, self.stream = max(int(total), 0), desc, stream
        self.n, self.postfix, self.closed = 0, "", False
        self.started = time.perf_counter()
        self._next_quarter = 1
        self._say("start")

    def _say(self, what: str) -> None:
        elapsed = time.perf_counter() - self.started
        tail = f" ({self.postfix})" if self.postfix else ""
        print(f"{self.desc}: {what} {self.n}/{self.total} steps, {elapsed:.0f}s{tail}",
              file=self.stream, flush=True)

    def update(self, n: int = 1) -> None:
        self.n += n
        while self._next_quarter < 4 and self.total and self.n * 4 >= self._next_quarter * self.total:
            self._say(f"{25 * self._next_quarter}%")
            self._next_quarter += 1

    def set_postfix(self, values: dict[str, Any] | None = None, refresh: bool = True) -> None:
        self.postfix = ", ".join(f"{k}={v}" for k, v in (values or {}).items())

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._say("done")


def training_bar(total: int, name: str, *, enabled: bool, stream: TextIO | None = None):
    """The progress of a training loop on stderr (`stream`); a silent tqdm when not enabled."""
    from tqdm import tqdm

    stream = sys.stderr if stream is None else stream
    desc = f"train {name}"
    if enabled and not _is_terminal(stream):
        return PlainProgress(total, desc, stream)
    return tqdm(total=total, file=stream, desc=desc, unit="step", dynamic_ncols=True,
                disable=not enabled)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
