"""EPUB: FanFicFare's title page, any other EPUB's OPF and spine, and damaged books."""

from __future__ import annotations

import io
import zipfile

import pytest
import storybuilders as sb

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.parse import build_work
from fandex.read import read_bytes


def _rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """A copy of the zip ``data`` with members replaced (or dropped when None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    dst.writestr(info, change[info.filename])  # type: ignore[arg-type]
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()


def _opf(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("OEBPS/content.opf")


def test_fanficfare_title_page_fields_are_mapped() -> None:
    doc = read_bytes(sb.fff_epub(), "story.epub")
    meta = doc.metadata
    assert meta["producer"] == "fanficfare"
    assert meta["title"] == sb.TITLE
    assert meta["authors"] == [sb.AUTHOR]
    assert meta["status"] == "complete"
    assert meta["published"] == "2020-03-01"
    assert meta["updated"] == "2020-03-08"
    assert meta["summary"] == sb.SUMMARY
    assert meta["fields"]["Words"] == f"{sb.story_words():,}"
    assert meta["fields"]["Chapters"] == "2"


def test_fanficfare_from_ao3_gives_typed_tags() -> None:
    tags = set(read_bytes(sb.fff_epub(), "story.epub").metadata["tags"])
    assert {
        ("fandom", "Original Work"),
        ("character", "Mara Vance"),
        ("relationship", "Mara Vance & Tom Reed"),
        ("rating", "General Audiences"),
        ("warning", "No Archive Warnings Apply"),
        ("freeform", "Storms"),
    } <= tags


def test_fanficfare_from_another_site_hands_its_fields_to_the_parser() -> None:
    meta = read_bytes(sb.fff_epub("https://example.org/s/1"), "story.epub").metadata
    assert meta["tags"] == []  # another site's words are not AO3's typed tags
    assert meta["fields"]["Rating"] == "General Audiences"
    assert ("Characters", "Mara Vance, Tom Reed") in meta["stated_fields"]


def test_fanficfare_chapters_skip_the_title_page() -> None:
    doc = read_bytes(sb.fff_epub(), "story.epub")
    assert [c.title for c in doc.chapters] == ["Storm Warning", "Morning"]
    assert [b.text for b in doc.chapters[0].blocks] == sb.CHAPTERS[0][1]


def test_generic_epub_uses_opf_and_spine_order() -> None:
    doc = read_bytes(sb.generic_epub(), "book.epub")
    assert doc.metadata["title"] == sb.TITLE
    assert doc.metadata["authors"] == [sb.AUTHOR]
    assert doc.metadata["language"] == "en"
    assert [c.title for c in doc.chapters] == ["Storm Warning", "Morning"]
    assert any("skipped 1" in n for n in doc.notices)  # the cover page


def test_generic_epub_skips_non_linear_pages() -> None:
    pages = [
        ("a.xhtml", sb._xhtml("<h1>One</h1><p>First.</p>")),
        ("notes.xhtml", sb._xhtml("<p>Aside.</p>")),
        ("b.xhtml", sb._xhtml("<h1>Two</h1><p>Second.</p>")),
    ]
    doc = read_bytes(sb.epub(pages, spine_skip=("notes.xhtml",)), "b.epub")
    assert [c.title for c in doc.chapters] == ["One", "Two"]


def test_epub_sniffed_by_content_whatever_its_name() -> None:
    assert read_bytes(sb.generic_epub(), "book.zip").format == "epub"


def test_truncated_epub_is_one_clear_error() -> None:
    data = sb.generic_epub()
    with pytest.raises(ReadError, match="damaged or truncated"):
        read_bytes(data[: len(data) // 2], "cut.epub")


def test_epub_with_invalid_page_xml_is_read_best_effort() -> None:
    broken = b"<html><body><h1>Storm Warning</h1><p>Unclosed <i>tags & stray <b>bits</p>"
    data = _rezip(sb.generic_epub(), {"OEBPS/ch1.xhtml": broken})
    doc = read_bytes(data, "b.epub")
    assert "Unclosed tags & stray bits" in doc.chapters[0].blocks[0].text


def test_epub_with_invalid_opf_falls_back_to_pages_by_name() -> None:
    data = _rezip(sb.generic_epub(), {"OEBPS/content.opf": b"<package><metadata><<<"})
    doc = read_bytes(data, "b.epub")
    assert [c.title for c in doc.chapters] == ["Storm Warning", "Morning"]
    assert any("reading order" in n for n in doc.notices)


def test_epub_without_container_finds_the_opf() -> None:
    data = _rezip(sb.generic_epub(), {"META-INF/container.xml": None})
    doc = read_bytes(data, "b.epub")
    assert len(doc.chapters) == 2


def test_epub_with_a_missing_page_says_what_it_skipped() -> None:
    data = _rezip(sb.generic_epub(), {"OEBPS/ch2.xhtml": None})
    doc = read_bytes(data, "b.epub")
    assert len(doc.chapters) == 1
    assert any("ch2.xhtml" in n for n in doc.notices)


def test_epub_entities_are_not_expanded() -> None:
    opf = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/'
        b'elements/1.1/"><dc:title>&b;</dc:title></metadata><manifest><item id="c" href="ch1.'
        b'xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/>'
        b"</spine></package>"
    )
    data = _rezip(sb.generic_epub(), {"OEBPS/content.opf": opf})
    doc = read_bytes(data, "b.epub")
    assert "aaaa" not in doc.metadata.get("title", "")


def test_the_books_build_date_is_not_the_published_date() -> None:
    dates = (
        '<dc:date opf:event="creation">2026-05-14</dc:date>'
        '<dc:date opf:event="publication">2016-03-08</dc:date>'
        '<dc:date opf:event="modification">2016-03-12</dc:date>'
        '<meta property="dcterms:modified">2026-05-14T11:04:05Z</meta>'
    )
    pages = [("a.xhtml", sb._xhtml("<h1>One</h1><p>First.</p>"))]
    meta = read_bytes(sb.epub(pages, extra_meta=dates), "b.epub").metadata
    assert (meta["published"], meta["updated"]) == ("2016-03-08", "2016-03-12")


def _pandoc_page(body: str, title: str) -> str:
    """A page as Pandoc writes it: its generator stamp, and its file name for a title
    when the section has no heading."""
    page = sb._xhtml(body, title)
    return page.replace("<head>", '<head><meta name="generator" content="pandoc" />')


def test_a_pandoc_epub_is_read_as_its_text_not_as_fanficfare() -> None:
    stamp = "2026-05-14T11:04:05Z"
    title_page = _pandoc_page(
        '<section epub:type="titlepage" xmlns:epub="http://www.idpf.org/2007/ops">'
        '<h1 class="title">Harbour Tales</h1><p class="author">Wren Calloway</p></section>',
        "Harbour Tales",
    )
    chapter = _pandoc_page(
        "<h1>Harbour Tales</h1>"
        "<p><strong>Disclaimer: The harbour belongs to its keepers.</strong></p>"
        "<p><strong>Chapter 1: The Ford</strong></p>"
        + "<p>Ila waded across the ford at dawn, her boots in her hand.</p>"
        * 3,
        "ch001.xhtml",
    )
    data = sb.epub(
        [("text/title_page.xhtml", title_page), ("text/ch001.xhtml", chapter)],
        title="Harbour Tales",
        authors=("Wren Calloway",),
        extra_meta=f'<dc:date>{stamp}</dc:date><meta property="dcterms:modified">{stamp}</meta>',
    )
    data = _rezip(
        data,
        {
            "OEBPS/content.opf": _opf(data).replace(
                b"<dc:language>en</dc:language>", b"<dc:language>C</dc:language>"
            )
        },
    )
    work = build_work(clean(read_bytes(data, "harbour.epub")))
    assert (work.title, work.authors) == ("Harbour Tales", ["Wren Calloway"])
    assert [c.title for c in work.chapters] == ["Chapter 1: The Ford"]
    assert work.chapters[0].text.startswith("Ila waded across the ford")
    assert work.disclaimer == "The harbour belongs to its keepers."
    assert work.language is None and work.published is None


def test_a_page_named_only_by_its_file_has_no_chapter_title() -> None:
    pages = [
        ("ch001.xhtml", sb._xhtml("<p>Ila rowed out past the buoys.</p>", "ch001.xhtml")),
        ("ch002.xhtml", sb._xhtml("<p>She came back at dusk.</p>", "ch002.xhtml")),
    ]
    data = sb.epub(pages)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        ncx = zf.read("OEBPS/toc.ncx")
    ncx = ncx.replace(b"<text>Page 0</text>", b"<text></text>")
    ncx = ncx.replace(b"<text>Page 1</text>", b"<text></text>")
    doc = read_bytes(_rezip(data, {"OEBPS/toc.ncx": ncx}), "b.epub")
    assert [c.title for c in doc.chapters] == [None, None]


def test_an_epubs_marked_notes_are_footnotes_not_story_text() -> None:
    chapter = (
        '<h1>One</h1><p>Ila rowed out.<a href="#fn1" class="footnote-ref" '
        'epub:type="noteref" xmlns:epub="http://www.idpf.org/2007/ops">1</a> She came back.</p>'
        '<section class="footnotes" epub:type="footnotes" '
        'xmlns:epub="http://www.idpf.org/2007/ops"><hr/><ol>'
        '<li id="fn1" epub:type="footnote"><p>The boat was borrowed.'
        '<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>'
        "</ol></section>"
    )
    pages = [("a.xhtml", sb._xhtml(chapter)), ("b.xhtml", sb._xhtml("<h1>Two</h1><p>Dusk.</p>"))]
    work = build_work(clean(read_bytes(sb.epub(pages), "b.epub")))
    assert work.chapters[0].text == "Ila rowed out.[1] She came back."
    assert [(f.mark, f.text) for f in work.footnotes] == [("1", "The boat was borrowed.")]
