"""Pages Safari saved as web archives (binary property lists): read as the same page
saved as HTML, the address it was saved from kept."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes
from fandex.read.webarchive import WebArchiveReader

ENTIRE = Path(__file__).parent / "fixtures" / "ao3_page_entire_work.html"
ADDRESS = "https://archiveofourown.org/works/2000002?view_full_work=true"


def webarchive(page: bytes, encoding: str = "UTF-8", mime: str = "text/html") -> bytes:
    """A web archive as Safari writes one: the main resource, a style sheet beside it."""
    main = {
        "WebResourceData": page,
        "WebResourceFrameName": "",
        "WebResourceMIMEType": mime,
        "WebResourceTextEncodingName": encoding,
        "WebResourceURL": ADDRESS,
    }
    sheet = {
        "WebResourceData": b"body { color: #333 }",
        "WebResourceMIMEType": "text/css",
        "WebResourceURL": "https://archiveofourown.org/site.css",
    }
    return plistlib.dumps(
        {"WebMainResource": main, "WebSubresources": [sheet]}, fmt=plistlib.FMT_BINARY
    )


def test_a_saved_ao3_page_reads_as_the_same_page_saved_as_html() -> None:
    html = ENTIRE.read_bytes()
    data = webarchive(html)
    assert choose_reader(data, "The Clockmaker.webarchive").name == "webarchive"
    saved, page = read_bytes(data, "x.webarchive"), read_bytes(html, "x.html")
    for key in ("title", "authors", "tags", "summary", "notes_begin", "published"):
        assert saved.metadata.get(key) == page.metadata.get(key), key
    assert [b.text for c in saved.chapters for b in c.blocks] == [
        b.text for c in page.chapters for b in c.blocks
    ]
    assert str(saved.metadata["url"]).startswith("https://archiveofourown.org/works/2000002")


def test_the_archives_text_encoding_decides_a_page_that_names_none() -> None:
    sentence = "Смотритель маяка ждал бурю всю ночь."  # read as Mac Roman when guessed
    page = f"<html><body><h1>Маяк</h1><p>{sentence}</p></body></html>".encode("koi8-r")
    work = build_work(clean(read_bytes(webarchive(page, encoding="koi8-r"), "x.webarchive")))
    assert sentence in "\n".join(c.text for c in work.chapters)


def test_not_taken_for_other_property_lists_and_broken_ones_fail_in_one_line() -> None:
    other = plistlib.dumps({"CFBundleName": "App"}, fmt=plistlib.FMT_BINARY)
    assert WebArchiveReader().sniff(other, "Info.plist") == 0.0
    for data, says in [
        (webarchive(b"\x89PNG\r\n\x1a\n", mime="image/png"), "image/png"),
        (webarchive(b"   "), "empty"),
        (b"bplist00" + b"\x00" * 40, "damaged"),
        (plistlib.dumps({"WebSubresources": []}, fmt=plistlib.FMT_BINARY), "no page"),
    ]:
        with pytest.raises(ReadError) as err:
            read_bytes(data, "broken.webarchive")
        assert says in str(err.value) and "\n" not in str(err.value)
