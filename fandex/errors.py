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


def reason(exc: BaseException) -> str:
    """What went wrong, in one line: fandex's own message, an OS error's words, or the
    exception's class and first line for anything else (a damaged zip's ``zlib.error``,
    a reader's ``KeyError``), so one file's failure never needs a traceback to read.

    >>> reason(ReadError("the file is empty\\nmore"))
    'the file is empty'
    >>> reason(KeyError("x"))
    "KeyError: 'x'"
    >>> import zlib
    >>> reason(zlib.error("Error -3 while decompressing data"))
    'zlib.error: Error -3 while decompressing data'
    >>> reason(FileNotFoundError(2, "No such file or directory"))
    'no such file or directory'
    """
    if isinstance(exc, FandexError):
        return _first_line(exc) or type(exc).__name__
    if isinstance(exc, OSError):
        return exc.strerror.lower() if exc.strerror else (_first_line(exc) or "cannot read")
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    name = type(exc).__name__
    if name == "error":  # zlib.error, struct.error, binascii.error: name the module
        name = f"{type(exc).__module__}.error"
    line = _first_line(exc)
    return f"{name}: {line}" if line else name


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:500] if text else ""
