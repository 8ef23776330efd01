"""A bounded memo of pure answers, kept while the data they were read from stays the same.

Answers a turn asks for again and again (a typed key's fuzzy title, an item's strong tags, an
item's suggestions) are pure functions of a key and of some arrays. The memo keeps them per key
while those arrays are the very same objects (a blind simulation swaps the tag data), and forgets
everything at once when full: a long-running server meets endless typos.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
_UNSEEN = object()  # a key the memo lacks (None can be a remembered answer)


class Memo(Generic[T]):
    def __init__(self, size: int):
        self.size = size
        self._answers: dict[Hashable, T] = {}
        self._source: tuple[object, ...] = ()

    def get(self, key: Hashable, compute: Callable[[], T], source: Sequence[object] = ()) -> T:
        """The remembered answer for `key`, else `compute()` remembered, for these `source` objects."""
        if len(source) != len(self._source) or any(a is not b for a, b in zip(source, self._source)):
            self._answers, self._source = {}, tuple(source)
        answers = self._answers  # one dict per call: another thread may replace or clear it
        found = answers.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = compute()
            if len(answers) >= self.size:
                answers.clear()
            answers[key] = found
        return found  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._answers)
