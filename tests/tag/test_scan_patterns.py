"""Readings rewritten for speed give what the plain ones give: a pattern that opens with
its first letters (so the engine skips ahead in C) finds what the ``\\b`` pattern found,
and the character positions shared between the readings of a work are never changed by
one reader for the next."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from relationship_fixtures import run

from fandex.tag.kinship import _MY_NAME
from fandex.tag.romance import _KIN_BODY, _LIKE_KIN
from fandex.tag.romance_clauses import _NOUNS, _UNNAMED_SUBJECT
from fandex.tag.romance_dialogue import _FIRST_SECOND, _PERSONAL
from fandex.tag.romance_people import _ROLE_PHRASE, ROLE_SUBJECT, character_positions

# The narrator's name as the pattern read it before it opened with its first letters.
_PLAIN_MY_NAME = re.compile(r"\b(?:[Mm]y name is|[Mm]y name's|[Cc]all me|I'm|I’m|I am)\s+(?=[A-Z])")


def test_a_narrator_saying_her_name_is_found_where_the_plain_pattern_finds_it() -> None:
    text = (
        'My name is Ada. "Call me  Ish," he said. I am Sam; I’m Zed, and I\'m\nQuill. '
        "my name's Wu. They call me Bea."
    )
    got = [(m.start(), m.end()) for m in _MY_NAME.finditer(text)]
    assert got == [(m.start(), m.end()) for m in _PLAIN_MY_NAME.finditer(text)]
    assert len(got) == 7


# A cue likened to a relative's as the pattern read it before it opened with its letters.
_PLAIN_LIKE_KIN = re.compile(
    r"\b(?:the way|as|like)\s+"
    r"(?:(?:he|she|they|you|i|one|someone)(?:['’]d|\s+would|\s+does|\s+did)?\s+"
    r"(?:[a-z]+\s+){0,2})?"
    r"(?:a|an|her|his|their|my|your|one['’]s)\s+(?:[a-z-]+\s+)?" + _KIN_BODY,
    re.I,
)


def test_a_cue_likened_to_a_relatives_is_found_where_the_plain_pattern_finds_it() -> None:
    text = (
        "He kissed her cheek the way she'd kiss her granddad. Held her AS A FATHER would; "
        "loved him Like a brother, xas a sister, _like a mother, éas an aunt, as the sun. "
        "Hugged him as one would hug her little brother"
    )
    got = [m.span() for m in _LIKE_KIN.finditer(text)]
    assert got == [m.span() for m in _PLAIN_LIKE_KIN.finditer(text)]
    assert len(got) == 4
    for start in range(0, len(text), 7):  # searched from inside a sentence, as a cue does
        found = _LIKE_KIN.search(text, start, start + 60)
        plain = _PLAIN_LIKE_KIN.search(text, start, start + 60)
        assert (found and found.span()) == (plain and plain.span())


def test_inside_a_word_or_before_a_small_letter_no_name_is_said() -> None:
    text = "xMy name is Bob. Recall me Tom. HI am Ann. I am tired. _Call me Kit. ÉI'm Lu."
    assert [m.group() for m in _MY_NAME.finditer(text)] == []
    assert [m.group() for m in _PLAIN_MY_NAME.finditer(text)] == []


def test_character_positions_read_twice_are_the_same_and_a_reader_changes_neither() -> None:
    w = run("Buffy kissed Spike in the crypt. Willow watched Buffy leave. Spike smiled at Willow.")
    first = character_positions(w)
    names = {n for spans in first.values() for _s, _e, n in spans}
    assert {"Buffy Summers", "Spike"} <= names
    expected = {ch: list(spans) for ch, spans in first.items()}
    for spans in first.values():
        spans.clear()  # one reader's change of its copy ...
    assert character_positions(w) == expected  # ... is not the next reader's


# Per-cue readings as they read before they opened with their first letters (the first
# letters in every case re.I reads them in: "ſ" is an "s", "İ" and "ı" are an "i").
_PLAIN_READINGS = {
    "unnamed subject": (
        re.compile(
            r"\b(?:the|a|an|that|this|another)\s+(?:[a-z-]+\s+)?(?:" + "|".join(_NOUNS) + r")\s+$",
            re.I,
        ),
        _UNNAMED_SUBJECT,
    ),
    "partner as subject": (re.compile(r"\b" + _ROLE_PHRASE + r"\s+$", re.I), ROLE_SUBJECT),
    "first or second person": (
        re.compile(r"\b(?:i|i['’]\w+|me|my|mine|we|us|our|you|your|yours)\b", re.I),
        _FIRST_SECOND,
    ),
    "person": (re.compile(r"\b(?:i|we|you|he|she|they|him|her|them|me|us)\b", re.I), _PERSONAL),
}
_WORDS = [
    *("the", "The", "a", "An", "that", "thiſ", "another", "captain", "stranger", "his", "HER"),
    *("their", "my", "your", "new", "wife", "husband", "fiancée", "i", "I", "İ", "ı", "'m"),
    *("me", "mine", "we", "uſ", "our", "you", "yours", "he", "she", "they", "them", "ta"),
    *(" ", "  ", "\n", ", ", "x", "é", "_", "-"),
]  # fmt: skip


@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.integers(0, 80), st.integers(0, 90))
@settings(max_examples=400, deadline=None)
def test_per_cue_readings_find_what_the_plain_patterns_find(
    words: list[str], pos: int, end: int
) -> None:
    text = " ".join(words)
    for plain, fast in _PLAIN_READINGS.values():
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        found, want = fast.search(text, pos, end), plain.search(text, pos, end)
        assert (found and found.span()) == (want and want.span())
        assert fast.findall(text, pos, end) == plain.findall(text, pos, end)
