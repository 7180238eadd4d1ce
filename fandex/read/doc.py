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
the paragraph-property pages) is a heading; italic runs (the character-property
pages' sprmCFItalic) are emphasis. Title and author come from the document's summary
information, as a fallback. Encrypted documents and Word 6/95 files are refused with
one line.
"""

from __future__ import annotations

import bisect
import io
import struct
from typing import Any

from fandex.errors import ReadError
from fandex.read.document import Block, RawDocument, Span

__all__ = ["DocReader"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_IDENT = 0xA5EC
_FIRST_WORD97 = 0x00C1  # nFib of Word 97 and later; 0x0065-0x0068 are Word 6/95
# Entries of FibRgFcLcb97: the stylesheet, the paragraph properties' pages, the Clx.
_STSH_INDEX, _CHPX_INDEX, _PAPX_INDEX, _CLX_INDEX = 1, 12, 13, 33
_MAX_CHARS = 64 * 1024 * 1024
_MAX_PIECES = 1_000_000
# Word's in-text marks: paragraph and cell ends, breaks, field delimiters, objects.
_PARAGRAPH_ENDS = "\r\x07\x0c"
_DROPPED = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None)
_REPLACED = {0x0B: "\n", 0x1E: "-", 0xA0: " ", 0x09: " "}
_NO_AUTHOR = frozenset({"user", "admin", "administrator", "author", "unknown", "owner"})


class DocReader:
    """Reads Word 97-2003 ``.doc`` files (the main text, its headings and italics)."""

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
            text, levels, em = _main_text(ole, word)
            meta = _metadata(ole)
        except (OSError, ValueError, IndexError, struct.error):
            raise ReadError("the Word file is damaged (its streams do not read)") from None
        finally:
            ole.close()
        blocks = _blocks(text, levels, em)
        if not blocks:
            raise ReadError("the Word document has no text")
        return RawDocument(format="doc", blocks=blocks, metadata=meta)


def _main_text(ole: Any, word: bytes) -> tuple[str, dict[int, int], list[tuple[int, int]]]:
    """The main text (Word's marks kept), the heading level of each paragraph whose
    mark is at a position, by its paragraph style, and the stretches set in italics."""
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
    fc_chpx, lcb_chpx = struct.unpack_from("<II", word, at + 2 + 8 * _CHPX_INDEX)
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
    try:
        em = _italic_text(pieces, _italic_runs(word, table[fc_chpx : fc_chpx + lcb_chpx]))
    except (struct.error, IndexError, ValueError):
        em = []  # and the italics
    return text, levels, em


_SPRM_ITALIC = 0x0836  # sprmCFItalic: 0 off, 1 on, 0x80 the style's, 0x81 not the style's
# A sprm's operand size by its spra (bits 13-15); 6: a length byte, then the operand.
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


def _italic_runs(word: bytes, plc: bytes) -> list[tuple[int, int]]:
    """(first byte, end byte) of each run of the WordDocument stream the character
    property pages (CHPX) set in italics, in order."""
    n = (len(plc) - 4) // 8
    runs: list[tuple[int, int]] = []
    for k in range(max(0, min(n, _MAX_PIECES))):
        pn = struct.unpack_from("<I", plc, 4 * (n + 1) + 4 * k)[0] & 0x3FFFFF
        page = word[pn * 512 : pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for r in range(crun):
            offset = page[4 * (crun + 1) + r]
            if offset and _sets_italic(page, 2 * offset):
                runs.append((fcs[r], fcs[r + 1]))
    return sorted(runs)


def _sets_italic(page: bytes, at: int) -> bool:
    """Whether the CHPX at ``at`` (its size byte, then its sprms) turns italics on
    (the style's own italics, rare in a story's text, are not read)."""
    grpprl = page[at + 1 : at + 1 + page[at]]
    i, on = 0, False
    while i + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        size = _OPERAND.get(sprm >> 13)
        if size is None:  # a length byte, then the operand
            size = 1 + (grpprl[i] if i < len(grpprl) else 0)
        if sprm == _SPRM_ITALIC and i < len(grpprl):
            on = grpprl[i] in (0x01, 0x81)
        i += size
    return on


def _italic_text(
    pieces: list[tuple[int, int, int, bool]], runs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The character positions (first, end) of the italic ``runs`` through the pieces
    that map positions to bytes."""
    if not runs:
        return []
    starts = [r[0] for r in runs]
    out: list[tuple[int, int]] = []
    for cp_start, cp_end, fc, compressed in pieces:
        width = 1 if compressed else 2
        b0 = fc // 2 if compressed else fc
        b1 = b0 + width * (cp_end - cp_start)
        k = max(bisect.bisect_right(starts, b0) - 1, 0)
        while k < len(runs) and runs[k][0] < b1:
            s, e = max(runs[k][0], b0), min(runs[k][1], b1)
            if s < e:
                a = cp_start + -(-(s - b0) // width)
                b = cp_start + -(-(e - b0) // width)
                if out and out[-1][1] == a:
                    out[-1] = (out[-1][0], b)
                elif a < b:
                    out.append((a, b))
            k += 1
    return out


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


# Private-use marks put round an italic stretch while a paragraph's text is cleaned:
# they go through it as letters do and become spans after.
_EM_ON, _EM_OFF = "\ue000", "\ue001"


def _blocks(
    text: str, levels: dict[int, int], em: list[tuple[int, int]] | None = None
) -> list[Block]:
    """Paragraph and heading blocks; a run of two or more empty paragraphs before one
    sets it apart (``attrs["gap"]``, as three blank lines do in plain text)."""
    blocks: list[Block] = []
    empty = 0
    start = 0
    em = em or []
    starts = [a for a, _b in em]
    for at, ch in enumerate(text + "\r"):
        if ch not in _PARAGRAPH_ENDS:
            continue
        raw = _marked(text, start, at, em, starts)
        line = _drop_field_codes(raw).translate(_DROPPED)
        start = at + 1
        line = "".join(_REPLACED.get(ord(c), c) for c in line)
        line = "\n".join(" ".join(part.split()) for part in line.split("\n")).strip()
        line, spans = _unmarked(line)
        if not line:
            empty += 1
            continue
        attrs = {"gap": 1} if empty >= 2 else {}
        level = levels.get(at, 0)
        kind = "heading" if level else "paragraph"
        blocks.append(Block(kind, line, level=level, attrs=attrs, spans=spans))
        empty = 0
    return blocks


def _marked(text: str, start: int, end: int, em: list[tuple[int, int]], starts: list[int]) -> str:
    """``text[start:end]`` with the italic stretches in it between marks."""
    k = max(bisect.bisect_right(starts, start) - 1, 0)
    parts: list[str] = []
    at = start
    while k < len(em) and em[k][0] < end:
        a, b = max(em[k][0], start), min(em[k][1], end)
        # The marks stand against the stretch's letters, so that cleaning the spaces
        # never leaves a mark between two of them.
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b and a >= at:
            parts += [text[at:a], _EM_ON, text[a:b], _EM_OFF]
            at = b
        k += 1
    if not parts:
        return text[start:end]
    return "".join(parts) + text[at:end]


def _unmarked(line: str) -> tuple[str, list[Span]]:
    """``line`` without the marks, and its italic stretches as spans (their spaces at
    either end left out)."""
    if _EM_ON not in line:
        return line.replace(_EM_OFF, ""), []
    out: list[str] = []
    spans: list[Span] = []
    opened: int | None = None
    length = 0
    for ch in line:
        if ch == _EM_ON:
            opened = length
        elif ch == _EM_OFF:
            if opened is not None:
                spans.append(Span(opened, length, "em"))
            opened = None
        else:
            out.append(ch)
            length += 1
    if opened is not None:
        spans.append(Span(opened, length, "em"))
    text = "".join(out)
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    kept: list[Span] = []
    for s in spans:
        a, b = max(s.start - lead, 0), min(s.end - lead, len(stripped))
        while a < b and stripped[a].isspace():
            a += 1
        while b > a and stripped[b - 1].isspace():
            b -= 1
        if a < b:
            kept.append(Span(a, b, "em"))
    return stripped, kept


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
