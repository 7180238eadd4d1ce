"""The published OpenAPI 3.1 description of fandex's JSON API (written by hand)."""

from __future__ import annotations

from typing import Any

from fandex.model import TAG_SOURCES, TAG_TYPES

_ERR = {"description": "One-line error", "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/Error"}}}}  # fmt: skip
_JSON_OBJ = {"application/json": {"schema": {"type": "object"}}}


def _get(summary: str, schema: str | None = None, params: list[Any] | None = None) -> Any:
    content = (
        {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}
        if schema
        else _JSON_OBJ
    )
    return {
        "get": {
            "summary": summary,
            "parameters": params or [],
            "responses": {"200": {"description": "OK", "content": content}, "404": _ERR},
        }
    }


def _write(method: str, summary: str, body: dict[str, Any] | None = None) -> Any:
    op: dict[str, Any] = {
        "summary": summary + " Needs the server token when not bound to loopback.",
        "security": [{"token": []}, {}],
        "responses": {
            "200": {"description": "OK", "content": _JSON_OBJ},
            "400": _ERR,
            "403": _ERR,
        },
    }
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return {method: op}


def _q(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": schema, "description": description}


_ID = {"name": "work_id", "in": "path", "required": True, "schema": {"type": "string"},
       "description": "A work id or a unique prefix of one"}  # fmt: skip

LISTING_PARAMS = [
    _q("q", {"type": "string"}, 'The query language, e.g. relationship:"A/B" -warning:x'),
    _q(
        "sort",
        {"enum": ["relevance", "title", "author", "words", "imported", "published", "updated"]},
        "Sort key",
    ),
    _q("page", {"type": "integer", "minimum": 1}, "Page number"),
    _q("per_page", {"type": "integer", "minimum": 1, "maximum": 100}, "Works per page"),
    _q("show_hidden", {"enum": ["1"]}, "Ignore the blocklist"),
]


# Paths described by the modules that mount them (fandex.web.ereader).
EXTRA_PATHS: dict[str, Any] = {}


def schema() -> dict[str, Any]:
    """The OpenAPI document served at ``/api/openapi.json``."""
    tag_schema = {
        "type": "object",
        "required": ["type", "name", "source", "confidence"],
        "properties": {
            "type": {"enum": list(TAG_TYPES)},
            "name": {"type": "string"},
            "source": {"enum": list(TAG_SOURCES)},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "evidence": {"type": "array", "items": {"type": "object"}},
            "tagger": {"type": "string"},
            "attrs": {"type": "object"},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "fandex",
            "version": "1",
            "description": "The fan fiction library. Every page has a JSON twin: the same "
            "path with .json, or these /api routes. Works use the work record of DESIGN.md.",
        },
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {"type": "string"},
                        "status": {"type": "integer"},
                        "position": {"type": "integer"},
                    },
                },
                "Tag": tag_schema,
                "Work": {
                    "type": "object",
                    "required": ["id", "title", "authors", "tags"],
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "authors": {"type": "array", "items": {"type": "string"}},
                        "summary": {"type": ["string", "null"]},
                        "words": {"type": "integer"},
                        "chapters": {"type": "array", "items": {"type": "object"}},
                        "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
                        "flags": {"type": "array", "items": {"type": "object"}},
                    },
                },
                "Listing": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "description": {"type": "string"},
                        "total": {"type": "integer"},
                        "hidden": {"type": "integer"},
                        "page": {"type": "integer"},
                        "pages": {"type": "integer"},
                        "works": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Work"},
                        },
                        "facets": {"type": "object", "additionalProperties": {"type": "array"}},
                    },
                },
            },
        },
        "paths": {
            "/api/works": _get("A page of works matching a query", "Listing", LISTING_PARAMS),
            "/api/works/{work_id}": {
                **_get(
                    "One work record (with chapter text unless text=0)",
                    "Work",
                    [_ID, _q("text", {"enum": ["0", "1"]}, "Include chapter text")],
                ),
                **_write("delete", "Remove a work."),
                "parameters": [_ID],
            },
            "/api/works/{work_id}/tags": {
                **_write(
                    "post",
                    "Accept, reject or edit a tag; stored as source user.",
                    {
                        "type": "object",
                        "required": ["type", "name", "decision"],
                        "properties": {
                            "type": {"type": "string"},
                            "name": {"type": "string"},
                            "decision": {"enum": ["accept", "reject", "edit"]},
                            "new_name": {"type": "string"},
                        },
                    },
                ),
                "parameters": [_ID],
            },
            "/api/facets": _get(
                "Facet groups (counts and include/exclude links) for a query",
                None,
                [LISTING_PARAMS[0], LISTING_PARAMS[4]],
            ),
            "/api/review": _get("The review queue (missing warnings first)"),
            "/api/review/bulk": _write(
                "post",
                "Accept a tagger's guesses above a confidence.",
                {
                    "type": "object",
                    "required": ["min_confidence"],
                    "properties": {
                        "tagger": {"type": "string"},
                        "type": {"type": "string"},
                        "min_confidence": {"type": "number"},
                    },
                },
            ),
            "/api/imports": {
                **_get("Recent imports"),
                "post": {
                    "summary": "Upload files or zips (multipart field 'files') to import.",
                    "security": [{"token": []}, {}],
                    "requestBody": {
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "files": {
                                            "type": "array",
                                            "items": {"type": "string", "format": "binary"},
                                        }
                                    },
                                }
                            }
                        }
                    },
                    "responses": {
                        "202": {"description": "Import started", "content": _JSON_OBJ},
                        "413": {"description": "Upload too large"},
                    },
                },
            },
            "/api/imports/{job_id}": _get(
                "Progress and per-file results of one import",
                None,
                [{"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            ),
            "/api/blocklist": {
                **_get("The blocklist"),
                **_write(
                    "post",
                    "Block a query.",
                    {
                        "type": "object",
                        "required": ["query"],
                        "properties": {"query": {"type": "string"}},
                    },
                ),
            },
            "/api/blocklist/{number}": {
                **_write("delete", "Remove blocklist entry number (1-based)."),
                "parameters": [
                    {
                        "name": "number",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
            },
            "/api/stats": _get("Library statistics"),
            "/api/series": _get(
                "Every series with its number of works, or (with name) one series: its "
                "parts in order and the missing positions",
                params=[_q("name", {"type": "string"}, "A series name (any case)")],
            ),
            "/api/works/{work_id}/split": {
                **_write("post", "Take this copy out of its group of copies, for good."),
                "parameters": [_ID],
            },
            "/api/openapi.json": _get("This document"),
            **EXTRA_PATHS,
        },
    }
