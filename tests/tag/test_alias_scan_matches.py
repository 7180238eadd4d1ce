"""Finding a text's names without a pattern compiled per text gives exactly the
matches the per-text pattern gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag.aliases import CAP_WORD, name_matches, words_pattern

PIECES = ["Buffy", "Buffy's", "Obi", "Wan", "Obi-Wan", "Mr", ".", "-", "'", "’", " ", "x",
          "Summers", "Xander", "Xan", "Dawn", "s", "Wan's", "A", "U", "S", "1", "_",
          "Zoë"]  # fmt: skip
WORDS = ["Buffy", "Buffy's", "Obi", "Wan", "Obi-Wan", "Xander", "Xan", "Dawn", "A", "Zoë", "U"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.sets(st.sampled_from(WORDS), min_size=1),
)
def test_name_matches_equal_the_per_text_pattern(text: str, words: set[str]) -> None:
    expected = [
        (m.start(), m.group(), m.end()) for m in words_pattern(frozenset(words)).finditer(text)
    ]
    got = list(name_matches(text, list(CAP_WORD.finditer(text)), words))
    assert got == expected


def test_a_name_joined_by_a_hyphen_is_found_after_it() -> None:
    text = "Obi-Wan met Wan. Obi-Wan's cloak."
    tokens = list(CAP_WORD.finditer(text))
    assert [w for _s, w, _e in name_matches(text, tokens, {"Wan"})] == ["Wan", "Wan"]


# CAP_WORD as it was before its repeats were made possessive.
_GREEDY_CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w'’][A-ZÀ-ÖØ-Þ])\w*(?:['’.-]\w+)*")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*PIECES, "Mc", "Coy", "É", "é", "2", "a.B"]), max_size=30).map(
        "".join
    )
)
def test_possessive_cap_word_finds_the_same_tokens(text: str) -> None:
    assert [m.span() for m in CAP_WORD.finditer(text)] == [
        m.span() for m in _GREEDY_CAP_WORD.finditer(text)
    ]
    for at in range(len(text) + 1):
        a, b = CAP_WORD.match(text, at), _GREEDY_CAP_WORD.match(text, at)
        assert (a and a.span()) == (b and b.span())
