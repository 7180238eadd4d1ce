"""Kindle books: MOBI (``.mobi``, ``.prc``, ``.azw``) and KF8 (``.azw3``).

A fan who reads on a Kindle keeps AO3 and FanFicFare EPUBs converted by calibre. The
book is a Palm database: record 0 holds the MOBI header and the EXTH metadata (title,
authors, description, language, date), the next records hold the book's HTML in
PalmDOC-compressed pieces, each with trailing bytes the header says how to skip. The
HTML is read as the HTML reader reads any page; what the EXTH states wins over what
the page shows, as an EPUB's OPF does.

A joint file (calibre's default "both") is read from its MOBI part, which opens the
file; a KF8-only book from its own text, each page's skeleton filled with its
fragments where the book's indexes put them (:mod:`fandex.read.kf8`). Books
compressed with Kindlegen's HUFF/CDIC scheme or locked by DRM are refused with one
line.
"""

from __future__ import annotations

import re
import struct
from typing import Any

from fandex.errors import ReadError
from fandex.read import kf8
from fandex.read.document import RawDocument
from fandex.read.epub_opf import placeholders
from fandex.read.htmltext import parse_html, text_of

_MAGIC = (b"BOOKMOBI", b"TEXtREAd")
_EXTENSIONS = (".mobi", ".azw3", ".azw", ".prc")
# EXTH record types: creator, description, subject, updated title, language. (The
# publishing date is left: a converter stamps it with the day it made the file.)
_AUTHOR, _DESCRIPTION, _SUBJECT, _TITLE, _LANGUAGE = 100, 103, 105, 503, 524
# calibre's KF8 books mark their own encoding in EXTH too; the header's is enough.
_CODEPAGES = {65001: "utf-8", 1252: "cp1252"}
# A book is at most this much text once decompressed (a bound on hostile input).
_MAX_TEXT = 64 * 1024 * 1024
# KF8 keeps each page as a skeleton (its <html>, <head> and empty <body>) followed by
# the fragments that fill it; the skeleton's tags are dropped and the fragments joined.
_SKELETON_START = re.compile(rb"(?=<\?xml|<html[\s>])")
_SKELETON_TAGS = re.compile(
    rb"<\?xml[^>]*>|<!DOCTYPE[^>]*>|</?html[^>]*>|<head[\s>].*?</head>|</?body[^>]*>",
    re.I | re.S,
)
_PAGE_TITLE = re.compile(rb"<title>(.*?)</title>", re.I | re.S)
# The contents page calibre generates at a book's end: no story.
_CONTENTS_TITLES = frozenset({b"table of contents", b"contents", b"toc"})
# MOBI's guide points at that page ("filepos=0001270455"); past this share of the text
# it is the generated list, not the book's own front contents.
_GUIDE_TOC = re.compile(rb"<reference[^>]*type=\"toc\"[^>]*filepos=0*(\d+)", re.I)
_TOC_SHARE = 0.5
_PAGE_BREAK = re.compile(rb"<mbp:pagebreak\s*/?>", re.I)
# MOBI's markup has no headings: calibre writes a heading as a paragraph of large type
# ("<font size=7>", 7 for <h1> down to 4 for <h4>), and links as "filepos" offsets.
_BIG_TYPE = re.compile(rb"<p[^>]*>\s*<font size=\"?([4-7])\"?>(.*?)</font>\s*</p>", re.I | re.S)
_FILEPOS = re.compile(rb"<a(\s[^>]*)?\sfilepos=\"?0*(\d+)\"?", re.I)


def _link(m: re.Match[bytes]) -> bytes:
    return b"<a" + (m.group(1) or b"") + b' href="#fp' + m.group(2) + b'"'


def _heading(m: re.Match[bytes]) -> bytes:
    level = str(8 - int(m.group(1))).encode()
    return b"<h" + level + b">" + m.group(2) + b"</h" + level + b">"


def _palmdoc(data: bytes) -> bytes:
    """PalmDOC's LZ77 variant decompressed."""
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        i += 1
        if c == 0 or 0x09 <= c <= 0x7F:
            out.append(c)
        elif c <= 0x08:
            out += data[i : i + c]
            i += c
        elif c >= 0xC0:
            out += b" "
            out.append(c ^ 0x80)
        else:
            if i >= n:
                break
            pair = (c << 8) | data[i]
            i += 1
            distance = (pair >> 3) & 0x7FF
            if not distance or distance > len(out):
                raise ReadError("the book's text is damaged")
            for _ in range((pair & 7) + 3):
                out.append(out[-distance])
    return bytes(out)


