"""The scan without its look-behind finds what the pattern with it finds."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag.leadscan import CHECKED_LEAD, LeadScan

# Terms that overlap ("ab", "ab cd") and a phrase, so a dropped match could hide another.
_PATTERN = re.compile(CHECKED_LEAD + r"(ab(?: cd)?|cd|kiss(?:ed)?)\b")
_ANY_CASE = re.compile(_PATTERN.pattern, re.I)


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span(1) for m in matches]


def test_a_word_character_past_ascii_is_no_lead_and_the_search_goes_on() -> None:
    scan = LeadScan(_PATTERN)
    text = " éab cd, éab cd; “kissed” _ab 1cd"
    assert scan.fast is not None
    got = _spans(scan.finditer(text))
    assert got == _spans(_PATTERN.finditer(text))
    # "cd" inside the dropped "éab cd" is found, and the match after the curly quote.
    assert [text[a:b] for a, b in got] == ["cd", "cd", "kissed"]


def test_a_pattern_without_the_lead_is_run_as_it_is() -> None:
    plain = re.compile(r"\b(ab)\b")
    scan = LeadScan(plain)
    assert scan.fast is None
    assert _spans(scan.finditer("ab éab")) == [(0, 2)]


@given(
    st.text(alphabet=" abcdeikssé_1.“ABCDÉ", max_size=80),
    st.integers(0, 80),
    st.integers(0, 90),
)
@settings(max_examples=500, deadline=None)
def test_same_matches_as_the_pattern_with_its_look_behind(text: str, pos: int, end: int) -> None:
    for pattern in (_PATTERN, _ANY_CASE):
        scan = LeadScan(pattern)
        assert _spans(scan.finditer(text, pos, end)) == _spans(pattern.finditer(text, pos, end))
        assert _spans(scan.finditer(text)) == _spans(pattern.finditer(text))
        found, plain = scan.search(text, pos, end), pattern.search(text, pos, end)
        assert (found and found.span(1)) == (plain and plain.span(1))
