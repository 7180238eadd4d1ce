"""What was worked out of the last few texts, remembered by the text's identity.

Several readers of one chapter ask the same question of it in turn (the alias scan's
capitalised words, the titles before names, a fandom's lower-cased words): the answer is
kept for the last few texts, each entry holding the text itself so that a new string
that happens to reuse a freed one's ``id`` is never taken for it. What is kept is of use
while one work is tagged only: :func:`forget_all` drops it once no work is being tagged.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
# Every memo made, to be emptied together (:func:`forget_all`), and the other caches of
# one work's results to empty with them (:func:`forget_with`).
_ALL: weakref.WeakSet[Any] = weakref.WeakSet()
_CLEARS: list[Callable[[], None]] = []


class TextMemo(Generic[T]):
    """The values of the last ``size`` texts put, oldest dropped first; with ``chars``,
    also no more texts than that many characters in all (the memo keeps its texts alive:
    a memo that must hold every chapter of a novel is bounded by its text, not a count)."""

    def __init__(self, size: int, chars: int | None = None) -> None:
        self.size = size
        self.chars = chars
        self._held = 0  # characters of the texts kept
        self._got: dict[int, tuple[str, T]] = {}
        # Imports may tag in threads (the web's upload, a threaded Dask worker): the
        # eviction loop reads and pops in several steps, so one thread puts at a time.
        self._lock = threading.Lock()
        _ALL.add(self)

    def get(self, text: str) -> T | None:
        """The value put for this very string, or None."""
        got = self._got.get(id(text))
        return got[1] if got is not None and got[0] is text else None

    def put(self, text: str, value: T) -> T:
        """Remember ``value`` for ``text``; returns it."""
        with self._lock:
            old = self._got.pop(id(text), None)
            if old is not None:
                self._held -= len(old[0])
            while self._got and (
                len(self._got) >= self.size
                or (self.chars is not None and self._held + len(text) > self.chars)
            ):
                self._held -= len(self._got.pop(next(iter(self._got)))[0])
            self._got[id(text)] = (text, value)
            self._held += len(text)
        return value

    def clear(self) -> None:
        """Forget every text and value kept."""
        with self._lock:
            self._got.clear()
            self._held = 0


def forget_with(clear: Callable[[], None]) -> None:
    """Have :func:`forget_all` call ``clear`` too: for a cache of a work's results kept
    by the work's identity (which holds the work, so that its id is not reused)."""
    _CLEARS.append(clear)


def forget_all() -> None:
    """Empty every memo and registered cache. They keep their texts and works alive, and
    one work's are of no use to the next: kept, the last eight works with their scans, a
    45 MB chapter's lower-cased and padded copies and the words found in it held a
    worker's memory some 400 MB over its baseline after the work had gone, beside the
    next big file's (measured with a 45 MB one-line text, ``fandex import -j 2``)."""
    for memo in list(_ALL):
        memo.clear()
    for clear in _CLEARS:
        clear()
