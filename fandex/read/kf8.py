"""KF8 (``.azw3``) pages put back together from their skeletons and fragments.

A KF8 book stores each page as a skeleton (the page's markup with its text cut out)
followed by fragments, and two indexes say where each fragment goes: the skeleton
index (SKEL: where each skeleton starts, how long it is, how many fragments follow)
and the fragment index (FRAG: the position in the assembled page each fragment is
inserted at, and its length). calibre cuts a page at its block elements, so a page's
text read in storage order comes out of order: an AO3 download's tag list after its
story, a saved FanFiction.net page's story outside its ``div#storytext``.

Indexes are INDX records: a header record (with the TAGX table saying how each
entry's values are coded) and data records whose IDXT lists their entries. An entry
is a label and values in control-byte-selected tags, each value a forward-encoded
variable-width integer.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

# MOBI header fields of a KF8 book (offsets in record 0): the fragment and skeleton
# index records, relative to the book's first record.
_FRAG_INDEX, _SKEL_INDEX = 0xF8, 0xFC
_NO_INDEX = 0xFFFFFFFF
# Tags of the entries: a skeleton's fragment count; (start, length) of either kind.
_COUNT_TAG, _SPAN_TAG = 1, 6
# Bounds on hostile input: at most this many index records, entries per record.
_MAX_RECORDS = 4096
_MAX_ENTRIES = 65536


@dataclass(frozen=True)
class _Tag:
    tag: int
    per_entry: int
    mask: int
    end: bool


def _varint(data: bytes, at: int) -> tuple[int, int]:
    """A forward variable-width integer at ``at``: seven bits a byte, the last byte's
    high bit set. Its value and the position after it."""
    value = 0
    while at < len(data):
        byte = data[at]
        at += 1
        value = (value << 7) | (byte & 0x7F)
        if byte & 0x80:
            break
    return value, at


def _header(record: bytes) -> tuple[int, int, int]:
    """An INDX record's IDXT offset, entry (or record) count and TAGX offset."""
    if record[:4] != b"INDX" or len(record) < 32:
        raise ValueError("not an index record")
    length, _nul, _kind, _gen, start, count = struct.unpack_from(">6I", record, 4)
    return start, count, length


def _tagx(record: bytes, at: int) -> tuple[int, list[_Tag]]:
    """The control byte count and tag table of an index's TAGX section."""
    found = record.find(b"TAGX", at)
    if found < 0:
        raise ValueError("index without a TAGX table")
    length, control = struct.unpack_from(">II", record, found + 4)
    tags = [
        _Tag(record[i], record[i + 1], record[i + 2], record[i + 3] == 1)
        for i in range(found + 12, min(found + length, len(record)) - 3, 4)
    ]
    return control, tags


def _bits(n: int) -> int:
    return bin(n).count("1")


def _values(data: bytes, control: int, tags: list[_Tag]) -> dict[int, list[int]]:
    """An entry's tag values, after its label."""
    controls = list(data[:control])
    at = control
    wanted: list[tuple[int, int | None, int | None, int]] = []
    for t in tags:
        if t.end:
            controls = controls[1:]
            continue
        if not controls:
            break
        value = controls[0] & t.mask
        if not value:
            continue
        if value == t.mask and _bits(t.mask) > 1:
            length, at = _varint(data, at)  # the values' length in bytes follows
            wanted.append((t.tag, None, length, t.per_entry))
            continue
        if value == t.mask:
            count = 1
        else:
            mask = t.mask
            while not mask & 1:
                mask >>= 1
                value >>= 1
            count = value
        wanted.append((t.tag, count, None, t.per_entry))
    out: dict[int, list[int]] = {}
    for tag, times, size, per_entry in wanted:
        values: list[int] = []
        if times is not None:
            for _k in range(times * per_entry):
                value, at = _varint(data, at)
                values.append(value)
        else:
            end = at + (size or 0)
            while at < min(end, len(data)):
                value, at = _varint(data, at)
                values.append(value)
        out[tag] = values
    return out


def read_index(records: list[bytes], first: int) -> list[tuple[str, dict[int, list[int]]]]:
    """The entries of the index whose header is ``records[first]``, in order: each
    entry's label and its tag values."""
    _idxt, count, length = _header(records[first])
    control, tags = _tagx(records[first], length)
    out: list[tuple[str, dict[int, list[int]]]] = []
    for k in range(first + 1, min(first + 1 + count, len(records), first + 1 + _MAX_RECORDS)):
        record = records[k]
        idxt, entries, _length = _header(record)
        if record[idxt : idxt + 4] != b"IDXT":
            raise ValueError("index record without its IDXT")
        entries = min(entries, _MAX_ENTRIES)
        starts = [struct.unpack_from(">H", record, idxt + 4 + 2 * j)[0] for j in range(entries)]
        for j, at in enumerate(starts):
            end = starts[j + 1] if j + 1 < len(starts) else idxt
            entry = record[at:end]
            if not entry:
                continue
            size = entry[0]
            label = entry[1 : 1 + size].decode("latin-1")
            out.append((label, _values(entry[1 + size :], control, tags)))
    return out


def _index_at(rec0: bytes, offset: int, count: int) -> int | None:
    if len(rec0) < offset + 4:
        return None
    value = int(struct.unpack_from(">I", rec0, offset)[0])
    return value if value != _NO_INDEX and 0 < value < count else None


def assemble(records: list[bytes], text: bytes) -> list[bytes] | None:
    """The book's pages, each skeleton with its fragments inserted where the fragment
    index says; None when the book has no usable indexes (the caller then reads the
    text in storage order)."""
    rec0 = records[0]
    frag_at = _index_at(rec0, _FRAG_INDEX, len(records))
    skel_at = _index_at(rec0, _SKEL_INDEX, len(records))
    if frag_at is None or skel_at is None:
        return None
    try:
        skeletons = read_index(records, skel_at)
        fragments = read_index(records, frag_at)
        pages: list[bytes] = []
        k = 0
        for _label, values in skeletons:
            count = values[_COUNT_TAG][0]
            start, length = values[_SPAN_TAG][:2]
            page = text[start : start + length]
            at = start + length
            for _ in range(count):
                label, fvalues = fragments[k]
                k += 1
                size = fvalues[_SPAN_TAG][1]
                insert = int(label) - start
                if not 0 <= insert <= len(page):
                    return None
                page = page[:insert] + text[at : at + size] + page[insert:]
                at += size
            pages.append(page)
    except (ValueError, KeyError, IndexError, struct.error):
        return None
    return pages or None


__all__ = ["assemble", "read_index"]
