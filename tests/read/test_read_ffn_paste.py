"""A FanFiction.net chapter page without its markup (copied into a text or Word file,
or converted by calibre): read as the site's page, its menus left out."""

from __future__ import annotations

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

MENUS = ["FanFiction | unleash your imagination", "Browse", "Anime", "Books", "Just In"]
STORY = [
    "The ferry left at six, and Ila was on it with her bag of charts and her brother's coat.",
    "By the time the lighthouse came into view the wind had dropped, and she could hear "
    "the gulls arguing over the nets on the quay.",
]
META = (
    "Rated: Fiction T - English - Adventure/Family - [Ila, Bren] - Chapters: 3 - "
    "Words: 4,210 - Reviews: 12 - Favs: 30 - Follows: 41 - Updated: 5/15 - "
    "Published: 9/8/2012 - id: 1234567"
)
MENU = "1. The Ferry2. The Light3. The Storm Next >"
FOOTER = ["Favorite : Story Author Follow : Story Author", "Help . Privacy . Terms of Service"]


def _page(profile: list[str]) -> bytes:
    lines = [*MENUS, "BooksHarbour Tales", *profile, META, "+ - Full 3/4 1/2 Expand Tighten"]
    lines += [MENU, *STORY, MENU, *FOOTER]
    return "\n\n".join(lines).encode()


def _work(data: bytes, name: str = "page.txt") -> Work:
    return build_work(clean(read_bytes(data, name)))


def test_the_page_as_a_word_processor_keeps_its_title_author_summary_and_facts() -> None:
    page = _page(["Follow/FavLanterns at Low Tide", "By:", "Wren Calloway", "Ila sails home."])
    work = _work(page)
    assert (work.title, work.authors, work.summary) == (
        "Lanterns at Low Tide",
        ["Wren Calloway"],
        "Ila sails home.",
    )
    stated = {(t.type, t.name) for t in work.tags if t.source == "stated"}
    assert ("rating", "Teen And Up Audiences") in stated
    assert ("fandom", "Harbour Tales") in stated
    assert work.language == "en" and work.published == "2012-09-08"
    text = "\n\n".join(c.text for c in work.chapters)
    assert text == "\n\n".join(STORY)


def test_author_and_summary_run_together_name_no_author_but_keep_the_rest() -> None:
    # calibre's text puts "By:", the author and the summary on one line: which words are
    # the name cannot be told, so none is made up.
    page = _page(["Follow/FavLanterns at Low Tide", "By: Wren Calloway Ila sails home."])
    work = _work(page)
    assert work.title == "Lanterns at Low Tide" and work.authors == []
    assert "\n\n".join(c.text for c in work.chapters) == "\n\n".join(STORY)


def test_a_fics_own_header_with_a_rating_and_words_line_is_not_the_sites() -> None:
    text = (
        "Title: Lanterns at Low Tide\nAuthor: Wren Calloway\n"
        "Rated: M - Words: 2,000 - Complete\n\n" + "\n\n".join(STORY)
    )
    work = _work(text.encode())
    assert work.title == "Lanterns at Low Tide" and work.authors == ["Wren Calloway"]
