"""Royal Road chapter pages saved from a browser: the fiction's card gives title, author
and chapter title, the notes boxes are the chapter's notes, hidden lines are left out;
the fiction's own page is an index, and another site's ``chapter-content`` page is not
taken."""

from __future__ import annotations

from pages import doc_of, first_words, last_words, page_bytes, verdict, work_of

from fandex.read import choose_reader, read_bytes


def test_royalroad_reader_takes_the_chapter_page() -> None:
    name = "royalroad_chapter.html"
    assert choose_reader(page_bytes(name), name).name == "royalroad"


def test_card_gives_title_author_and_chapter_title() -> None:
    w = work_of("royalroad_chapter.html")
    assert w.title == "Ledger of the Lighthouse"
    assert w.authors == ["Hollis Marrow"]
    assert [c.title for c in w.chapters] == ["Chapter 3 - The Tide Tables"]
    assert (
        doc_of("royalroad_chapter.html")
        .metadata["url"]
        .startswith("https://www.royalroad.com/fiction/40001/")
    )


def test_text_is_the_chapter_without_chrome_or_hidden_lines() -> None:
    w = work_of("royalroad_chapter.html")
    assert first_words(w) == "the keeper opened the ledger at the page"
    assert last_words(w) == "margin and closed the book for the night"
    for chrome in ("taken without leave", "Advertisement", "Bio:", "Great chapter", "Log In"):
        assert chrome not in w.text


def test_note_boxes_are_the_chapters_notes() -> None:
    chapter = work_of("royalroad_chapter.html").chapters[0]
    assert chapter.notes_begin == "Schedule note: chapters go up on Tuesdays."
    assert chapter.notes_end == "Thanks to the two readers who checked the numbers."


def test_hidden_line_is_counted_in_a_notice() -> None:
    doc = read_bytes(page_bytes("royalroad_chapter.html"), "p.html")
    assert any("hides" in n for n in doc.notices)


def test_without_the_hiding_style_the_line_is_text() -> None:
    page = page_bytes("royalroad_chapter.html").replace(b"display: none;", b"color: gray;")
    doc = read_bytes(page, "p.html")
    assert "taken without leave" in doc.text


def test_fiction_page_is_an_index_not_a_story() -> None:
    name = "royalroad_fiction_page.html"
    assert choose_reader(page_bytes(name), name).name == "royalroad"
    assert verdict(name) == "no story text, looks like a story index page"


def test_another_sites_chapter_content_page_is_read_as_any_page() -> None:
    """It names Royal Road and has a ``chapter-content`` box, but is not Royal Road's."""
    name = "novel_site_chapter.html"
    doc = read_bytes(page_bytes(name), name)
    assert doc.metadata.get("producer") != "royalroad"
    w = work_of(name)
    assert "counted the drawer twice" in w.text
