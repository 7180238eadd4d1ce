"""Extension points. Built-in readers and taggers register here exactly as a
third-party package would: through entry points in its ``pyproject.toml``::

    [project.entry-points."fandex.readers"]
    rtf = "fandex_rtf:RtfReader"          # a class implementing :class:`Reader`

    [project.entry-points."fandex.taggers"]
    mood = "fandex_mood:mood_tagger"      # a :class:`fandex.tag.spec.TaggerSpec`

Tests and scripts may also call :func:`register_reader` / :func:`register_tagger`.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from fandex.read.document import RawDocument
    from fandex.tag.spec import TaggerSpec

log = logging.getLogger(__name__)

READERS_GROUP = "fandex.readers"
TAGGERS_GROUP = "fandex.taggers"


@runtime_checkable
class Reader(Protocol):
    """Turns one file's bytes into a :class:`RawDocument`.

    ``sniff`` looks at the first bytes (and, as a hint only, the file name) and says
    how sure it is, in [0, 1], that the file is its format; the reader with the best
    score reads the file. ``read`` raises :class:`fandex.errors.ReadError` with a
    one-line reason when it cannot.
    """

    name: str
    extensions: tuple[str, ...]

    def sniff(self, head: bytes, filename: str) -> float: ...

    def read(self, data: bytes, filename: str) -> RawDocument: ...


_extra_readers: dict[str, Reader] = {}
_extra_taggers: dict[str, TaggerSpec] = {}


def _loaded(ep: EntryPoint, instantiate: bool) -> Any | None:
    """The object ``ep`` names (an instance, for a reader class), or None when it fails
    to load: a broken third-party package costs its own format or tag, never every
    import (one warning line says which and why)."""
    try:
        obj = ep.load()
        return obj() if instantiate and isinstance(obj, type) else obj
    except Exception as exc:  # whatever a plugin's import raises
        log.warning("fandex: plugin %r (%s) not loaded: %s", ep.name, ep.value, exc)
        return None


@cache
def _entry_point_readers() -> dict[str, Reader]:
    loaded = {ep.name: _loaded(ep, True) for ep in entry_points(group=READERS_GROUP)}
    return {name: obj for name, obj in loaded.items() if obj is not None}


@cache
def _entry_point_taggers() -> dict[str, TaggerSpec]:
    loaded = {ep.name: _loaded(ep, False) for ep in entry_points(group=TAGGERS_GROUP)}
    return {name: obj for name, obj in loaded.items() if obj is not None}


def readers() -> dict[str, Reader]:
    """Every registered reader by format name."""
    return {**_entry_point_readers(), **_extra_readers}


def taggers() -> dict[str, TaggerSpec]:
    """Every registered tagger by name."""
    return {**_entry_point_taggers(), **_extra_taggers}


def register_reader(reader: Reader) -> None:
    _extra_readers[reader.name] = reader


def register_tagger(spec: TaggerSpec) -> None:
    _extra_taggers[spec.name] = spec


def unregister(name: str) -> None:
    """Drop a reader or tagger added with ``register_*`` (for tests)."""
    _extra_readers.pop(name, None)
    _extra_taggers.pop(name, None)
