"""Full-text indexes: SQLite FTS5 and PostgreSQL tsvector + GIN, kept up to date on write.

Both backends index the *same tokens*, produced in Python by
:func:`~fandex.library.fts.tokens.tokens` (Unicode letters and digits, accents
removed, case-folded), so a phrase matches on SQLite exactly when it matches on
PostgreSQL and when :meth:`Query.match` checks a work in memory. One module per concern:

- :mod:`~fandex.library.fts.tokens`: the tokenizer, a work's three columns (title,
  summary, body) and the prepared index entry an import worker computes;
- :mod:`~fandex.library.fts.expr`: query expressions (phrases, a column, prefixes) and
  their rendering for each backend;
- :mod:`~fandex.library.fts.sqlite` and :mod:`~fandex.library.fts.postgres`: each
  backend's table, writes, matching and ranking;
- :mod:`~fandex.library.fts.upkeep`: creating the index, batch writes hooked into the
  library's saves, and the generation number caches compare.

A query reaches the index through :class:`FtsQuery`, rendered per dialect by
:func:`match_sql` and :func:`rank_subquery`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, literal_column
from sqlalchemy.sql import Subquery

from fandex.library import schema
from fandex.library.driver import driver_rows
from fandex.library.fts import postgres, sqlite
from fandex.library.fts.expr import (
    FtsQuery,
    Phrase,
    any_of,
    fts5_expression,
    tsquery_literal,
)
from fandex.library.fts.postgres import index_scans, matches_and_ranks
from fandex.library.fts.sqlite import match_rowids, ranked_rowids
from fandex.library.fts.tokens import (
    COLUMNS,
    IndexDoc,
    fold,
    index_doc,
    rank_tsvector_literal,
    tokens,
    tsvector_literal,
    work_columns,
)
from fandex.library.fts.upkeep import (
    ensure_index,
    generation,
    index_work,
    index_works,
    one_generation,
    register,
    reindex_all,
    unindex_work,
)


def match_sql(dialect: str, queries: Sequence[FtsQuery]) -> ColumnElement[bool]:
    """Works matching any of ``queries`` (each an AND of phrases), as a WHERE clause."""
    if dialect == "sqlite":
        sub = sqlite.match_clause(queries)
        return literal_column("works.rowid").in_(sub.columns(literal_column("rowid")))
    sub_pg = postgres.match_clause(queries)
    return schema.works.c.id.in_(sub_pg.columns(literal_column("work_id")))


def rank_subquery(dialect: str, queries: Sequence[FtsQuery]) -> Subquery:
    """``(work_id, rank)`` for works matching any of ``queries``; lower rank is better."""
    stmt = sqlite.rank_clause(queries) if dialect == "sqlite" else postgres.rank_clause(queries)
    return stmt.columns(literal_column("work_id"), literal_column("rank")).subquery("fts_rank")


register()

__all__: list[str] = [
    "COLUMNS",
    "FtsQuery",
    "IndexDoc",
    "Phrase",
    "any_of",
    "driver_rows",
    "ensure_index",
    "fold",
    "fts5_expression",
    "generation",
    "index_doc",
    "index_scans",
    "index_work",
    "index_works",
    "match_rowids",
    "match_sql",
    "matches_and_ranks",
    "one_generation",
    "rank_subquery",
    "rank_tsvector_literal",
    "ranked_rowids",
    "reindex_all",
    "tokens",
    "tsquery_literal",
    "tsvector_literal",
    "unindex_work",
    "work_columns",
]
