"""A chapter headed by a zero-padded number and a title ("001: Woodland"), the way a
web serial numbers its chapters and a downloader writes them as the page's heading:
the chapter's title, not the work's."""

from __future__ import annotations

from fandex.clean import clean
from fandex.parse import build_work
from fandex.parse.lines import chapter_heading
from fandex.read import read_bytes

PARA = (
    "The ferry came in late, its one lantern swinging like a slow bell over the black "
    "water of the harbour, and Ila counted the lanterns on the pier again."
)


def test_a_downloaders_numbered_heading_titles_the_chapter() -> None:
    page = f'<h1 class="chapter">001: Low Water</h1><div class="chapter-content"><p>{PARA}</p>'
    w = build_work(clean(read_bytes((page + f"<p>{PARA}</p></div>").encode(), "serial.html")))
    assert [c.title for c in w.chapters] == ["001: Low Water"]
    assert w.title != "001: Low Water"


def test_a_year_or_a_number_in_a_title_is_no_chapter_heading() -> None:
    assert chapter_heading("2001: A Space Odyssey") is None
    assert chapter_heading("1984") is None
    assert chapter_heading("007: the agent left at dawn and never came back.") is None


def test_a_numbered_heading_over_the_chapters_own_heading_is_no_title() -> None:
    """A downloader heads the chapter "1. Low Water" over the chapter's own centred
    "Chapter 001 / Low Water": both name the chapter, neither the work."""
    page = (
        "<h1>1. Low Water</h1><div><p><b>Chapter 001<br/></b><b>Low Water</b></p>"
        f"<p>{PARA}</p><p>{PARA}</p></div>"
    )
    w = build_work(clean(read_bytes(page.encode(), "serial.html")))
    assert w.title != "1. Low Water"
    assert [c.title for c in w.chapters] == ["Chapter 001: Low Water"]
    assert w.text.startswith("The ferry came in late")


def test_a_numbered_title_over_other_text_is_still_the_title() -> None:
    page = f"<h1>1. Low Water</h1><p>by Wren</p><p>{PARA}</p>"
    w = build_work(clean(read_bytes(page.encode(), "story.html")))
    assert w.title == "1. Low Water"
