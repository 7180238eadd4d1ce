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


def test_an_ao3_download_as_text_keeps_untitled_chapters_apart_from_set_apart_lines(
    tmp_path: Path,
) -> None:
    # A download whose chapter headings are the bare titles (no "Chapter 1:"), with a
    # chat's messages set apart by empty paragraphs in the text: calibre's text sets
    # the messages apart by wide gaps as it does the headings. The titles over AO3's
    # "Chapter Summary" labels are the chapters, as the stated count says.
    page = sb.ao3_html().decode("utf-8")
    for i, (name, _paras) in enumerate(sb.CHAPTERS, 1):
        page = page.replace(f"Chapter {i}: {name}</h2>", f"{name}</h2>")
    chat = "".join(
        f"<p>\u00a0</p><p><strong>Tom:</strong> {line}</p><p>\u00a0</p>"
        for line in ("Are you awake", "The boat is in", "See you at nine")
    )
    first = sb.CHAPTERS[0][1][0]
    page = page.replace(f"<p>{first}</p>", f"<p>{first}</p>{chat}", 1)
    work = _work(convert(page.encode("utf-8"), "lighthouse.html", "txt", tmp_path), "l.txt")
    assert [c.title for c in work.chapters] == [name for name, _p in sb.CHAPTERS]
    assert "Tom: The boat is in" in work.chapters[0].text


_TIDE_NAMES = ["The Ferry", "The Light", "The Storm", "The Lantern Room", "Low Tide"]
_TIDE_TEXT = [
    "The ferry left at six, and Ila was on it with her bag of charts and her brother's coat.",
    "By the time the lighthouse came into view the wind had dropped, and she could hear "
    "the gulls arguing over the nets on the quay.",
    "Her brother met her at the slipway with a lantern, though the light had not yet gone.",
    "She counted the lanterns on the shelf twice before she said anything. There were "
    "eleven. There had always been twelve.",
]
_REVIEW_LINE = "Read reviews or write your own review of this chapter"


def _chapter_page() -> bytes:
    """A story site's chapter page: the site's menu, a chapter menu (a select of every
    chapter, "Next »" beside it) over the text and under it, and a footer."""
    options = '<option value="home">Home</option>' + "".join(
        f'<option value="{i}">Chapter {i}: {name}</option>' for i, name in enumerate(_TIDE_NAMES, 1)
    )
    nav = (
        f'<form action="go.php"><select name="chapter">{options}</select></form>'
        '<div class="nav-next"><a href="2.html">Next &raquo;</a></div>'
    )
    menu = "".join(
        f'<li><a href="/{k}/">{k}</a></li>' for k in ("Contents", "Notes", "Fan Art", "Notify")
    )
    body = (
        f'<ul id="menu">{menu}</ul><div id="nav-top">{nav}</div>'
        '<div id="chapter-title">Chapter 1: The Ferry</div><div id="storycontent">'
        "<p>Disclaimer: the harbour and its people are my own.</p><hr/>"
        + "".join(f"<p>{p}</p>" for p in _TIDE_TEXT)
        + f'</div><div id="nav-bottom"><p><a href="/reviews/">{_REVIEW_LINE}</a></p>{nav}'
        '</div><div id="footer"><p>This site is run by the Harbour Society.</p></div>'
    )
    return (
        "<html><head><title>Tidewater Tales, Chapter 1: The Ferry</title></head>"
        f"<body>{body}</body></html>"
    ).encode()


@pytest.mark.parametrize("fmt", ["txt", "docx", "rtf", "fb2"])
def test_a_chapter_page_made_into_a_book_drops_its_chapter_menu(fmt: str, tmp_path: Path) -> None:
    # calibre writes the chapter menu as one line ("HomeChapter 1: The FerryChapter 2:
    # ..."), over the text and under it: the site's menu over the first copy and the
    # footer under the last are no story, and the book's title (the page's <title>)
    # names the chapter after the story's title.
    original = _work(_chapter_page(), "tide.html")
    converted = _work(convert(_chapter_page(), "tide.html", fmt, tmp_path), f"tide.{fmt}")
    text = "\n\n".join(c.text for c in converted.chapters)
    assert "Lantern Room" not in text and "Harbour Society" not in text
    assert text.startswith(_TIDE_TEXT[0]) and original.title == "Tidewater Tales"
    assert converted.header.get("Disclaimer") == original.header.get("Disclaimer")
    if fmt != "txt":  # calibre's text keeps no title
        assert converted.title == original.title
    # The link line over the menu at the foot is kept: in a converted file it cannot be
    # told from the text's own last line.
    assert converted.words == original.words + len(_REVIEW_LINE.split())