def _trailing(record: bytes, flags: int) -> int:
    """How many bytes at a text record's end are trailing entries, not text."""
    size = len(record)
    total = 0
    bits = flags >> 1
    while bits:
        if bits & 1:
            end = size - total
            value = shift = 0
            while end > 0:
                byte = record[end - 1]
                value |= (byte & 0x7F) << shift
                shift += 7
                end -= 1
                if byte & 0x80 or shift >= 28:
                    break
            total += value
        bits >>= 1
    if flags & 1 and size - total > 0:
        total += (record[size - total - 1] & 0x3) + 1
    return min(total, size)


class _Book:
    """The records of a Palm database and the MOBI header of the part read."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 86 or data[60:68] not in _MAGIC:
            raise ReadError("not a MOBI book")
        count = struct.unpack_from(">H", data, 76)[0]
        if not count or 78 + 8 * count > len(data):
            raise ReadError("the book's record list is damaged")
        offsets = [struct.unpack_from(">I", data, 78 + 8 * k)[0] for k in range(count)]
        ends = [*offsets[1:], len(data)]
        self.records = [data[a:b] for a, b in zip(offsets, ends, strict=True)]
        self.first = 0
        self.exth = self._exth(self.records[0])
        self.kf8 = self._version(self.records[0]) == 8

    @staticmethod
    def _version(rec0: bytes) -> int:
        if len(rec0) < 40 or rec0[16:20] != b"MOBI":
            return 0
        return int(struct.unpack_from(">I", rec0, 36)[0])

    @staticmethod
    def _exth(rec0: bytes) -> dict[int, list[bytes]]:
        out: dict[int, list[bytes]] = {}
        if len(rec0) < 132 or rec0[16:20] != b"MOBI":
            return out
        header = struct.unpack_from(">I", rec0, 20)[0]
        if not struct.unpack_from(">I", rec0, 128)[0] & 0x40:
            return out
        at = 16 + header
        if rec0[at : at + 4] != b"EXTH":
            return out
        entries = struct.unpack_from(">I", rec0, at + 8)[0]
        pos = at + 12
        for _ in range(entries):
            if pos + 8 > len(rec0):
                break
            kind, size = struct.unpack_from(">II", rec0, pos)
            if size < 8:
                break
            out.setdefault(kind, []).append(rec0[pos + 8 : pos + size])
            pos += size
        return out

    def text(self) -> tuple[bytes, str]:
        """The book's markup and its encoding."""
        rec0 = self.records[self.first]
        if len(rec0) < 16:
            raise ReadError("the book's header is damaged")
        compression, _unused, _length, count = struct.unpack_from(">HHIH", rec0, 0)
        encryption = struct.unpack_from(">H", rec0, 12)[0]
        if encryption:
            raise ReadError("the book is locked (DRM): fandex cannot read it")
        if compression == 17480:
            raise ReadError("the book is compressed with Kindlegen's HUFF/CDIC: not supported")
        if compression not in (1, 2):
            raise ReadError(f"the book uses an unknown compression ({compression})")
        encoding, flags = "cp1252", 0
        if rec0[16:20] == b"MOBI":
            header = struct.unpack_from(">I", rec0, 20)[0]
            encoding = _CODEPAGES.get(struct.unpack_from(">I", rec0, 28)[0], "cp1252")
            if header >= 0xE4 and len(rec0) >= 0xF4:
                flags = struct.unpack_from(">H", rec0, 0xF2)[0]
        out = bytearray()
        for record in self.records[self.first + 1 : self.first + 1 + count]:
            record = record[: len(record) - _trailing(record, flags)]
            out += _palmdoc(record) if compression == 2 else record
            if len(out) > _MAX_TEXT:
                raise ReadError("the book's text is larger than fandex reads")
        return bytes(out), encoding

    def flow(self) -> bytes:
        """The book's HTML: for KF8, the first flow (the others are its stylesheets)."""
        text, _encoding = self.text()
        rec0 = self.records[self.first]
        if not self.kf8 or len(rec0) < 0xC4:
            return text
        index = struct.unpack_from(">I", rec0, 0xC0)[0]
        if 0 < index < len(self.records) and self.records[index][:4] == b"FDST":
            fdst = self.records[index]
            if len(fdst) >= 20:
                start, end = struct.unpack_from(">II", fdst, 12)
                return text[start:end]
        return text

    def first_exth(self, kind: int, encoding: str) -> str:
        values = self.exth.get(kind) or []
        return values[0].decode(encoding, "replace").strip() if values else ""

    def name(self, encoding: str) -> str:
        rec0 = self.records[self.first]
        if len(rec0) < 92:
            return ""
        at, size = struct.unpack_from(">II", rec0, 84)
        return rec0[at : at + size].decode(encoding, "replace").strip()


