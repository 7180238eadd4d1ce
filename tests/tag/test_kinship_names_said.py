"""Where a narrator says their name (``kinship.names_said``): the regex tried only where
one of its openings stands finds what the regex over the whole chapter finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag.kinship import _MY_NAME, names_said

_PIECES = [
    *("My name is", "my name's", "My name", "Call me", "call me", "I'm", "I’m", "I am"),
    *("Ada", "Bo", "ada", "him", "Im", "I", "M", "c", "y name is", "all me", "am", "'m"),
    *(" ", "  ", "\n", "\t", "x", "é", "_", ".", ",", "'", "’", "“", "-", "5"),
]


def reference(text: str) -> list[int]:
    return [m.end() for m in _MY_NAME.finditer(text)]


def test_the_openings_are_found() -> None:
    text = "“My name is Ada,” I said. Call me\nBo. I’m Cy. Tim am Di, claim I am Ed"
    assert names_said(text) == reference(text)
    assert [text[e : e + 2] for e in names_said(text)] == ["Ad", "Bo", "Cy", "Ed"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@settings(max_examples=500, deadline=None)
def test_same_ends_as_the_regex(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert names_said(text) == reference(text)


@given(st.text(alphabet="MmyCcalI'’ nsieAB\n.x", max_size=60))
@settings(max_examples=500, deadline=None)
def test_same_ends_on_any_text(text: str) -> None:
    assert names_said(text) == reference(text)
