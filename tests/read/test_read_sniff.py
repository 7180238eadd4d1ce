"""Content sniffing: binaries, zips and pages are told apart by their bytes."""

from __future__ import annotations

import io
import zipfile

import pytest
import storybuilders as sb

from fandex.read.sniff import binary_kind, html_score, looks_binary, zip_kind


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00", "a GIF image"),
        (b"%PDF-1.7\n", "a PDF document"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
    ],
)
def test_binary_kinds(head: bytes, what: str) -> None:
    assert binary_kind(head) == what
    assert looks_binary(head)


def test_words_that_start_like_magic_are_not_binaries() -> None:
    assert binary_kind(b"BM was here, he wrote.") is None
    assert binary_kind(b"MZ and friends went out.") is None


def test_zip_kinds() -> None:
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("a.txt", "x")
    assert zip_kind(sb.generic_epub()) == "epub"
    assert zip_kind(sb.docx_bytes()) == "docx"
    assert zip_kind(plain.getvalue()) == "zip"
    assert zip_kind(b"plain text") is None


def test_html_scores() -> None:
    assert html_score(b"<!DOCTYPE html><html>") == 0.9
    assert html_score(b"\xef\xbb\xbf  <html><body>") == 0.9
    assert html_score(b"Title: x\n\nShe said <i>no</i>.") == 0.0
    assert html_score("<html><body>".encode("utf-16")) == 0.9
    assert html_score(b"\x89PNG\r\n\x1a\n<html>") == 0.0


def test_text_with_inline_tags_only_is_not_html() -> None:
    text = b"\n\n".join(b"She was <i>so</i> tired, <b>very</b> tired." for _ in range(10))
    assert html_score(text) == 0.0
    pasted = b"Story\n" + b"".join(b"<p>Para <i>one</i>.</p><br>" for _ in range(10))
    assert html_score(pasted) == 0.6


def test_text_quoting_a_line_of_markup_is_still_text() -> None:
    # calibre's text of a saved AO3 page keeps the "share" box: a link's HTML on one
    # line among a hundred lines of text.
    share = b'<a href="https://example.org/works/1"><strong>Gulls</strong></a><br />' * 8
    lines = [b"Rating:", b"General Audiences", b"Fandom:", b"Lighthouse Keepers"] * 25
    text = b"\n\n".join([b"Main Content", share, *lines])
    assert html_score(text) == 0.0
    assert html_score(b"\n".join([share, *lines[:4]])) == 0.6  # markup on most lines
