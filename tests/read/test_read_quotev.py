"""Quotev story pages: title, authors and description from the result box, dates from
the q_time stamps, "completed", the search tags (a known fandom as the fandom), the
chapter this page holds, and no buttons, counts or chapter list in the text."""

from __future__ import annotations

from pages import first_words, last_words, page_bytes, tags, verdict, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import read_bytes


def test_title_authors_summary_and_chapter() -> None:
    w = work_of("quotev_chapter.html")
    assert (w.title, w.authors) == ("The Ford Keeper", ["Wren Calloway"])
    assert w.summary == "Ila keeps the ford when the ferry cannot run."
    assert [c.title for c in w.chapters] == ["High Water"]  # the canonical link's entry


def test_dates_status_and_tags() -> None:
    w = work_of("quotev_chapter.html")
    assert (w.published, w.updated, w.status) == ("2014-03-02", "2014-03-09", "complete")
    fandoms = tags(w, "fandom")
    assert len(fandoms) == 1 and fandoms[0].startswith("Sherlock")
    assert tags(w, "freeform") == ["rivers"]


def test_text_is_the_chapter_only_and_the_page_is_a_story() -> None:
    w = work_of("quotev_chapter.html")
    assert first_words(w, 4) == "the ferry did not"
    assert last_words(w, 3) == "ferryman was back"
    for chrome in ("Favorite", "Comments", "Low Water", "410 reads", "Sign up"):
        assert chrome not in w.text
    assert verdict("quotev_chapter.html") is None


def test_an_unfinished_story_is_a_work_in_progress() -> None:
    page = page_bytes("quotev_chapter.html").decode().replace(" · completed", "")
    assert build_work(clean(read_bytes(page.encode(), "q.html"))).status == "wip"
