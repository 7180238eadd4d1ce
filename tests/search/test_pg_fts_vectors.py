"""What PostgreSQL ranking is given, checked without a server: the small rank vector"""

from __future__ import annotations

from fandex.library import fts


def test_rank_vector_keeps_title_and_summary_entries_with_their_positions() -> None:
    cols = {"title": ["ink", "ash"], "summary": ["ink", "tea"], "body": ["ink", "rain"]}
    full = fts.tsvector_literal(cols)
    assert full == "'ink':1A,4B,7 'ash':2A 'tea':5B 'rain':8"
    assert fts.rank_tsvector_literal(cols) == "'ink':1A,4B 'ash':2A 'tea':5B"


def test_rank_vector_of_a_work_without_title_or_summary_is_empty() -> None:
    assert fts.rank_tsvector_literal({"title": [], "summary": [], "body": ["x"]}) == ""
