"""The clean stage: mojibake repaired, odd whitespace normalised, spans kept on words."""

from __future__ import annotations

from pathlib import Path

import pytest

from fandex.clean import clean, clean_block, clean_text
from fandex.errors import ReadError
from fandex.read import read_bytes
from fandex.read.document import Block, RawChapter, RawDocument, Span

FIXTURES = Path(__file__).parent / "read" / "fixtures"


def test_mojibake_fixture_is_repaired() -> None:
    doc = clean(read_bytes((FIXTURES / "mojibake.txt").read_bytes(), "mojibake.txt"))
    assert doc.blocks[0].text == (
        'She didn\'t answer. "Where are you going?" he asked — but the café door had shut.'
    )
    assert doc.blocks[1].text == "It's late, she thought."


def test_clean_text_examples() -> None:
    assert clean_text("donâ€™t") == "don't"
    assert clean_text("a\u00a0\u00a0b\tc") == "a b c"
    assert clean_text("in\u200bvisible soft\u00adhyphen") == "invisible softhyphen"
    assert clean_text("line one   \n   line two") == "line one\nline two"
    assert clean_text("bell\x07 and\x0c feed") == "bell and feed"


def test_spans_stay_on_their_words_after_repair() -> None:
    text = "The  cafÃ©   was  open   and it was warm."
    start = text.index("open")
    block = Block("paragraph", text, spans=[Span(start, start + 4, "em")])
    clean_block(block)
    assert block.text == "The café was open and it was warm."
    (span,) = block.spans
    assert block.text[span.start : span.end] == "open"


def test_span_inside_mojibake_region_is_kept() -> None:
    text = "  She said â€œhelloâ€\x9d quietly.  "
    start, end = text.index("â€œ"), text.index(" quietly")
    block = Block("paragraph", text, spans=[Span(start, end, "em")])
    clean_block(block)
    assert block.text == 'She said "hello" quietly.'
    assert block.text[block.spans[0].start : block.spans[0].end] == '"hello"'


def test_pre_blocks_keep_their_spacing() -> None:
    block = Block("pre", "  indented\n    more")
    clean_block(block)
    assert block.text == "  indented\n    more"


def test_clean_drops_blocks_that_become_empty_but_keeps_rules() -> None:
    doc = RawDocument(
        "html", [Block("paragraph", "\u200b \u00a0"), Block("rule"), Block("paragraph", "x")]
    )
    assert [b.kind for b in clean(doc).blocks] == ["rule", "paragraph"]


def test_clean_repairs_chapters_and_metadata() -> None:
    doc = RawDocument(
        "epub",
        chapters=[RawChapter("CafÃ©", [Block("paragraph", "donâ€™t")], summary=" Ã© ")],
        metadata={"title": "CafÃ©", "authors": ["JosÃ©", " "], "tags": [("character", "JosÃ©")]},
    )
    clean(doc)
    assert doc.chapters[0].title == "Café"
    assert doc.chapters[0].blocks[0].text == "don't"
    assert doc.chapters[0].summary == "é"
    assert doc.metadata["title"] == "Café"
    assert doc.metadata["authors"] == ["José"]
    assert doc.metadata["tags"] == [("character", "José")]


def test_clean_is_idempotent() -> None:
    data = (FIXTURES / "mojibake.txt").read_bytes()
    once = clean(read_bytes(data, "m.txt"))
    first = [(b.text, [(s.start, s.end) for s in b.spans]) for b in once.blocks]
    clean(once)
    assert [(b.text, [(s.start, s.end) for s in b.spans]) for b in once.blocks] == first


def test_a_file_of_invisible_characters_is_an_error_after_cleaning() -> None:
    doc = read_bytes(b"\x07\x08 \xe2\x80\x8b", "odd.txt")
    with pytest.raises(ReadError, match="no readable text"):
        clean(doc)


def test_utf8_read_as_mac_roman_is_repaired() -> None:
    damaged = "She didn’t go to the café.".encode().decode("mac_roman")
    assert clean_text(damaged) == "She didn't go to the café."
