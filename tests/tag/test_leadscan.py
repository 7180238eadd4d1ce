"""The scan without its look-behind finds what the pattern with it finds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag.leadscan import _WIDE_MAX, _WIDE_WORD, CHECKED_LEAD, LeadScan, wide_words

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


# Word characters past ASCII ("é", "ß", "ж", "٣", "²"), punctuation and spaces past it
# (curly quotes, dashes, a no-break space), and ASCII.
_WIDE_ALPHABET = "aZ_1 .-'éßж٣²“”’—…\u00a0\u200b·«»€☃字"


@given(st.text(alphabet=_WIDE_ALPHABET, max_size=200) | st.text(max_size=120))
@settings(max_examples=500, deadline=None)
def test_wide_words_are_the_wide_word_patterns_first_matches(text: str) -> None:
    # The oracle: the regex _leads_fit ran over each text before the offsets were shared.
    plain = [m.start() for m in islice(_WIDE_WORD.finditer(text), _WIDE_MAX + 1)]
    assert wide_words(text) == plain


def test_wide_words_stop_after_one_more_than_a_scan_asks() -> None:
    text = "ä " * (3 * _WIDE_MAX)
    assert len(wide_words(text)) == _WIDE_MAX + 1
    assert wide_words("Café, “olé”") == [3, 9]
