"""Acquisition and navigation feeds: pages, facets, entries.

Every feed is built from a query through :func:`fandex.search.search`, the entry point
the CLI and the web share, so the blocklist applies to every feed exactly as it does
to a listing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy import select

from fandex.errors import QueryError
from fandex.library import Library, schema
from fandex.model import Work
from fandex.search import search
from fandex.web.base import url_with
from fandex.web.opds import atom
from fandex.web.opds.entries import work_entry
from fandex.web.opds.facets import add_facets

PER_PAGE = 25
NAV_PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    """Where a feed is: its path, its fixed parameters and the page number."""

    path: str
    params: dict[str, str]
    number: int
    per_page: int

    def url(self, number: int | None = None) -> str:
        n = self.number if number is None else number
        return url_with(self.path, {**self.params, "page": n if n != 1 else None})


def feed_id(page: Page) -> str:
    """A stable id for the feed at ``page`` (its address, page included)."""
    return "urn:fandex:opds:" + quote(page.url(), safe="/?=&:")


def add_pages(feed: Any, page: Page, total: int, kind: str) -> None:
    """first / previous / next / last links and the OpenSearch counts."""
    pages = max(1, -(-total // page.per_page))
    atom.add_link(feed, "first", page.url(1), kind)
    if page.number > 1:
        atom.add_link(feed, "previous", page.url(min(page.number - 1, pages)), kind)
    if page.number < pages:
        atom.add_link(feed, "next", page.url(page.number + 1), kind)
    atom.add_link(feed, "last", page.url(pages), kind)
    atom.text(feed, atom.OPENSEARCH, "totalResults", str(total))
    atom.text(feed, atom.OPENSEARCH, "itemsPerPage", str(page.per_page))
    atom.text(feed, atom.OPENSEARCH, "startIndex", str((page.number - 1) * page.per_page + 1))


def add_common_links(feed: Any) -> None:
    """start, up and the search description: on every feed."""
    atom.add_link(feed, "start", "/opds", atom.NAVIGATION, title="fandex")
    atom.add_link(feed, "up", "/opds", atom.NAVIGATION)
    atom.add_link(feed, "search", "/opds/opensearch.xml", atom.OPENSEARCH_TYPE, title="Search")


def modified_at(lib: Library, ids: Sequence[str]) -> dict[str, str]:
    """Each work's last change, for atom:updated."""
    w = schema.works
    if not ids:
        return {}
    with lib.engine.connect() as conn:
        rows = conn.execute(select(w.c.id, w.c.modified_at).where(w.c.id.in_(list(ids))))
        return {r[0]: r[1] for r in rows}


def works_feed(lib: Library, page: Page, title: str, works: list[Work], total: int) -> Any:
    """An acquisition feed of ``works`` (one page of ``total``)."""
    stamps = modified_at(lib, [w.id for w in works])
    updated = max((atom.timestamp(stamps.get(w.id)) for w in works), default=atom.timestamp())
    feed = atom.new_feed(feed_id(page), title, updated, page.url(), atom.ACQUISITION)
    add_common_links(feed)
    add_pages(feed, page, total, atom.ACQUISITION)
    for work in works:
        work_entry(feed, work, atom.timestamp(stamps.get(work.id)))
    return feed


def query_feed(lib: Library, page: Page, title: str, query: str, sort: str) -> Any:
    """The acquisition feed of a query: a page of works, pages, facets. A malformed
    query gives a feed with one entry that says what is wrong (an e-reader shows
    entries, not error pages)."""
    try:
        result = search(
            lib, query, sort=sort, page=page.number, per_page=page.per_page, facets=False
        )
    except QueryError as exc:
        feed = atom.new_feed(feed_id(page), title, atom.timestamp(), page.url(), atom.ACQUISITION)
        add_common_links(feed)
        entry = atom.add_entry(feed, "urn:fandex:opds:bad-query", "Bad query", atom.timestamp())
        atom.text(entry, atom.ATOM, "content", f"{exc} in: {query}", type="text")
        return feed
    feed = works_feed(lib, page, title, result.works, result.total)
    add_facets(lib, feed, query, sort, result.total)
    return feed


def nav_feed(
    page: Page, title: str, entries: list[tuple[str, str, str, str, str]], total: int | None = None
) -> Any:
    """A navigation feed; ``entries`` are ``(id, title, content, href, type)``."""
    feed = atom.new_feed(feed_id(page), title, atom.timestamp(), page.url(), atom.NAVIGATION)
    add_common_links(feed)
    if total is not None:
        add_pages(feed, page, total, atom.NAVIGATION)
    now = atom.timestamp()
    for entry_id, entry_title, content, href, kind in entries:
        entry = atom.add_entry(feed, entry_id, entry_title, now)
        atom.text(entry, atom.ATOM, "content", content, type="text")
        rel = atom.SORT_NEW if href == "/opds/recent" else atom.SUBSECTION
        atom.add_link(entry, rel, href, kind, title=entry_title)
    return feed


__all__ = [
    "NAV_PER_PAGE",
    "PER_PAGE",
    "Page",
    "add_common_links",
    "add_pages",
    "feed_id",
    "modified_at",
    "nav_feed",
    "query_feed",
    "works_feed",
]
