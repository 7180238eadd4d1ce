"""The OPDS catalog's pages: the root, the shelves, search, and the downloads.

Every request is checked first (:mod:`fandex.web.access`) and then answered, in a
worker thread, as the reader it comes from, so "Currently reading" and "Marked for
Later" are that reader's and the blocklist hides from every feed and download.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from lxml import etree
from sqlalchemy import not_, true
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from fandex.errors import NotFound
from fandex.library import Library, documents, reading, searches
from fandex.model import Work
from fandex.search import blocked_query, context, search
from fandex.web import access, querystate
from fandex.web.base import Web, int_param
from fandex.web.opds import atom
from fandex.web.opds.acquire import (
    EPUB_TYPE,
    EpubCache,
    attachment,
    epub_for,
    media_type,
    original_bytes,
    original_name,
)
from fandex.web.opds.feeds import (
    NAV_PER_PAGE,
    PER_PAGE,
    Page,
    modified_at,
    nav_feed,
    query_feed,
    works_feed,
)
from fandex.web.opds.series import all_series, series_key, works_in

MAX_PAGE = 100_000
_SORTS = ("relevance", "title", "author", "words", "imported", "published", "updated")


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def _cache(request: Request) -> EpubCache:
    cache: EpubCache = request.app.state.opds_cache
    return cache


async def _answer(request: Request, build: Callable[[Library, Request], Response]) -> Response:
    """Check who is asking, then build the response as that reader, off the event loop."""
    web = _web(request)
    try:
        reader = await run_in_threadpool(access.catalog_reader, web.library, request)
    except access.Refused as exc:
        refused = PlainTextResponse(str(exc), 401, headers=access.challenge_headers())
        return web.guard.finish(request, refused)

    def run() -> Response:
        with reading.as_reader(reader):
            return build(web.library, request)

    return web.guard.finish(request, await run_in_threadpool(run))


def _xml(root: Any, kind: str) -> Response:
    return Response(atom.serialize(root), media_type=kind)


def _page(request: Request, path: str, per_page: int, **params: str) -> Page:
    """The page asked for; ``per_page`` may be changed (up to 100) by the client."""
    number = int_param(request, "page", 1, 1, MAX_PAGE)
    size = int_param(request, "per_page", per_page, 1, 100)
    if size != per_page:
        params["per_page"] = str(size)
    return Page(path, {k: v for k, v in params.items() if v}, number, size)


# -- navigation ----------------------------------------------------------------------------

_ROOT = [
    ("recent", "Recently added", "The newest works first", "/opds/recent", atom.ACQUISITION),
    (
        "reading",
        "Currently reading",
        "Works you have started",
        "/opds/works?q=read%3Aprogress",
        atom.ACQUISITION,
    ),
    (
        "later",
        "Marked for Later",
        "Works you marked to read later",
        "/opds/works?q=toread%3Ayes",
        atom.ACQUISITION,
    ),
    ("fandoms", "By fandom", "Every fandom, the biggest first", "/opds/fandoms", atom.NAVIGATION),
    (
        "relationships",
        "By relationship",
        "Every relationship, the biggest first",
        "/opds/relationships",
        atom.NAVIGATION,
    ),
    ("series", "By series", "Every series, in order", "/opds/series", atom.NAVIGATION),
    ("saved", "Saved searches", "Your saved searches", "/opds/saved", atom.NAVIGATION),
    ("all", "All works", "Every work by title", "/opds/works?sort=title", atom.ACQUISITION),
]


async def root(request: Request) -> Response:
    """``/opds``: the root navigation feed."""

    def build(lib: Library, request: Request) -> Response:
        entries = [
            (f"urn:fandex:opds:{key}", title, text, href, kind)
            for key, title, text, href, kind in _ROOT
        ]
        feed = nav_feed(Page("/opds", {}, 1, len(entries)), "fandex", entries)
        return _xml(feed, atom.NAVIGATION)

    return await _answer(request, build)


def _tag_nav(request: Request, type_: str, title: str, path: str) -> Callable[..., Response]:
    def build(lib: Library, request: Request) -> Response:
        page = _page(request, path, NAV_PER_PAGE)
        counts = search(lib, "", facets=True, with_works=False, facet_limit=None).facets
        names = counts.get(type_, [])
        field = querystate.field_for_facet(type_)
        start = (page.number - 1) * page.per_page
        entries = []
        for name, n in names[start : start + page.per_page]:
            href = "/opds/works?q=" + quote(querystate.format_term(field, name))
            entries.append(
                (
                    f"urn:fandex:{type_}:{quote(name)}",
                    name,
                    f"{n} work{'s' if n != 1 else ''}",
                    href,
                    atom.ACQUISITION,
                )
            )
        return _xml(nav_feed(page, title, entries, len(names)), atom.NAVIGATION)

    return build


async def fandoms(request: Request) -> Response:
    """``/opds/fandoms``: a feed of works per fandom."""
    return await _answer(request, _tag_nav(request, "fandom", "By fandom", "/opds/fandoms"))


async def relationships(request: Request) -> Response:
    """``/opds/relationships``: a feed of works per relationship."""
    build = _tag_nav(request, "relationship", "By relationship", "/opds/relationships")
    return await _answer(request, build)


def _visible(lib: Library) -> Any:
    """SQL for the works the blocklist lets through."""
    blocked = blocked_query(lib)
    return true() if blocked is None else not_(blocked.sql(context(lib)))


async def series_list(request: Request) -> Response:
    """``/opds/series``: every series, each a feed of its works in order."""

    def build(lib: Library, request: Request) -> Response:
        page = _page(request, "/opds/series", NAV_PER_PAGE)
        visible = _visible(lib)  # before the connection: a request holds one at a time
        with lib.engine.connect() as conn:
            found = all_series(conn, visible)
        ordered = sorted(found.values(), key=lambda p: p[0].casefold())
        start = (page.number - 1) * page.per_page
        entries = [
            (
                f"urn:fandex:series:{quote(series_key(name))}",
                name,
                f"{n} work{'s' if n != 1 else ''}",
                "/opds/series/feed?name=" + quote(name),
                atom.ACQUISITION,
            )
            for name, n in ordered[start : start + page.per_page]
        ]
        return _xml(nav_feed(page, "By series", entries, len(ordered)), atom.NAVIGATION)

    return await _answer(request, build)


async def series_feed(request: Request) -> Response:
    """``/opds/series/feed?name=``: one series' works in series order."""

    def build(lib: Library, request: Request) -> Response:
        name = request.query_params.get("name", "").strip()[:500]
        page = _page(request, "/opds/series/feed", PER_PAGE, name=name)
        visible = _visible(lib)  # before the connection: a request holds one at a time
        with lib.engine.connect() as conn:
            ids = works_in(conn, series_key(name), visible) if name else []
        start = (page.number - 1) * page.per_page
        works = list(lib.iter_works(ids[start : start + page.per_page]))
        return _xml(works_feed(lib, page, f"Series: {name}", works, len(ids)), atom.ACQUISITION)

    return await _answer(request, build)


