"""PostgreSQL: ``works_fts (work_id, tsv, rank_tsv)`` with a GIN index on ``tsv``.

``tsv`` is built in Python (:func:`fandex.library.fts.tokens.tsvector_literal`: the
same tokens as SQLite's, positions and weights computed there) and written as a
literal, so PostgreSQL's own parser never re-splits a word.

Ranking reads a second, small vector, ``rank_tsv`` (the title and summary entries of
``tsv``, same positions and weights), never the full one: at 100,000 works
``ts_rank`` over every match's full ``tsv`` detoasted tens of megabytes per query. A
match only in the body therefore ranks 0 here (ties broken by id); SQLite's bm25
still weighs the body. Matching always uses the full ``tsv``, so both backends select
the same works. Text searches run inside :func:`index_scans`: the planner prices
``tsv @@ query`` as nearly free and would scan (and decompress) every row for a
common word instead of reading the GIN index.

Limits: PostgreSQL keeps word positions up to 16,383 and 256 positions per word; a
phrase far into a very long work may therefore be found on SQLite and not here
(plain words are always found).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, TextClause, bindparam, text

from fandex.library.driver import driver_executemany, driver_rows
from fandex.library.fts.expr import FtsQuery, tsquery_literal
from fandex.library.fts.tokens import IndexDoc


def create(conn: Connection) -> None:
    """Create the vectors' table and its GIN index."""
    conn.execute(
        text(
            "CREATE TABLE works_fts (work_id VARCHAR(32) PRIMARY KEY "
            "REFERENCES works(id) ON DELETE CASCADE, tsv tsvector NOT NULL, "
            "rank_tsv tsvector)"  # nullable: migration 0003 adds it to old tables
        )
    )
    conn.execute(text("CREATE INDEX ix_works_fts_tsv ON works_fts USING GIN (tsv)"))


def write(conn: Connection, entries: Sequence[tuple[str, IndexDoc]], fresh: set[str]) -> None:
    """(Re-)index ``(work id, entry)`` pairs. Works in ``fresh`` were never indexed and
    go in with one COPY; the others replace their rows."""
    new = [(i, *doc.values) for i, doc in entries if i in fresh]
    old = [(i, *doc.values) for i, doc in entries if i not in fresh]
    if new:
        dbapi: Any = conn.connection.dbapi_connection  # psycopg's own: it has COPY
        sql = "COPY works_fts (work_id, tsv, rank_tsv) FROM STDIN"
        with dbapi.cursor() as cur, cur.copy(sql) as copy:
            for row in new:
                copy.write_row(row)
    driver_executemany(
        conn,
        "INSERT INTO works_fts(work_id, tsv, rank_tsv) VALUES (%s, %s::tsvector, %s::tsvector) "
        "ON CONFLICT (work_id) DO UPDATE SET tsv = EXCLUDED.tsv, rank_tsv = EXCLUDED.rank_tsv",
        old,
    )


def delete(conn: Connection, work_id: str) -> None:
    """Drop one work from the index (before its row is deleted)."""
    conn.execute(text("DELETE FROM works_fts WHERE work_id = :id"), {"id": work_id})


def match_clause(queries: Sequence[FtsQuery]) -> TextClause:
    """``SELECT work_id`` of the works matching any of ``queries``."""
    return text("SELECT work_id FROM works_fts WHERE tsv @@ CAST(:tsq AS tsquery)").bindparams(
        bindparam("tsq", tsquery_literal(queries), unique=True)
    )


def rank_clause(queries: Sequence[FtsQuery]) -> TextClause:
    """``(work_id, rank)`` of the works matching any of ``queries``; lower is better.
    Ranked on the small title + summary vector; the full ``tsv`` only decides which
    works match, through the GIN index."""
    return text(
        "SELECT work_id, -coalesce(ts_rank(rank_tsv, CAST(:tsq AS tsquery)), 0) AS rank "
        "FROM works_fts WHERE tsv @@ CAST(:tsq AS tsquery)"
    ).bindparams(bindparam("tsq", tsquery_literal(queries), unique=True))


@contextmanager
def index_scans(conn: Connection, *, restore: bool = True) -> Iterator[None]:
    """Within this block (on ``conn``'s transaction) the planner does not choose a
    sequential scan where another plan exists; on SQLite, nothing.

    ``tsv @@ query`` on a sequential scan decompresses every work's vector (half a
    second at 100,000 works); the GIN index answers the same rows without reading
    them, but for a common word the planner, which prices ``@@`` as nearly free,
    prefers the scan. The plan changes, never the rows. ``restore=False`` leaves the
    setting to the end of the transaction (a caller whose connection ends with the block
    saves a round trip).
    """
    if conn.dialect.name != "postgresql":
        yield
        return
    # One round trip to read the setting and change it for this transaction.
    before = conn.execute(
        text("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
    ).scalar()
    yield
    if not restore:
        return
    # Not in a ``finally``: after an error the transaction, and this setting with it,
    # is rolled back, and a statement here would only fail again.
    conn.execute(text("SELECT set_config('enable_seqscan', :v, true)"), {"v": before})


def matches_and_ranks(conn: Connection, queries: Sequence[FtsQuery]) -> list[tuple[float, str]]:
    """Every work matching any of ``queries`` with its rank (that of :func:`rank_clause`),
    in one read of the text index, as ``(rank, "id,id,...")``: one row per distinct
    rank (most matches share a few), so a broad search is a few rows, not one per
    work. Run it inside :func:`index_scans`."""
    sql = (
        "SELECT -coalesce(ts_rank(rank_tsv, CAST(%(q)s AS tsquery)), 0) AS r, "
        "string_agg(work_id, ',') FROM works_fts WHERE tsv @@ CAST(%(q)s AS tsquery) GROUP BY r"
    )
    return [(float(r), ids) for r, ids in driver_rows(conn, sql, {"q": tsquery_literal(queries)})]


__all__ = [
    "create",
    "delete",
    "index_scans",
    "match_clause",
    "matches_and_ranks",
    "rank_clause",
    "write",
]
