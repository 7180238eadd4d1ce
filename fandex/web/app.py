"""The web library (minimal listing until the web UI lands)."""

from __future__ import annotations

from html import escape

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from fandex.library import Library


def create_app(library: Library) -> Starlette:
    """An ASGI app serving ``library``."""

    async def index(request: Request) -> HTMLResponse:
        rows = "".join(
            f"<li><strong>{escape(w.title)}</strong> by {escape(', '.join(w.authors))}"
            f" ({w.words} words)</li>"
            for w in library.iter_works()
        )
        return HTMLResponse(f"<!doctype html><title>fandex</title><h1>Library</h1><ul>{rows}</ul>")

    async def works_json(request: Request) -> JSONResponse:
        return JSONResponse([w.to_dict() for w in library.iter_works()])

    return Starlette(routes=[Route("/", index), Route("/api/works", works_json)])
