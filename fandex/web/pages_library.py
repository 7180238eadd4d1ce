"""The listing, the reader, exports and per-work changes (with their JSON twins)."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from fandex.errors import FandexError, NotFound, QueryError
from fandex.model import TAG_TYPES, Tag, Work
from fandex.review import DECISIONS, decide, flag_tag
from fandex.web import querystate
from fandex.web.base import Web, int_param, split_json, url_with
from fandex.web.imports import safe_filename
from fandex.web.render import chapter_html
from fandex.web.searching import API_FACET_WAIT, SORTS, facets_for, search_page
from fandex.web.security import sanitize_html

EXPORTS: dict[str, tuple[str, str, str]] = {
    # format -> (label, extension, media type)
    "epub": ("EPUB", "epub", "application/epub+zip"),
    "html": ("HTML", "html", "text/html; charset=utf-8"),
    "ao3": ("AO3 import record", "json", "application/json"),
}


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.endswith(".json")


# -- the listing ---------------------------------------------------------------------------


def listing_state(request: Request) -> dict[str, Any]:
    """The listing's state, all of it from the URL."""
    sort = request.query_params.get("sort", "relevance")
    return {
        "q": request.query_params.get("q", "").strip()[:2000],
        "sort": sort if sort in SORTS else "relevance",
        "page": int_param(request, "page", 1, 1, 100_000),
        "per_page": int_param(request, "per_page", 20, 1, 100),
        "show_hidden": request.query_params.get("show_hidden") == "1",
    }


def _listing_params(state: dict[str, Any]) -> dict[str, Any]:
    """The URL parameters of a listing state, defaults left out."""
    return {
        "q": state["q"],
        "sort": state["sort"] if state["sort"] != "relevance" else None,
        "page": state["page"] if state["page"] != 1 else None,
        "per_page": state["per_page"] if state["per_page"] != 20 else None,
        "show_hidden": "1" if state["show_hidden"] else None,
    }


def _listing_url(state: dict[str, Any], **changes: Any) -> str:
    return url_with("/", _listing_params({**state, **changes}))


def sidebar(state: dict[str, Any], facets: dict[str, list[tuple[str, int]]]) -> list[Any]:
    """Facet groups with include/exclude links that edit the query string."""
    q = querystate.terms(state["q"])  # split once for every entry below
    groups = []
    order = [t for t in TAG_TYPES if t in facets] + [t for t in facets if t not in TAG_TYPES]
    for facet in order:
        field = querystate.field_for_facet(facet)
        entries = []
        for name, count in facets[facet]:
            current = querystate.state(q, field, name)
            entries.append(
                {
                    "name": name,
                    "count": count,
                    "state": current,
                    "include": _listing_url(
                        state, q=querystate.toggle(q, field, name, negated=False), page=1
                    ),
                    "exclude": _listing_url(
                        state, q=querystate.toggle(q, field, name, negated=True), page=1
                    ),
                }
            )
        if entries:
            groups.append({"facet": facet, "field": field, "entries": entries})
    return groups


def _tag_url(tag: Tag) -> str:
    """The listing of every work with ``tag`` (what clicking a tag in a blurb does)."""
    return _type_name_url(tag.type, tag.name)


@lru_cache(maxsize=4096)
def _type_name_url(type_: str, name: str) -> str:
    # A listing page links a few hundred tags, mostly the same few dozen names.
    return "/?" + urlencode({"q": querystate.format_term(querystate.field_for_facet(type_), name)})


