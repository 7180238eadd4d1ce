"""The discover stage: paths, folders and zip archives -> candidate files, with limits.

Folders are walked in a stable order; hidden and system files are skipped; a
symlinked folder is followed once (a loop back to a folder already walked is not);
only regular files are read (a FIFO or device would hang the import). A zip archive
is expanded in memory, never onto disk: its members become candidates named
``archive.zip!member``; a zip inside a zip is expanded once more, no deeper. Every
refusal (bomb, traversal, password, too big) is a candidate with an ``error``.

Containment: whatever walking a folder, expanding a zip, an archive dump or a
catalogue (:data:`CATALOGUES`: a calibre library) raises becomes one error candidate
for that path (:func:`contained`), and discovery goes on with the next one.
"""

from __future__ import annotations

import importlib
import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from fandex.errors import ConfigError, ReadError, reason
from fandex.read import archives, sniff
from fandex.read.safezip import (
    Archive,
    Shelf,
    UnsafeMember,
    ZipLimits,
    check_archive,
    check_member,
    is_symlink,
    members,
    too_big,
)

__all__ = ["CATALOGUES", "Candidate", "Limits", "Shelf", "contained", "discover"]

# Names that are never stories: OS litter and version-control folders.
SYSTEM_NAMES = frozenset(
    {"Thumbs.db", "desktop.ini", "__MACOSX", "$RECYCLE.BIN", "System Volume Information"}
)
# Inside folders and archives, files with these extensions are not offered to the
# readers (a fic folder is full of cover images). A file named on the command line is
# always read, so a mislabelled story still gets a clear answer.
MEDIA_EXTENSIONS = frozenset(
    [
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".bmp",
        ".webp",
        ".svg",
        ".ico",
        ".tif",
        ".tiff",
        ".mp3",
        ".ogg",
        ".wav",
        ".flac",
        ".m4a",
        ".mp4",
        ".mkv",
        ".avi",
        ".mov",
        ".webm",
        ".css",
        ".js",
        ".ttf",
        ".otf",
        ".woff",
        ".woff2",
        ".exe",
        ".dll",
        ".so",
        ".pyc",
        ".db",
        ".sqlite",
        ".ncx",
        ".opf",
        ".xml",
        ".json",
        ".log",
        ".ini",
        ".cfg",
        ".lnk",
        # Data and code a collector keeps beside the fics (a label sheet, a script):
        # text, but no story, and read as one it would be a work of quoted fragments.
        ".yaml",
        ".yml",
        ".toml",
        ".csv",
        ".tsv",
        ".py",
        ".sh",
    ]
)
MAX_NESTING = 1  # a zip in a zip is expanded; a zip in a zip in a zip is not
MB = 1024 * 1024
DEFAULT_MAX_FILE_MB = 50
MAX_FILE_ENV = "FANDEX_MAX_FILE_MB"

# Catalogues: folders that are one collection with its own record of each file (a
# calibre library). Each module named here has ``detect(folder) -> bool`` and
# ``expand(folder, limits) -> Iterator[Candidate]``; a folder one detects is expanded
# by it instead of walked (named, not imported, so they can import this module).
CATALOGUES: list[str] = ["fandex.read.calibre", "fandex.read.calibre_opf"]


