"""Batch export: many works into a folder or a zip, names from a template, no collisions.

``export_works`` streams works one at a time (a whole archive never sits in memory),
reports progress through a callback, and records a work that fails without stopping
the batch. For ``ao3`` the batch writes four files: the records as JSON and CSV, the
limits report and the tag-mapping sheet.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from fandex.errors import FandexError
from fandex.export.ao3records import (
    AO3_LIMITS,
    Breach,
    CsvRecordWriter,
    JsonRecordWriter,
    Limits,
    ao3_record,
    check_limits,
    write_breach_report,
)
from fandex.export.epub import build_epub
from fandex.export.html import build_html
from fandex.export.naming import DEFAULT_TEMPLATE, NameAllocator, render_name, template_values
from fandex.export.tagmap import TagMapCounter, write_tag_map_csv
from fandex.export.tags import Threshold
from fandex.model import Work

FORMATS: tuple[str, ...] = ("epub", "html", "ao3")
AO3_FILES = {
    "json": "ao3-records.json",
    "csv": "ao3-records.csv",
    "report": "ao3-limits-report.csv",
    "tagmap": "tag-map.csv",
}

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
) -> BatchResult:
    """Export ``works`` as ``fmt`` (``epub``, ``html`` or ``ao3``) into ``sink``."""
    if fmt not in FORMATS:
        raise FandexError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "ao3":
        return _export_ao3(
            works, sink, min_confidence=min_confidence, limits=limits, progress=progress
        )
    result = BatchResult()
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


def _export_ao3(
    works: Iterable[Work],
    sink: Sink,
    *,
    min_confidence: Threshold,
    limits: Limits,
    progress: Progress | None,
) -> BatchResult:
    result = BatchResult()
    tags = TagMapCounter()
    # Records stream into staging files (a zip cannot take two members at once).
    with tempfile.TemporaryDirectory(prefix="fandex-export-") as tmp:
        staging = Path(tmp)
        paths = {key: staging / name for key, name in AO3_FILES.items()}
        with (
            paths["json"].open("w", encoding="utf-8") as json_out,
            paths["csv"].open("w", encoding="utf-8", newline="") as csv_out,
        ):
            json_writer, csv_writer = JsonRecordWriter(json_out), CsvRecordWriter(csv_out)
            for work in works:
                result.works += 1
                try:
                    record = ao3_record(work, min_confidence=min_confidence)
                    result.breaches.extend(check_limits(record, limits))
                    tags.add(work)
                    json_writer.write(record)
                    csv_writer.write(record)
                    ok = True
                except Exception as exc:  # one bad work must not stop the batch
                    result.failed.append((work.id or work.title, _one_line(exc)))
                    ok = False
                if progress is not None:
                    progress(work, ok)
            json_writer.close()
        with paths["report"].open("w", encoding="utf-8", newline="") as out:
            write_breach_report(result.breaches, out)
        with paths["tagmap"].open("w", encoding="utf-8", newline="") as out:
            write_tag_map_csv(tags.rows(), out)
        for key in ("json", "csv", "report", "tagmap"):
            name = sink.reserve(AO3_FILES[key])
            sink.add_file(name, paths[key])
            result.written.append(name)
    return result
