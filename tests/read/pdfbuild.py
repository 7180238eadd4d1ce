"""Minimal hand-written PDFs for the PDF reader's tests: pages of text lines set in
Courier (every glyph 0.6 em wide, so wrapping by characters is exact; a line's
``<i>...</i>`` in Courier-Oblique, its ``<a>...</a>`` under a link annotation, as a
printed web page's links are), an optional Info dictionary, and an /Encrypt entry
when asked."""

from __future__ import annotations

import re
import textwrap

# (x, y, size, text): one line of text at a baseline position, in points.
PdfLine = tuple[float, float, float, str]

PAGE_W, PAGE_H = 612, 792
LEFT, TOP, BOTTOM = 72, 720, 72


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _shown(size: float, text: str) -> bytes:
    """The text-showing operators of one line: its ``<i>...</i>`` stretches in F2."""
    out = b""
    text = re.sub(r"<a\+?>|</a>", "", text)
    for k, piece in enumerate(re.split(r"</?i>", text)):
        if piece:
            out += b"/F%d %.1f Tf (%s) Tj " % (2 if k % 2 else 1, size, _escape(piece))
    return out


def build_pdf(
    pages: list[list[PdfLine]],
    info: dict[str, str] | None = None,
    *,
    encrypted: bool = False,
    outline: list[tuple[str, int]] | None = None,
) -> bytes:
    """A PDF of ``pages``; ``info`` becomes its Info dictionary, ``outline`` its
    bookmarks (``(title, page index)``, all at the top level)."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: pages (filled in below)
    font = len(objects) + 1
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Oblique >>")
    kids = []
    for page in pages:
        rects = [r for x, y, size, text in page for r in _link(x, y, size, text)]
        links = b""
        if rects:
            refs = []
            for r, target in rects:
                objects.append(
                    b"<< /Type /Annot /Subtype /Link /Rect [%.1f %.1f %.1f %.1f] /Border [0 0 0] "
                    b"/A << /S /URI /URI (http://example.org/%d) >> >>" % (*r, target)
                )
                refs.append(b"%d 0 R" % len(objects))
            links = b" /Annots [" + b" ".join(refs) + b"]"
        stream = b"".join(
            b"BT %.1f %.1f Td %sET\n" % (x, y, _shown(size, text)) for x, y, size, text in page
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >>%s >>"
            % (PAGE_W, PAGE_H, content, font, font + 1, links)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    if outline:
        root = len(objects) + 1
        first = root + 1
        items = [first + k for k in range(len(outline))]
        objects.append(
            b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
            % (items[0], items[-1], len(items))
        )
        for k, (title, page) in enumerate(outline):
            links = b""
            if k:
                links += b" /Prev %d 0 R" % items[k - 1]
            if k + 1 < len(items):
                links += b" /Next %d 0 R" % items[k + 1]
            objects.append(
                b"<< /Title (%s) /Parent %d 0 R%s /Dest [%d 0 R /XYZ null null null] >>"
                % (_escape(title), root, links, kids[page])
            )
        objects[0] = b"<< /Type /Catalog /Pages 2 0 R /Outlines %d 0 R >>" % root
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    trailer = b"/Root 1 0 R"
    if info:
        fields = b" ".join(b"/%s (%s)" % (k.encode(), _escape(v)) for k, v in info.items())
        objects.append(b"<< " + fields + b" >>")
        trailer += b" /Info %d 0 R" % len(objects)
    if encrypted:
        # The standard security handler with a user password: the /U check fails for
        # the empty password, so a reader must ask for one.
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <%s> /U <%s> >>"
            % (b"11" * 32, b"22" * 32)
        )
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), b"ab" * 16, b"ab" * 16)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


_LINKS = [0]  # the links made so far: each one's address is its number


def _link(
    x: float, y: float, size: float, text: str
) -> list[tuple[tuple[float, float, float, float], int]]:
    """The rectangles of a line's ``<a>...</a>`` stretches (Courier: 0.6 em a glyph) and
    each one's link: a new one, or for ``<a+>`` the one before (a link wrapped over two
    lines)."""
    out = []
    plain = re.sub(r"</?i>", "", text)
    at = 0  # characters of the line's text before the stretch
    for m in re.finditer(r"<a(\+?)>(.*?)</a>|[^<]+", plain):
        if m.group(2) is not None:
            if not m.group(1):
                _LINKS[0] += 1
            left = x + 0.6 * size * at
            rect = (left, y - 0.25 * size, left + 0.6 * size * len(m.group(2)), y + size)
            out.append((rect, _LINKS[0]))
            at += len(m.group(2))
        else:
            at += len(m.group(0))
    return out


def centred(y: float, size: float, text: str) -> tuple[float, float, float, str]:
    """A line of ``text`` centred on the page at baseline ``y``."""
    width = 0.6 * size * len(re.sub(r"<a\+?>|</?[ai]>", "", text))
    return ((PAGE_W - width) / 2, y, size, text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped at ``width`` characters, as a layout wraps: a word goes to the
    next line when it would not fit (never broken, nor at its hyphens)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def set_text(
    paragraphs: list[str | tuple[str, float]],
    *,
    size: float = 12.0,
    width: int = 66,
    header: str | None = None,
    numbers: bool = False,
) -> list[list[PdfLine]]:
    """Paragraphs set as a converter sets them: wrapped at ``width`` characters of
    ``size`` Courier, a blank line's gap between paragraphs, pages as full as the
    margins allow; a running ``header`` and a page number at each page's foot when asked. A
    paragraph given as ``(text, size)`` is set in that size (a heading)."""
    lines: list[tuple[float, str, bool]] = []
    for para in paragraphs:
        text, psize = (para, size) if isinstance(para, str) else para
        wrapped = wrap(text, int(width * size / psize))
        lines += [(psize, ln, k == 0) for k, ln in enumerate(wrapped)]
    pages: list[list[PdfLine]] = []
    page: list[PdfLine] = []
    y = TOP
    for psize, text, first in lines:
        step = 1.2 * psize + (0.8 * size if first and page else 0)
        if page and y - step < BOTTOM:
            pages.append(page)
            page, y = [], TOP
        elif page:
            y -= step
        page.append((LEFT, y, psize, text))
    if page:
        pages.append(page)
    for n, pg in enumerate(pages, start=1):
        if header:
            pg.append((LEFT + 120, PAGE_H - 36, 9, header))
        if numbers:
            pg.append((PAGE_W / 2, 36, 9, str(n)))
    return pages
