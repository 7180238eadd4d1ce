"""The faster forms in :mod:`fandex.tag.propernames` against the forms they replaced:
headings found line by line after a literal line break, and the English check's words
split from translated bytes rather than found by a regex."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag.propernames import (
    _ASCII_WORD,
    _FUNCTION_WORDS,
    _HEADING,
    heading_spans,
    looks_english,
)

PIECES = ["Chapter", "Two", "Mara", "and", "the", "Sea", "of", "A", "Preface", "to", "Third",
          "Edition", "12", ":", ",", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", ".", "x",
          "Zoë", "O'Neil", "’s", "-", "she", "said", "é", "\ud800", "K"]  # fmt: skip


def old_heading_spans(text: str) -> list[tuple[int, int]]:
    """The heading search as it was: one multi-line pattern tried at every character."""
    return [m.span() for m in _HEADING.finditer(text)]


def old_looks_english(text: str) -> bool:
    """The English check as it was: the words found by a regex."""
    words = _ASCII_WORD.findall(text[:20000].lower())
    if len(words) < 30:
        return False
    return sum(map(_FUNCTION_WORDS.__contains__, words)) >= 0.12 * len(words)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_heading_spans_match_the_multiline_pattern(text: str) -> None:
    assert heading_spans(text) == old_heading_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=20, max_size=120).map(" ".join))
def test_looks_english_matches_the_regex_form(text: str) -> None:
    assert looks_english(text) == old_looks_english(text)


def test_headings_on_the_first_and_later_lines() -> None:
    text = "Chapter Two: Mara and the Sea\nShe said so.\nA Preface to the Third Edition\n"
    spans = heading_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Chapter Two: Mara and the Sea",
        "A Preface to the Third Edition",
    ]
    assert spans == old_heading_spans(text)


def test_english_and_not() -> None:
    english = "She said that the boat was in the harbour and he was not on it. " * 5
    assert looks_english(english) and old_looks_english(english)
    other = "Der Hafen fror jeden Winter zu, und Mara schwor, sie werde gehen. " * 5
    assert not looks_english(other) and not old_looks_english(other)
