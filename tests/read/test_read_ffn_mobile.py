"""FanFiction.net chapter pages saved from the mobile site (m.fanfiction.net): title,
author, fandom and the metadata line read as on the desktop pages; a page of another
site with a ``storycontent`` box is read as any page."""

from __future__ import annotations

import re

import pytest
from pages import doc_of, first_words, last_words, page_bytes, tags, work_of

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes
from fandex.vocab import names


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Invented fandoms: names stay as stated (the packs are another module's data)."""
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


def test_mobile_reader_takes_the_mobile_chapter_page() -> None:
    name = "ffn_mobile_chapter.html"
    assert choose_reader(page_bytes(name), name).name == "ffn-mobile"


def test_title_author_fandom_and_chapter() -> None:
    w = work_of("ffn_mobile_chapter.html")
    assert (w.title, w.authors) == ("Lanterns at Low Tide", ["Wren Calloway"])
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert [c.title for c in w.chapters] == ["Chapter 2: The Ferry"]
    assert (
        doc_of("ffn_mobile_chapter.html")
        .metadata["url"]
        .startswith("https://www.fanfiction.net/s/1234567/2/")
    )


def test_comma_metadata_line_gives_rating_language_genres_characters() -> None:
    w = work_of("ffn_mobile_chapter.html")
    assert tags(w, "rating") == ["General Audiences"]  # K+
    assert w.language == "en"
    assert tags(w, "freeform") == ["Romance", "Hurt/Comfort"]
    assert [c.rstrip(".") for c in tags(w, "character")] == ["Ila M", "Corran B"]
    assert w.published == "2012-09-08"


def test_text_is_the_chapter_without_the_menus() -> None:
    w = work_of("ffn_mobile_chapter.html")
    assert first_words(w) == "the ferry came in late its one lantern"
    assert last_words(w) == "empty and the missing lantern was still missing"
    for chrome in ("Prev", "Desktop Mode", "Review", "Terms", "Rated:"):
        assert chrome not in w.text


def test_desktop_style_line_is_read_too() -> None:
    page = re.sub(
        rb"Rated: K\+, English, [^<]+",
        b"Rated: Fiction T - English - Drama - Ila M. - Words: 2,100 - Status: Complete",
        page_bytes("ffn_mobile_chapter.html"),
    )
    doc = read_bytes(page, "m.html")
    assert doc.metadata["fields"]["Rating"] == "T"
    assert doc.metadata["status"] == "complete"


def test_page_without_the_metadata_line_keeps_title_and_author() -> None:
    page = re.sub(
        rb"<div align=center class=gray>.*?</div>", b"", page_bytes("ffn_mobile_chapter.html")
    )
    w = work_of_bytes(page)
    assert (w.title, w.authors) == ("Lanterns at Low Tide", ["Wren Calloway"])
    assert tags(w, "rating") == []


def test_another_sites_storycontent_page_is_any_page() -> None:
    """A news page about FanFiction with a ``storycontent`` box and no profile link."""
    doc = read_bytes(page_bytes("storycontent_news.html"), "news.html")
    assert doc.metadata.get("producer") != "ffnet"
    assert "local copies" in doc.text


def work_of_bytes(page: bytes) -> Work:
    return build_work(clean(read_bytes(page, "m.html")))


# The current mobile line, as public collectors of the site parse it: "..., Published:
# <span data-xutime>May 31, 2011</span> Updated: <span data-xutime>Mar 14, 2017</span>":
# dates holding commas, no comma between them, published first; a bare "Complete".
_OLD_LINE = (
    "Rated: K+, English, Romance &amp; Hurt/Comfort, Ila M. &amp; Corran B., Words: 2k+, "
    "Favs: 12, Follows: 20, Updated: 5/15, Published: 9/8/2012"
)
_CURRENT_LINE = (
    "Rated: T, English, Romance &amp; Hurt/Comfort,  [Ila M., Corran B.] Tom D., Words: 2k+, "
    'Favs: 12, Follows: 20, Published: <span data-xutime="1306877211">May 31, 2011</span> '
    'Updated: <span data-xutime="1489509331">Mar 14, 2017</span>, Complete'
)


def _current_line_work() -> Work:
    page = page_bytes("ffn_mobile_chapter.html").decode()
    assert _OLD_LINE in page
    return build_work(clean(read_bytes(page.replace(_OLD_LINE, _CURRENT_LINE).encode(), "m.html")))


def test_current_line_dates_with_commas_are_read_from_their_stamps() -> None:
    w = _current_line_work()
    assert (w.published, w.updated) == ("2011-05-31", "2017-03-14")


def test_current_line_complete_is_the_status_not_a_character() -> None:
    w = _current_line_work()
    assert w.status == "complete"
    assert sorted(tags(w, "character")) == ["Corran B.", "Ila M.", "Tom D."]
    assert tags(w, "relationship") == ["Corran B./Ila M."]
