"""PDF: AO3's PDF downloads (calibre-made), browser prints and any PDF with a text layer.

The library is pypdfium2 (Apache-2.0 or BSD-3-Clause; Google's PDFium, BSD, in binary
wheels). Compared on AO3 downloads converted with calibre and printed by Chromium:
PDFium gives the same text as pypdf (BSD, pure Python) ten times faster (a 6-page work
in 0.01 s against 0.10 s; pdfminer.six, MIT, 0.21 s), and, unlike pdfminer.six, keeps
AO3's "Rating: General Audiences" label and value on one line instead of reading the
preface's two columns one after the other. It also places each character, which is
all :mod:`fandex.read.pdflayout` needs to rebuild paragraphs. PyMuPDF is AGPL.

Each page's lines are read with where they sit and how large their type is; the
layout module drops headers, footers and page numbers and rebuilds paragraphs and
headings. The result is flat blocks, as a text file's are, so an AO3 download made
into a PDF goes through the same reading as one made into text or Word
(:func:`fandex.read.ao3_text.unflatten`, called on every reader's document).

Where the PDF's bookmarks (its outline) name two chapters or more whose titles stand
in the text and hold text, those are the chapters, the text before the first the
preface (an AO3 download is still read from its text); bookmarks over lines of no text
are a printed web page's links (calibre bookmarks a page's menu), not chapters. The
PDF's Title and Author are taken unless they are a tool's placeholder. Link
annotations become ``link`` spans; a web page printed to PDF (a browser's print,
calibre's of a saved page: its Title a tab's, its text opening with a menu) is read
as the page by :mod:`fandex.read.pdfpage`. A PDF without a text layer (a scan), one
locked by a password, a damaged one, and one past the bounds below are refused with
one line.
"""

from __future__ import annotations

import math
import re
import threading
import time
from itertools import pairwise
from typing import Any

from fandex.errors import ReadError
from fandex.read import ao3_text
from fandex.read.document import Block, RawChapter, RawDocument
from fandex.read.epub_opf import placeholders
from fandex.read.pdflayout import (
    Line,
    Paragraphs,
    drop_furniture,
    floats_in_place,
    unspaced,
)
from fandex.read.pdfpage import is_printed_page, read_printed_page

__all__ = ["PdfReader", "bookmarked"]

_MAGIC = b"%PDF-"
# Bounds on hostile input: a fic of a million words is some 4,000 pages at AO3's type.
MAX_PAGES = 10_000
MAX_TEXT = 64 * 1024 * 1024
MAX_SECONDS = 120.0
# A page with fewer characters than this on average: no text layer, a scan.
_MIN_CHARS_PER_PAGE = 10
_FILE_NAME = re.compile(r"\.(?:docx?|odt|rtf|txt|html?|pdf|epub|tex|pages)\s*$", re.I)
_TOOL_PREFIX = re.compile(r"^(?:microsoft (?:word|powerpoint) - |untitled\b)", re.I)
# A browser's print: its Creator is the browser's user agent; its Title the page's <title>.
_BROWSER = re.compile(r"mozilla/|headlesschrome|\bsafari\b|firefox", re.I)
# PDFium is not thread-safe: one document is read at a time.
_LOCK = threading.Lock()


class PdfReader:
    """Reads PDF documents that have a text layer."""

    name = "pdf"
    extensions = (".pdf",)

    def sniff(self, head: bytes, filename: str) -> float:
        """0.95 when the PDF signature opens the file (within its first kilobyte, where
        readers allow it); 0 otherwise."""
        return 0.95 if _MAGIC in head[:1024] else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """The PDF's text as paragraph and heading blocks, with its metadata."""
        with _LOCK:
            pages, meta, outline = _read_pdf(data)
        pages, dropped = drop_furniture(pages)
        pages, _floats = floats_in_place(pages)
        lines = [ln for page in pages for ln in page]
        paragraphs = Paragraphs(lines)
        blocks = paragraphs.blocks()
        starts = bookmarked(blocks, outline)
        if len(starts) >= 2 and not ao3_text.marked(blocks):
            # The bookmarks are the chapters; what stands before the first is the preface
            # (an AO3 download's is read from its text, AO3's own lines).
            bounds = [*starts, len(blocks)]
            chapters = [
                RawChapter(title=blocks[a].text, blocks=blocks[a + 1 : b])
                for a, b in pairwise(bounds)
            ]
            doc = RawDocument(
                format="pdf", blocks=blocks[: starts[0]], chapters=chapters, metadata=meta
            )
            doc.notices.append(f"{len(starts)} chapters found by the PDF's bookmarks")
        else:
            notices: list[str] = []
            title = str(meta.get("title") or meta.get("fallback_title") or "")
            browser = "fallback_title" in meta
            if is_printed_page(blocks, {"title": title, "browser": browser}):
                blocks = paragraphs.blocks(links_apart=True)
                # A web page printed to PDF: read as the page (its menus left out, its
                # tab's title read as a page's), its header by the readers of pages.
                blocks, meta, notices = read_printed_page(blocks, meta, title, browser=browser)
            doc = RawDocument(format="pdf", blocks=blocks, metadata=meta, notices=notices)
        if dropped:
            doc.notices.append(f"left out {dropped} running header, footer and page-number lines")
        return doc


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).casefold()
        if "password" in text:
            raise ReadError("the PDF is locked with a password: fandex cannot read it") from None
        if "security" in text:
            raise ReadError("the PDF uses an encryption fandex cannot read") from None
        raise ReadError("the PDF is damaged or not a PDF (it does not open)") from None


