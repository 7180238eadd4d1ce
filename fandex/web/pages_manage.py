"""Review queue, import, blocklist and stats pages (with their JSON twins)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from fandex import review
from fandex.errors import FandexError, NotFound, QueryError
from fandex.library import schema
from fandex.model import TAG_TYPES
from fandex.search import library_stats
from fandex.web import blocks
from fandex.web.base import Web, int_param, split_json, url_with
from fandex.web.charts import bar_chart

REVIEW_PAGE = 50
MAX_FILES = 200


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.endswith(".json")


# -- review --------------------------------------------------------------------------------


def review_page(request: Request) -> Response:
    """``/review``: missing warnings first, then guesses from the least sure up."""
    web = _web(request)
    tagger = request.query_params.get("tagger") or None
    type_ = request.query_params.get("type") or None
    if type_ not in TAG_TYPES:
        type_ = None
    page = int_param(request, "page", 1, 1, 100_000)
    start = (page - 1) * REVIEW_PAGE
    lib = web.library
    total = review.pending(lib, tagger=tagger, type_=type_)
    shown = review.queue(lib, tagger=tagger, type_=type_, limit=REVIEW_PAGE, offset=start)
    per_tagger = review.taggers(lib, type_=type_)
    if _is_api(request):
        return web.json(
            request,
            {
                "total": total,
                "page": page,
                "per_page": REVIEW_PAGE,
                "items": [i.to_dict() for i in shown],
                "taggers": [[name, n] for name, n in per_tagger],
            },
        )
    params = {"tagger": tagger, "type": type_}
    return web.page(
        request,
        "review.html",
        {
            "items": shown,
            "total": total,
            "taggers": per_tagger,
            "tagger": tagger,
            "type": type_,
            "types": TAG_TYPES,
            "prev_url": url_with("/review", {**params, "page": page - 1}) if page > 1 else None,
            "next_url": url_with("/review", {**params, "page": page + 1})
            if start + REVIEW_PAGE < total
            else None,
            "return_to": str(request.url.path)
            + (("?" + request.url.query) if request.url.query else ""),
            "msg": web.flash(request),
        },
    )


async def bulk_accept(request: Request) -> Response:
    """Accept every guess of one tagger at or above a confidence."""
    web = _web(request)
    as_json = _is_api(request)
    refused = await web.refuse(request, as_json=as_json)
    if refused:
        return refused
    data = await web.body(request, as_json=as_json)
    if isinstance(data, Response):
        return data
    try:
        threshold = float(data.get("min_confidence", ""))
    except (TypeError, ValueError):
        threshold = -1.0
    if not 0.0 <= threshold <= 1.0:
        return web.error(request, "min_confidence must be between 0 and 1", 400, as_json=as_json)
    tagger = str(data.get("tagger") or "") or None
    type_ = str(data.get("type") or "") or None
    n = await run_in_threadpool(
        review.bulk_accept,
        web.library,
        tagger=tagger,
        min_confidence=threshold,
        type_=type_ if type_ in TAG_TYPES else None,
    )
    if as_json:
        return web.json(request, {"accepted": n})
    return web.back(request, "/review", message=f"Accepted {n} tags")


# -- import --------------------------------------------------------------------------------


def import_page(request: Request) -> Response:
    """``/import``: the upload form and recent imports."""
    web = _web(request)
    jobs = web.jobs.recent()
    if _is_api(request):
        return web.json(request, {"imports": [j.to_dict() for j in jobs]})
    return web.page(
        request, "import.html", {"jobs": jobs, "limit": web.max_upload_bytes, "job": None}
    )


async def upload(request: Request) -> Response:
    """Store the uploaded files (or zips) and start importing them in the background."""
    web = _web(request)
    as_json = _is_api(request)
    refused = await web.refuse(request, as_json=as_json)
    if refused:
        return refused
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=50)
    except Exception as exc:  # the multipart parser's own limits
        return web.error(request, f"the upload was refused: {exc}", 400, as_json=as_json)
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not files:
        return web.error(request, "choose at least one file to import", 400, as_json=as_json)
    paths = []
    for f in files:
        data = await f.read()
        paths.append(await run_in_threadpool(web.jobs.store, f.filename or "upload", data))
    job = web.jobs.start(paths)
    if as_json:
        return web.json(request, job.to_dict(), 202)
    return web.back(request, f"/import/{job.id}")


def import_job(request: Request) -> Response:
    """``/import/{job}``: progress and per-file results (the page polls the JSON twin)."""
    web = _web(request)
    job_id, as_json = split_json(request.path_params["job_id"])
    as_json = as_json or request.url.path.startswith("/api/")
    job = web.jobs.get(job_id)
    if job is None:
        return web.error(request, "no such import", 404, as_json=as_json)
    if as_json:
        return web.json(request, job.to_dict())
    return web.page(
        request,
        "import.html",
        {"jobs": web.jobs.recent(), "limit": web.max_upload_bytes, "job": job},
    )


# -- blocklist -----------------------------------------------------------------------------


def blocklist_page(request: Request) -> Response:
    """``/blocklist``: queries hidden from every listing."""
    web = _web(request)
    entries = blocks.entries(web.library)
    if _is_api(request):
        return web.json(request, {"blocklist": _as_json(entries)})
    return web.page(
        request,
        "blocklist.html",
        {"entries": entries, "msg": web.flash(request), "error": None, "value": ""},
    )


async def blocklist_change(request: Request) -> Response:
    """Add a query (``POST /blocklist``) or remove one (``POST /blocklist/remove``)."""
    web = _web(request)
    as_json = _is_api(request)
    refused = await web.refuse(request, as_json=as_json)
    if refused:
        return refused
    if request.method == "DELETE":
        try:
            await run_in_threadpool(blocks.remove, web.library, request.path_params["number"])
        except NotFound as exc:
            return web.error(request, str(exc), 404, as_json=True)
        return web.json(request, {"blocklist": _as_json(blocks.entries(web.library))})
    data = await web.body(request, as_json=as_json)
    if isinstance(data, Response):
        return data
    if request.url.path.endswith("/remove"):
        try:
            number = int(str(data.get("number", "")))
        except ValueError:
            return web.error(request, "which entry? give its number", 400, as_json=as_json)
        try:
            await run_in_threadpool(blocks.remove, web.library, number)
        except NotFound as exc:
            return web.error(request, str(exc), 404, as_json=as_json)
        return web.back(request, "/blocklist", message="Removed from the blocklist")
    query = str(data.get("query", "")).strip()
    try:
        if not query:
            raise QueryError("an empty query would block nothing")
        await run_in_threadpool(blocks.add, web.library, query)
    except FandexError as exc:
        if as_json:
            return web.json(request, {"error": str(exc)}, 400)
        return web.page(
            request,
            "blocklist.html",
            {
                "entries": blocks.entries(web.library),
                "msg": None,
                "error": str(exc),
                "value": query,
            },
            400,
        )
    if as_json:
        return web.json(request, {"blocklist": _as_json(blocks.entries(web.library))}, 201)
    return web.back(request, "/blocklist", message=f"Blocked {query}")


def _as_json(entries: list[tuple[int, str]]) -> list[dict[str, Any]]:
    return [{"number": n, "query": q} for n, q in entries]


# -- stats ---------------------------------------------------------------------------------


def _by_year(web: Web) -> list[tuple[str, int]]:
    w = schema.works
    year = func.substr(w.c.published, 1, 4)
    with web.library.engine.connect() as conn:
        rows = conn.execute(
            select(year, func.count()).where(w.c.published.is_not(None)).group_by(year)
        ).all()
    return sorted((str(y), int(n)) for y, n in rows if y and str(y).isdigit())


def stats_page(request: Request) -> Response:
    """``/stats``: counts by fandom, rating, year and tag source, with charts."""
    web = _web(request)
    stats = library_stats(web.library)
    stats["years"] = _by_year(web)
    if _is_api(request):
        return web.json(request, stats)
    charts = {
        "fandoms": bar_chart(stats["fandoms"], title="Works by fandom"),
        "ratings": bar_chart(stats["ratings"], title="Works by rating"),
        "years": bar_chart(stats["years"], title="Works by year published"),
    }
    return web.page(request, "stats.html", {"stats": stats, "charts": charts})
