"""Reading zip files that may be hostile: bombs, traversal, passwords, damage.

Nothing here ever extracts to disk; members are read into memory through a bounded
reader, after their declared sizes and compression ratio have been checked, and the
read stops at the limit even if the declared size lies. Whatever :mod:`zipfile` (or
zlib beneath it) raises on a damaged archive -- ``BadZipFile``, ``zlib.error`` from a
broken deflate stream, ``NotImplementedError`` for an unknown zip version or method,
``EOFError``, ``struct.error`` -- comes out as a one-line :class:`ReadError`.

An :class:`Archive` is opened once: its directory is parsed when it is opened and every
member is read through that same handle (reopening per member would parse the
directory again each time: quadratic in the member count). A :class:`Shelf` bounds how
many archives are open at once (file handles, and the bytes of zips inside zips).
"""

from __future__ import annotations

import io
import posixpath
import stat
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fandex.errors import ReadError, reason

_CHUNK = 1 << 16
# Below this size a high compression ratio is harmless (a page of spaces compresses 1000:1).
_RATIO_FLOOR = 1 << 20


@dataclass(frozen=True)
class ZipLimits:
    """Bounds for one archive (see :class:`fandex.read.discover.Limits`)."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_entries: int = 10_000
    max_total_bytes: int = 2 * 1024 * 1024 * 1024
    max_ratio: float = 100.0


class UnsafeMember(ReadError):
    """One member of an archive was refused (bomb, traversal, password, too big)."""


def open_zip(data: bytes | Path, what: str = "archive") -> zipfile.ZipFile:
    """Open zip bytes (or a zip file on disk, reading only its directory); ReadError with
    a plain reason when the archive is damaged."""
    try:
        return zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except zipfile.BadZipFile:
        raise ReadError(f"the {what} is damaged or truncated (not a readable zip)") from None
    except NotImplementedError as exc:  # "zip file version 9.9": a header from nowhere
        raise ReadError(f"the {what} uses a zip feature fandex cannot read ({exc})") from None
    except Exception as exc:  # OSError, EOFError, struct.error, ...: damage all the same
        raise ReadError(f"the {what} could not be opened ({reason(exc)})") from None


def check_archive(zf: zipfile.ZipFile, limits: ZipLimits, what: str = "archive") -> None:
    """Refuse the whole archive when its entry count, total size or ratio is hostile."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise ReadError(f"the {what} has {len(infos)} entries, over the {limits.max_entries} limit")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > limits.max_total_bytes:
        raise ReadError(
            f"the {what} would unpack to {total} bytes, over the {limits.max_total_bytes} limit"
        )
    if total > _RATIO_FLOOR and total > limits.max_ratio * max(packed, 1):
        raise ReadError(
            f"the {what} is refused: compression ratio {total // max(packed, 1)}:1 "
            "looks like a zip bomb"
        )


def too_big(size: int, limit: int, verb: str = "is") -> str:
    """The one line refusing a file over the size limit, naming the limit and how to
    change it.

    >>> too_big(60 * 1024 * 1024, 50 * 1024 * 1024).split(" (")[0]
    'the file is 60 MB, over the 50 MB limit'
    """
    shown, cap = _size(size), _size(limit, "-byte")
    if shown == _size(limit):  # just over: "50 MB, over the 50 MB limit" would puzzle
        shown, cap = f"{size:,} bytes", f"{limit:,}-byte"
    return (
        f"the file {verb} {shown}, over the {cap} limit "
        "(fandex import --max-file-mb, or FANDEX_MAX_FILE_MB, to change it)"
    )


def _size(n: int, bytes_unit: str = " bytes") -> str:
    if n < 1024 * 1024:
        return f"{n:,}{bytes_unit}"
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def safe_name(name: str) -> str | None:
    """The member's normalised path, or None if it would escape the archive."""
    if "\x00" in name:
        return None
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return None
    norm = posixpath.normpath(norm)
    if norm == ".." or norm.startswith("../") or norm.startswith("/"):
        return None
    return norm


