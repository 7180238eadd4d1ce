"""The blocklist as the web sees it: ``(number, query)`` pairs, where the number is
the entry id ``fandex block rm`` takes (see :mod:`fandex.library.blocklist`)."""

from __future__ import annotations

from fandex.library import Library, blocklist


def entries(lib: Library) -> list[tuple[int, str]]:
    """The blocked queries, oldest first, with their numbers."""
    return [(e.id, e.query) for e in blocklist.entries(lib)]


def add(lib: Library, query: str) -> None:
    """Block ``query`` (a malformed one raises :class:`fandex.errors.QueryError`)."""
    blocklist.add(lib, query)


def remove(lib: Library, number: int) -> None:
    """Remove entry ``number`` (:class:`fandex.errors.NotFound` when there is none)."""
    blocklist.remove(lib, number)
