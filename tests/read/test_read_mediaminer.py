"""MediaMiner chapter and story pages: the post's title, rating and facts line are read
as stated, the chapter's text without ads, share buttons, chapter links or reviews."""

from __future__ import annotations

import pytest
from pages import first_words, last_words, tags, verdict, work_of

from fandex.read.htmltext import parse_html
from fandex.read.mediaminer import read_mediaminer
from fandex.vocab import names


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


def test_post_title_rating_and_facts_are_read() -> None:
    w = work_of("mediaminer_chapter.html")
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert w.summary == "A count kept in notches, and what it counts."
    assert (w.published, w.status) == ("2009-05-20", "complete")


def test_chapter_text_and_title_without_the_pages_chrome() -> None:
    w = work_of("mediaminer_chapter.html")
    assert [c.title for c in w.chapters] == ["Long Ones"]
    assert first_words(w) == "ila asked him once what the long notches"
    assert last_words(w, 7) == "there were more long ones than short"
    for chrome in ("Advertisement", "Share", "Previous", "Loved the notches", "Uploaded"):
        assert chrome not in w.text


def test_story_page_listing_chapters_is_an_index() -> None:
    assert verdict("mediaminer_story_page.html") is not None


def test_a_blog_post_with_the_same_box_names_is_not_mediaminer() -> None:
    page = (
        "<html><body><h1 id='post-title'>Notes ❯ Tides</h1><div class='post-meta'>"
        "<a href='/author/wren'>wren</a> | Summary: none</div><p>Text.</p></body></html>"
    )
    assert read_mediaminer(parse_html(page)) is None


def test_2015_layout_src_php_links_and_h3_rating_are_read() -> None:
    # The layout FanFicFare's adapter read in 2015: the title alone in h1#post-title,
    # h3#post-rating, /fanfic/src.php/u/ and /fanfic/src.php/a/ links.
    w = work_of("mediaminer_2015_chapter.html")
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "rating") == ["General Audiences"]
    assert [c.title for c in w.chapters] == ["Long Ones"]
    assert first_words(w) == "ila asked him once what the long notches"
    assert "Uploaded On" not in w.text and "Pre-Teen" not in w.text


def test_first_layout_table_page_is_read() -> None:
    # The first layout (FanFicFare's 2011 adapter): a td.ffh "Title: Chapter" cell with
    # a font.smtxt rating, a tr[bgcolor=#EEEED4] facts row, a select of chapters and
    # the text in div[align=left] paragraphs after <a name="fic_c">.
    w = work_of("mediaminer_2008_chapter.html")
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "rating") == ["General Audiences"]
    assert w.summary == "A count kept in notches, and what it counts."
    assert (w.published, w.updated, w.status) == ("2009-05-02", "2009-05-20", "complete")
    assert [c.title for c in w.chapters] == ["Long Ones"]
    assert first_words(w) == "ila asked him once what the long notches"
    assert last_words(w, 7) == "there were more long ones than short"
    for chrome in ("Review this story", "Prev", "Latest Revision", "MediaMiner"):
        assert chrome not in w.text


def test_first_layout_loose_text_one_shot_is_read() -> None:
    # The oldest pages: the title cell spans two columns (title alone) and the text is
    # loose lines with <br> after the anchor, up to the chapter links and footer.
    w = work_of("mediaminer_2003_oneshot.html")
    assert (w.title, w.authors) == ("Night Ferry", ["saltmarsh"])
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert w.published == "2003-03-03"
    assert w.status is None
    assert first_words(w, 5) == "the ferry left at nine"
    assert last_words(w, 3) == "town were gone"
    assert "Review" not in w.text and "Uploaded" not in w.text
