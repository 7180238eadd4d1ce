"""Choosing a reader: by content first, never a crash, third-party readers welcome."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import storybuilders as sb

from fandex.errors import ReadError, UnsupportedFormat
from fandex.plugins import readers, register_reader, unregister
from fandex.read import choose_reader, read_bytes
from fandex.read.document import RawDocument


def test_built_in_readers_register_through_entry_points() -> None:
    assert {"txt", "html", "ao3-html", "epub", "docx"} <= set(readers())


@pytest.mark.parametrize(
    ("data", "name", "reader"),
    [
        (sb.ao3_html(), "x.txt", "ao3-html"),
        (sb.legacy_html(), "story", "html"),
        (sb.generic_epub(), "story.txt", "epub"),
        (sb.docx_bytes(), "story.bin", "docx"),
        (sb.txt(), "story.html", "txt"),
    ],
)
def test_reader_is_chosen_by_content(data: bytes, name: str, reader: str) -> None:
    assert choose_reader(data, name).name == reader


@pytest.mark.parametrize("data", [b"", b"   \n\r\n", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_documents_are_a_clear_error(data: bytes) -> None:
    with pytest.raises(ReadError, match="empty"):
        read_bytes(data, "empty.txt")


def test_a_plain_zip_of_files_is_pointed_at_discovery() -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "A story.")
    with pytest.raises(UnsupportedFormat, match="zip archive"):
        read_bytes(buf.getvalue(), "fics.zip")


class _Exploding:
    name = "exploding"
    extensions = (".boom",)

    def sniff(self, head: bytes, filename: str) -> float:
        return 1.0 if filename.endswith(".boom") else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        raise KeyError("surprise")


class _Rtf:
    name = "rtf-test"
    extensions = (".rtf",)

    def sniff(self, head: bytes, filename: str) -> float:
        return 0.99 if head.startswith(b"{\\rtf") else 0.0

    def read(self, data: bytes, filename: str) -> RawDocument:
        from fandex.read.document import paragraphs

        return RawDocument("rtf", paragraphs(data.decode()[6:-1].strip()))


@pytest.fixture
def extra_readers() -> Iterator[None]:
    register_reader(_Exploding())
    register_reader(_Rtf())
    yield
    unregister("exploding")
    unregister("rtf-test")


@pytest.mark.usefixtures("extra_readers")
def test_a_reader_bug_becomes_one_read_error_line() -> None:
    with pytest.raises(ReadError, match="exploding reader failed: KeyError"):
        read_bytes(b"anything", "x.boom")


@pytest.mark.usefixtures("extra_readers")
def test_a_third_party_reader_is_used_for_its_format() -> None:
    doc = read_bytes(b"{\\rtf1 Hello.}", "x.rtf")
    assert doc.format == "rtf"
    assert doc.blocks[0].text == "Hello."


def test_public_names_of_fandex_read_are_pinned() -> None:
    import fandex.read

    assert sorted(fandex.read.__all__) == [
        "Block",
        "RawChapter",
        "RawDocument",
        "Span",
        "choose_reader",
        "read_bytes",
    ]
