"""What the web app mounts for e-readers and reading: the OPDS catalog, the KOReader
progress-sync API, the reader's state and saved searches (one call each from
:func:`fandex.web.app.create_app`)."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.routing import BaseRoute

from fandex.web import kosync, opds, openapi, reading
from fandex.web.base import Web
from fandex.web.opds.acquire import EpubCache


def routes() -> list[BaseRoute]:
    """The routes of the catalog, the sync API and the reading pages."""
    return [*opds.routes(), *kosync.routes(), *reading.routes()]


def install(app: Starlette, web: Web, cache: EpubCache | None = None) -> None:
    """Give ``app`` its EPUB cache and the templates their reading helpers."""
    app.state.opds_cache = cache or EpubCache()
    web.env.globals["saved_searches"] = reading.sidebar_searches


_WORK_ID: dict[str, Any] = {
    "name": "work_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
}
_READING_BODY = {
    "type": "object",
    "properties": {
        "mark": {"enum": ["read", "reading", "toread", "notoread", "unread"]},
        "rating": {"type": ["integer", "null"], "minimum": 0, "maximum": 5},
        "notes": {"type": ["string", "null"]},
        "view": {"type": "boolean"},
        "chapter": {"type": "integer"},
        "position": {"type": "number", "minimum": 0, "maximum": 1},
    },
}
_SEARCH_BODY = {
    "type": "object",
    "required": ["name", "query"],
    "properties": {"name": {"type": "string"}, "query": {"type": "string"}},
}

openapi.EXTRA_PATHS.update(
    {
        "/api/works/{work_id}/reading": {
            **openapi._get("The library's reader's state of a work"),
            **openapi._write(
                "post", "Mark, rate, note a work or record a reading place.", _READING_BODY
            ),
            "parameters": [_WORK_ID],
        },
        "/api/searches": {
            **openapi._get("Saved searches"),
            **openapi._write(
                "post", "Save a search (replaces one of the same name).", _SEARCH_BODY
            ),
        },
        "/api/searches/{number}": {
            **openapi._write("delete", "Remove a saved search."),
            "parameters": [
                {"name": "number", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
        },
    }
)

__all__ = ["install", "routes"]
