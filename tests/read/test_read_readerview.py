"""Pages saved from Firefox's Reader View: the story page as Readability kept it, under
the viewer's header (domain line, title, byline, reading time), read as the page: its
title, creators, fandom and address, one chapter, none of the viewer's chrome. The
pages are invented; only the viewer's layout and the sites' title shapes are real."""

from __future__ import annotations

import pytest
from pages import first_words, last_words, page_bytes, tags, work_of

from fandex.read import choose_reader, read_bytes
from fandex.vocab import names


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


def test_the_viewers_page_is_read_by_its_reader() -> None:
    for page in ("reader_view_ao3.html", "reader_view_ffn.html"):
        assert choose_reader(page_bytes(page), "p.html").name == "reader-view"
    assert choose_reader(page_bytes("personal_site.html"), "p.html").name != "reader-view"


def test_an_ao3_chapter_in_reader_view() -> None:
    w = work_of("reader_view_ao3.html")
    assert (w.title, w.authors) == ("Storm Warning", ["quillwright"])
    assert tags(w, "fandom") == ["Original Work"]
    assert [c.title for c in w.chapters] == ["Chapter 2"]
    # AO3's "Chapter Text" landmark and the viewer's domain line and reading time are
    # not the story's.
    assert first_words(w) == "the barometer had fallen again by morning and"
    assert last_words(w) == "and the first rain had reached the quay"
    assert "archiveofourown.org" not in w.text and "minutes" not in w.text
    doc = read_bytes(page_bytes("reader_view_ao3.html"), "p.html")
    assert doc.metadata["url"] == "https://archiveofourown.org/works/5000001/chapters/9000002"


def test_a_fanfiction_net_chapter_in_reader_view() -> None:
    w = work_of("reader_view_ffn.html")
    assert w.title == "Salt Roads"
    assert w.authors == []  # the byline Readability found was empty: none made up
    assert [c.title for c in w.chapters] == ["The Causeway"]
    assert tags(w, "fandom") and "Merlin" in tags(w, "fandom")[0]
    assert first_words(w) == "the causeway showed itself only at low water"
    assert last_words(w) == "island with the water already at their heels"


def test_a_sites_own_reader_header_is_not_the_viewers() -> None:
    # A site may call its own heading box "reader-header"; the viewer's has its domain
    # line, and without it the page goes on to the other readers.
    page = page_bytes("reader_view_ao3.html").replace(b"domain reader-domain", b"domain")
    assert read_bytes(page, "p.html").metadata.get("producer") != "reader-view"
