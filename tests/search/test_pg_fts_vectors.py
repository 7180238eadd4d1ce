"""What PostgreSQL ranking is given, checked without a server: the small rank vector
and the loosened query that finds ranking candidates through the GIN index alone."""

from __future__ import annotations

import random

from fandex.library import fts


def test_rank_vector_keeps_title_and_summary_entries_with_their_positions() -> None:
    cols = {"title": ["ink", "ash"], "summary": ["ink", "tea"], "body": ["ink", "rain"]}
    full = fts.tsvector_literal(cols)
    assert full == "'ink':1A,4B,7 'ash':2A 'tea':5B 'rain':8"
    assert fts.rank_tsvector_literal(cols) == "'ink':1A,4B 'ash':2A 'tea':5B"


def test_rank_vector_of_a_work_without_title_or_summary_is_empty() -> None:
    assert fts.rank_tsvector_literal({"title": [], "summary": [], "body": ["x"]}) == ""


def test_loosened_query_drops_order_and_column_but_keeps_every_word_and_prefix() -> None:
    q = fts.FtsQuery((fts.Phrase(("dragon", "tat"), prefix=True), fts.Phrase(("ink",))), "title")
    assert fts.tsquery_literal(fts.loosened([q])) == "(('dragon') & ('tat':*) & ('ink'))"
    two = [fts.FtsQuery((fts.Phrase(("a", "b")),)), fts.FtsQuery((fts.Phrase(("c",)),), "body")]
    assert fts.tsquery_literal(fts.loosened(two)) == "(('a') & ('b')) | (('c'))"


def test_loosened_query_selects_every_work_the_query_selects() -> None:
    rnd = random.Random(3)
    words = ["ink", "ash", "tea", "rain", "inkwell"]
    for _ in range(300):
        cols = {c: rnd.choices(words, k=rnd.randint(0, 6)) for c in fts.COLUMNS}
        phrase = fts.Phrase(tuple(rnd.choices(words, k=rnd.randint(1, 3))), rnd.random() < 0.3)
        q = fts.FtsQuery((phrase,), rnd.choice([None, *fts.COLUMNS]))
        if q.matches(cols):
            assert all(lq.matches(cols) for lq in fts.loosened([q]))
