"""The web library: a Starlette app over one :class:`~fandex.library.Library`.

Every page has a JSON twin (the same path with ``.json``, or an ``/api/...`` route),
described at ``/api/openapi.json``. Pages are in :mod:`fandex.web.pages_library` and
:mod:`fandex.web.pages_manage`; the write rules in :mod:`fandex.web.security`.

>>> from fandex.library import Library
>>> app = create_app(Library.open(":memory:"))
>>> sorted(r.path for r in app.routes)[:2]
['/', '/api/blocklist']
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fandex.library import Library
from fandex.search import warm_up
from fandex.web import ereader, openapi, pages_library, pages_manage, pages_series
from fandex.web.base import HERE, Web
from fandex.web.searching import FACET_WAIT
from fandex.web.security import TOKEN_COOKIE, BodyLimit, SecurityHeaders

__all__ = ["DEFAULT_UPLOAD_LIMIT", "POOL_SIZE", "WEB_THREADS", "create_app"]

DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024
# Requests served at once (threads: page handlers are plain functions). Each holds at
# most one database connection at a time, so a pool of POOL_SIZE (these threads, the
# facet counter, the start-up warm-up and a few uploads importing) never runs dry;
# requests past WEB_THREADS queue for a thread instead of piling onto the database.
WEB_THREADS = 24
POOL_SIZE = WEB_THREADS + 8
_FORM_LIMIT = 1024 * 1024
# Libraries this big get their in-memory search data built at start (a second or more
# of work the first listings would otherwise wait for); small ones build it in moments.
_WARM_MIN_WORKS = 5000
log = logging.getLogger(__name__)


def _warm(library: Library) -> None:
    try:
        warm_up(library)
    except Exception:  # a failed warm-up only means the first requests build it
        log.warning("search warm-up failed", exc_info=True)


def _start_warm_up(library: Library) -> None:
    if library.count() >= _WARM_MIN_WORKS:
        threading.Thread(target=_warm, args=(library,), name="fandex-warm", daemon=True).start()


def _openapi(request: Request) -> Response:
    web: Web = request.app.state.web
    return web.json(request, openapi.schema())


class _ServerTiming:
    """Adds ``Server-Timing: app;dur=MS``: time in the app until the response starts
    (pages render fully before that, so it is the page's server time)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                dur = (time.perf_counter() - start) * 1000
                headers = list(message.get("headers", []))
                headers.append((b"server-timing", f"app;dur={dur:.1f}".encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, timed_send)


class _TokenLink:
    """``?token=...`` on any page sets the token cookie, then drops it from the URL."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.token and scope["type"] == "http" and scope["method"] == "GET":
            request = Request(scope)
            offered = request.query_params.get("token")
            if offered is not None:
                ok = hmac.compare_digest(offered.encode(), self.token.encode())
                rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                url = request.url.path + ("?" + urlencode(rest) if rest else "")
                response = RedirectResponse(url, status_code=303)
                if ok:
                    response.set_cookie(
                        TOKEN_COOKIE, self.token, httponly=True, samesite="strict", path="/"
                    )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class _App(Starlette):
    """Starlette with :class:`SecurityHeaders` outermost, so the headers are on every
    response, the 500s Starlette's own error middleware makes included."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    # The thread limit is per event loop, so it is set once the server's loop runs.
    anyio.to_thread.current_default_thread_limiter().total_tokens = WEB_THREADS
    try:
        yield
    finally:
        app.state.web.jobs.close()  # a temporary upload folder goes with the server


def create_app(
    library: Library,
    *,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_UPLOAD_LIMIT,
    upload_dir: Path | None = None,
    facet_wait: float | None = FACET_WAIT,
    allowed_hosts: list[str] | None = None,
) -> Starlette:
    """An ASGI app serving ``library``.

    ``token``: when set (``fandex serve`` sets one for non-loopback binds), every
    write needs it. ``max_upload_bytes`` bounds one upload request. ``facet_wait``: how
    long a listing waits for its facet counts before sending the works without them
    (None: always wait). ``allowed_hosts``: the only ``Host`` headers served (a
    loopback server lists its own names, so a DNS-rebinding page cannot reach it).
    """
    web = Web(
        library,
        token=token,
        max_upload_bytes=max_upload_bytes,
        upload_dir=upload_dir,
        facet_wait=facet_wait,
    )
    lib = pages_library
    man = pages_manage
    routes = [
        Route("/", lib.listing),
        Route("/works", lib.listing),
        Route("/works.json", lib.listing),
        Route("/api/works", lib.listing),
        Route("/facets", lib.facets),
        Route("/facets.json", lib.facets),
        Route("/api/facets", lib.facets),
        Route("/works/{work_id}", lib.work_page),
        Route("/api/works/{work_id}", lib.work_page),
        Route("/api/works/{work_id}", lib.delete_work, methods=["DELETE"]),
        Route("/works/{work_id}/delete", lib.delete_work, methods=["POST"]),
        Route("/works/{work_id}/export/{fmt}", lib.export),
        Route("/api/works/{work_id}/tags", lib.decide_tag, methods=["POST"]),
        Route("/review", man.review_page),
        Route("/review.json", man.review_page),
        Route("/api/review", man.review_page),
        Route("/review/decide", lib.decide_tag, methods=["POST"]),
        Route("/review/bulk", man.bulk_accept, methods=["POST"]),
        Route("/api/review/bulk", man.bulk_accept, methods=["POST"]),
        Route("/import", man.import_page),
        Route("/import.json", man.import_page),
        Route("/import", man.upload, methods=["POST"]),
        Route("/api/imports", man.import_page),
        Route("/api/imports", man.upload, methods=["POST"]),
        Route("/import/{job_id}", man.import_job),
        Route("/api/imports/{job_id}", man.import_job),
        Route("/blocklist", man.blocklist_page),
        Route("/blocklist.json", man.blocklist_page),
        Route("/api/blocklist", man.blocklist_page),
        Route("/blocklist", man.blocklist_change, methods=["POST"]),
        Route("/blocklist/remove", man.blocklist_change, methods=["POST"]),
        Route("/api/blocklist", man.blocklist_change, methods=["POST"]),
        Route("/api/blocklist/{number:int}", man.blocklist_change, methods=["DELETE"]),
        Route("/stats", man.stats_page),
        Route("/stats.json", man.stats_page),
        Route("/api/stats", man.stats_page),
        Route("/series", pages_series.series_page),
        Route("/series.json", pages_series.series_page),
        Route("/api/series", pages_series.series_page),
        Route("/works/{work_id}/split", pages_series.split_copy, methods=["POST"]),
        Route("/api/works/{work_id}/split", pages_series.split_copy, methods=["POST"]),
        Route("/api/openapi.json", _openapi),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        *ereader.routes(),  # OPDS catalog, KOReader sync, reading state, saved searches
    ]
    app = _App(
        routes=routes,
        lifespan=_lifespan,
        middleware=[
            *(
                [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)]
                if allowed_hosts
                else []
            ),
            Middleware(_ServerTiming),
            Middleware(
                BodyLimit,
                default=_FORM_LIMIT,
                upload=max_upload_bytes,
                upload_paths=("/import", "/api/imports"),
            ),
            Middleware(_TokenLink, token=token),
        ],
    )
    app.state.web = web
    ereader.install(app, web)
    _start_warm_up(library)
    return app
