"""The fast scan of act wordings finds what the plain pattern finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag.rating_acts import _wordings, act_pattern

_PIECES = [
    "she came.", "he came,", "rode him", "inside her.", "his mouth on her", "between her legs",
    "moved together", " ", "  ", "\n", ".", ",", "x", "é", "_", "’", "her", "she", "came",
    "inside", "legs", "mouth", "on", "home",
]  # fmt: skip


def _plain(text: str) -> list[str]:
    return [m[0] for m in act_pattern().finditer(text.lower())]


def test_a_wording_right_after_a_stop_is_found_as_the_plain_pattern_finds_it() -> None:
    text = "She came.He came. and then she came,rode him."
    assert _wordings(text) == _plain(text)
    assert "he came." in _wordings(text)


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
@settings(max_examples=400, deadline=None)
def test_same_wordings_as_the_plain_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _wordings(text) == _plain(text)
    assert _wordings(text.upper()) == _plain(text.upper())
