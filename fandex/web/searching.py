"""How the web asks for a page of works: through :func:`fandex.search.search`, the one
entry point the CLI, the web and the API share (same grammar, same blocklist)."""

from __future__ import annotations

from fandex.library import Library
from fandex.search import SORTS, SearchResult, search

__all__ = ["SORTS", "search_page"]


def search_page(
    lib: Library,
    query: str,
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    apply_blocklist: bool = True,
) -> SearchResult:
    """A page of results; raises :class:`fandex.errors.QueryError` on a bad query."""
    return search(
        lib,
        query,
        sort=sort,
        page=page,
        per_page=per_page,
        apply_blocklist=apply_blocklist,
        facets=True,
    )
