"""The discover stage: paths, folders and zip archives -> candidate files, with limits.

Folders are walked in a stable order; hidden and system files are skipped; a
symlinked folder is followed once (a loop back to a folder already walked is not);
only regular files are read (a FIFO or device would hang the import). A zip archive
is expanded in memory, never onto disk: its members become candidates named
``archive.zip!member``; a zip inside a zip is expanded once more, no deeper. Every
refusal (bomb, traversal, password, too big) is a candidate with an ``error``.
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

from fandex.errors import ReadError
from fandex.read import archives, sniff
from fandex.read.safezip import (
    UnsafeMember,
    ZipLimits,
    check_archive,
    check_member,
    is_symlink,
    members,
    open_zip,
    read_member,
)

__all__ = ["Candidate", "Limits", "discover"]

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
    ]
)
MAX_NESTING = 1  # a zip in a zip is expanded; a zip in a zip in a zip is not

# Catalogues: folders that are one collection with its own record of each file (a
# calibre library). Each module named here has ``detect(folder) -> bool`` and
# ``expand(folder, limits) -> Iterator[Candidate]``; a folder one detects is expanded
# by it instead of walked (named, not imported, so they can import this module).
CATALOGUES: list[str] = ["fandex.read.calibre"]


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

    ``max_entries`` and ``max_total_bytes`` apply per archive; ``max_ratio`` is the
    largest uncompressed/compressed ratio accepted for an archive or a member over 1 MB.
    """

    max_file_bytes: int = 50 * 1024 * 1024
    max_entries: int = 10_000
    max_total_bytes: int = 2 * 1024 * 1024 * 1024
    max_ratio: float = 100.0
    # The story-file folder of an archive dump given on the command line (--files).
    archive_files: Path | None = None

    def zip_limits(self) -> ZipLimits:
        return ZipLimits(
            self.max_file_bytes, self.max_entries, self.max_total_bytes, self.max_ratio
        )


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
        """The file's bytes; OSError (or ReadError) with a one-line reason if unreadable."""
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
        raise OSError(f"file is {st.st_size} bytes, over the {limit}-byte limit")
    with path.open("rb") as fh:
        data = fh.read(limit + 1)  # a file that grew since stat() is still bounded
    if len(data) > limit:
        raise OSError(f"file is over the {limit}-byte limit")
    return data


def hidden(name: str) -> bool:
    """Dot-files, OS litter, Office lock files and editor backups."""
    return (
        name.startswith((".", "~$"))
        or name.endswith("~")
        or name in SYSTEM_NAMES
        or name.lower() in {n.lower() for n in SYSTEM_NAMES}
    )


def _media(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in MEDIA_EXTENSIONS


def discover(paths: list[str | Path], limits: Limits | None = None) -> Iterator[Candidate]:
    """Yield candidate files under ``paths`` in a stable order.

    >>> [c.error for c in discover(["/no/such/place"])]
    ['no such file or folder']
    """
    limits = limits or Limits()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield Candidate(str(p), error="no such file or folder")
        elif p.is_dir():
            catalogue = catalogue_for(p)
            yield from catalogue.expand(p, limits) if catalogue else _walk(p, limits)
        else:
            yield from _file(p, limits, explicit=True)


def _walk(top: Path, limits: Limits) -> Iterator[Candidate]:
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
            yield from _archive(dump, limits, limits.archive_files or folder)
            continue
        subdirs: list[Path] = []
        for entry in entries:
            if hidden(entry.name):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                continue
            if is_dir:
                catalogue = catalogue_for(Path(entry.path))
                if catalogue is not None:
                    yield from catalogue.expand(Path(entry.path), limits)
                else:
                    subdirs.append(Path(entry.path))
            elif not _media(entry.name):
                yield from _file(Path(entry.path), limits, explicit=False)
        stack.extend(reversed(subdirs))  # depth-first, in name order


def _file(p: Path, limits: Limits, *, explicit: bool) -> Iterator[Candidate]:
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
    try:
        with open_zip(p) as zf:  # reads the directory only
            kind = sniff.kind_of_names(set(zf.namelist()))
    except ReadError:
        kind = "zip"  # let expansion report the damage
    if kind != "zip":
        yield Candidate(str(p), fs_path=p)  # EPUB or DOCX: read later, like any file
        return
    if st.st_size > limits.max_total_bytes:
        yield Candidate(str(p), error="archive is over the total size limit")
        return
    yield from expand_zip(str(p), p, limits)


def _archive(dump: Path, limits: Limits, files: Path | None) -> Iterator[Candidate]:
    """One candidate per story of an archive dump (see :mod:`fandex.read.archives`)."""
    for item in archives.expand(dump, limits.max_file_bytes, files):
        yield Candidate(item.path, error=item.error, opener=item.opener)


def expand_zip(
    label: str, data: bytes | Path, limits: Limits, depth: int = 0
) -> Iterator[Candidate]:
    """Candidates for the members of the zip ``data`` (bytes or a file on disk), named
    ``label!member``."""
    zl = limits.zip_limits()
    try:
        zf = open_zip(data)
        check_archive(zf, zl)
    except ReadError as exc:
        yield Candidate(label, error=str(exc))
        return
    total = 0
    with zf:
        for info, name in members(zf):
            path = f"{label}!{info.filename}"
            if name is None:
                yield Candidate(path, error="unsafe path in archive (outside the archive); skipped")
                continue
            parts = name.split("/")
            if any(hidden(part) for part in parts) or _media(name):
                continue
            if is_symlink(info):
                yield Candidate(path, error="symbolic link in archive; skipped")
                continue
            if archives.is_dump(Path(name)):
                yield Candidate(
                    path, error="an archive dump inside a zip: unzip it and import the folder"
                )
                continue
            if not _maybe_zip(zf, info):
                # A plain member: read it when the importer gets to it.
                try:
                    check_member(info, zl)
                except UnsafeMember as exc:
                    yield Candidate(path, error=str(exc))
                    continue
                total += info.file_size
                if total > zl.max_total_bytes:
                    yield Candidate(
                        label, error="archive unpacks past the total size limit; stopped"
                    )
                    return
                yield Candidate(path, opener=partial(_read_later, data, info.filename, zl))
                continue
            try:
                body = read_member(zf, info, zl)
            except UnsafeMember as exc:
                yield Candidate(path, error=str(exc))
                continue
            total += len(body)
            if total > zl.max_total_bytes:
                yield Candidate(label, error="archive unpacks past the total size limit; stopped")
                return
            if sniff.zip_kind(body) == "zip":
                if depth >= MAX_NESTING:
                    yield Candidate(path, error="archive nested too deeply; skipped")
                else:
                    yield from expand_zip(path, body, limits, depth + 1)
                continue
            yield Candidate(path, data=body)


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


def _read_later(source: bytes | Path, name: str, limits: ZipLimits) -> bytes:
    """One member's bytes, from the archive reopened (the same checks as at discovery)."""
    with open_zip(source) as zf:
        return read_member(zf, zf.getinfo(name), limits)
