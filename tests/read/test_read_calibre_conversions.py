"""Pages and downloads converted by calibre (``ebook-convert``, default options) read as
the file they were made from: the same title, authors, tags and text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import storybuilders as sb
from calibre_convert import convert

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes


def _work(data: bytes, name: str) -> Work:
    return build_work(clean(read_bytes(data, name)))


def _stated(work: Work) -> list[tuple[str, str]]:
    return sorted((t.type, t.name) for t in work.tags if t.source == "stated")


def _long_ao3_html() -> bytes:
    """The AO3 download with its first chapter long enough for calibre to cut the page
    into several KF8 fragments (a few kilobytes each)."""
    page = sb.ao3_html().decode("utf-8")
    first = sb.CHAPTERS[0][1][0]
    more = "".join(f"<p>{first} ({n})</p>\n" for n in range(120))
    return page.replace(f"<p>{first}</p>", f"<p>{first}</p>\n{more}", 1).encode("utf-8")


def test_an_ao3_download_as_azw3_keeps_its_preface_tags_in_place(tmp_path: Path) -> None:
    # KF8 stores a page's skeleton apart from its text: read in storage order, AO3's
    # tag list came after the story and the title took the tags' place.
    data = convert(_long_ao3_html(), "lighthouse.html", "azw3", tmp_path)
    work = _work(data, "lighthouse.azw3")
    assert (work.title, work.authors) == (sb.TITLE, [sb.AUTHOR])
    assert _stated(work) == sb.TYPED_TAGS
    assert [c.title for c in work.chapters] == [name for name, _p in sb.CHAPTERS]
    assert work.chapters[0].text.startswith(sb.CHAPTERS[0][1][0][:40])


FIXTURES = Path(__file__).parent / "fixtures"


def _fields(work: Work) -> tuple[object, ...]:
    summary = " ".join((work.summary or "").split())
    return (work.title, work.authors, _stated(work), len(work.chapters), summary)


@pytest.mark.parametrize("fmt", ["epub", "azw3", "docx", "rtf", "txt", "fb2"])
@pytest.mark.parametrize("page", ["ao3_page_entire_work.html", "ao3_page_oneshot.html"])
def test_an_ao3_work_page_made_into_a_book_reads_as_the_page(
    page: str, fmt: str, tmp_path: Path
) -> None:
    # calibre cuts the page into parts at its headings and renames AO3's classes; the
    # parts are joined and read by AO3's ids and shapes, not as a book of site chrome
    # by "Organization for Transformative Works".
    source = (FIXTURES / page).read_bytes()
    original = _work(source, page)
    converted = _work(convert(source, page, fmt, tmp_path), f"work.{fmt}")
    assert _fields(converted) == _fields(original)
    assert abs(converted.words - original.words) <= 0.03 * original.words


def _site_story() -> bytes:
    """A story on a fan's own site: a link back to the index over the title and the
    byline, the story, a link back under it; nothing names the author in its head."""
    paras = "".join(f"<p>{p}</p>\n" for _name, ps in sb.CHAPTERS for p in ps)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'/><title>Gulls</title></head>"
        '<body>\n<p><a href="index.html">Main fanfic page</a></p>\n'
        "<h2>Gulls</h2>\n<p>by Wren Calloway</p>\n" + paras + '<p><a href="index.html">Back to '
        "the fic index</a></p>\n</body></html>\n"
    ).encode("utf-8")


@pytest.mark.parametrize("fmt", ["epub", "azw3", "docx", "rtf", "txt", "fb2"])
def test_a_story_page_made_into_a_book_keeps_the_byline_under_its_menu_link(
    fmt: str, tmp_path: Path
) -> None:
    # Read as the page it was made of, the link line over the title is the site's
    # menu, as the page's own reading drops it, and the byline under the title names
    # the author (read as a book's text, the link line hid the header).
    original = _work(_site_story(), "gulls.html")
    converted = _work(convert(_site_story(), "gulls.html", fmt, tmp_path), f"gulls.{fmt}")
    assert (original.title, original.authors) == ("Gulls", ["Wren Calloway"])
    assert (converted.title, converted.authors) == ("Gulls", ["Wren Calloway"])
    # The text's last line, the link back to the index, is kept: a story's own last
    # line may be as short.
    assert abs(converted.words - original.words) <= 0.03 * original.words


def test_an_ao3_download_as_mobi_reads_as_ao3s(tmp_path: Path) -> None:
    # calibre's MOBI keeps AO3's words, not its ids and classes: the pages' text is
    # read as an AO3 download's ("Posted originally on the Archive of Our Own").
    data = convert(sb.ao3_html(), "lighthouse.html", "mobi", tmp_path)
    work = _work(data, "lighthouse.mobi")
    assert (work.title, work.authors) == (sb.TITLE, [sb.AUTHOR])
    assert _stated(work) == sb.TYPED_TAGS
    assert work.summary == sb.SUMMARY


def test_an_ao3_download_as_fb2_keeps_its_chapters(tmp_path: Path) -> None:
    # calibre's FictionBook of a download keeps one section and writes AO3's chapter
    # headings as bold paragraphs: those are the chapters (here without the chapter
    # summaries and notes whose labels also mark them).
    page = re.sub(
        r"<p>Chapter (?:Summary|Notes)</p>\n<blockquote[^>]*>.*?</blockquote>\n",
        "",
        sb.ao3_html().decode("utf-8"),
    ).encode("utf-8")
    work = _work(convert(page, "lighthouse.html", "fb2", tmp_path), "lighthouse.fb2")
    assert (work.title, work.authors) == (sb.TITLE, [sb.AUTHOR])
    assert [c.title for c in work.chapters] == [name for name, _p in sb.CHAPTERS]
    assert work.chapters[1].text.startswith(sb.CHAPTERS[1][1][0][:40])


def test_an_ao3_epub_as_azw3_reads_as_the_epub(tmp_path: Path) -> None:
    # The Kindle book keeps AO3's preface id but not its classes: its pages' text is
    # read as AO3's (the preface was taken for a title page, its summary the work's
    # title and AO3's line, the chapters' summaries and notes story).
    original = _work(sb.ao3_epub(), "lighthouse.epub")
    data = convert(sb.ao3_epub(), "lighthouse.epub", "azw3", tmp_path)
    converted = _work(data, "lighthouse.azw3")
    assert _fields(converted) == _fields(original)
    assert [c.title for c in converted.chapters] == [c.title for c in original.chapters]
    assert [c.summary for c in converted.chapters] == [c.summary for c in original.chapters]
    assert converted.words == original.words


@pytest.mark.parametrize("fmt", ["epub", "azw3"])
def test_a_word_processors_account_name_is_no_author(fmt: str, tmp_path: Path) -> None:
    # calibre copies the Word file's "creator" (the library or account that saved it)
    # into the book's metadata, which wins over the text: a placeholder names no one
    # and the draft's own byline does.
    data = convert(sb.docx_bytes(), "draft.docx", fmt, tmp_path)
    work = _work(data, f"draft.{fmt}")
    assert work.authors == [sb.AUTHOR]


def test_an_ao3_download_as_rtf_keeps_its_byline_summary_and_chapters(tmp_path: Path) -> None:
    # calibre's RTF runs the byline into the "Summary" label (a tab between) and the
    # jump line into the first chapter's heading.
    original = _work(sb.ao3_html(), "lighthouse.html")
    converted = _work(convert(sb.ao3_html(), "lighthouse.html", "rtf", tmp_path), "l.rtf")
    assert _fields(converted) == _fields(original)
    assert converted.words == original.words


def test_a_book_as_fb2_keeps_its_chapter_titles(tmp_path: Path) -> None:
    # calibre's FictionBook gives each chapter a section with no <title>, its heading
    # the section's bold first line: the chapter's title, not its first paragraph.
    data = convert(sb.generic_epub(), "lighthouse.epub", "fb2", tmp_path)
    work = _work(data, "lighthouse.fb2")
    assert [c.title for c in work.chapters] == [name for name, _p in sb.CHAPTERS]
    assert work.chapters[0].text.startswith(sb.CHAPTERS[0][1][0][:40])
