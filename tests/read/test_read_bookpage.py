"""A book's own page on a story site (its description and table of contents, no
chapter text) is the book's index, not a story; a chapter page that also lists the
chapters keeps its text."""

from __future__ import annotations

from pages import doc_of, verdict, work_of


def test_book_page_with_description_and_contents_is_an_index() -> None:
    # Its description runs its lines with <br>; most chapters are locked, unlinked.
    assert doc_of("book_info_page.html").metadata.get("page_kind") == "a story index page"
    assert verdict("book_info_page.html") == "no story text, looks like a story index page"


def test_chapter_page_listing_the_chapters_is_still_a_story() -> None:
    assert "page_kind" not in doc_of("chapter_page_with_contents.html").metadata
    assert verdict("chapter_page_with_contents.html") is None
    assert (
        "The letter rode in the apprentice's coat"
        in work_of("chapter_page_with_contents.html").text
    )
