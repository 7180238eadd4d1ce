"""AsianFanfics pages: story and chapter titles from their h1s, the main-meta footer's
labelled facts (authors, tags, characters, dates, completed), the description, and the
chapter's text without votes, menus or the site's footer; the 2026 redesign's story
header, table of contents and reading pane."""

from __future__ import annotations

from pages import doc_of, first_words, last_words, page_bytes, tags, verdict, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import read_bytes


def test_titles_author_summary_and_dates() -> None:
    w = work_of("aff_chapter.html")
    assert (w.title, w.authors) == ("The Ford Keeper", ["Wren Calloway"])
    assert [c.title for c in w.chapters] == ["High Water"]
    assert w.summary == "Ila keeps the ford when the ferry cannot run."
    assert (w.published, w.updated, w.status) == ("2014-03-02", "2014-03-09", "complete")


def test_tags_characters_and_a_known_fandom_tag() -> None:
    w = work_of("aff_chapter.html")
    assert sorted(tags(w, "freeform")) == ["friendship", "rivers"]
    assert sorted(tags(w, "character")) == ["Ila", "Tom"]
    fandoms = tags(w, "fandom")
    assert len(fandoms) == 1 and fandoms[0].startswith("Sherlock")


def test_text_is_the_chapter_only() -> None:
    w = work_of("aff_chapter.html")
    assert first_words(w, 4) == "the ferry did not"
    assert last_words(w, 3) == "ferryman was back"
    for chrome in ("Upvotes", "Next chapter", "Foreword", "Total Word Count"):
        assert chrome not in w.text
    assert verdict("aff_chapter.html") is None


def test_a_story_not_completed_is_a_work_in_progress() -> None:
    page = page_bytes("aff_chapter.html").decode()
    page = page.replace('<div><span class="text--info">Completed</span></div>', "")
    assert build_work(clean(read_bytes(page.encode(), "c.html"))).status == "wip"


def test_the_sites_own_month_stamps_are_whole_days() -> None:
    # FanFicFare reads the stamps as "%Y-%b-%d": "2014-Mar-02", not an ISO day.
    page = page_bytes("aff_chapter.html").decode()
    page = page.replace('datetime="2014-03-02T10:00:00+00:00"', 'datetime="2014-Mar-02"')
    page = page.replace('datetime="2014-03-09T10:00:00+00:00"', 'datetime="2014-Mar-09"')
    w = build_work(clean(read_bytes(page.encode(), "c.html")))
    assert (w.published, w.updated) == ("2014-03-02", "2014-03-09")


# aff_redesign_chapter.html follows the 2026 redesign as public scrapers select it: the
# story <header> holding the h1 (two other headers before it), /profile/u/ author links,
# a "Completed" span and <time> stamps, a[data-toc-chapter] rows twice (sidebar and
# mobile sheet) with an aria-hidden number badge, the text loaded into div#bodyText.


def test_redesign_header_gives_title_author_status_and_dates() -> None:
    w = work_of("aff_redesign_chapter.html")
    assert (w.title, w.authors) == ("The Ford Keeper", ["Wren Calloway"])
    assert (w.published, w.updated, w.status) == ("2014-03-02", "2014-03-09", "complete")
    assert [c.title for c in w.chapters] == ["Low Water"]  # the row linking this page
    assert doc_of("aff_redesign_chapter.html").metadata["producer"] == "asianfanfics"


def test_redesign_text_is_the_reading_pane_only() -> None:
    w = work_of("aff_redesign_chapter.html")
    assert first_words(w, 5) == "the water had gone down"
    assert last_words(w, 3) == "the old one"
    for chrome in ("English", "Log in", "Total word count", "Upvote", "High Water", "Terms"):
        assert chrome not in w.text
    assert verdict("aff_redesign_chapter.html") is None


def test_a_reading_pane_on_another_site_is_not_read_as_asianfanfics() -> None:
    page = page_bytes("aff_redesign_chapter.html").decode()
    page = page.replace(
        "https://www.asianfanfics.com/story/view/100/2/low-water", "https://example.org/x"
    )
    page = page.replace("Asianfanfics", "Example")
    doc = clean(read_bytes(page.encode(), "c.html"))
    assert doc.metadata.get("producer") != "asianfanfics"
