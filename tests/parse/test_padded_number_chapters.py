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
