"""Which works an export takes: ids (or unique prefixes), a query, or every work.

:func:`select_works` is the one place an interface turns user input into works; the
query goes to :func:`fandex.search.search`, the engine ``fandex ls`` and the web use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fandex.errors import NotFound, QueryError

if TYPE_CHECKING:
    from fandex.library import Library
    from fandex.model import Work

_HEX = frozenset("0123456789abcdef")


def looks_like_id(arg: str) -> bool:
    """True for a work id or a prefix of one (hex digits only)."""
    arg = arg.strip().lower()
    return bool(arg) and all(c in _HEX for c in arg)


def query_work_ids(lib: Library, query: str) -> list[str]:
    """Ids of the works ``query`` selects, in the order ``fandex ls`` lists them.

    The blocklist applies, as it does to a listing: what you see is what you export.
    Raises :class:`QueryError` for a malformed query.
    """
    from fandex.search import MAX_PER_PAGE, search

    ids: list[str] = []
    page = 1
    while True:
        result = search(lib, query, page=page, per_page=MAX_PER_PAGE, facets=False)
        ids += [w.id for w in result.works]
        if page >= result.pages or not result.works:
            return ids
        page += 1


@dataclass
class Selection:
    """The chosen works: how many (for a progress bar) and a lazy stream of them."""

    ids: list[str] | None  # None: every work in the library
    total: int
    lib: Library

    def works(self) -> Iterator[Work]:
        """Each work with its chapter text, loaded in batches as the export goes."""
        return self.lib.iter_works(self.ids, with_text=True)


def _resolve_id(lib: Library, arg: str) -> str | None:
    """The work id ``arg`` names, None when no id starts with it (so it is a search word).

    An ambiguous prefix stays an error: the person meant an id.
    """
    try:
        return lib.resolve(arg)
    except NotFound as exc:
        if str(exc).startswith("no work"):
            return None
        raise


def select_works(lib: Library, args: Sequence[str], *, all_works: bool = False) -> Selection:
    """The works named by ``args``, or every work with ``all_works``.

    An argument made of hex digits that starts exactly one work's id is that work; the
    other arguments form one query (as ``fandex ls`` reads its words) whose works are
    added after the ids. Duplicates are dropped, the order kept. Raises
    :class:`fandex.errors.NotFound` for an ambiguous id prefix and :class:`QueryError`
    for a bad query or when nothing was asked for.
    """
    if all_works:
        if args:
            raise QueryError("give work ids, a query, or --all, not both")
        return Selection(ids=None, total=lib.count(), lib=lib)
    if not args:
        raise QueryError("nothing to export: give work ids, a query, or --all")
    found: list[str] = []
    words: list[str] = []
    for arg in args:
        work_id = _resolve_id(lib, arg) if looks_like_id(arg) else None
        if work_id is None:
            words.append(arg)
        else:
            found.append(work_id)
    if words:
        found += query_work_ids(lib, " ".join(words))
    ids = list(dict.fromkeys(found))
    return Selection(ids=ids, total=len(ids), lib=lib)
