"""The reader's state and saved searches in the web UI (with their JSON twins).

- ``GET /api/works/{id}/reading``: the library's reader's state of a work.
- ``POST /api/works/{id}/reading`` (JSON) and ``POST /works/{id}/reading`` (form): a
  mark (``read``, ``reading``, ``toread``, ``notoread``, ``unread``), a rating, notes,
  a view, or the web reader's place (``chapter`` and ``position``, 0..1).
- ``GET /api/searches``, ``POST /api/searches`` (JSON), ``DELETE /api/searches/{n}``,
  and the sidebar's forms ``POST /searches`` and ``POST /searches/remove``.

Writes follow the web UI's rules (:class:`fandex.web.security.Guard`): the server's
token off loopback, a CSRF token on forms, JSON only from this origin.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from fandex.errors import FandexError, NotFound, QueryError
from fandex.library import reading, searches, sync
from fandex.readstate import ReadState
from fandex.web.base import Web, url_with


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _write_data(web: Web, request: Request, as_json: bool) -> dict[str, Any] | Response:
    """A write's fields once the write rules let it through; else the refusal."""
    refused = await web.refuse(request, as_json=as_json)
    if refused:
        return refused
    return await web.body(request, as_json=as_json)


def _state_json(work_id: str, state: ReadState) -> dict[str, Any]:
    return {"work_id": work_id, "reading": state.to_dict(), "summary": state.summary()}


async def get_reading(request: Request) -> Response:
    web = _web(request)
    try:
        work_id = web.library.resolve(request.path_params["work_id"])
    except NotFound as exc:
        return web.error(request, str(exc), 404, as_json=True)
    state = await run_in_threadpool(reading.get, web.library, work_id)
    return web.json(request, _state_json(work_id, state))


def _change(web: Web, work_id: str, data: dict[str, Any]) -> ReadState:
    """Apply one request's changes; ValueError when a value makes no sense."""
    lib = web.library
    state: ReadState | None = None
    if "chapter" in data:
        chapter, position = int(data["chapter"]), float(data.get("position") or 0.0)
        if not 0.0 <= position <= 1.0:
            raise ValueError("position is a fraction of the chapter, from 0 to 1")
        state = reading.record_position(lib, work_id, chapter=chapter, position=position)
        sync.put_web(
            lib, state.reader, work_id, chapter=chapter, position=position, percent=state.progress
        )
    if data.get("view"):
        state = reading.record_view(lib, work_id)
    mark = data.get("mark")
    if mark:
        if mark not in reading.MARKS:
            raise ValueError(f"mark is one of: {', '.join(reading.MARKS)}")
        state = reading.mark(lib, work_id, str(mark))
    if "rating" in data:
        raw = data["rating"]
        state = reading.set_rating(
            lib, work_id, int(raw) if raw not in (None, "", 0, "0") else None
        )
    if "notes" in data:
        state = reading.set_notes(lib, work_id, str(data["notes"] or ""))
    if state is None:
        raise ValueError("nothing to change: give mark, rating, notes, view or chapter")
    return state


async def change_reading(request: Request) -> Response:
    web = _web(request)
    as_json = _is_api(request)
    data = await _write_data(web, request, as_json)
    if isinstance(data, Response):
        return data
    try:
        work_id = web.library.resolve(request.path_params["work_id"])
        state = await run_in_threadpool(_change, web, work_id, data)
    except NotFound as exc:
        return web.error(request, str(exc), 404, as_json=as_json)
    except (ValueError, TypeError, FandexError) as exc:
        return web.error(request, str(exc), 400, as_json=as_json)
    if as_json:
        return web.json(request, _state_json(work_id, state))
    return web.back(
        request, f"/works/{work_id}", return_to=data.get("return_to"), message=state.summary()
    )


# -- saved searches ------------------------------------------------------------------------


def _saved_json(s: searches.SavedSearch) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "query": s.query, "url": url_with("/", {"q": s.query})}


async def list_searches(request: Request) -> Response:
    web = _web(request)
    found = await run_in_threadpool(searches.entries, web.library)
    return web.json(request, {"searches": [_saved_json(s) for s in found]})


async def save_search(request: Request) -> Response:
    web = _web(request)
    as_json = _is_api(request)
    data = await _write_data(web, request, as_json)
    if isinstance(data, Response):
        return data
    query = str(data.get("query", data.get("q", "")) or "")
    try:
        saved = await run_in_threadpool(
            searches.save, web.library, str(data.get("name", "")), query
        )
    except QueryError as exc:
        return web.error(request, str(exc), 400, as_json=as_json)
    except FandexError as exc:
        return web.error(request, str(exc), 400, as_json=as_json)
    if as_json:
        return web.json(request, _saved_json(saved))
    listing = url_with("/", {"q": saved.query})
    return web.back(request, listing, message=f"Saved the search “{saved.name}”")


async def remove_search(request: Request) -> Response:
    web = _web(request)
    as_json = request.method == "DELETE"
    if as_json:
        refused = await web.refuse(request, as_json=True)
        if refused:
            return refused
        number: Any = request.path_params.get("number")
        return_to = None
    else:
        data = await _write_data(web, request, False)
        if isinstance(data, Response):
            return data
        number, return_to = data.get("number", ""), data.get("return_to")
    try:
        gone = await run_in_threadpool(searches.remove, web.library, int(number))
    except (ValueError, TypeError):
        return web.error(request, "which saved search? give its number", 400, as_json=as_json)
    except NotFound as exc:
        return web.error(request, str(exc), 404, as_json=as_json)
    if as_json:
        return web.json(request, {"removed": _saved_json(gone)})
    return web.back(request, "/", return_to=return_to, message=f"Removed the search “{gone.name}”")


def sidebar_searches(request: Request) -> list[dict[str, Any]]:
    """The saved searches for the listing's sidebar (a template global)."""
    return [_saved_json(s) for s in searches.entries(_web(request).library)]


def routes() -> list[BaseRoute]:
    return [
        Route("/api/works/{work_id}/reading", get_reading),
        Route("/api/works/{work_id}/reading", change_reading, methods=["POST"]),
        Route("/works/{work_id}/reading", change_reading, methods=["POST"]),
        Route("/api/searches", list_searches),
        Route("/api/searches", save_search, methods=["POST"]),
        Route("/api/searches/{number:int}", remove_search, methods=["DELETE"]),
        Route("/searches", save_search, methods=["POST"]),
        Route("/searches/remove", remove_search, methods=["POST"]),
    ]


__all__ = ["routes", "sidebar_searches"]