async def saved_list(request: Request) -> Response:
    """``/opds/saved``: the saved searches, each a feed."""

    def build(lib: Library, request: Request) -> Response:
        found = searches.entries(lib)
        entries = [
            (f"urn:fandex:saved:{s.id}", s.name, s.query, f"/opds/saved/{s.id}", atom.ACQUISITION)
            for s in found
        ]
        page = Page("/opds/saved", {}, 1, max(1, len(entries)))
        return _xml(nav_feed(page, "Saved searches", entries), atom.NAVIGATION)

    return await _answer(request, build)


async def saved_feed(request: Request) -> Response:
    """``/opds/saved/{id}``: the works of one saved search."""

    def build(lib: Library, request: Request) -> Response:
        try:
            saved = searches.get(lib, int(request.path_params["number"]))
        except NotFound as exc:
            return PlainTextResponse(str(exc), 404)
        page = _page(request, f"/opds/saved/{saved.id}", PER_PAGE)
        return _xml(query_feed(lib, page, saved.name, saved.query, "relevance"), atom.ACQUISITION)

    return await _answer(request, build)


# -- acquisition feeds ---------------------------------------------------------------------


async def recent(request: Request) -> Response:
    """``/opds/recent``: the newest works first."""

    def build(lib: Library, request: Request) -> Response:
        page = _page(request, "/opds/recent", PER_PAGE)
        return _xml(query_feed(lib, page, "Recently added", "", "imported"), atom.ACQUISITION)

    return await _answer(request, build)


