"""Readings rewritten for speed give what the plain ones give: a pattern that opens with
its first letters (so the engine skips ahead in C) finds what the ``\\b`` pattern found,
and the character positions shared between the readings of a work are never changed by
one reader for the next."""

from __future__ import annotations

import re

from relationship_fixtures import run

from fandex.tag.kinship import _MY_NAME
from fandex.tag.romance_people import character_positions

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
