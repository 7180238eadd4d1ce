"""Files fandex hands to e-readers, known again by the digest KOReader computes.

KOReader names a document for progress sync by its *partial MD5* (``util.partialMD5``
in KOReader's ``frontend/util.lua``): MD5 over 1024-byte samples read at the offsets
``lshift(1024, 2*i)`` for ``i = -1 .. 10``, stopping at the first offset past the end
of the file. ``lshift`` is LuaJIT's ``bit.lshift``, which takes the shift count modulo
32 and wraps to 32 bits, so ``i = -1`` shifts 1024 by 30 and reads at offset 0; the
others read at 1 KiB, 4 KiB, 16 KiB ... 1 GiB. Every file served (an EPUB made on the
fly, an original file) is recorded under that digest with its work, so a synced
position finds its way back to the work.

>>> partial_md5(b"")
'd41d8cd98f00b204e9800998ecf8427e'
>>> partial_md5(b"x" * 10) == hashlib.md5(b"x" * 10).hexdigest()
True
"""

from __future__ import annotations

import hashlib
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from fandex.library import schema
from fandex.library.migrations import now
from fandex.library.store import Library

_STEP = 1024
_SIZE = 1024
KINDS: tuple[str, ...] = ("epub", "original")


def _lshift32(value: int, count: int) -> int:
    """LuaJIT's ``bit.lshift``: shift count modulo 32, result wrapped to a signed
    32-bit integer."""
    result = (value << (count & 31)) & 0xFFFFFFFF
    return result - (1 << 32) if result & 0x80000000 else result


def sample_offsets() -> list[int]:
    """Where the samples are read, in order.

    >>> sample_offsets()[:4]
    [0, 1024, 4096, 16384]
    """
    return [_lshift32(_STEP, 2 * i) for i in range(-1, 11)]


def partial_md5(data: bytes | BinaryIO) -> str:
    """KOReader's document digest of ``data`` (bytes or a seekable binary file)."""
    md5 = hashlib.md5()
    if isinstance(data, bytes | bytearray | memoryview):
        size = len(data)
        for offset in sample_offsets():
            if offset < 0 or offset >= size:
                break
            md5.update(data[offset : offset + _SIZE])
        return md5.hexdigest()
    for offset in sample_offsets():
        data.seek(offset)
        sample = data.read(_SIZE)
        if not sample:
            break
        md5.update(sample)
    return md5.hexdigest()


def remember(lib: Library, digest: str, work_id: str, kind: str) -> None:
    """Record that the file with ``digest`` holds ``work_id`` (first record wins)."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    d = schema.documents
    values = {"digest": digest, "work_id": work_id, "kind": kind, "created_at": now()}
    with lib.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(postgresql.insert(d).values(**values).on_conflict_do_nothing())
        else:
            conn.execute(sqlite.insert(d).values(**values).on_conflict_do_nothing())


def work_for(lib: Library, digest: str) -> tuple[str, str] | None:
    """``(work_id, kind)`` of the file with ``digest``, if fandex served it."""
    d = schema.documents
    with lib.engine.connect() as conn:
        row = conn.execute(select(d.c.work_id, d.c.kind).where(d.c.digest == digest)).first()
    return (row[0], row[1]) if row else None


def digests_of(lib: Library, work_id: str) -> list[str]:
    """Every recorded digest of ``work_id``'s files."""
    d = schema.documents
    with lib.engine.connect() as conn:
        return list(conn.execute(select(d.c.digest).where(d.c.work_id == work_id)).scalars())


__all__ = ["KINDS", "digests_of", "partial_md5", "remember", "sample_offsets", "work_for"]
