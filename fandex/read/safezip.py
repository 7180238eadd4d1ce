"""Reading zip files that may be hostile: bombs, traversal, passwords, damage.

Nothing here ever extracts to disk; members are read into memory through a bounded
reader, after their declared sizes and compression ratio have been checked, and the
read stops at the limit even if the declared size lies.
"""

from __future__ import annotations

import io
import posixpath
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fandex.errors import ReadError

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
    except (OSError, ValueError, EOFError) as exc:
        raise ReadError(f"the {what} could not be opened ({exc})") from None


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
        raise UnsafeMember(
            f"{info.file_size} bytes unpacked, over the {limits.max_file_bytes}-byte limit"
        )
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
    except RuntimeError as exc:  # zipfile's "encrypted, password required"
        raise UnsafeMember(f"cannot be read ({exc})") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise UnsafeMember(f"is damaged ({exc})") from None
    except NotImplementedError:
        raise UnsafeMember("uses a compression method fandex cannot read") from None
    if len(out) > info.file_size or len(out) > limits.max_file_bytes:
        raise UnsafeMember("unpacks to more than it declares; refused")
    return bytes(out)


def members(zf: zipfile.ZipFile) -> Iterator[tuple[zipfile.ZipInfo, str | None]]:
    """Every file member with its safe name (None when the name is unsafe)."""
    for info in zf.infolist():
        if info.is_dir():
            continue
        yield info, safe_name(info.filename)
