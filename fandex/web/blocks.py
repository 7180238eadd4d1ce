"""The blocklist as the web sees it: list, add, remove (by 1-based number).

Adapts :mod:`fandex.library.blocklist` (the search engine's persistent, per-library
blocklist). Without it, an in-memory list stands in so the page still works.
"""

from __future__ import annotations

import importlib
from typing import Any

from fandex.library import Library

_FALLBACK: dict[int, list[str]] = {}


def _module() -> Any:
    try:
        return importlib.import_module("fandex.library.blocklist")
    except ModuleNotFoundError:
        return None


def entries(lib: Library) -> list[str]:
    """The blocked queries, in the order they were added."""
    mod = _module()
    if mod is None:
        return list(_FALLBACK.get(id(lib), []))
    return [str(q) for q in mod.list_blocks(lib)]


def add(lib: Library, query: str) -> None:
    """Block ``query`` (validated by the search engine: a bad one raises QueryError)."""
    mod = _module()
    if mod is None:
        _FALLBACK.setdefault(id(lib), []).append(query)
        return
    mod.add_block(lib, query)


def remove(lib: Library, number: int) -> None:
    """Remove entry ``number`` (1-based, as listed)."""
    mod = _module()
    if mod is None:
        blocks = _FALLBACK.get(id(lib), [])
        if 1 <= number <= len(blocks):
            del blocks[number - 1]
        return
    mod.remove_block(lib, number)
