"""The search for a work's name forms from Vectorscan's candidates gives exactly the
pattern's ``finditer`` matches, inside any stretch of a text."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag import formscan, vectorscan
from fandex.tag.formscan import FormScan
from fandex.tag.romance_people import _form_scan, _forms_pattern

needs_vectorscan = pytest.mark.skipif(
    not vectorscan.HAVE_VECTORSCAN, reason="the hyperscan package is not installed"
)

# Forms that nest ("Mira", "Mira Vale"), open with a lower-case letter or a bracket,
# hold a full stop, an apostrophe or a letter past ASCII, and one of two letters.
_FORMS = ("Mira Vale", "Mira", "Vale", "others", "(Tomas", "Mrs. Orr", "O'Dell", "Zoë", "Jo")
_WORDS = [*_FORMS, "Mira's", "Miral", "Vale’s", "others.", "brothers", "Zoëy", "Joe", "jo"]
_PIECES = [" ", "  ", ", ", ". ", "\n", "—", "’", "'", "-", "x", "é", "(", ")"]


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def _check(text: str, pos: int, endpos: int) -> None:
    pattern = _forms_pattern(_FORMS)
    got = FormScan(_FORMS, pattern, compile_after=0).finditer(text, pos, endpos)
    assert _spans(got) == _spans(pattern.finditer(text, pos, endpos))


@needs_vectorscan
@pytest.mark.parametrize("kept", [True, False])
def test_the_candidates_find_every_match_of_a_long_text(
    kept: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not kept:  # a text longer than the copies' memo is copied a stretch at a time
        monkeypatch.setattr(formscan, "_COPIES_CHARS", 100)
    text = (
        "Mira Vale came in. Mira's coat; the others, (Tomas and Mrs. Orr) left. "
        "O'Dell met Zoë, and Jo met Joe; brothers and Miral stayed; Vale’s hat. "
    ) * 20
    pattern = _forms_pattern(_FORMS)
    assert len(_spans(pattern.finditer(text))) > 100  # the case below is not empty
    _check(text, 0, len(text))
    # A stretch cut inside a name ("Mira| Vale", "Mir|a"), as a region of a cue is.
    for pos, endpos in [(3, 700), (19, 1004), (0, 1), (500, 10**9), (40, 39)]:
        _check(text, pos, endpos)
    # A stretch that ends inside a longer word finds the form it cuts ("Mira" of "Mira|l").
    cut = text.index("Miral", 1000) + 4
    assert _spans(_forms_pattern(_FORMS).finditer(text, 0, cut))[-1] == (cut - 4, cut)
    _check(text, 0, cut)


@needs_vectorscan
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS + _PIECES), min_size=60, max_size=400),
    st.integers(0, 400),
    st.integers(0, 4000),
)
def test_the_candidates_agree_with_finditer_on_any_stretch(
    parts: list[str], pos: int, size: int
) -> None:
    text = "".join(parts)
    _check(text, pos, pos + size)


@needs_vectorscan
def test_the_database_is_made_once_the_regex_has_searched_enough() -> None:
    scan = FormScan(_FORMS, _forms_pattern(_FORMS), compile_after=1_000)
    text = "Mira Vale and the others. " * 30
    assert _spans(scan.finditer(text, 0, 600)) == _spans(scan.pattern.finditer(text, 0, 600))
    assert scan._db is None
    assert _spans(scan.finditer(text, 0, 780)) == _spans(scan.pattern.finditer(text, 0, 780))
    assert scan._db is not None


def test_a_work_keeps_one_search_per_set_of_forms() -> None:
    assert _form_scan(_FORMS) is _form_scan(list(_FORMS))
    assert _form_scan(_FORMS).pattern is _forms_pattern(_FORMS)
