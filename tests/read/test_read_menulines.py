"""A site's menu lines over a story's title, kept by a converter's text: dropped when
the story's own header follows the title, kept when they are a title page."""

from __future__ import annotations

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

STORY = "Ila counted the gulls on the harbour wall, as she did every morning before the boats."


def _work(text: str) -> Work:
    return build_work(clean(read_bytes(text.encode(), "page.txt")))


def test_a_menu_link_over_the_title_and_byline_is_dropped() -> None:
    w = _work(f"Main fanfic page\n\nGulls\n\nby Wren Calloway for the harbour meme.\n\n{STORY}")
    assert (w.title, w.authors) == ("Gulls", ["Wren Calloway"])
    assert w.text == STORY


def test_a_site_menu_over_a_labelled_header_is_dropped() -> None:
    menu = "Home\n\nQuicksearch\n\nSearch Engine\n\nRandom Story\n\nUpload Story"
    w = _work(f"{menu}\n\nGulls\n\nFandom: Harbour Tales\nby Wren Calloway\n\n{STORY}")
    assert (w.title, w.authors) == ("Gulls", ["Wren Calloway"])
    assert ("fandom", "Harbour Tales") in {(t.type, t.name) for t in w.tags}


def test_menu_and_title_in_one_block_and_the_header_run_into_the_story() -> None:
    # calibre's RTF: the menu and the title one paragraph, the header's lines and the
    # story's text the next.
    menu = "Home\nQuicksearch\nSearch Engine\nRandom Story\nUpload Story\nGulls"
    w = _work(f"{menu}\n\nFandom: Harbour Tales\nby Wren Calloway\n{STORY}")
    assert (w.title, w.authors) == ("Gulls", ["Wren Calloway"])
    assert w.text == STORY


def test_a_title_page_over_a_labelled_header_is_no_menu() -> None:
    # One or two short lines over a title and labels: a title page (title, author, a
    # fandom's name), not a site's menu.
    w = _work(f"Harbour Tales\n\nGulls\n\nRating: General Audiences\n\n{STORY}")
    assert w.title in ("Harbour Tales", "Gulls")
    w = _work(f"Gulls\n\nWren Calloway\n\nRating: General Audiences\n\n{STORY}")
    assert w.title == "Gulls"


def test_a_bar_of_links_over_a_labelled_header_is_a_menu() -> None:
    # An archive page's "Back to Stories | Home" bar, kept by calibre's text.
    text = f"Back to Stories | Home\n\nGulls\n\nTitle: Gulls\nAuthor: Wren Calloway\n\n{STORY}"
    w = _work(text)
    assert (w.title, w.authors) == ("Gulls", ["Wren Calloway"])


MENU_LINE = "Chapter 1: Gulls Chapter 2: Nets Chapter 3: Tide"


def test_a_chapter_menu_under_site_links_is_dropped_with_them_and_the_footer() -> None:
    text = (
        f"Home\n\nArchive\n\n{MENU_LINE} Next »\n\nChapter 1: Gulls\n\n{STORY}\n\n"
        f"{MENU_LINE}\n\nNext »\n\nPowered by the harbour archive\n\nPrivacy"
    )
    assert _work(text).text == STORY


def test_a_contents_line_under_the_storys_own_title_and_byline_keeps_them() -> None:
    # Over the menu stand the work's title and byline, not a site's links: no menu.
    w = _work(f"Gulls\n\nby Wren Calloway\n\n{MENU_LINE}\n\n{STORY}")
    assert (w.title, w.authors) == ("Gulls", ["Wren Calloway"])