def _read_pdf(data: bytes) -> tuple[list[list[Line]], dict[str, Any], list[tuple[int, str]]]:
    import pypdfium2 as pdfium

    pdf = _open(data)
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise ReadError(
                f"the PDF has {count:,} pages, more than the {MAX_PAGES:,} fandex reads"
            )
        if count == 0:
            raise ReadError("the PDF has no pages")
        start, total = time.monotonic(), 0
        pages: list[list[Line]] = []
        for n in range(count):
            try:
                lines = _page_lines(pdf, n)
            except pdfium.PdfiumError:
                raise ReadError(f"the PDF's page {n + 1} is damaged") from None
            total += sum(len(ln.text) for ln in lines)
            if total > MAX_TEXT:
                raise ReadError("the PDF's text is larger than fandex reads")
            if time.monotonic() - start > MAX_SECONDS:
                raise ReadError(f"the PDF took over {MAX_SECONDS:.0f} s to read; refused")
            pages.append(lines)
        if sum(len(ln.text.strip()) for page in pages for ln in page) < _MIN_CHARS_PER_PAGE * count:
            raise ReadError(
                "the PDF has no text layer (a scan or images of pages): fandex reads text only"
            )
        return pages, _metadata(pdf), _outline(pdf)
    finally:
        pdf.close()


# The bookmarks read: a book's contents, not a hostile tree.
_MAX_BOOKMARKS = 2000
_MAX_BOOKMARK_DEPTH = 4


def _outline(pdf: Any) -> list[tuple[int, str]]:
    """The PDF's bookmarks (its outline) in order: ``(level, title)``, level 0 the top."""
    import pypdfium2 as pdfium

    out: list[tuple[int, str]] = []
    try:
        for item in pdf.get_toc(max_depth=_MAX_BOOKMARK_DEPTH):
            title = " ".join((item.get_title() or "").split())
            if title:
                out.append((int(item.level), title))
            if len(out) >= _MAX_BOOKMARKS:
                break
    except (pdfium.PdfiumError, UnicodeDecodeError, ValueError):
        return []
    return out


def bookmarked(blocks: list[Block], outline: list[tuple[int, str]]) -> list[int]:
    """Where the chapters the bookmarks name begin: the blocks whose text is a
    bookmark's title, matched in the outline's order, at the outline's shallowest level
    that names two or more (a book's title over its chapters names one). A converter's
    PDF (calibre's from an EPUB, a word processor's) bookmarks its chapters, whose
    titles may be set in the body's type the layout alone cannot tell from a line set
    apart."""
    texts = [" ".join(b.text.split()).casefold() for b in blocks]
    found: dict[int, list[int]] = {}
    at = 0
    for level, title in outline:
        want = title.casefold()
        k = next((j for j in range(at, len(blocks)) if texts[j] == want), None)
        if k is not None:
            found.setdefault(level, []).append(k)
            at = k + 1
    levels = [lv for lv, ks in found.items() if len(ks) >= 2]
    starts = found[min(levels)] if levels else []
    return starts if _chapters_hold_text(blocks, starts) else []


# A chapter holds at least this many words; a bookmark over fewer names a link.
_CHAPTER_WORDS = 12


def _chapters_hold_text(blocks: list[Block], starts: list[int]) -> bool:
    """Most of the sections the bookmarks open hold text. Calibre bookmarks a web
    page's links (its menus: "Browse", "Anime", "Books"...), each over a line or none."""
    bounds = [*starts, len(blocks)]
    empty = sum(
        1
        for a, b in pairwise(bounds)
        if sum(len(x.text.split()) for x in blocks[a + 1 : b]) < _CHAPTER_WORDS
    )
    return 2 * empty < len(starts)


