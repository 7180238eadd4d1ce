"""FicWad chapter and story pages: the story card's facts line is read as stated
fields, the chapter menu's choice is the chapter, the site's chrome and reviews stay out."""

from __future__ import annotations

import pytest
from pages import first_words, last_words, page_bytes, tags, verdict, work_of

from fandex.read import read_bytes
from fandex.read.ficwad import read_ficwad
from fandex.read.htmltext import parse_html
from fandex.vocab import names


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


def test_story_card_is_read() -> None:
    w = work_of("ficwad_chapter.html")
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert w.summary == "A count kept in notches, and what it counts."
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "rating") == ["General Audiences"]
    assert tags(w, "character") == ["Corran", "Ila"]
    assert (w.published, w.updated, w.status) == ("2009-05-01", "2009-05-20", "complete")


def test_warning_links_are_read_by_their_titles_spoiler_levels_are_not_warnings() -> None:
    doc = read_bytes(page_bytes("ficwad_chapter.html"), "ficwad_chapter.html")
    assert ("Warnings", "Violence") in doc.metadata["stated_fields"]
    assert tags(work_of("ficwad_chapter.html"), "warning") != []


def test_chapter_text_and_title_without_chrome_or_reviews() -> None:
    w = work_of("ficwad_chapter.html")
    assert [c.title for c in w.chapters] == ["Long Ones"]
    assert first_words(w) == "ila asked him once what the long notches"
    assert last_words(w, 7) == "there were more long ones than short"
    for chrome in ("Category:", "Prev", "Story Index", "made me sad", "Terms", "FicWad"):
        assert chrome not in w.text


def test_story_page_with_only_a_chapter_list_is_an_index() -> None:
    assert verdict("ficwad_story_page.html") is not None
    assert work_of("ficwad_story_page.html").status == "wip"


def test_a_page_that_only_names_ficwad_is_not_read_as_one() -> None:
    page = "<html><body><div id='story'><p>I also post on FicWad.</p></div></body></html>"
    assert read_ficwad(parse_html(page)) is None


# The layout real FicWad pages have (FanFicFare's adapter_ficwadcom.py, WebToEpub's
# FicwadParser.js and its test pages): a chapter of several is an entry of its own, the
# card under the chapter menu is the chapter's, the story is the crumb trail's last link.


def test_chapter_page_takes_the_story_title_from_the_crumbs_not_the_chapter_card() -> None:
    w = work_of("ficwad_chapter_menu.html")
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert [c.title for c in w.chapters] == ["Long Ones"]
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert first_words(w) == "ila asked him once what the long notches"
    for chrome in ("Story Index", "Sign up", "1 review", "Unrated", "Category:"):
        assert chrome not in w.text


def test_warnings_label_inside_the_warning_box_is_not_a_fact_of_its_own() -> None:
    w = work_of("ficwad_chapter_menu.html")
    assert w.header["Warnings"] == "Violence"
    assert tags(w, "warning") == ["Graphic Depictions Of Violence"]


def test_chapter_page_without_a_card_still_names_story_and_fandom() -> None:
    page = page_bytes("ficwad_chapter_menu.html").decode()
    start, end = page.index('<div class="storylist">'), page.index('<div id="storytext"')
    doc = read_ficwad(parse_html(page[:start] + page[end:]))
    assert doc is not None
    assert doc.metadata["title"] == "The Tally Stick"
    assert doc.metadata["chapter_title"] == "Long Ones"
    assert ("Fandom", "Harbour Tales") in doc.metadata["stated_fields"]


def test_real_story_index_layout_is_an_index_with_its_card_read() -> None:
    assert verdict("ficwad_story_index.html") is not None
    w = work_of("ficwad_story_index.html")
    assert (w.title, w.authors, w.status) == ("The Tally Stick", ["harbourlights"], "complete")
    assert (w.published, w.updated) == ("2009-05-01", "2009-05-20")
