"""fandex: the library manager for fan fiction.

The public API is what ``__all__`` names (a test pins it)::

    from fandex import Library, ImportSession, Work
    lib = Library.open("my-library.db")
    ImportSession(lib).run(["~/fics"])

The names load on first use (PEP 562), so ``import fandex`` (and every command of the
CLI, which starts with it) pays only for what it asks for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from fandex.errors import FandexError, LibraryError, NotFound, QueryError, ReadError
from fandex.model import Chapter, Evidence, Tag, Work

if TYPE_CHECKING:
    from fandex.importer import ImportReport, ImportSession
    from fandex.library import Library

__version__ = "0.1.0"

_LAZY = {
    "ImportReport": "fandex.importer",
    "ImportSession": "fandex.importer",
    "Library": "fandex.library",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'fandex' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Chapter",
    "Evidence",
    "FandexError",
    "ImportReport",
    "ImportSession",
    "Library",
    "LibraryError",
    "NotFound",
    "QueryError",
    "ReadError",
    "Tag",
    "Work",
    "__version__",
]
