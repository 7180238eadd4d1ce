"""How a relevance listing orders a text search too broad to rank every match.

SQLite ranks by FTS5's bm25, which costs about 3 microseconds per match (it reads
each match's column sizes and positions): a word found in nearly every one of 100,000
works took 150-300 ms to rank, and ten times that at a million. Such a word also
barely ranks: bm25's idf for a word in more than half the works is clamped to about
zero (it is evidence of nothing), so the order it gives among them is decided by
small differences of word frequency and length.

The rule, the same on the SQL path and the in-memory one (the parity suite runs
both), for a search whose every text part is required, without a field, on SQLite:

- at most :data:`RANK_LIMIT` works match the words: every match ranked by bm25, as
  before (a rare word's best match first);
- more than that (*broad*): the works holding the words in their **title or summary**
  come first (the columns bm25 weighs 10 and 4 against the body's 1: a match there
  outranks a body-only one unless the title is about ten times, or the summary three
  times, the average length), ranked by bm25 over those two columns when they are at
  most :data:`RANK_LIMIT` works, else in the listing's default order (newest first);
  the other matches follow in the default order.

This is what PostgreSQL's ranking does for every search (it ranks on the title and
summary vector alone, body-only matches tied), so both backends now agree on broad
searches. The cost of a broad search is then two reads of the words' index entries
(about 20 ms each for a word in every one of 100,000 works) instead of ranking each
match.
"""

from __future__ import annotations

from collections.abc import Sequence

from fandex.library.fts import FtsQuery

# Measured (bench/bench_million.py at 100,000 works): ranking 20,000 matches costs
# 40-60 ms on a shared 2-core machine; the target for a whole search is 100 ms at p95.
RANK_LIMIT = 20_000

# The columns a broad search ranks first (FTS5's and PostgreSQL's names alike).
HEAD_COLUMNS = "title summary"


def applies(dialect: str, queries: Sequence[FtsQuery]) -> bool:
    """Whether the rule can apply to ``queries`` (SQLite; no field given: a search in
    the title alone is ranked as asked)."""
    return dialect == "sqlite" and bool(queries) and all(q.column is None for q in queries)


def is_broad(matches: int) -> bool:
    """Whether a search matching ``matches`` works is too broad to rank every match."""
    return matches > RANK_LIMIT


def heads(queries: Sequence[FtsQuery]) -> list[FtsQuery]:
    """``queries`` found in the title or summary."""
    return [q.in_columns(HEAD_COLUMNS) for q in queries]


__all__ = ["HEAD_COLUMNS", "RANK_LIMIT", "applies", "heads", "is_broad"]
