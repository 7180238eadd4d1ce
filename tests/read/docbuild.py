"""Minimal hand-written Word 97 ``.doc`` files for the reader's tests: an OLE2 compound
file (512-byte sectors, one FAT sector, one directory sector) holding a WordDocument
stream (its FIB and the text, one cp1252 piece) and a 1Table stream (the piece table).
Streams are padded to 4,096 bytes so they live in ordinary sectors, not the mini
stream."""

from __future__ import annotations

import struct

_END, _FREE, _FATSECT, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_STREAM = 4096
_TEXT_AT = 2048


def _fib(ccp_text: int, *, encrypted: bool, tables: dict[int, tuple[int, int]]) -> bytes:
    flags = 0x0200 | (0x0100 if encrypted else 0)  # fWhichTblStm: the 1Table stream
    base = struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0, 0, flags) + bytes(20)
    rgw = struct.pack("<H", 14) + bytes(28)
    lw = [0] * 22
    lw[3] = ccp_text
    rglw = struct.pack("<H", 22) + struct.pack("<22i", *lw)
    pairs = [0] * (2 * 93)
    for index, (fc, lcb) in tables.items():
        pairs[2 * index], pairs[2 * index + 1] = fc, lcb
    return base + rgw + rglw + struct.pack("<H", 93) + struct.pack(f"<{2 * 93}I", *pairs)


def _dir_entry(name: str, kind: int, start: int, size: int, child: int, left: int) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0"
    entry = raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
    entry += struct.pack("<III", left, _NONE, child) + bytes(16 + 4 + 16)
    return entry + struct.pack("<II", start, size) + bytes(4)


_FKP_PAGE = 6  # the paragraph-properties page: bytes 3,072-3,583 of WordDocument
_CHP_PAGE = 7  # the character-properties page: bytes 3,584-4,095


def _styles() -> bytes:
    """A stylesheet of two styles: Normal (sti 0) and Heading 1 (sti 1)."""
    stshi = struct.pack("<HH", 2, 10).ljust(18, b"\0")
    stds = b"".join(struct.pack("<HH", 10, sti) + bytes(8) for sti in (0, 1))
    return struct.pack("<H", len(stshi)) + stshi + stds


def _fkp(text: str, headings: set[int]) -> bytes:
    """One PAPX page: a run per paragraph, in style Heading 1 when its index is in
    ``headings``, else Normal."""
    bounds = [0] + [k + 1 for k, ch in enumerate(text) if ch == "\r"]
    crun = len(bounds) - 1
    page = bytearray(512)
    struct.pack_into(f"<{crun + 1}I", page, 0, *(_TEXT_AT + b for b in bounds))
    at = 510
    for r in range(crun):
        at -= 4
        page[at] = 2  # cb: 2 * 2 - 1 = 3 bytes follow (the style index and a pad)
        struct.pack_into("<H", page, at + 1, 1 if r in headings else 0)
        page[4 * (crun + 1) + 13 * r] = at // 2
    page[511] = crun
    return bytes(page)


def _chp_fkp(text: str, italics: list[tuple[int, int]]) -> bytes:
    """One CHPX page: runs cut at the ``italics`` stretches (character positions), each
    italic run's CHPX the one sprm sprmCFItalic on."""
    cuts = sorted({0, len(text), *(p for a, b in italics for p in (a, b))})
    crun = len(cuts) - 1
    page = bytearray(512)
    struct.pack_into(f"<{crun + 1}I", page, 0, *(_TEXT_AT + c for c in cuts))
    chpx_at = 500  # the CHPX: its size, then sprmCFItalic (0x0836) with operand 1
    page[chpx_at : chpx_at + 4] = bytes([3, 0x36, 0x08, 1])
    for r in range(crun):
        on = any(a <= cuts[r] < b for a, b in italics)
        page[4 * (crun + 1) + r] = chpx_at // 2 if on else 0
    page[511] = crun
    return bytes(page)


def build_doc(
    text: str,
    *,
    encrypted: bool = False,
    word: bool = True,
    headings: set[int] | None = None,
    italics: list[tuple[int, int]] | None = None,
) -> bytes:
    """A ``.doc`` whose main text is ``text`` (Word's marks: ``\\r`` ends a paragraph,
    ``\\x13``/``\\x14``/``\\x15`` delimit a field); the paragraphs numbered in
    ``headings`` are in the Heading 1 style, the ``italics`` stretches (character
    positions, end excluded) in italics. ``word=False`` names the stream otherwise: an
    OLE2 file that is no Word document."""
    body = text.encode("cp1252")
    pcd = struct.pack("<HIH", 0, (2 * _TEXT_AT) | 0x40000000, 0)
    plc = struct.pack("<ii", 0, len(text)) + pcd
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    tables = {33: (0, len(clx))}
    table = clx
    if headings is not None:
        styles = _styles()
        tables[1] = (len(table), len(styles))
        table += styles
        bte = struct.pack("<III", _TEXT_AT, _TEXT_AT + len(text), _FKP_PAGE)
        tables[13] = (len(table), len(bte))
        table += bte
    if italics:
        bte = struct.pack("<III", _TEXT_AT, _TEXT_AT + len(text), _CHP_PAGE)
        tables[12] = (len(table), len(bte))
        table += bte
    table = table.ljust(_STREAM, b"\0")
    fib = _fib(len(text), encrypted=encrypted, tables=tables)
    stream = fib.ljust(_TEXT_AT, b"\0") + body
    if headings is not None:
        stream = stream.ljust(512 * _FKP_PAGE, b"\0") + _fkp(text, headings)
    if italics:
        stream = stream.ljust(512 * _CHP_PAGE, b"\0") + _chp_fkp(text, italics)
    stream = stream.ljust(_STREAM, b"\0")
    sectors = _STREAM // 512
    fat = [_FATSECT, _END]
    for first in (2, 2 + sectors):
        fat += [first + k + 1 for k in range(sectors - 1)] + [_END]
    fat += [_FREE] * (128 - len(fat))
    name = "WordDocument" if word else "Workbook"
    directory = (
        _dir_entry("Root Entry", 5, _END, 0, 1, _NONE)
        + _dir_entry(name, 2, 2, _STREAM, _NONE, 2)
        + _dir_entry("1Table", 2, 2 + sectors, _STREAM, _NONE, _NONE)
        + _dir_entry("", 0, 0, 0, _NONE, _NONE)
    )
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, _STREAM, _END, 0, _END, 0)
    header += struct.pack("<109I", 0, *([_FREE] * 108))
    return header + struct.pack("<128I", *fat) + directory + stream + table
