"""SQLite: the FTS5 table ``works_fts`` (title, summary, body), keyed by the work's rowid.

The text written is already tokenized and folded (:mod:`fandex.library.fts.tokens`);
FTS5 only splits it on spaces again. Ranking is FTS5's bm25 with per-column weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, TextClause, bindparam, text

from fandex.library.driver import driver_executemany, driver_rows
from fandex.library.fts.expr import FtsQuery, fts5_expression
from fandex.library.fts.tokens import IndexDoc

BM25_WEIGHTS = "10.0, 4.0, 1.0"  # title, summary, body


def create(conn: Connection) -> None:
    """Create the FTS5 table (the text is folded already: FTS5 splits on spaces)."""
    conn.execute(
        text(
            "CREATE VIRTUAL TABLE works_fts USING fts5("
            "title, summary, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
    )


def write(conn: Connection, entries: Sequence[tuple[str, IndexDoc]], fresh: set[str]) -> None:
    """(Re-)index ``(work id, entry)`` pairs; ids in ``fresh`` were never indexed (new
    works), so no old row is looked for."""
    if not entries:
        return
    rowid_of: dict[str, int] = {}
    ids = [work_id for work_id, _doc in entries]
    for lo in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        chunk = ids[lo : lo + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT id, rowid FROM works WHERE id IN ({marks})"
        rowid_of.update(driver_rows(conn, sql, chunk))
    stale = [(rowid_of[i],) for i in ids if i not in fresh and i in rowid_of]
    driver_executemany(conn, "DELETE FROM works_fts WHERE rowid = ?", stale)
    driver_executemany(
        conn,
        "INSERT INTO works_fts(rowid, title, summary, body) VALUES (?, ?, ?, ?)",
        [(rowid_of[i], *doc.values) for i, doc in entries if i in rowid_of],
    )


def delete(conn: Connection, work_id: str) -> None:
    """Drop one work from the index (before its row is deleted)."""
    conn.execute(
        text("DELETE FROM works_fts WHERE rowid = (SELECT rowid FROM works WHERE id = :id)"),
        {"id": work_id},
    )


def match_clause(queries: Sequence[FtsQuery]) -> TextClause:
    """``SELECT rowid`` of the rows matching any of ``queries``."""
    return text("SELECT rowid FROM works_fts WHERE works_fts MATCH :fts").bindparams(
        bindparam("fts", fts5_expression(queries), unique=True)
    )


def rank_clause(queries: Sequence[FtsQuery]) -> TextClause:
    """``(work_id, rank)`` of the works matching any of ``queries``; lower is better."""
    return text(
        "SELECT works.id AS work_id, bm25(works_fts, "
        + BM25_WEIGHTS
        + ") AS rank FROM works_fts JOIN works ON works.rowid = works_fts.rowid "
        "WHERE works_fts MATCH :fts"
    ).bindparams(bindparam("fts", fts5_expression(queries), unique=True))


def match_rowids(conn: Connection, queries: Sequence[FtsQuery]) -> str:
    """The rowids (the works' rowids) of every row matching any of ``queries``, read
    from the FTS5 table alone (no lookup in ``works`` per match), as one string of
    comma-separated numbers ("" when none): SQLite joins them in C, where a row per
    match would cost a broad search 100,000 Python tuples (a few times the query)."""
    sql = "SELECT group_concat(rowid) FROM works_fts WHERE works_fts MATCH ?"
    rows = driver_rows(conn, sql, (fts5_expression(queries),))
    return str(rows[0][0] or "") if rows else ""


def count(conn: Connection, queries: Sequence[FtsQuery]) -> int:
    """How many rows match any of ``queries`` (one read of the words' index entries)."""
    rows = driver_rows(
        conn, "SELECT count(*) FROM works_fts WHERE works_fts MATCH ?", (fts5_expression(queries),)
    )
    return int(rows[0][0]) if rows else 0


def ranked_rowids(
    conn: Connection, queries: Sequence[FtsQuery], best: int | None = None
) -> list[tuple[int, float]]:
    """``(rowid, rank)`` of the rows matching any of ``queries``, with the rank of
    :func:`rank_clause` (lower is better), read from the FTS5 table alone; with
    ``best``, only that many of the best ranked, best first."""
    sql = (
        "SELECT rowid, bm25(works_fts, " + BM25_WEIGHTS + ") AS score FROM works_fts "
        "WHERE works_fts MATCH ?"
    )
    params: tuple[Any, ...] = (fts5_expression(queries),)
    if best is not None:
        # SQLite ranks every match in C keeping only the best ``best`` (one step of
        # the statement), so this costs no more than ranking and is cheap to fetch.
        sql += " ORDER BY score LIMIT ?"  # not FTS5's own (unweighted) rank column
        params += (best,)
    return driver_rows(conn, sql, params)


__all__ = [
    "BM25_WEIGHTS",
    "count",
    "create",
    "delete",
    "match_clause",
    "match_rowids",
    "rank_clause",
    "ranked_rowids",
    "write",
]
