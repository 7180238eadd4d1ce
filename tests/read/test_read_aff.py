"""AsianFanfics pages: story and chapter titles from their h1s, the main-meta footer's
labelled facts (authors, tags, characters, dates, completed), the description, and the
chapter's text without votes, menus or the site's footer."""

from __future__ import annotations

from pages import first_words, last_words, page_bytes, tags, verdict, work_of

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
