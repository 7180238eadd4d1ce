"""How the web asks for a page of works: :func:`fandex.search.search` when installed.

The search engine lives in :mod:`fandex.search`; this module only adapts it and keeps
a tiny stand-in (every work, filtered in Python) for a tree where search has not
landed, so the pages still render. The stand-in is not meant for big libraries.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fandex.library import Library
from fandex.model import TAG_TYPES, Work
from fandex.web.querystate import terms

SORTS: tuple[str, ...] = (
    "relevance",
    "title",
    "author",
    "words",
    "imported",
    "published",
    "updated",
)


@dataclass
class Page:
    """One page of results, the shape of ``fandex.search.SearchResult``."""

    works: list[Work]
    total: int
    hidden: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    description: str = ""
    query: str = ""
    page: int = 1
    per_page: int = 20


def search_page(
    lib: Library,
    query: str,
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    apply_blocklist: bool = True,
) -> Any:
    """A page of results; raises :class:`fandex.errors.QueryError` on a bad query."""
    try:
        search_mod = importlib.import_module("fandex.search")
    except ModuleNotFoundError:
        return _fallback(lib, query, sort=sort, page=page, per_page=per_page)
    return search_mod.search(
        lib,
        query,
        sort=sort,
        page=page,
        per_page=per_page,
        apply_blocklist=apply_blocklist,
        facets=True,
    )


def _matches(work: Work, query: str) -> bool:
    for term in terms(query):
        if term.field in (None, "title", "author"):
            hay = f"{work.title} {' '.join(work.authors)} {work.summary or ''}".casefold()
            hit = term.value.casefold() in hay
        else:
            type_ = {"tag": "freeform"}.get(term.field, term.field)
            hit = any(
                t.type == type_ and t.name.casefold() == term.value.casefold() for t in work.tags
            )
        if hit == term.negated:
            return False
    return True


def _fallback(lib: Library, query: str, *, sort: str, page: int, per_page: int) -> Page:
    works = [w for w in lib.iter_works() if _matches(w, query)]
    if sort == "words":
        works.sort(key=lambda w: -w.words)
    counts: dict[str, Counter[str]] = {t: Counter() for t in TAG_TYPES}
    for w in works:
        for t in {(t.type, t.name) for t in w.tags if not t.attrs.get("rejected")}:
            counts[t[0]][t[1]] += 1
    facets = {k: c.most_common(20) for k, c in counts.items() if c}
    start = (page - 1) * per_page
    return Page(
        works=works[start : start + per_page],
        total=len(works),
        facets=facets,
        description=f"works matching {query}" if query else "all works",
        query=query,
        page=page,
        per_page=per_page,
    )
