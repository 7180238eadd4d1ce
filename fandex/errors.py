"""fandex's exceptions. A user sees one line from any of them, never a traceback.

::

    FandexError
    ├── ReadError          a file could not be read as any known format
    │   └── UnsupportedFormat
    ├── NotAStory          a page with no story text (an index, a gate): skipped
    ├── LibraryError       the library could not be opened or written
    │   └── NotFound        no work with that id / prefix (or more than one)
    ├── QueryError         a malformed query (carries the position)
    └── ConfigError        a bad pack, tagger order or setting
"""

from __future__ import annotations


class FandexError(Exception):
    """Base of every error fandex reports to a user."""


class ReadError(FandexError):
    """A file could not be turned into a document."""


class UnsupportedFormat(ReadError):
    """No reader recognises the file."""


class NotAStory(FandexError):
    """A file read fine but holds no story text (a story index, a browse list, an
    adult-content gate page); the import reports it as skipped, with the reason."""


class LibraryError(FandexError):
    """The library could not be opened, migrated or written."""


class NotFound(LibraryError):
    """No single work matches the given id or prefix."""


class QueryError(FandexError):
    """A query string could not be parsed. ``position`` is a 0-based offset."""

    def __init__(self, message: str, position: int = 0, query: str = "") -> None:
        super().__init__(message)
        self.position = position
        self.query = query

    def pointer(self) -> str:
        """The query with a caret under the problem, for a terminal."""
        return f"{self.query}\n{' ' * self.position}^"


class ConfigError(FandexError):
    """A pack, a tagger order or a setting is invalid."""
