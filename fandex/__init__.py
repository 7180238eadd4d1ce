"""fandex: the library manager for fan fiction.

The public API is what ``__all__`` names (a test pins it)::

    from fandex import Library, ImportSession, Work
    lib = Library.open("my-library.db")
    ImportSession(lib).run(["~/fics"])
"""

from fandex.errors import FandexError, LibraryError, NotFound, QueryError, ReadError
from fandex.importer import ImportReport, ImportSession
from fandex.library import Library
from fandex.model import Chapter, Evidence, Tag, Work

__version__ = "0.1.0"

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
