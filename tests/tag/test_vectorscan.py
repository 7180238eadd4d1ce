"""Vectorscan's candidates, checked by the regex, give exactly the regex's own matches."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag import vectorscan
from fandex.tag.rating_acts import _lead_scan
from fandex.tag.romance_scan import _CUE_LEAD
from fandex.tag.vectorscan import Prefiltered, loosen

# Overlapping terms, a phrase over any whitespace, an open-ended prefix and a curly
# apostrophe: the constructs the loosened copy changes.
_SMALL = re.compile(r"[^a-zA-Z0-9_]((?:ab(?:\s+cd)?|cd|kiss(?:ed\b|\w*\b)|don['’]t(?!\w)))")
_SCANS = [_SMALL, _CUE_LEAD.fast, _lead_scan().fast]
# Made once: each compiles a database.
_PREFILTERED = [Prefiltered(p) for p in _SCANS if p is not None]
_LEADS = [_CUE_LEAD, _lead_scan()]


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span(1) for m in matches]


def test_the_copy_drops_assertions_and_tails_and_widens_whitespace() -> None:
    assert loosen(r"[^a-zA-Z0-9_](kiss(?:ed|\w*)\b|hold\s+hands(?!\w))") == (
        "[^a-zA-Z0-9_](kiss(?:ed|)|hold[^a-zA-Z0-9_]+hands)"
    )
    # A look-behind, an anchor or a class escape it does not know: no copy.
    assert loosen(r"[^a-z](?<=\W)(ab)") is None
    assert loosen(r"[^a-zA-Z0-9_]ab$") is None
    assert loosen(r"[^a-zA-Z0-9_]\d+") is None
    assert loosen(r"[^a-zA-Z0-9_]a\\b") is None


@pytest.mark.skipif(not vectorscan.HAVE_VECTORSCAN, reason="the hyperscan package is not installed")
def test_the_shipped_scans_are_prefiltered() -> None:
    for pattern in _SCANS:
        assert pattern is not None
        assert Prefiltered(pattern).available


def test_a_scan_with_its_look_behind_is_prefiltered_by_the_fast_one() -> None:
    # "é" is a word character: "kiss" right after it is inside a word, no cue.
    text = " ékiss her, “kissed” him; naïve kiss"
    scan = Prefiltered(_CUE_LEAD.checked, like=_CUE_LEAD.fast)
    assert _spans(scan.finditer(text)) == _spans(_CUE_LEAD.checked.finditer(text))
    assert [text[a:b] for a, b in _spans(scan.finditer(text))] == ["kissed", "kiss"]


def test_a_case_blind_pattern_is_left_to_the_regex() -> None:
    scan = Prefiltered(re.compile(_SMALL.pattern, re.I))
    assert not scan.available
    assert _spans(scan.finditer(" AB cd")) == [(1, 6)]


def test_without_the_package_the_regex_scans(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectorscan, "_hs", None)
    scan = Prefiltered(_SMALL)
    assert not scan.available
    assert _spans(scan.finditer(" ab  cd kissing")) == [(1, 7), (8, 15)]


_PIECES = [
    *("ab", "cd", "ab cd", "ab\n\ncd", "kiss", "kissed", "kissing", "don't", "don’t"),
    *("took his hand", "kissed her", "mother", "she came.", "he came,", "rode him"),
    *(" ", "  ", "\n", "\xa0", ".", ",", "x", "é", "_", "’", "“", "—", "\u2003", "日本", "a"),
]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@settings(max_examples=400, deadline=None)
def test_same_matches_as_the_regex(pieces: list[str]) -> None:
    text = " " + "".join(pieces)
    for scan in _PREFILTERED:
        assert _spans(scan.finditer(text)) == _spans(scan.pattern.finditer(text))
    for lead in _LEADS:
        assert _spans(lead.finditer(text)) == _spans(lead.checked.finditer(text))


@given(st.text(alphabet=" abcdeikst'’\n\xa0é_1.“日", max_size=80))
@settings(max_examples=400, deadline=None)
def test_same_matches_on_any_text(text: str) -> None:
    scan = _PREFILTERED[0]
    assert _spans(scan.finditer(text)) == _spans(_SMALL.finditer(text))
