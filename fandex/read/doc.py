"""Word 97-2003 documents (``.doc``): the text of the WordDocument stream, by its piece
table.

Old drafts and fic collections kept from the 2000s are Word 97-2003 files: an OLE2
compound file (read with olefile, BSD) whose WordDocument stream starts with the File
Information Block. The FIB says which table stream holds the piece table (the Clx)
and how many characters the main text has; each piece maps a run of character
positions to bytes of the WordDocument stream, in cp1252 ("compressed") or UTF-16.
Only the main text is read (footnotes, headers and text boxes come after it). Field
codes keep their result, not their instructions (a hyperlink's words, not its
``HYPERLINK "..."``); Word's marks for pictures and notes are dropped; a paragraph
mark ends a block, a manual line break stays a line break. A paragraph in one of
Word's built-in Heading 1-9 styles (the stylesheet's style identifier, found through
the paragraph-property pages) is a heading; character formatting (italics) is not
read. Title and author come from the document's summary information, as a
fallback. Encrypted documents and Word 6/95 files are refused with one line.
"""

from __future__ import annotations

import bisect
import io
import struct
from typing import Any

from fandex.errors import ReadError
from fandex.read.document import Block, RawDocument

__all__ = ["DocReader"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_IDENT = 0xA5EC
_FIRST_WORD97 = 0x00C1  # nFib of Word 97 and later; 0x0065-0x0068 are Word 6/95
# Entries of FibRgFcLcb97: the stylesheet, the paragraph properties' pages, the Clx.
_STSH_INDEX, _PAPX_INDEX, _CLX_INDEX = 1, 13, 33
_MAX_CHARS = 64 * 1024 * 1024
_MAX_PIECES = 1_000_000
# Word's in-text marks: paragraph and cell ends, breaks, field delimiters, objects.
_PARAGRAPH_ENDS = "\r\x07\x0c"
_DROPPED = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None)
_REPLACED = {0x0B: "\n", 0x1E: "-", 0xA0: " ", 0x09: " "}
_NO_AUTHOR = frozenset({"user", "admin", "administrator", "author", "unknown", "owner"})


class DocReader:
    """Reads Word 97-2003 ``.doc`` files (the main text; no formatting)."""

    name = "doc"
    extensions = (".doc", ".dot")

    def sniff(self, head: bytes, filename: str) -> float:
        """0.9 for an OLE2 compound file (Word's, or another Office file the reader
        then refuses); 0 otherwise."""
        return 0.9 if head.startswith(_OLE_MAGIC) else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """The document's paragraphs, with its title and author as fallbacks."""
        import olefile

        try:
            ole = olefile.OleFileIO(io.BytesIO(data))
        except (OSError, ValueError, struct.error):
            raise ReadError("the Word file is damaged (not a readable OLE2 file)") from None
        try:
            if not ole.exists("WordDocument"):
                raise ReadError("an Office file that is not a Word document, not supported")
            word = ole.openstream("WordDocument").read()
            text, levels = _main_text(ole, word)
            meta = _metadata(ole)
        except (OSError, ValueError, IndexError, struct.error):
            raise ReadError("the Word file is damaged (its streams do not read)") from None
        finally:
            ole.close()
        blocks = _blocks(text, levels)
        if not blocks:
            raise ReadError("the Word document has no text")
        return RawDocument(format="doc", blocks=blocks, metadata=meta)