def _page_lines(pdf: Any, n: int) -> list[Line]:
    """Page ``n``'s lines, in the order PDFium reads them, with their geometry."""
    page = pdf[n]
    try:
        textpage = page.get_textpage()
        try:
            chars = textpage.count_chars()
            return _lines(textpage, _page_text(textpage, chars), n, _link_rects(pdf, page))
        finally:
            textpage.close()
    finally:
        page.close()


# PDFium ends each line it finds with "\r\n" (characters it generates, which keep the
# text's indexes and the characters' indexes the same). A line ending in a hyphen it
# may join to the next line, marking the hyphen U+FFFE: that is a line end too.
_LINE_END = re.compile("\r\n|(?<=\ufffe)")


def _page_text(textpage: Any, count: int) -> str:
    """The page's text with one character per PDFium character, so that a character's
    offset is its index: PDFium's own text drops characters it has no Unicode for (an
    emoji a font draws without a mapping), and counts one outside the Basic
    Multilingual Plane as two. Then the text is built a character at a time (the halves
    of a pair rejoined in :func:`_line_text`)."""
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) == count:
        return str(text)
    import pypdfium2.raw as pdfium_c

    codes = (pdfium_c.FPDFText_GetUnicode(textpage.raw, i) for i in range(count))
    return "".join(chr(c) if c else " " for c in codes)


