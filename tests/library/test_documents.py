"""KOReader's partial MD5, computed exactly as its util.partialMD5 does, and the record
of which served file holds which work."""

from __future__ import annotations

import hashlib
import io
import random

import pytest

from fandex.library import Library, documents
from fandex.test.helper import make_work


def _lua_lshift(x: int, n: int) -> int:
    # LuaJIT BitOp: "the shift count is masked to 5 bits", results are signed 32-bit.
    r = (x << (n % 32)) % 2**32
    return r - 2**32 if r >= 2**31 else r


def documented_partial_md5(data: bytes) -> str:
    """A line-by-line transcription of KOReader's util.partialMD5 (frontend/util.lua):

    local step, size = 1024, 1024
    local update = md5()
    for i = -1, 10 do
        file:seek("set", lshift(step, 2*i))
        local sample = file:read(size)
        if sample then update(sample) else break end
    end
    return update()
    """
    file = io.BytesIO(data)
    step, size = 1024, 1024
    update = hashlib.md5()
    for i in range(-1, 11):
        file.seek(_lua_lshift(step, 2 * i))
        sample = file.read(size) or None  # Lua's file:read returns nil at end of file
        if sample is not None:
            update.update(sample)
        else:
            break
    return update.hexdigest()


@pytest.mark.parametrize(
    "size", [0, 1, 1023, 1024, 1025, 4096, 5000, 16385, 70_000, 262_144, 300_001, 2_000_000]
)
def test_partial_md5_matches_the_documented_algorithm(size: int) -> None:
    data = random.Random(size).randbytes(size)
    assert documents.partial_md5(data) == documented_partial_md5(data)
    assert documents.partial_md5(io.BytesIO(data)) == documented_partial_md5(data)


def test_the_first_sample_is_read_at_offset_zero() -> None:
    # lshift(1024, -2) is 1024 << 30 wrapped to 32 bits: 0, not 256.
    assert documents.sample_offsets()[:3] == [0, 1024, 4096]
    data = bytearray(random.Random(1).randbytes(3000))
    before = documents.partial_md5(bytes(data))
    data[10] ^= 0xFF  # inside the first sample
    assert documents.partial_md5(bytes(data)) != before


def test_bytes_between_samples_do_not_change_the_digest() -> None:
    data = bytearray(random.Random(2).randbytes(20_000))
    before = documents.partial_md5(bytes(data))
    data[2500] ^= 0xFF  # between the samples at 1 KiB and 4 KiB
    assert documents.partial_md5(bytes(data)) == before


def test_a_served_file_maps_back_to_its_work(library: Library) -> None:
    wid = library.save(make_work("Ink")).work_id
    documents.remember(library, "ab" * 16, wid, "epub")
    documents.remember(library, "ab" * 16, wid, "epub")  # recording twice is harmless
    assert documents.work_for(library, "ab" * 16) == (wid, "epub")
    assert documents.work_for(library, "cd" * 16) is None
    assert documents.digests_of(library, wid) == ["ab" * 16]
