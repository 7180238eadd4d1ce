"""Word 97-2003 documents: the main text by its piece table, fields read as their
result, an AO3 download saved as .doc read as AO3's, one-line errors."""

from __future__ import annotations

import pytest
from docbuild import build_doc

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.parse import build_work
from fandex.read import read_bytes


def test_paragraphs_line_breaks_and_field_results() -> None:
    text = (
        "Field Log\r\r\r"
        "The sample was kept cold.\r"
        'See \x13 HYPERLINK "http://example.org/log" \x14the log\x15 for details.\x0bSecond line.\r'
    )
    doc = read_bytes(build_doc(text), "log.doc")
    assert doc.format == "doc"
    assert [(b.text, bool(b.attrs.get("gap"))) for b in doc.blocks] == [
        ("Field Log", False),
        ("The sample was kept cold.", True),  # two empty paragraphs set it apart
        ("See the log for details.\nSecond line.", False),
    ]


def test_an_ao3_download_saved_as_doc_is_read_as_ao3s() -> None:
    lines = [
        "Harbour Study",
        "Posted originally on the Archive of Our Own at http://archiveofourown.org/works/1.",
        "Rating:",
        "General Audiences",
        "Archive Warning:",
        "No Archive Warnings Apply",
        "Fandom:",
        "Invented Harbour Fandom",
        "Character:",
        "Ada Rowe, Bea Lin",
        "Stats:",
        "Published: 2024-01-02 Words: 12 Chapters: 1/1",
        "Harbour Study",
        "by wrencalloway",
        "Summary",
        "Two clerks compare the tide tables.",
        "Notes",
        "Written for a prompt about weather.",
        "See the end of the work for more notes",
        "The tide came in at noon and the clerks wrote it down.",
    ]
    work = build_work(clean(read_bytes(build_doc("\r".join(lines) + "\r"), "harbour.doc")))
    assert work.title == "Harbour Study"
    assert work.authors == ["wrencalloway"]
    stated = {(t.type, t.name) for t in work.tags if t.source == "stated"}
    assert {("rating", "General Audiences"), ("fandom", "Invented Harbour Fandom")} <= stated
    assert ("character", "Bea Lin") in stated
    assert work.summary == "Two clerks compare the tide tables."
    assert work.notes_begin == "Written for a prompt about weather."
    assert work.chapters[0].text == "The tide came in at noon and the clerks wrote it down."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (build_doc("x\r", encrypted=True), "encrypted"),
        (build_doc("x\r", word=False), "not a Word document"),
        (build_doc("Some text.\r")[:700], "damaged"),
    ],
    ids=["encrypted", "other-office-file", "cut"],
)
def test_unreadable_word_files_fail_with_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as exc:
        read_bytes(data, "bad.doc")
    assert reason in str(exc.value)
    assert "\n" not in str(exc.value)


def test_paragraphs_in_words_heading_styles_are_headings() -> None:
    text = "Chapter One\rThe sample was kept cold.\rChapter Two\rIt warmed by noon.\r"
    doc = read_bytes(build_doc(text, headings={0, 2}), "log.doc")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Chapter One"),
        ("paragraph", "The sample was kept cold."),
        ("heading", "Chapter Two"),
        ("paragraph", "It warmed by noon."),
    ]
    plain = read_bytes(build_doc(text, headings=set()), "log.doc")
    assert {b.kind for b in plain.blocks} == {"paragraph"}


def test_italic_runs_become_emphasis_spans() -> None:
    # The character-property pages set "never" and "Why now?" (with the space after
    # it, which the span leaves out) in italics; a field's code is no part of them.
    text = (
        "She never looked back.\r"
        "Why now? she thought.\r"
        'See \x13 HYPERLINK "http://example.org" \x14the log\x15 too.\r'
    )
    never = text.index("never")
    why = text.index("Why")
    code = text.index("\x13")
    italics = [(never, never + 5), (why, why + 9), (code, text.index("\x15"))]
    doc = read_bytes(build_doc(text, italics=italics), "log.doc")
    got = [[b.text[s.start : s.end] for s in b.spans if s.kind == "em"] for b in doc.blocks]
    assert [b.text for b in doc.blocks] == [
        "She never looked back.",
        "Why now? she thought.",
        "See the log too.",
    ]
    assert got == [["never"], ["Why now?"], ["the log"]]
