"""Quotev story pages: title, authors and description from the result box, dates from
the ts stamps (q_time spans, <time>), "completed", the search and tag-box tags (a known
fandom as the fandom), the chapter this page holds, and no buttons, counts or chapter
list in the text."""

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


# quotev_story_page.html follows the newer page as FanFicFare's adapter and other public
# scrapers select it: the title in #quizHeaderTitle, tags in div.quizBoxTags, <time ts>
# stamps wrapped one element below the "· Completed ·" line, a select[name=rid] chapter
# menu and the page's #quizSubtitle, a description parted with <br>.


def test_newer_page_dates_status_tags_and_chapter() -> None:
    w = work_of("quotev_story_page.html")
    assert (w.title, w.authors) == ("The Ford Keeper", ["Wren Calloway"])
    assert (w.published, w.updated, w.status) == ("2014-03-02", "2014-03-09", "complete")
    fandoms = tags(w, "fandom")
    assert len(fandoms) == 1 and fandoms[0].startswith("Sherlock")
    assert tags(w, "freeform") == ["rivers"]
    assert [c.title for c in w.chapters] == ["Low Water"]


def test_a_description_parted_with_br_keeps_its_lines_apart() -> None:
    w = work_of("quotev_story_page.html")
    assert w.summary is not None and "run.Written" not in w.summary
    assert (
        w.summary.split()
        == "Ila keeps the ford when the ferry cannot run. Written for a prompt.".split()
    )


def test_newer_page_text_is_the_chapter_only() -> None:
    w = work_of("quotev_story_page.html")
    assert first_words(w, 5) == "the water had gone down"
    for chrome in ("Favorite", "Next page", "410 reads", "High Water", "Fanfiction"):
        assert chrome not in w.text
    assert verdict("quotev_story_page.html") is None


def test_newer_page_without_completed_is_a_work_in_progress() -> None:
    page = page_bytes("quotev_story_page.html").decode().replace(" · Completed", "")
    assert build_work(clean(read_bytes(page.encode(), "q.html"))).status == "wip"
