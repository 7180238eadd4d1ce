"""Kindle books (MOBI) read as their EPUB is: pages, chapters and EXTH metadata."""

from __future__ import annotations

import struct

import pytest

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.read.mobi import _palmdoc

TEXT = (
    b"<html><head><guide></guide></head><body>"
    b'<p height="1em"><font size="7"><b>Chapter One</b></font></p>'
    b"<p>Ila rowed out past the buoys.</p><mbp:pagebreak/>"
    b'<p height="1em"><font size="7"><b>Chapter Two</b></font></p>'
    b"<p>She came back at dusk.</p></body></html>"
)


def _exth(records: list[tuple[int, bytes]]) -> bytes:
    body = b"".join(struct.pack(">II", kind, len(data) + 8) + data for kind, data in records)
    return b"EXTH" + struct.pack(">II", len(body) + 12, len(records)) + body


def _mobi(
    text: bytes, *, encryption: int = 0, compression: int = 1, author: bytes = b"Wren Calloway"
) -> bytes:
    """A one-text-record MOBI book, as calibre writes its header."""
    exth = _exth([(100, author), (503, b"Harbour Tales"), (524, b"en")])
    name = b"Harbour Tales"
    header_length = 0xE8
    mobi = bytearray(header_length)
    mobi[0:4] = b"MOBI"
    struct.pack_into(">III", mobi, 4, header_length, 2, 65001)
    struct.pack_into(">I", mobi, 20, 6)  # version
    name_at = 16 + header_length + len(exth)
    struct.pack_into(">II", mobi, 84 - 16, name_at, len(name))
    struct.pack_into(">I", mobi, 128 - 16, 0x40)  # EXTH present
    palmdoc = struct.pack(">HHIHHHH", compression, 0, len(text), 1, 4096, encryption, 0)
    rec0 = palmdoc + bytes(mobi) + exth + name + b"\0\0"
    records = [rec0, text]
    start = 78 + 8 * len(records) + 2
    table, at = b"", start
    for k, rec in enumerate(records):
        table += struct.pack(">IB3s", at, 0, k.to_bytes(3, "big"))
        at += len(rec)
    head = b"harbour_tales".ljust(32, b"\0") + bytes(28) + b"BOOKMOBI" + bytes(8)
    head += struct.pack(">H", len(records))
    return head + table + b"\0\0" + b"".join(records)


def test_palmdoc_literals_runs_and_back_references() -> None:
    assert _palmdoc(b"abc\x80\x18") == b"abcabc"  # three back, three long
    assert _palmdoc(b"\xe1\x02\xe9x") == b" a\xe9x"  # a space-plus-letter, a literal run


def test_a_mobi_book_reads_its_pages_as_chapters_and_its_exth_as_metadata() -> None:
    work = build_work(clean(read_bytes(_mobi(TEXT), "harbour.mobi")))
    assert (work.title, work.authors, work.language) == ("Harbour Tales", ["Wren Calloway"], "en")
    assert [c.title for c in work.chapters] == ["Chapter One", "Chapter Two"]
    assert [c.text for c in work.chapters] == [
        "Ila rowed out past the buoys.",
        "She came back at dusk.",
    ]


def test_calibres_unknown_author_names_no_one_and_the_text_byline_is_read() -> None:
    # calibre writes "Unknown" when the page it converted named no author in its
    # metadata; the story's own byline then says who wrote it.
    text = TEXT.replace(b"<body>", b"<body><p>by Wren Calloway</p>", 1)
    work = build_work(clean(read_bytes(_mobi(text, author=b"Unknown"), "harbour.azw3")))
    assert work.authors == ["Wren Calloway"]
    assert "Unknown" not in work.authors


def test_a_locked_book_is_one_clear_error() -> None:
    with pytest.raises(ReadError, match="DRM"):
        read_bytes(_mobi(TEXT, encryption=2), "locked.azw")


@pytest.mark.parametrize("cut", [70, 110, 116, 120, 127])
def test_a_cut_book_is_one_clear_error(cut: int) -> None:
    book = _mobi(TEXT)
    # The record list still names records past the end, or record 0 stops mid-header.
    with pytest.raises(ReadError):
        read_bytes(book[:cut], "cut.mobi")


def test_a_book_whose_record_list_runs_past_its_end_is_refused() -> None:
    book = bytearray(_mobi(TEXT))
    struct.pack_into(">H", book, 76, 5000)  # 5000 records in a file of a few hundred bytes
    with pytest.raises(ReadError, match="record list"):
        read_bytes(bytes(book), "damaged.mobi")
