"""``/series``: every series, or one series' parts in order with the missing ones
named (``?name=``); JSON twins at ``/series.json`` and ``/api/series``. Also the
work page's one action on copies: splitting a wrong group."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from fandex.errors import FandexError, NotFound
from fandex.library import versions
from fandex.library.series import all_series, series_view
from fandex.web.base import Web


def series_page(request: Request) -> Response:
    """The series index, or the series ``?name=`` asks for."""
    web: Web = request.app.state.web
    path = request.url.path
    as_json = path.endswith(".json") or path.startswith("/api/")
    name = request.query_params.get("name", "").strip()
    if not name:
        found = all_series(web.library)
        if as_json:
            return web.json(request, [{"name": n, "works": k} for n, k in found])
        return web.page(request, "series.html", {"index": found, "view": None})
    try:
        view = series_view(web.library, name)
    except NotFound as exc:
        return web.error(request, str(exc), 404, as_json=as_json)
    if as_json:
        return web.json(request, view.to_dict())
    return web.page(request, "series.html", {"index": None, "view": view})


async def split_copy(request: Request) -> Response:
    """``POST /works/{id}/split`` (or ``/api/works/{id}/split``): take a copy out of
    its group, for good (the decision is kept on later imports)."""
    web: Web = request.app.state.web
    as_json = request.url.path.startswith("/api/")
    refused = await web.refuse(request, as_json=as_json)
    if refused:
        return refused
    try:
        work_id = web.library.resolve(request.path_params["work_id"])
        rest = await run_in_threadpool(versions.split, web.library, work_id)
    except FandexError as exc:
        return web.error(
            request, str(exc), 404 if isinstance(exc, NotFound) else 400, as_json=as_json
        )
    if as_json:
        return web.json(request, {"split": work_id, "from": rest})
    return web.back(request, f"/works/{work_id}", message="Took this copy out of its group")
