"""The first few of a stream by key, in bounded memory (what the report lists, what scoring shows)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from typing import Any


class SmallestByKey:
    """The items of the ``limit`` smallest keys among those added (equal keys: first added first).

    With ``identity``, items of one identity count once, under the smallest key they came with
    (the first ``limit`` distinct items). Holds at most ``2 * limit`` items however many are
    added: a full buffer is sorted and cut back to ``limit``, and an item whose key is not below
    the last kept key is refused at once (``limit`` items came before it; the common case when
    the input comes sorted).
    """

    def __init__(self, limit: int, identity: Callable[[Any], Hashable] | None = None) -> None:
        self.limit = limit
        self._identity = identity or (lambda _, counter=itertools.count(): next(counter))
        self._held: dict[Hashable, tuple[Any, Any]] = {}
        self._bound: Any = None

    def __len__(self) -> int:
        """Return how many items are held now (at most ``2 * limit``)."""
        return len(self._held)

    def add(self, key: Any, item: Any) -> None:
        """Offer ``item`` under ``key``."""
        if self._bound is not None and not key < self._bound:
            return
        name = self._identity(item)
        kept = self._held.get(name)
        if kept is None or key < kept[0]:
            self._held[name] = (key, item)
            if len(self._held) >= 2 * self.limit:
                self._cut()

    def _cut(self) -> None:
        first = sorted(self._held.items(), key=lambda pair: pair[1][0])[: self.limit]
        self._held = dict(first)
        if len(first) == self.limit:
            self._bound = first[-1][1][0]

    def items(self) -> list[Any]:
        """Return the kept items, smallest key first."""
        self._cut()
        return [item for _, item in self._held.values()]