async def works(request: Request) -> Response:
    """``/opds/works?q=&sort=`` and ``/opds/search?q=``: the works a query selects."""

    def build(lib: Library, request: Request) -> Response:
        q = request.query_params.get("q", "").strip()[:2000]
        sort = request.query_params.get("sort", "relevance")
        sort = sort if sort in _SORTS else "relevance"
        page = _page(
            request, request.url.path, PER_PAGE, q=q, sort=sort if sort != "relevance" else ""
        )
        title = f"Search: {q}" if q else "All works"
        return _xml(query_feed(lib, page, title, q, sort), atom.ACQUISITION)

    return await _answer(request, build)


async def opensearch(request: Request) -> Response:
    """``/opds/opensearch.xml``: the search box takes fandex's query language."""

    def build(lib: Library, request: Request) -> Response:
        ns = atom.OPENSEARCH
        root = etree.Element(f"{{{ns}}}OpenSearchDescription", nsmap={None: ns})
        atom.text(root, ns, "ShortName", "fandex")
        atom.text(
            root,
            ns,
            "Description",
            'Words and "phrases" search the text; fields '
            "filter: fandom:, ship:, character:, rating:, -warning:, words:>5000, "
            "complete:yes, read:no, toread:yes.",
        )
        atom.text(root, ns, "InputEncoding", "UTF-8")
        atom.text(root, ns, "OutputEncoding", "UTF-8")
        base = str(request.base_url).rstrip("/")
        etree.SubElement(
            root,
            f"{{{ns}}}Url",
            {"type": atom.ACQUISITION, "template": base + "/opds/search?q={searchTerms}"},
        )
        return Response(atom.serialize(root), media_type=atom.OPENSEARCH_TYPE)

    return await _answer(request, build)


# -- downloads -----------------------------------------------------------------------------


def _download_work(lib: Library, request: Request) -> tuple[Work, str | None] | Response:
    """The work a download asks for, with text, unless it is missing or the blocklist
    hides it (then a 404 that says no more than for a missing work)."""
    try:
        work_id = lib.resolve(request.path_params["work_id"])
    except NotFound as exc:
        return PlainTextResponse(str(exc), 404)
    work = lib.find(work_id, with_text=True)
    blocked = blocked_query(lib)
    # The blocklist's own test of a work, as every listing applies it (same answer as
    # its SQL, which the parity suite checks), on the work already loaded.
    if work is None or (blocked is not None and blocked.match(work, context(lib))):
        return PlainTextResponse(f"no work with id {work_id}", 404)
    return work, modified_at(lib, [work_id]).get(work_id)


async def epub(request: Request) -> Response:
    """``/opds/works/{id}.epub``: the work as EPUB, made on the fly (cached)."""
    cache = _cache(request)

    def build(lib: Library, request: Request) -> Response:
        found = _download_work(lib, request)
        if isinstance(found, Response):
            return found
        work, stamp = found
        data = epub_for(lib, cache, work, stamp)
        author = f" - {work.authors[0]}" if work.authors else ""
        headers = {"content-disposition": attachment(f"{work.title}{author}.epub")}
        return Response(data, media_type=EPUB_TYPE, headers=headers)

    return await _answer(request, build)


async def original(request: Request) -> Response:
    """``/opds/works/{id}/original``: the file that was imported, unchanged."""

    def build(lib: Library, request: Request) -> Response:
        found = _download_work(lib, request)
        if isinstance(found, Response):
            return found
        work, _stamp = found
        data = original_bytes(work.source) if work.source else None
        if data is None or work.source is None:
            return PlainTextResponse("the imported file is no longer where it was", 404)
        name = original_name(work.source)
        documents.remember(lib, documents.partial_md5(data), work.id, "original")
        # The type named in the header as is: Starlette would add "charset=utf-8" to a
        # text type, and an old text file is often not UTF-8.
        headers = {"content-disposition": attachment(name), "content-type": media_type(name)}
        return Response(data, headers=headers)

    return await _answer(request, build)


__all__ = [
    "epub",
    "fandoms",
    "opensearch",
    "original",
    "recent",
    "relationships",
    "root",
    "saved_feed",
    "saved_list",
    "series_feed",
    "series_list",
    "works",
]