def is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def check_member(info: zipfile.ZipInfo, limits: ZipLimits) -> None:
    """Refuse a member whose header says it is encrypted, too big or a bomb."""
    if info.flag_bits & 0x1:
        raise UnsafeMember("password-protected; skipped")
    if info.file_size > limits.max_file_bytes:
        raise UnsafeMember(too_big(info.file_size, limits.max_file_bytes, "unpacks to"))
    if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        raise UnsafeMember(
            f"compression ratio {info.file_size // max(info.compress_size, 1)}:1 "
            "looks like a zip bomb; refused"
        )


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits) -> bytes:
    """A member's bytes, refusing bombs, passwords and oversize entries."""
    check_member(info, limits)
    out = bytearray()
    cap = min(limits.max_file_bytes, max(info.file_size, 0)) + 1
    try:
        with zf.open(info) as fh:
            while len(out) < cap:
                chunk = fh.read(min(_CHUNK, cap - len(out)))
                if not chunk:
                    break
                out += chunk
    except NotImplementedError:
        raise UnsafeMember("uses a compression method fandex cannot read") from None
    except RuntimeError as exc:  # zipfile's "encrypted, password required"
        raise UnsafeMember(f"cannot be read ({exc})") from None
    except Exception as exc:  # BadZipFile, zlib.error, EOFError, ...: a damaged member
        raise UnsafeMember(f"damaged in the archive ({reason(exc)})") from None
    if len(out) > info.file_size or len(out) > limits.max_file_bytes:
        raise UnsafeMember("unpacks to more than it declares; refused")
    return bytes(out)


def members(zf: zipfile.ZipFile) -> Iterator[tuple[zipfile.ZipInfo, str | None]]:
    """Every file member with its safe name (None when the name is unsafe)."""
    for info in zf.infolist():
        if info.is_dir():
            continue
        yield info, safe_name(info.filename)


class Shelf:
    """Keeps at most ``size`` archives open; opening one more closes the least recently
    used (it reopens on demand). Members are read in discovery order, so each archive
    is reopened at most once in practice, whatever the number of archives."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._open: OrderedDict[int, Archive] = OrderedDict()

    def used(self, archive: Archive) -> None:
        self._open[id(archive)] = archive
        self._open.move_to_end(id(archive))
        while len(self._open) > self.size:
            _, oldest = self._open.popitem(last=False)
            oldest.close()

    def forget(self, archive: Archive) -> None:
        self._open.pop(id(archive), None)

    def close_all(self) -> None:
        """Close every archive still open (the end of an import)."""
        while self._open:
            _, archive = self._open.popitem()
            archive.close()


class Archive:
    """One zip: opened once, its members read through the same handle.

    ``source`` is the archive on disk, or a function giving its bytes (a zip inside a
    zip: re-read from the outer archive when reopened, so the bytes of nested archives
    are not all held in memory at once).
    """

    def __init__(
        self, source: Path | Callable[[], bytes], shelf: Shelf | None = None, what: str = "archive"
    ) -> None:
        self.source = source
        self.shelf = shelf if shelf is not None else Shelf()
        self.what = what
        self._zf: zipfile.ZipFile | None = None

    def zip(self) -> zipfile.ZipFile:
        """The open archive (opened now if it is not); ReadError when damaged."""
        if self._zf is None:
            data = self.source if isinstance(self.source, Path) else self.source()
            self._zf = open_zip(data, self.what)
        self.shelf.used(self)
        return self._zf

    def preload(self, data: bytes) -> None:
        """Open from bytes already in hand (a nested zip just read), not re-read them;
        damage is left for :meth:`zip` to report."""
        if self._zf is None:
            try:
                self._zf = open_zip(data, self.what)
            except ReadError:
                return
            self.shelf.used(self)

    def read(self, info: zipfile.ZipInfo, limits: ZipLimits) -> bytes:
        """One member's bytes, with every check :func:`read_member` makes."""
        return read_member(self.zip(), info, limits)

    def close(self) -> None:
        if self._zf is not None:
            zf, self._zf = self._zf, None
            self.shelf.forget(self)
            try:
                zf.close()
            except Exception:  # closing a damaged archive must not fail the import
                pass