def _main_text(ole: Any, word: bytes) -> tuple[str, dict[int, int]]:
    """The main text (Word's marks kept) and the heading level of each paragraph whose
    mark is at a position, by its paragraph style."""
    if len(word) < 0x20 or struct.unpack_from("<H", word, 0)[0] != _WORD_IDENT:
        raise ReadError("the Word file is damaged (no Word header)")
    nfib, flags = struct.unpack_from("<H", word, 2)[0], struct.unpack_from("<H", word, 10)[0]
    if flags & 0x0100 or flags & 0x8000:
        raise ReadError("the Word document is encrypted: fandex cannot read it")
    if nfib < _FIRST_WORD97:
        raise ReadError("a Word 6/95 document: not supported (save it as .docx)")
    csw = struct.unpack_from("<H", word, 32)[0]
    at = 34 + 2 * csw
    cslw = struct.unpack_from("<H", word, at)[0]
    lw = at + 2
    ccp_text = struct.unpack_from("<i", word, lw + 12)[0]
    at = lw + 4 * cslw
    count = struct.unpack_from("<H", word, at)[0]
    if count <= _CLX_INDEX:
        raise ReadError("the Word file is damaged (short header)")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, at + 2 + 8 * _CLX_INDEX)
    fc_stsh, lcb_stsh = struct.unpack_from("<II", word, at + 2 + 8 * _STSH_INDEX)
    fc_papx, lcb_papx = struct.unpack_from("<II", word, at + 2 + 8 * _PAPX_INDEX)
    table_name = "1Table" if flags & 0x0200 else "0Table"
    if not ole.exists(table_name):
        raise ReadError("the Word file is damaged (no table stream)")
    table = ole.openstream(table_name).read()
    pieces = _pieces(table[fc_clx : fc_clx + lcb_clx])
    out: list[str] = []
    total = 0
    for cp_start, cp_end, fc, compressed in pieces:
        if cp_start >= ccp_text:
            break
        n = min(cp_end, ccp_text) - cp_start
        if n <= 0:
            continue
        total += n
        if total > _MAX_CHARS:
            raise ReadError("the Word document's text is larger than fandex reads")
        if compressed:
            out.append(word[fc // 2 : fc // 2 + n].decode("cp1252", "replace"))
        else:
            out.append(word[fc : fc + 2 * n].decode("utf-16-le", "replace"))
    text = "".join(out)
    try:
        levels = _heading_levels(
            text,
            pieces,
            word,
            _style_kinds(table[fc_stsh : fc_stsh + lcb_stsh]),
            table[fc_papx : fc_papx + lcb_papx],
        )
    except (struct.error, IndexError, ValueError):
        levels = {}  # damaged formatting costs the headings, not the text
    return text, levels


def _style_kinds(stsh: bytes) -> list[int]:
    """Each style's built-in identifier (sti), by style index: 1-9 are Heading 1-9."""
    size = struct.unpack_from("<H", stsh, 0)[0]
    count = struct.unpack_from("<H", stsh, 2)[0]
    at = 2 + size
    out = []
    for _ in range(count):
        cb = struct.unpack_from("<H", stsh, at)[0]
        out.append(struct.unpack_from("<H", stsh, at + 2)[0] & 0x0FFF if cb >= 2 else 0x0FFE)
        at += 2 + cb
    return out


def _style_runs(word: bytes, plc: bytes) -> list[tuple[int, int, int]]:
    """(first byte, end byte, style index) of each paragraph run the PAPX pages list."""
    n = (len(plc) - 4) // 8
    runs = []
    for k in range(max(0, min(n, _MAX_PIECES))):
        pn = struct.unpack_from("<I", plc, 4 * (n + 1) + 4 * k)[0] & 0x3FFFFF
        page = word[pn * 512 : pn * 512 + 512]
        crun = page[511]
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for r in range(crun):
            offset = page[4 * (crun + 1) + 13 * r]
            istd = 0
            if offset:
                p = 2 * offset
                start = p + 2 if page[p] == 0 else p + 1
                istd = struct.unpack_from("<H", page, start)[0]
            runs.append((fcs[r], fcs[r + 1], istd))
    return runs


def _heading_levels(
    text: str, pieces: list[tuple[int, int, int, bool]], word: bytes, kinds: list[int], plc: bytes
) -> dict[int, int]:
    if not any(1 <= k <= 9 for k in kinds):
        return {}
    runs = sorted(_style_runs(word, plc))
    starts = [r[0] for r in runs]
    levels: dict[int, int] = {}
    for cp_start, cp_end, fc, compressed in pieces:
        for cp in range(cp_start, min(cp_end, len(text))):
            if text[cp] != "\r":
                continue
            at = fc // 2 + (cp - cp_start) if compressed else fc + 2 * (cp - cp_start)
            k = bisect.bisect_right(starts, at) - 1
            if k >= 0 and at < runs[k][1] and runs[k][2] < len(kinds):
                sti = kinds[runs[k][2]]
                if 1 <= sti <= 9:
                    levels[cp] = sti
    return levels


def _pieces(clx: bytes) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first CP, end CP, byte offset, cp1252?) per piece."""
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: formatting, skipped
        i += 3 + struct.unpack_from("<h", clx, i + 1)[0]
    if i >= len(clx) or clx[i] != 0x02:
        raise ReadError("the Word file is damaged (no piece table)")
    lcb = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5 : i + 5 + lcb]
    n = (len(plc) - 4) // 12
    if n <= 0 or n > _MAX_PIECES:
        raise ReadError("the Word file is damaged (empty piece table)")
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    out = []
    for k in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        compressed = bool(fc & 0x40000000)
        out.append((cps[k], cps[k + 1], fc & 0x3FFFFFFF, compressed))
    return out


def _drop_field_codes(text: str) -> str:
    """Text without field instructions: between a field's begin (0x13) and separator
    (0x14) or end (0x15) is its code; after the separator, its shown result."""
    if "\x13" not in text:
        return text
    out: list[str] = []
    depth_code: list[bool] = []  # per open field: still in its code part
    for ch in text:
        if ch == "\x13":
            depth_code.append(True)
        elif ch == "\x14" and depth_code:
            depth_code[-1] = False
        elif ch == "\x15" and depth_code:
            depth_code.pop()
        elif not any(depth_code):
            out.append(ch)
    return "".join(out)


def _blocks(text: str, levels: dict[int, int]) -> list[Block]:
    """Paragraph and heading blocks; a run of two or more empty paragraphs before one
    sets it apart (``attrs["gap"]``, as three blank lines do in plain text)."""
    blocks: list[Block] = []
    empty = 0
    start = 0
    for at, ch in enumerate(text + "\r"):
        if ch not in _PARAGRAPH_ENDS:
            continue
        line = _drop_field_codes(text[start:at]).translate(_DROPPED)
        start = at + 1
        line = "".join(_REPLACED.get(ord(c), c) for c in line)
        line = "\n".join(" ".join(part.split()) for part in line.split("\n")).strip()
        if not line:
            empty += 1
            continue
        attrs = {"gap": 1} if empty >= 2 else {}
        level = levels.get(at, 0)
        blocks.append(Block("heading" if level else "paragraph", line, level=level, attrs=attrs))
        empty = 0
    return blocks


def _metadata(ole: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    try:
        info = ole.get_metadata()
    except Exception:  # a damaged summary stream costs only the metadata
        return meta
    title = _decode(info.title)
    if title:
        meta["fallback_title"] = title
    author = _decode(info.author)
    if author and author.casefold() not in _NO_AUTHOR:
        meta["fallback_authors"] = [author]
    return meta


def _decode(value: bytes | str | None) -> str:
    if isinstance(value, bytes):
        value = value.decode("cp1252", "replace")
    return " ".join((value or "").split())