def _kf8_pages(flow: bytes, parts: list[bytes] | None = None) -> list[bytes]:
    """KF8's pages: ``parts`` as :mod:`fandex.read.kf8` assembled them, else each
    skeleton with the fragments that follow it in storage order; the contents page
    calibre generates is left out."""
    pages: list[bytes] = []
    for part in parts if parts is not None else _SKELETON_START.split(flow):
        if not part.strip():
            continue
        m = _PAGE_TITLE.search(part)
        title = b" ".join(m.group(1).split()) if m else b""
        if title.lower() in _CONTENTS_TITLES:
            continue
        body = _SKELETON_TAGS.sub(b"", part)
        pages.append(
            b"<html><head><title>" + title + b"</title></head><body>" + body + b"</body></html>"
        )
    return pages


def _mobi_pages(text: bytes) -> list[bytes]:
    """MOBI's page breaks as pages, the contents list calibre appends at the end cut off."""
    m = _GUIDE_TOC.search(text[:4096])
    if m is not None and _TOC_SHARE * len(text) < int(m.group(1)) < len(text):
        text = text[: int(m.group(1))]
    body = re.sub(rb"^.*?<body[^>]*>|</body>.*$", b"", text, flags=re.S | re.I)
    body = _BIG_TYPE.sub(_heading, body)
    body = _FILEPOS.sub(_link, body)
    return [
        b"<html><body>" + piece + b"</body></html>"
        for piece in _PAGE_BREAK.split(body)
        if piece.strip()
    ]


def _metadata(book: _Book, encoding: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    unset = placeholders()  # calibre's "Unknown" states nothing
    title = book.first_exth(_TITLE, encoding) or book.name(encoding)
    if title and title.casefold() not in unset["titles"]:
        meta["title"] = title
    authors = [
        name
        for a in book.exth.get(_AUTHOR, [])
        if (name := a.decode(encoding, "replace").strip())
        and name.casefold() not in unset["authors"]
    ]
    if authors:
        meta["authors"] = authors
    if language := book.first_exth(_LANGUAGE, encoding):
        meta["language"] = language
    if description := book.first_exth(_DESCRIPTION, encoding):
        meta["summary"] = (
            text_of(parse_html(description)).strip() if "<" in description else description
        )
    subjects = [s.decode(encoding, "replace").strip() for s in book.exth.get(_SUBJECT, [])]
    if subjects:
        meta["fields"] = {"Subjects": ", ".join(s for s in subjects if s)}
    return meta


class MobiReader:
    """Reads Kindle books (MOBI and KF8) without DRM."""

    name = "mobi"
    extensions = _EXTENSIONS

    def sniff(self, head: bytes, filename: str) -> float:
        """0.95 for a Palm database that declares a MOBI book; 0 otherwise."""
        return 0.95 if head[60:68] in _MAGIC else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        """The book's pages read as an EPUB's spine is, with its EXTH metadata."""
        from fandex.read.epub import read_pages

        try:
            book = _Book(data)
            text, encoding = book.text()
            flow = book.flow()
        except struct.error:
            # A header or record shorter than its own fields say: a cut or damaged file.
            raise ReadError("the book's header is damaged") from None
        if book.kf8:
            # Fragments go where the book's indexes put them, not where they are stored.
            raw = _kf8_pages(flow, kf8.assemble(book.records[book.first :], text))
        else:
            raw = _mobi_pages(flow)
        pages = [
            (f"page{n}", parse_html(page.decode(encoding, "replace")))
            for n, page in enumerate(raw, start=1)
        ]
        doc = read_pages(pages, _metadata(book, encoding))
        doc.format = "mobi"
        return doc


__all__ = ["MobiReader"]
