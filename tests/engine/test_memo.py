"""The bounded memo behind the title, card and suggestion caches."""

from __future__ import annotations

import numpy as np

from engine.memo import Memo


def test_an_answer_is_computed_once_per_key_and_none_is_remembered_too():
    calls = []
    memo: Memo[int | None] = Memo(8)
    for _ in range(3):
        assert memo.get("a", lambda: calls.append("a") or 1) == 1
        assert memo.get("b", lambda: calls.append("b")) is None
    assert calls == ["a", "b"]


def test_new_source_objects_forget_every_answer_equal_ones_do_not_count():
    data = np.arange(3)
    memo: Memo[int] = Memo(8)
    assert memo.get(0, lambda: int(data.sum()), (data,)) == 3
    assert memo.get(0, lambda: -1, (data,)) == 3
    assert memo.get(0, lambda: -1, (data.copy(),)) == -1  # equal values, another object: read again


def test_a_full_memo_forgets_everything_at_once():
    memo: Memo[int] = Memo(2)
    for k in range(5):
        memo.get(k, lambda: k)
        assert len(memo) <= 2
    assert memo.get(4, lambda: -1) == 4
