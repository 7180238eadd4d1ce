"""What an e-reader downloads: an EPUB made on the fly, or the file that was imported.

EPUBs are made by :func:`fandex.export.build_epub` and cached on disk under the hash
of the work's content (its record with chapter text, and fandex's version), so a
work is built once until it changes. Every file handed out is recorded under the
digest KOReader will sync progress with (:mod:`fandex.library.documents`).

The original file is read from where it was imported (a zip member through the same
bounded reader the import used) and served only while its bytes still hash to what
was imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import fandex
from fandex.cachedir import cache_home
from fandex.errors import ReadError
from fandex.export import build_epub
from fandex.library import Library, documents
from fandex.model import Source, Work
from fandex.read.safezip import ZipLimits, open_zip, read_member
from fandex.web.imports import safe_filename

EPUB_TYPE = "application/epub+zip"
DEFAULT_CACHE_BYTES = 512 * 1024 * 1024
_MEDIA_TYPES = {
    ".txt": "text/plain",
    ".htm": "text/html",
    ".html": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".epub": EPUB_TYPE,
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".fodt": "application/vnd.oasis.opendocument.text-flat-xml",
    ".rtf": "application/rtf",
}


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/fandex/epub`` (``~/.cache`` when unset)."""
    return cache_home() / "epub"


def content_key(work: Work) -> str:
    """The hash an EPUB of ``work`` is cached under: its record with text (the reader's
    state left out) and fandex's version."""
    record = work.to_dict(with_text=True)
    record.pop("reading", None)
    blob = json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(fandex.__version__.encode() + b"\0" + blob).hexdigest()


class EpubCache:
    """EPUBs on disk by content key, the oldest dropped past ``max_bytes``."""

    def __init__(self, folder: Path | None = None, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.folder = folder or default_cache_dir()
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.epub"

    def get(self, key: str) -> bytes | None:
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        os.utime(self.path(key))  # recently used: keep it longer
        return data

    def put(self, key: str, data: bytes) -> None:
        target = self.path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except OSError:
            return  # a cache that cannot be written only means building again
        self._prune()

    def _prune(self) -> None:
        with self._lock:
            files = []
            for p in self.folder.glob("*/*.epub"):
                try:
                    st = p.stat()
                except OSError:
                    continue
                files.append((st.st_mtime, st.st_size, p))
            total = sum(size for _, size, _ in files)
            for _, size, p in sorted(files):
                if total <= self.max_bytes:
                    break
                try:
                    p.unlink()
                except OSError:
                    continue
                total -= size


def epub_for(lib: Library, cache: EpubCache, work: Work, modified_at: str | None) -> bytes:
    """The EPUB of ``work`` (loaded with its text), from the cache or made now, and
    recorded under its KOReader digest."""
    key = content_key(work)
    data = cache.get(key)
    if data is None:
        stamp = _parse_time(modified_at)
        data = build_epub(work, modified=stamp)
        cache.put(key, data)
    digest = documents.partial_md5(data)
    if documents.work_for(lib, digest) is None:  # a read, not a write, on most downloads
        documents.remember(lib, digest, work.id, "epub")
    return data


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def original_bytes(source: Source, limits: ZipLimits | None = None) -> bytes | None:
    """The imported file's bytes, if it is still there unchanged (a member of a zip
    on disk is read back from the zip); None otherwise."""
    outer, sep, member = source.path.partition("!")
    try:
        if not sep:
            data = Path(outer).read_bytes()
        elif "!" in member:
            return None  # a zip inside a zip: not kept anywhere we can reach cheaply
        else:
            bounds = limits or ZipLimits()
            with open_zip(Path(outer)) as zf:
                data = read_member(zf, zf.getinfo(member), bounds)
    except (OSError, KeyError, ReadError):
        return None
    if hashlib.sha256(data).hexdigest() != source.sha256:
        return None
    return data


def original_available(source: Source | None) -> bool:
    """Cheap check for the catalog: is the imported file (or its zip) still on disk?"""
    if source is None or "!" in source.path.partition("!")[2]:
        return False
    return Path(source.path.partition("!")[0]).is_file()


def original_name(source: Source) -> str:
    """The name the original file had (the member's name for a zip member)."""
    return source.path.replace("\\", "/").rsplit("!", 1)[-1].rsplit("/", 1)[-1]


def media_type(name: str) -> str:
    """The media type for a file name, by its extension.

    >>> media_type("story.TXT")
    'text/plain'
    """
    return _MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def attachment(name: str) -> str:
    """A Content-Disposition naming the download (ASCII fallback and UTF-8 name).

    >>> attachment("La veillée.epub")
    'attachment; filename="La_veill_e.epub"; filename*=UTF-8\\'\\'La%20veill%C3%A9e.epub'
    """
    return f"attachment; filename=\"{safe_filename(name)}\"; filename*=UTF-8''{quote(name)}"


__all__ = [
    "EPUB_TYPE",
    "EpubCache",
    "attachment",
    "content_key",
    "default_cache_dir",
    "epub_for",
    "media_type",
    "original_available",
    "original_bytes",
    "original_name",
]