def listing(request: Request) -> Response:
    """``/``: AO3-style blurbs, the filter sidebar, the query box, sort and pages."""
    web = _web(request)
    as_json = _is_api(request)
    state = listing_state(request)
    # The API waits a little longer for its counts than a page (which fills its sidebar
    # in later), but never for as long as a count may take; ?facets=wait is the no-script
    # listing asking for them outright.
    wait: float | None = API_FACET_WAIT if as_json else web.facet_wait
    if request.query_params.get("facets") == "wait":
        wait = None
    try:
        result, facet_state = search_page(
            web.library,
            state["q"],
            sort=state["sort"],
            page=state["page"],
            per_page=state["per_page"],
            apply_blocklist=not state["show_hidden"],
            facet_wait=wait,
        )
    except QueryError as exc:
        if as_json:
            body = {"error": str(exc), "position": exc.position, "query": state["q"]}
            return web.json(request, body, 400)
        return web.page(
            request,
            "listing.html",
            {"state": state, "result": None, "query_error": exc, "groups": [], "chips": []},
            400,
        )
    pages = max(1, -(-result.total // state["per_page"]))
    prev_url = _listing_url(state, page=state["page"] - 1) if state["page"] > 1 else None
    next_url = _listing_url(state, page=state["page"] + 1) if state["page"] < pages else None
    if as_json:
        return web.json(
            request,
            {
                "query": result.query,
                "description": result.description,
                "sort": state["sort"],
                "page": result.page,
                "per_page": result.per_page,
                "pages": pages,
                "total": result.total,
                "hidden": result.hidden,
                "works": [w.to_dict() for w in result.works],
                "facets": {k: [[n, c] for n, c in v] for k, v in result.facets.items()},
                "facets_state": facet_state,
                "prev": prev_url and "/works.json" + prev_url[1:],
                "next": next_url and "/works.json" + next_url[1:],
            },
        )
    chips = [
        {"term": t.raw, "negated": t.negated, "remove": _listing_url(
            state, q=querystate.without(state["q"], t.raw), page=1)}
        for t in querystate.terms(state["q"])
    ]  # fmt: skip
    return web.page(
        request,
        "listing.html",
        {
            "state": state,
            "result": result,
            "query_error": None,
            "groups": sidebar(state, result.facets) if facet_state != "pending" else [],
            "facets_pending": facet_state == "pending",
            "facets_refreshing": facet_state == "refreshing",
            "facets_url": url_with(
                "/facets", {"q": state["q"], "show_hidden": "1" if state["show_hidden"] else None}
            ),
            "facets_wait_url": url_with("/", {**_listing_params(state), "facets": "wait"}),
            "chips": chips,
            "pages": pages,
            "prev_url": prev_url,
            "next_url": next_url,
            "sorts": SORTS,
            "show_hidden_url": _listing_url(state, show_hidden=True, page=1),
            "hide_url": _listing_url(state, show_hidden=False, page=1),
            "tag_url": _tag_url,
            "msg": web.flash(request),
        },
    )


def facets(request: Request) -> Response:
    """``/facets``: the sidebar's facet groups alone (HTML fragment, or JSON twin),
    for a listing that did not wait for them. Waits a while for the counting to
    finish; past that, the last known counts, or 503 with ``Retry-After`` when there
    are none yet (a request thread is never held for as long as a count may take)."""
    web = _web(request)
    as_json = _is_api(request)
    state = listing_state(request)
    try:
        counts, facet_state = facets_for(
            web.library, state["q"], apply_blocklist=not state["show_hidden"], wait=API_FACET_WAIT
        )
    except QueryError as exc:
        return web.error(request, str(exc), 400, as_json=as_json)
    if counts is None:
        busy = web.error(request, "still counting; try again shortly", 503, as_json=as_json)
        busy.headers["retry-after"] = "2"
        return busy
    groups = sidebar(state, counts)
    if as_json:
        return web.json(request, {"query": state["q"], "groups": groups, "state": facet_state})
    html = web.env.get_template("_facets.html").render(groups=groups)
    return web.guard.finish(request, HTMLResponse(html))


# -- the reader ----------------------------------------------------------------------------


def _why_tag(work: Work, ref: str) -> Tag | None:
    type_, _, name = ref.partition(":")
    tag = work.find_tag(type_, name) if type_ in TAG_TYPES else None
    if tag is None:
        for flag in work.flags:
            proposed = flag_tag(flag)
            if proposed is not None and proposed.key == (type_, name.casefold()):
                return proposed
    return tag


def work_page(request: Request) -> Response:
    """``/works/{id}``: the reader (one chapter, or ``view=full``), with "why this tag?"."""
    web = _web(request)
    work_id, as_json = split_json(request.path_params["work_id"])
    as_json = as_json or request.url.path.startswith("/api/")
    try:
        work = web.library.get(work_id, with_text=True)
    except NotFound as exc:
        return web.error(request, str(exc), 404, as_json=as_json)
    if as_json:
        record = work.to_dict(with_text=request.query_params.get("text") != "0")
        for ch in record["chapters"]:
            if ch.get("html"):
                ch["html"] = sanitize_html(ch["html"])
        return web.json(request, record)

    why_ref = request.query_params.get("why", "")
    why = _why_tag(work, why_ref) if why_ref else None
    evidence_chapters = [e.chapter for e in (why.evidence if why else []) if e.chapter]
    full = request.query_params.get("view") == "full" or len(work.chapters) <= 1
    indexes = [c.index for c in work.chapters]
    default_ch = evidence_chapters[0] if evidence_chapters else (indexes[0] if indexes else 1)
    if not why and work.reading is not None and work.reading.chapter in indexes:
        default_ch = work.reading.chapter  # resume where the reader stopped
    chosen = int_param(request, "chapter", default_ch, -(10**9), 10**9)
    if indexes and chosen not in indexes:
        chosen = indexes[0]
    shown = work.chapters if full else [c for c in work.chapters if c.index == chosen]
    marks_by_chapter: dict[int, list[tuple[int, int]]] = {}
    if why:
        for c in shown:
            marks_by_chapter[c.index] = [
                (e.start, e.end)
                if e.chapter == c.index and e.start is not None and e.end is not None
                else (0, 0)
                for e in why.evidence
            ]
    fn_marks = [f.mark for f in work.footnotes]
    bodies = []
    for c in shown:
        marks = marks_by_chapter.get(c.index)
        if c.html and not any(e > s for s, e in marks or []):
            body = Markup(sanitize_html(c.html))  # nh3 output is safe to embed
        else:
            body = chapter_html(c.text, marks=marks, footnote_marks=fn_marks)
        bodies.append((c, body))
    pos = indexes.index(chosen) if chosen in indexes else 0
    base = f"/works/{work.id}"
    return web.page(
        request,
        "work.html",
        {
            "work": work,
            "bodies": bodies,
            "full": full,
            "chosen": chosen,
            "prev_url": None if full or pos == 0 else url_with(base, {"chapter": indexes[pos - 1]}),
            "next_url": None
            if full or pos >= len(indexes) - 1
            else url_with(base, {"chapter": indexes[pos + 1]}),
            "why": why,
            "why_ref": why_ref,
            "shown_indexes": [c.index for c in shown],
            "exports": EXPORTS if _export_module() else {},
            "msg": web.flash(request),
            "return_to": str(request.url.path)
            + (("?" + request.url.query) if request.url.query else ""),
        },
    )


# -- exports -------------------------------------------------------------------------------


def _export_module() -> Any:
    try:
        return importlib.import_module("fandex.export")
    except ImportError:
        return None


def export(request: Request) -> Response:
    """``/works/{id}/export/{fmt}``: a download made by :mod:`fandex.export`."""
    web = _web(request)
    fmt = request.path_params["fmt"]
    mod = _export_module()
    if fmt not in EXPORTS or mod is None:
        return web.error(request, f"no export format {fmt!r}", 404, as_json=False)
    try:
        work = web.library.get(request.path_params["work_id"], with_text=True)
    except NotFound as exc:
        return web.error(request, str(exc), 404, as_json=False)
    _label, ext, media = EXPORTS[fmt]
    try:
        if fmt == "epub":
            data: bytes = mod.build_epub(work)
        elif fmt == "html":
            data = mod.build_html(work).encode("utf-8")
        else:
            import json

            data = json.dumps(mod.ao3_record(work), ensure_ascii=False, indent=2).encode()
    except FandexError as exc:
        return web.error(request, str(exc), 500, as_json=False)
    name = safe_filename(f"{work.title}.{ext}")
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return web.guard.finish(request, Response(data, media_type=media, headers=headers))


# -- changes -------------------------------------------------------------------------------


async def decide_tag(request: Request) -> Response:
    """Accept, reject or edit one tag of a work (form or JSON)."""
    web = _web(request)
    as_json = _is_api(request)
    refused = await web.refuse(request, as_json=as_json)
    if refused:
        return refused
    data = await web.body(request, as_json=as_json)
    if isinstance(data, Response):
        return data
    if as_json:
        data.setdefault("work_id", request.path_params.get("work_id"))
    decision = str(data.get("decision", ""))
    if decision not in DECISIONS:
        return web.error(request, "decision must be accept, reject or edit", 400, as_json=as_json)
    try:
        tag = await run_in_threadpool(
            decide,
            web.library,
            str(data.get("work_id", "")),
            str(data.get("type", "")),
            str(data.get("name", "")),
            decision,
            new_name=str(data.get("new_name") or "") or None,
        )
    except NotFound as exc:
        return web.error(request, str(exc), 404, as_json=as_json)
    except FandexError as exc:
        return web.error(request, str(exc), 400, as_json=as_json)
    if as_json:
        return web.json(request, {"tag": tag.to_dict()})
    verb = {"accept": "Accepted", "reject": "Rejected", "edit": "Changed to"}[decision]
    return web.back(
        request, "/review", return_to=data.get("return_to"), message=f"{verb} {tag.name}"
    )


async def delete_work(request: Request) -> Response:
    """Remove a work from the library (``DELETE /api/works/{id}`` or the page's form)."""
    web = _web(request)
    as_json = request.method == "DELETE"
    refused = await web.refuse(request, as_json=as_json)
    if refused:
        return refused
    try:
        work_id = web.library.resolve(request.path_params["work_id"])
    except NotFound as exc:
        return web.error(request, str(exc), 404, as_json=as_json)
    await run_in_threadpool(web.library.remove, work_id)
    if as_json:
        return web.json(request, {"removed": work_id})
    return web.back(request, "/", message="Removed the work from the library")