def catalogue_for(folder: Path) -> Any | None:
    """The catalogue module that reads ``folder``, if one recognises it."""
    for name in CATALOGUES:
        module = importlib.import_module(name)
        if module.detect(folder):
            return module
    return None


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or mistaken input from eating the machine.

    ``max_file_bytes`` is the largest file read (a zip member too); reading, cleaning
    and tagging a file peak at a few times its size, so the default keeps one file's
    worst case well under 1 GB. ``max_entries`` and ``max_total_bytes`` apply per
    archive; ``max_ratio`` is the largest uncompressed/compressed ratio accepted for an
    archive or a member over 1 MB.
    """

    max_file_bytes: int = DEFAULT_MAX_FILE_MB * MB
    max_entries: int = 10_000
    max_total_bytes: int = 2 * 1024 * 1024 * 1024
    max_ratio: float = 100.0
    # The story-file folder of an archive dump given on the command line (--files).
    archive_files: Path | None = None

    def zip_limits(self) -> ZipLimits:
        return ZipLimits(
            self.max_file_bytes, self.max_entries, self.max_total_bytes, self.max_ratio
        )

    @classmethod
    def from_env(cls, max_file_mb: float | None = None) -> Limits:
        """The default limits, with the file size from ``max_file_mb``, else
        ``$FANDEX_MAX_FILE_MB``; ConfigError when that is not a positive number."""
        if max_file_mb is None:
            raw = os.environ.get(MAX_FILE_ENV, "").strip()
            if not raw:
                return cls()
            try:
                max_file_mb = float(raw)
            except ValueError:
                raise ConfigError(f"{MAX_FILE_ENV}={raw!r} is not a number of megabytes") from None
        if not max_file_mb > 0 or max_file_mb == float("inf"):
            raise ConfigError(
                f"the largest file size must be a positive number of MB, not {max_file_mb}"
            )
        return cls(max_file_bytes=int(max_file_mb * MB))


@dataclass
class Candidate:
    """One file to import. ``path`` is its identity in the library (a zip member is
    ``archive.zip!member``); ``data`` is filled when the bytes come from an archive."""

    path: str
    fs_path: Path | None = None
    data: bytes | None = None
    error: str | None = None  # set when the file cannot even be fetched
    # Reads a zip member when it is needed, so a big archive is never all in memory.
    opener: Callable[[], bytes] | None = None
    # A catalogue's record of this file (calibre's metadata...), merged as stated
    # after parsing (fandex/parse/overlay.py).
    overlay: dict[str, Any] | None = None

    def load(self, limits: Limits) -> bytes:
        """The file's bytes; OSError or ReadError with a one-line reason if unreadable
        (ReadError naming the limit for a file over :attr:`Limits.max_file_bytes`)."""
        if self.data is not None:
            return self.data
        if self.opener is not None:
            return self.opener()
        if self.fs_path is None:
            raise OSError(self.error or "nothing to read")
        return _read_file(self.fs_path, limits.max_file_bytes)


def _read_file(path: Path, limit: int) -> bytes:
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise OSError("not a regular file")
    if st.st_size > limit:
        raise ReadError(too_big(st.st_size, limit))
    with path.open("rb") as fh:
        data = fh.read(limit + 1)  # a file that grew since stat() is still bounded
    if len(data) > limit:
        raise ReadError(too_big(len(data), limit))
    return data


def hidden(name: str) -> bool:
    """Dot-files, OS litter, Office lock files and editor backups."""
    return (
        name.startswith((".", "~$"))
        or name.endswith("~")
        or name in SYSTEM_NAMES
        or name.lower() in {n.lower() for n in SYSTEM_NAMES}
    )


# A collection's own papers, whatever their extension ("README.md", "LICENSE.txt"): about
# the files beside them, never a story (read as one, a README of a fic archive is a
# "work" tagged from the blurbs it quotes).
PAPER_NAMES = frozenset(["readme", "license", "licence", "copying", "changelog", "contributing"])


# "Save page as... Webpage, complete" writes the page's images, style sheets, scripts and
# frames (an advert's page, a comment widget's) into a folder named after the page, with
# a suffix in the browser's or Windows' language ("Story.html" and "Story_files"). Such a
# folder beside its page is the page's, never a story of its own.
COMPANION_SUFFIXES = (
    "_files", "-files", ".files", "_file", "-Dateien", "_fichiers", "_archivos",
    "_arquivos", "_ficheiros", "_bestanden", "-filer", "_filer", "_tiedostot", "_pliki",
    "_soubory", "_dosyalar", "_elemei", "_failid", "_fails", "_datoteke", "_fajlovi",
    "_bylos",
)  # fmt: skip
_PAGE_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml", ".xht", ".php", ".mht", ".mhtml")


def companion_folders(names: list[str]) -> set[str]:
    """The names in ``names`` (one folder's entries) that are a saved page's companion
    folder: a browser's "Story_files" beside "Story.html".

    >>> sorted(companion_folders(["Story.html", "Story_files", "Notes_files", "Notes.txt"]))
    ['Story_files']
    """
    pages = {os.path.splitext(n)[0].lower() for n in names if n.lower().endswith(_PAGE_EXTENSIONS)}
    out: set[str] = set()
    for name in names:
        low = name.lower()
        for suffix in COMPANION_SUFFIXES:
            if low.endswith(suffix.lower()) and low[: -len(suffix)] in pages:
                out.add(name)
                break
    return out


def _not_offered(name: str) -> bool:
    """Whether a file found in a folder or an archive is not offered to the readers: a
    media, data or code file, or one of the collection's own papers."""
    stem, ext = os.path.splitext(name)
    return ext.lower() in MEDIA_EXTENSIONS or stem.lower() in PAPER_NAMES


def discover(
    paths: list[str | Path], limits: Limits | None = None, shelf: Shelf | None = None
) -> Iterator[Candidate]:
    """Yield candidate files under ``paths`` in a stable order.

    Whatever goes wrong while walking one path or expanding one archive becomes that
    path's (or archive's) error candidate; the walk goes on. ``shelf`` bounds the
    archives held open for their members to be read (one is made when not given).

    >>> [c.error for c in discover(["/no/such/place"])]
    ['no such file or folder']
    """
    limits = limits or Limits()
    shelf = shelf if shelf is not None else Shelf()
    for raw in paths:
        p = Path(raw)
        yield from contained(str(p), _top(p, limits, shelf))


def contained(label: str, found: Iterator[Candidate]) -> Iterator[Candidate]:
    """``found``, with any exception it raises turned into an error candidate for
    ``label``: the error boundary of discovery, so a damaged archive or an unreadable
    folder is one failed entry, never the end of the run."""
    try:
        yield from found
    except Exception as exc:
        yield Candidate(label, error=f"could not be read ({reason(exc)})")


def _catalogue(folder: Path, limits: Limits) -> Iterator[Candidate] | None:
    """The candidates of the catalogue ``folder`` is (inside its own error boundary), or
    None when it is not one."""
    try:
        catalogue = catalogue_for(folder)
    except Exception as exc:  # a catalogue module that cannot even look
        return iter([Candidate(str(folder), error=f"could not be read ({reason(exc)})")])
    return None if catalogue is None else contained(str(folder), catalogue.expand(folder, limits))


def _top(p: Path, limits: Limits, shelf: Shelf) -> Iterator[Candidate]:
    if not p.exists():
        yield Candidate(str(p), error="no such file or folder")
    elif p.is_dir():
        found = _catalogue(p, limits)
        yield from found if found is not None else _walk(p, limits, shelf)
    else:
        yield from _file(p, limits, shelf, explicit=True)


def _walk(top: Path, limits: Limits, shelf: Shelf) -> Iterator[Candidate]:
    seen: set[tuple[int, int]] = set()
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            yield Candidate(str(folder), error=f"cannot open folder ({exc.strerror})")
            continue
        if (st.st_dev, st.st_ino) in seen:
            continue  # a symlink loop, or a second link to a folder already walked
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Candidate(str(folder), error=f"cannot list folder ({exc.strerror})")
            continue
        dump = archives.dump_in_folder(folder, [e.name for e in entries if e.is_file()])
        if dump is not None:  # an archive's folder: its dump reads its story files
            yield from contained(str(dump), _archive(dump, limits, limits.archive_files or folder))
            continue
        subdirs: list[Path] = []
        companions = companion_folders([e.name for e in entries])
        for entry in entries:
            if hidden(entry.name) or entry.name in companions:
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                continue
            if is_dir:
                found = _catalogue(Path(entry.path), limits)
                if found is not None:  # its own boundary: the walk goes on after it
                    yield from found
                else:
                    subdirs.append(Path(entry.path))
            elif not _not_offered(entry.name):
                yield from contained(entry.path, _file(Path(entry.path), limits, shelf))
        stack.extend(reversed(subdirs))  # depth-first, in name order


def _file(p: Path, limits: Limits, shelf: Shelf, *, explicit: bool = False) -> Iterator[Candidate]:
    try:
        st = p.stat()
    except OSError as exc:
        yield Candidate(str(p), error=f"cannot read ({exc.strerror})")
        return
    if not stat.S_ISREG(st.st_mode):
        if explicit:
            yield Candidate(str(p), error="not a regular file")
        return
    try:
        with p.open("rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        yield Candidate(str(p), error=f"cannot read ({exc.strerror})")
        return
    if archives.is_dump(p):
        yield from _archive(p, limits, limits.archive_files)
        return
    if not sniff.is_zip(head):
        yield Candidate(str(p), fs_path=p)
        return
    if head[30:58] == b"mimetypeapplication/epub+zip":
        yield Candidate(str(p), fs_path=p)  # an EPUB is a document, not an archive
        return
    archive = Archive(p, shelf)
    try:
        kind = sniff.kind_of_names(set(archive.zip().namelist()))  # the directory only
    except ReadError:
        kind = "zip"  # let expansion report the damage
    if kind != "zip":
        archive.close()
        yield Candidate(str(p), fs_path=p)  # EPUB or DOCX: read later, like any file
        return
    if st.st_size > limits.max_total_bytes:
        archive.close()
        yield Candidate(str(p), error="archive is over the total size limit")
        return
    yield from expand_zip(str(p), archive, limits)


def _archive(dump: Path, limits: Limits, files: Path | None) -> Iterator[Candidate]:
    """One candidate per story of an archive dump (see :mod:`fandex.read.archives`)."""
    for item in archives.expand(dump, limits.max_file_bytes, files):
        yield Candidate(item.path, error=item.error, opener=item.opener)


def expand_zip(
    label: str, data: bytes | Path | Archive, limits: Limits, depth: int = 0
) -> Iterator[Candidate]:
    """Candidates for the members of the zip ``data`` (bytes, a file on disk, or an
    :class:`Archive` already open), named ``label!member``. The archive is opened once;
    its plain members are read from that same handle when the importer loads them."""
    zl = limits.zip_limits()
    archive = data if isinstance(data, Archive) else Archive(_source(data))
    try:
        zf = archive.zip()
        check_archive(zf, zl)
        infos = list(members(zf))
    except ReadError as exc:
        archive.close()
        yield Candidate(label, error=str(exc))
        return
    total = 0
    companions = _zip_companions([name for _info, name in infos if name is not None])
    for info, name in infos:
        path = f"{label}!{info.filename}"
        if name is None:
            yield Candidate(path, error="unsafe path in archive (outside the archive); skipped")
            continue
        parts = name.split("/")
        if any(hidden(part) for part in parts) or _not_offered(name):
            continue
        if any("/".join(parts[: i + 1]) in companions for i in range(len(parts) - 1)):
            continue
        if is_symlink(info):
            yield Candidate(path, error="symbolic link in archive; skipped")
            continue
        if archives.is_dump(Path(name)):
            yield Candidate(
                path, error="an archive dump inside a zip: unzip it and import the folder"
            )
            continue
        try:
            check_member(info, zl)
        except UnsafeMember as exc:
            yield Candidate(path, error=str(exc))
            continue
        if not _maybe_zip(archive.zip(), info):
            # A plain member: read it when the importer gets to it.
            total += info.file_size
            if total > zl.max_total_bytes:
                yield Candidate(label, error="archive unpacks past the total size limit; stopped")
                return
            yield Candidate(path, opener=partial(archive.read, info, zl))
            continue
        try:
            body = archive.read(info, zl)
        except ReadError as exc:
            yield Candidate(path, error=str(exc))
            continue
        total += len(body)
        if total > zl.max_total_bytes:
            yield Candidate(label, error="archive unpacks past the total size limit; stopped")
            return
        if sniff.zip_kind(body) != "zip":
            # An EPUB or DOCX inside the archive: read again when it is imported, so
            # discovery never holds every member's bytes at once.
            del body
            yield Candidate(path, opener=partial(archive.read, info, zl))
        elif depth >= MAX_NESTING:
            yield Candidate(path, error="archive nested too deeply; skipped")
        else:
            inner = Archive(partial(archive.read, info, zl), archive.shelf, "archive")
            inner.preload(body)
            del body
            yield from contained(path, expand_zip(path, inner, limits, depth + 1))


def _zip_companions(names: list[str]) -> set[str]:
    """The folder paths inside a zip that are a saved page's companion folders (see
    :func:`companion_folders`), as "dir/Story_files"."""
    by_folder: dict[str, set[str]] = {}
    for name in names:
        parts = name.split("/")
        for i in range(len(parts)):
            by_folder.setdefault("/".join(parts[:i]), set()).add(parts[i])
    return {
        f"{folder}/{entry}" if folder else entry
        for folder, entries in by_folder.items()
        for entry in companion_folders(sorted(entries))
    }


def _source(data: bytes | Path) -> Path | Callable[[], bytes]:
    if isinstance(data, Path):
        return data
    return lambda: data


def _maybe_zip(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a member starts like a zip (a nested archive, an EPUB, a DOCX), which
    must be read now to be told apart; an unreadable member answers True so that the
    full read reports why."""
    if info.flag_bits & 0x1:
        return True
    try:
        with zf.open(info) as fh:
            return sniff.is_zip(fh.read(4))
    except Exception:  # damaged or unsupported: let read_member say what is wrong
        return True