def _type_size(textpage: Any, index: int) -> float:
    """The size of character ``index``'s type on the page: its font size scaled by its
    matrix (a glyph box's height depends on the font's design, so Chinese and Latin
    type of one size would differ)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix)):
        return 0.0
    scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
    return float(pdfium_c.FPDFText_GetFontSize(textpage.raw, index)) * scale


def _line_text(text: str) -> str:
    if text.isascii():
        return text
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text.replace("\ufffe", "-")


def _lines(textpage: Any, text: str, page: int, links: list[_Link]) -> list[Line]:
    out: list[Line] = []
    start = 0
    for m in [*_LINE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        raw = text[start:end]
        span = start
        start = m.end() if m else len(text)
        stripped = raw.strip()
        if not stripped:
            continue
        a = span + len(raw) - len(raw.lstrip())
        b = span + len(raw.rstrip()) - 1
        left, bottom, _right, top = textpage.get_charbox(a, loose=True)
        size = _type_size(textpage, a) or top - bottom
        _l, _b, right, _t = textpage.get_charbox(b, loose=True)
        # The first word: up to a space, or one character of Chinese or Japanese.
        space = 1 if unspaced(stripped[0]) else stripped.find(" ")
        word_end = a + (space - 1 if space > 0 else len(stripped) - 1)
        word_right = textpage.get_charbox(word_end, loose=True)[2]
        line = _line_text(stripped)
        # Only the links the line's box meets are looked for under its words.
        near = [
            k
            for k in links
            if k[0][1] <= top and k[0][3] >= bottom and k[0][0] <= right and k[0][2] >= left
        ]
        same = len(line) == len(stripped)
        linked = _linked(textpage, stripped, a, near) if same and near else ((), (-1, -1))
        out.append(
            Line(
                page=page,
                text=line,
                x0=left,
                x1=right,
                bottom=bottom,
                size=max(size, 0.1),
                first_word=max(word_right - left, 0.0),
                em=_italics(textpage, stripped, a) if len(line) == len(stripped) else (),
                links=linked[0],
                link_ends=linked[1],
            )
        )
    return out


# Link annotations read on a page: a web page's menus, not a hostile number; a link's
# address read up to this many bytes.
_MAX_LINKS = 2000
_MAX_URI = 4096


# A link annotation: its rectangle (left, bottom, right, top) and which link it is
# (the index of the page's first annotation with the same target).
_Link = tuple[tuple[float, float, float, float], int]


def _link_rects(pdf: Any, page: Any) -> list[_Link]:
    """The rectangles of the page's link annotations and which link each is: a
    printed web page keeps its links there (calibre's and the browsers' prints), a
    link wrapped over two lines as one rectangle or one for each line, to one target."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    out: list[_Link] = []
    seen: dict[Any, int] = {}
    rect = pdfium_c.FS_RECTF()
    for i in range(min(pdfium_c.FPDFPage_GetAnnotCount(page.raw), _MAX_LINKS)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        if not annot:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_LINK and (
                pdfium_c.FPDFAnnot_GetRect(annot, ctypes.byref(rect))
            ):
                target = _target(pdf, annot) or len(out)
                out.append(
                    (
                        (rect.left, rect.bottom, rect.right, rect.top),
                        seen.setdefault(target, len(out)),
                    )
                )
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return out


def _target(pdf: Any, annot: Any) -> bytes | int | None:
    """Where a link annotation goes: its URI, or the page its destination is on."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    link = pdfium_c.FPDFAnnot_GetLink(annot)
    if not link:
        return None
    action = pdfium_c.FPDFLink_GetAction(link)
    if action:
        size = pdfium_c.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
        if 0 < size <= _MAX_URI:
            buf = ctypes.create_string_buffer(size)
            pdfium_c.FPDFAction_GetURIPath(pdf.raw, action, buf, size)
            return bytes(buf.raw)
    dest = pdfium_c.FPDFLink_GetDest(pdf.raw, link)
    if dest:
        return -1 - int(pdfium_c.FPDFDest_GetDestPageIndex(pdf.raw, dest))
    return None


def _linked(
    textpage: Any, text: str, start: int, rects: list[_Link]
) -> tuple[tuple[tuple[int, int], ...], tuple[int, int]]:
    """The stretches of a line's ``text`` (its first character the page's ``start``)
    under a link, a word at a time (a word is linked when its first character's centre
    lies in a link's rectangle), and the links under its first and last words (which
    link each is, -1 for none)."""
    if not rects:
        return (), (-1, -1)
    out: list[tuple[int, int]] = []
    ends = [-1, -1]
    last = -1  # the link the last word was under: one link's words are one stretch
    for word in _WORD.finditer(text):
        left, bottom, right, top = textpage.get_charbox(start + word.start(), loose=True)
        x, y = (left + right) / 2, (bottom + top) / 2
        under = next(
            (k for k, ((a, b, c, d), _) in enumerate(rects) if a <= x <= c and b <= y <= d), -1
        )
        which = rects[under][1] if under >= 0 else -1
        if word.start() == 0:
            ends[0] = which
        ends[1] = which
        if under < 0:
            last = -1
            continue
        if under == last and out and not text[out[-1][1] : word.start()].strip():
            out[-1] = (out[-1][0], word.end())
        else:
            out.append((word.start(), word.end()))
        last = under
    return tuple(out), (ends[0], ends[1])


# PDF font descriptor flag: the font is italic (PDF 32000-1, 9.8.2).
_ITALIC_FLAG = 0x40
_ITALIC_NAME = re.compile(rb"italic|oblique", re.I)
_WORD = re.compile(r"\S+")


def _italics(textpage: Any, text: str, start: int) -> tuple[tuple[int, int], ...]:
    """The stretches of a line's ``text`` (its first character the page's ``start``)
    set in italic type, a word at a time: the font of each word's first character
    says so by its descriptor's flag or its name ("LiberationSerif-Italic")."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    flags_ref, info, raw = ctypes.byref(flags), pdfium_c.FPDFText_GetFontInfo, textpage.raw
    known: dict[bytes, bool] = {}  # font name -> italic, for this line

    def italic(k: int) -> bool:
        info(raw, start + k, name, 128, flags_ref)
        if flags.value & _ITALIC_FLAG:
            return True
        font = name.value
        seen = known.get(font)
        if seen is None:
            seen = known[font] = _ITALIC_NAME.search(font) is not None
        return seen

    out: list[tuple[int, int]] = []
    for word in _WORD.finditer(text):
        if not italic(word.start()):
            continue
        end = word.end()
        if not text[end - 1].isalnum() and not italic(end - 1):
            # "six," with the comma in roman type: the stretch ends at the word's letters.
            while end > word.start() + 1 and not text[end - 1].isalnum():
                end -= 1
        if out and not text[out[-1][1] : word.start()].strip():
            out[-1] = (out[-1][0], end)
        else:
            out.append((word.start(), end))
    return tuple(out)


def _clean(value: str | None) -> str:
    text = " ".join((value or "").split())
    unset = placeholders()["pdf"]  # converters' and tools' names
    if not text or text.casefold() in unset or _FILE_NAME.search(text):
        return ""
    if _TOOL_PREFIX.match(text):
        return ""
    return text


def _metadata(pdf: Any) -> dict[str, Any]:
    info = pdf.get_metadata_dict(skip_empty=True)
    meta: dict[str, Any] = {}
    title = _clean(info.get("Title"))
    browser = bool(_BROWSER.search(info.get("Creator", "")))
    if title:
        meta["fallback_title" if browser else "title"] = title
    author = _clean(info.get("Author"))
    if author:
        meta["authors"] = [a.strip() for a in re.split(r"\s*(?:&|;)\s*", author) if a.strip()]
    return meta
