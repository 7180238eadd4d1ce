"""A KOReader progress-sync server (the API of koreader/koreader-sync-server).

- ``POST /users/create``: users are added by the library's owner (``fandex users add``),
  so registration answers 402 with a message KOReader shows ("use Login").
- ``GET /users/auth``: 200 ``{"authorized": "OK"}`` or 401.
- ``PUT /syncs/progress``: ``{document, progress, percentage, device, device_id}``;
  200 ``{document, timestamp}``.
- ``GET /syncs/progress/{document}``: the last position pushed, or ``{}``.
- ``GET /healthcheck``: ``{"state": "OK"}``.

Requests carry ``x-auth-user`` and ``x-auth-key`` (KOReader's key is ``md5(password)``);
a wrong or missing pair is 401 ``{"code": 2001, "message": "Unauthorized"}``, a body
that is not what the API takes is 400 (the reference server says 403 there; KOReader
treats both as a failed sync), never a 500.

A document fandex served maps to its work: a pushed position moves the reader's state
in the library, and a position recorded by fandex's web reader more recently than
any device's is offered back to the e-reader, pointing into the chapter it was at.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from fandex.library import Library, documents, sync
from fandex.web import access
from fandex.web.base import Web
from fandex.web.opds.acquire import EpubCache, content_key, epub_for
from fandex.web.opds.xpointer import xpointer_for

UNAUTHORIZED = {"code": 2001, "message": "Unauthorized"}
INVALID = {"code": 2003, "message": "Invalid request"}
NO_DOCUMENT = {"code": 2004, "message": "Field 'document' not provided."}
REGISTRATION_OFF = {
    "code": 2005,
    "message": "Registration is off on this server: the library's owner adds users "
    "(fandex users add NAME). Use Login with that name and password.",
}
_DOCUMENT = re.compile(r"[A-Za-z0-9_]{1,64}")
_MAX_TEXT = 4096


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def _json(data: dict[str, Any], status: int = 200) -> Response:
    return JSONResponse(data, status_code=status)


async def _user(request: Request) -> str | None:
    return await run_in_threadpool(access.sync_user, _web(request).library, request)


async def create_user(request: Request) -> Response:
    """Registration is the owner's job here."""
    return _json(REGISTRATION_OFF, 402)


async def auth_user(request: Request) -> Response:
    if await _user(request) is None:
        return _json(UNAUTHORIZED, 401)
    return _json({"authorized": "OK"})


async def healthcheck(request: Request) -> Response:
    return _json({"state": "OK"})


def _text(value: Any) -> str | None:
    """A non-empty string field (a number is taken as its text, as KOReader's
    ``tostring`` would send it)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = str(value)
    if isinstance(value, str) and value.strip() and len(value) <= _MAX_TEXT:
        return value
    return None


def _fraction(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and -1e9 < number < 1e9 else None


async def update_progress(request: Request) -> Response:
    user = await _user(request)
    if user is None:
        return _json(UNAUTHORIZED, 401)
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return _json(INVALID, 400)
    if not isinstance(body, dict):
        return _json(INVALID, 400)
    document = body.get("document")
    if not isinstance(document, str) or not document:
        return _json(NO_DOCUMENT, 400)
    percentage = _fraction(body.get("percentage"))
    progress, device = _text(body.get("progress")), _text(body.get("device"))
    device_id = body.get("device_id")
    if (
        not _DOCUMENT.fullmatch(document)
        or percentage is None
        or progress is None
        or device is None
        or (device_id is not None and _text(device_id) is None)
    ):
        return _json(INVALID, 400)
    lib = _web(request).library
    record = await run_in_threadpool(
        lambda: sync.put(
            lib,
            user,
            document,
            percentage=percentage,
            progress=progress,
            device=device,
            device_id=_text(device_id),
        )
    )
    return _json({"document": record.document, "timestamp": record.timestamp})


async def get_progress(request: Request) -> Response:
    user = await _user(request)
    if user is None:
        return _json(UNAUTHORIZED, 401)
    document = request.path_params["document"]
    if not _DOCUMENT.fullmatch(document):
        return _json(NO_DOCUMENT, 400)
    lib = _web(request).library
    cache: EpubCache = request.app.state.opds_cache
    record = await run_in_threadpool(latest, lib, cache, user, document)
    return _json(record.to_dict() if record else {})


def latest(lib: Library, cache: EpubCache, user: str, document: str) -> sync.Progress | None:
    """The newest position for ``document``: a device's, or the web reader's when it
    read the same work more recently (for an EPUB fandex made)."""
    record = sync.get(lib, user, document)
    found = documents.work_for(lib, document)
    if found is None or found[1] != "epub":
        return record
    web = sync.get(lib, user, sync.web_document(found[0]))
    if web is None or (record is not None and record.timestamp >= web.timestamp):
        return record
    work = lib.find(found[0], with_text=True)
    if work is None:
        return record
    chapter, _, position = web.progress.partition(":")
    try:
        place = (int(chapter), float(position))
    except ValueError:
        return record
    data = cache.get(content_key(work)) or epub_for(lib, cache, work, None)
    pointer = xpointer_for(data, work, *place)
    if pointer is None:
        return record
    return sync.Progress(
        document, web.percentage, pointer, web.device, web.device_id, web.timestamp
    )


def routes() -> list[BaseRoute]:
    """The sync API's routes, at the server's root as KOReader expects."""
    return [
        Route("/users/create", create_user, methods=["POST"]),
        Route("/users/auth", auth_user),
        Route("/syncs/progress", update_progress, methods=["PUT"]),
        Route("/syncs/progress/{document}", get_progress),
        Route("/healthcheck", healthcheck),
    ]


__all__ = ["latest", "routes"]
