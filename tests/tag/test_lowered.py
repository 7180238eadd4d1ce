"""One lower-cased text per chapter, shared by the scans; the fast lead scan on texts
whose only characters past ASCII are quotes and dashes."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag.leadscan import CHECKED_LEAD, LeadScan, plain_leads
from fandex.tag.lowered import lowered, padded_lower


@given(st.text(alphabet="aBc İ“”—é\n", max_size=60))
@settings(max_examples=200, deadline=None)
def test_the_shared_forms_are_the_plain_ones(text: str) -> None:
    assert lowered(text) == text.lower()
    assert padded_lower(text) == " " + text.lower()
    assert padded_lower(text) is padded_lower(text)  # one string for every scan


def test_quotes_and_dashes_leave_the_leads_plain_a_letter_past_ascii_does_not() -> None:
    assert plain_leads("plain")
    assert plain_leads("“She kissed him” — twice…")
    assert not plain_leads("“Café” kissed")
    assert not plain_leads("naïve")


def test_a_text_with_curly_quotes_gets_the_same_matches_through_the_fast_scan() -> None:
    pattern = re.compile(CHECKED_LEAD + r"(kiss(?:ed)?|ab)\b")
    scan = LeadScan(pattern)
    for text in (" “kissed” ab—kiss…", " éab “kissed”", " ‘ab’ _kiss 1ab"):
        want = [m.span(1) for m in pattern.finditer(text)]
        assert [m.span(1) for m in scan.finditer(text)] == want
        found, plain = scan.search(text), pattern.search(text)
        assert (found and found.span(1)) == (plain and plain.span(1))
