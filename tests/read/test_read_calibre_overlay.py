"""What a calibre library says about a book, as the import's overlay."""

from __future__ import annotations

from fandex.read.calibre import CalibreBook, overlay_of


def test_calibres_placeholders_state_no_title_or_author() -> None:
    book = CalibreBook(1, "harbour_tales_v2", "Unknown/harbour_tales_v2 (1)", authors=["Unknown"])
    overlay = overlay_of(book, ({}, {}))
    assert "title" not in overlay and "authors" not in overlay


def test_a_collectors_title_and_author_are_stated() -> None:
    book = CalibreBook(2, "Harbour Tales", "Wren/Harbour Tales (2)", authors=["Wren Calloway"])
    overlay = overlay_of(book, ({}, {}))
    assert (overlay["title"], overlay["authors"]) == ("Harbour Tales", ["Wren Calloway"])
