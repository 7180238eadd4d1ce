"""Limits checked before HTML is parsed: a tag with too many attributes (libxml2 checks
each against every earlier one) and a page of too many elements (a tree costs hundreds
of bytes per element) are refused with the limit named, fast."""

from __future__ import annotations

import pytest

from fandex.errors import ReadError
from fandex.read import read_bytes
from fandex.read.limits import MAX_ATTRIBUTES, MAX_ELEMENTS, check_markup


def test_a_tag_with_too_many_attributes_is_refused_before_parsing() -> None:
    attrs = " ".join(f'a{i}="x"' for i in range(200_000))
    page = f"<html><body><p {attrs}>The rain fell.</p></body></html>".encode()
    with pytest.raises(ReadError, match="more than 1,000 attributes"):
        read_bytes(page, "attrs.html")


def test_attributes_are_counted_outside_quoted_values() -> None:
    # One attribute holding a long value full of '=' (an inline image, a long URL).
    value = "data:image/png;base64," + "QUJD=" * 20_000
    check_markup(f'<p><img src="{value}" alt="x"> The rain fell.</p>')
    many = " ".join(f"data-x{i}=1" for i in range(MAX_ATTRIBUTES + 5))
    with pytest.raises(ReadError):
        check_markup(f"<p {many}>x</p>")


def test_a_page_of_too_many_elements_is_refused_with_the_limit_named() -> None:
    page = "<html><body>" + "<p>Rain.</p>" * (MAX_ELEMENTS + 10) + "</body></html>"
    with pytest.raises(ReadError, match="more than the 250,000 fandex reads"):
        read_bytes(page.encode(), "paras.html")


def test_less_than_signs_in_text_are_not_elements() -> None:
    check_markup("<p>" + "a < b " * (MAX_ELEMENTS + 10) + "</p>")


def test_a_text_of_one_enormous_line_is_cut_into_blocks() -> None:
    line = "The rain fell on the harbour and she waited by the door. " * 40_000  # 2.3 MB
    doc = read_bytes(b"Title: One Line\n\n" + line.encode(), "one-line.txt")
    from fandex.read.limits import MAX_BLOCK_CHARS

    assert len(doc.blocks) > 8 and all(len(b.text) <= MAX_BLOCK_CHARS for b in doc.blocks)
    assert " ".join(b.text for b in doc.blocks[1:]) == line.strip()
    assert any("cut 1 paragraph" in n for n in doc.notices)


def test_spans_follow_the_text_they_marked_when_a_block_is_cut() -> None:
    from fandex.read.document import Block, Span
    from fandex.read.limits import MAX_BLOCK_CHARS, split_block

    text = "x" * (MAX_BLOCK_CHARS - 10) + " " + "italic words here" + " " + "y" * 500
    start = text.index("italic")
    block = Block("paragraph", text, spans=[Span(start, start + 17, "em")])
    pieces = split_block(block)
    marked = [p.text[s.start : s.end] for p in pieces for s in p.spans]
    # The cut fell inside the span: each piece keeps its part, on the same words.
    assert len(pieces) == 2 and marked == ["italic", "words here"]
