"""engine.threads: one process-wide setter and a borrowing context manager for training."""

from __future__ import annotations

import pytest

from engine.threads import set_torch_threads, torch_threads


def test_torch_threads_sets_then_restores_the_count():
    import torch

    before = torch.get_num_threads()
    wanted = 1 if before != 1 else 2
    with torch_threads(wanted):
        assert torch.get_num_threads() == wanted
    assert torch.get_num_threads() == before


def test_torch_threads_restores_after_an_error():
    import torch

    before = torch.get_num_threads()
    with pytest.raises(RuntimeError), torch_threads(1 if before != 1 else 2):
        raise RuntimeError("training failed")
    assert torch.get_num_threads() == before


def test_zero_leaves_the_count_alone():
    import torch

    before = torch.get_num_threads()
    with torch_threads(0):
        assert torch.get_num_threads() == before
    set_torch_threads(0)
    assert torch.get_num_threads() == before


def test_set_torch_threads_sets_the_process_count():
    import torch

    before = torch.get_num_threads()
    try:
        set_torch_threads(1)
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


@pytest.mark.parametrize("bad", [-1, 1.5, "2", True])
def test_bad_counts_are_refused(bad):
    with pytest.raises(ValueError, match="thread count"):
        set_torch_threads(bad)
    with pytest.raises(ValueError, match="thread count"):
        with torch_threads(bad):
            pass
