"""Italics and bold set by CSS (a word processor's web page) are read as emphasis."""

from __future__ import annotations

from pages import doc_of, work_of

from fandex.read import read_bytes


def _spans(doc_blocks: list, word: str) -> list[tuple[str, str]]:
    block = next(b for b in doc_blocks if word in b.text)
    return [(s.kind, block.text[s.start : s.end]) for s in block.spans]


def test_google_docs_classes_set_italics_and_bold() -> None:
    doc = doc_of("gdocs_export_story.html")
    assert ("em", "never") in _spans(doc.all_blocks(), "never liked")
    assert _spans(doc.all_blocks(), "Rating:") == [("strong", "Rating:")]
    work = work_of("gdocs_export_story.html")
    assert (work.title, work.authors) == ("Salt and Cedar", ["Mira Vell"])
    assert [c.title for c in work.chapters] == [
        "Chapter One: North Light",
        "Chapter Two: The Crossing",
    ]


def test_an_inline_style_sets_italics_and_normal_text_stays_plain() -> None:
    page = (
        b"<html><body><p>She had <span style='font-style: italic'>never</span> liked "
        b"the <span style='font-style:normal'>crossing</span>, and said so "
        b"<font style='font-weight:bold'>twice</font>.</p></body></html>"
    )
    doc = read_bytes(page, "story.html")
    assert _spans(doc.all_blocks(), "never") == [("em", "never"), ("strong", "twice")]
