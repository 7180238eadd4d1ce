"""Which works an export takes: ids (or unique prefixes), queries, or every work.

:func:`select_works` is the one place the CLI and the web turn user input into works,
so the query engine plugs in at :func:`query_work_ids` and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fandex.errors import QueryError

if TYPE_CHECKING:
    from fandex.library import Library
    from fandex.model import Work

_HEX = frozenset("0123456789abcdef")


def looks_like_id(arg: str) -> bool:
    """True for a work id or a prefix of one (hex digits only)."""
    arg = arg.strip().lower()
    return bool(arg) and all(c in _HEX for c in arg)


def query_work_ids(lib: Library, query: str) -> list[str]:
    """Ids of the works matching ``query``, in the library's order.

    The query engine is not in the library yet; until it is, a query is a usage error
    that says what to give instead.
    """
    raise QueryError("queries are not supported by export yet; give work ids or --all", 0, query)


@dataclass
class Selection:
    """The chosen works: how many (for a progress bar) and a lazy stream of them."""

    ids: list[str] | None  # None: every work in the library
    total: int
    lib: Library

    def works(self) -> Iterator[Work]:
        """Each work with its chapter text, loaded in batches as the export goes."""
        return self.lib.iter_works(self.ids, with_text=True)


def select_works(lib: Library, args: Sequence[str], *, all_works: bool = False) -> Selection:
    """The works named by ``args`` (ids, id prefixes or queries), or all with ``all_works``.

    Duplicates are dropped and the order of ``args`` kept. Raises
    :class:`fandex.errors.NotFound` for an unknown id, :class:`QueryError` for a bad
    query or when nothing was asked for.
    """
    if all_works:
        if args:
            raise QueryError("give work ids or --all, not both")
        return Selection(ids=None, total=lib.count(), lib=lib)
    if not args:
        raise QueryError("nothing to export: give work ids or --all")
    ids: list[str] = []
    seen: set[str] = set()
    for arg in args:
        found = [lib.resolve(arg)] if looks_like_id(arg) else query_work_ids(lib, arg)
        for work_id in found:
            if work_id not in seen:
                seen.add(work_id)
                ids.append(work_id)
    return Selection(ids=ids, total=len(ids), lib=lib)
