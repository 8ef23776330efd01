"""The one place that sets torch's process-wide intra-op thread count.

torch keeps a single thread count for the whole process, so two callers that each set it "for
themselves" fight. Programs set it once at start-up (`set_torch_threads`); code that needs a
different count for a while (training) borrows it with `torch_threads`, which puts it back.
torch is imported lazily: setting the count before torch is loaded only records the wish in
OMP_NUM_THREADS, which torch reads when it is first imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def _check(n: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"a torch thread count must be a whole number >= 0, got {n!r}")
    return n


def set_torch_threads(n: int) -> None:
    """Set torch's intra-op thread count for the whole process (call once, at start-up).

    n = 0 leaves torch's default. Before torch is imported this only sets OMP_NUM_THREADS (an
    explicit OMP_NUM_THREADS of the user wins), so callers need not pay for importing torch.
    """
    if _check(n) == 0:
        return
    torch = sys.modules.get("torch")
    if torch is None:
        os.environ.setdefault("OMP_NUM_THREADS", str(n))
        return
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run the block with n torch intra-op threads, then restore the previous count.

    n = 0 leaves the count as it is. Imports torch (the block is about to use it).
    """
    if _check(n) == 0:
        yield
        return
    import torch

    previous = torch.get_num_threads()
    if previous != n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if torch.get_num_threads() != previous:
            torch.set_num_threads(previous)
