"""Batch export: many works into a folder or a zip, names from a template, no collisions.

``export_works`` streams works one at a time (a whole archive never sits in memory),
reports progress through a callback, and records a work that fails without stopping
the batch. ``opendoors`` and ``ao3`` are the archivist's formats
(:mod:`fandex.export.opendoors_batch`): Open Doors' tables or AO3 import requests, each
with the Tag Wrangling sheet, the limits report and the e-mail report.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from fandex.errors import FandexError
from fandex.export.ao3records import AO3_LIMITS, Breach, Limits
from fandex.export.epub import build_epub
from fandex.export.html import build_html
from fandex.export.naming import DEFAULT_TEMPLATE, NameAllocator, render_name, template_values
from fandex.export.opendoors_batch import Ao3Options, export_ao3, export_opendoors
from fandex.export.tags import Threshold
from fandex.model import Work

FORMATS: tuple[str, ...] = ("epub", "html", "opendoors", "ao3")

Progress = Callable[[Work, bool], None]


class Sink(Protocol):
    """Where exported files go (a folder or a zip). Names are relative, ``/``-separated."""

    def reserve(self, name: str) -> str:
        """A free name like ``name`` (suffixed `` (2)``... when taken)."""
        ...

    def write(self, name: str, data: bytes) -> None:
        """Store ``data`` as ``name`` (a name :meth:`reserve` gave)."""
        ...

    def add_file(self, name: str, path: Path) -> None:
        """Store the file at ``path`` as ``name`` (the file may be moved)."""
        ...

    def close(self) -> None:
        """Finish writing (a zip is incomplete until closed)."""
        ...


class FolderSink:
    """Writes into a folder; never overwrites a file already there."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._names = NameAllocator()
        self.destination = root

    def _path(self, name: str) -> Path:
        path = (self.root / name).resolve()
        # Names are cleaned already; this is the last line of defence.
        if not path.is_relative_to(self.root.resolve()):
            raise FandexError(f"refusing to write outside {self.root}: {name}")
        return path

    def reserve(self, name: str) -> str:
        while True:
            candidate = self._names.reserve(name)
            if not self._path(candidate).exists():
                return candidate

    def write(self, name: str, data: bytes) -> None:
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def add_file(self, name: str, path: Path) -> None:
        target = self._path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)

    def close(self) -> None:
        pass


class ZipSink:
    """Writes into a new zip file (EPUBs stored as they are: they are zips already)."""

    def __init__(self, path: Path) -> None:
        if path.exists():
            raise FandexError(f"{path} already exists; choose another --output")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.destination = path
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self._names = NameAllocator()

    def reserve(self, name: str) -> str:
        return self._names.reserve(name)

    def _method(self, name: str) -> int:
        return zipfile.ZIP_STORED if name.lower().endswith(".epub") else zipfile.ZIP_DEFLATED

    def write(self, name: str, data: bytes) -> None:
        self._zip.writestr(name, data, compress_type=self._method(name))

    def add_file(self, name: str, path: Path) -> None:
        self._zip.write(path, name, compress_type=self._method(name))

    def close(self) -> None:
        self._zip.close()


def open_sink(output: Path, *, as_zip: bool, fmt: str) -> FolderSink | ZipSink:
    """A folder sink at ``output``, or with ``as_zip`` a zip: ``output`` itself when it
    ends in ``.zip``, else ``output/fandex-FORMAT.zip``."""
    if not as_zip:
        if output.exists() and not output.is_dir():
            raise FandexError(f"{output} is a file, not a folder")
        return FolderSink(output)
    target = output if output.suffix.lower() == ".zip" else output / f"fandex-{fmt}.zip"
    return ZipSink(target)


@dataclass
class BatchResult:
    """What a batch wrote, what failed (work id or title, one-line reason), what broke limits."""

    written: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    breaches: list[Breach] = field(default_factory=list)
    works: int = 0


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def export_works(
    works: Iterable[Work],
    fmt: str,
    sink: Sink,
    *,
    template: str = DEFAULT_TEMPLATE,
    min_confidence: Threshold = None,
    limits: Limits = AO3_LIMITS,
    progress: Progress | None = None,
    ao3: Ao3Options | None = None,
) -> BatchResult:
    """Export ``works`` as ``fmt`` (one of :data:`FORMATS`) into ``sink``."""
    if fmt not in FORMATS:
        raise FandexError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    result = BatchResult()
    if fmt == "opendoors":
        export_opendoors(
            works, sink, result, min_confidence=min_confidence, limits=limits, progress=progress
        )
        return result
    if fmt == "ao3":
        export_ao3(
            works,
            sink,
            result,
            options=ao3,
            min_confidence=min_confidence,
            limits=limits,
            progress=progress,
        )
        return result
    for work in works:
        result.works += 1
        try:
            if fmt == "epub":
                data = build_epub(work, min_confidence=min_confidence)
            else:
                data = build_html(work, min_confidence=min_confidence).encode("utf-8")
            name = sink.reserve(render_name(template, template_values(work), fmt))
            sink.write(name, data)
            result.written.append(name)
            ok = True
        except FandexError:
            raise
        except Exception as exc:  # one bad work must not stop a batch of thousands
            result.failed.append((work.id or work.title, _one_line(exc)))
            ok = False
        if progress is not None:
            progress(work, ok)
    return result
