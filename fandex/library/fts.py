"""Full-text indexes: SQLite FTS5 and PostgreSQL tsvector + GIN, kept up to date on write.

Both backends index the *same tokens*, produced here in Python by :func:`tokens`
(Unicode letters and digits, accents removed, case-folded), so a phrase matches on
SQLite exactly when it matches on PostgreSQL and when :meth:`Query.match` checks a
work in memory. SQLite stores the token stream in an FTS5 table whose rowid is the
work's rowid; PostgreSQL stores a ``tsvector`` built here as a literal (positions and
weights computed in Python, so PostgreSQL's own parser never re-splits a word).

Each work has three columns of text: ``title``; ``summary`` (summary, notes and
chapter summaries/notes); ``body`` (every chapter's text, in order). A phrase never
spans two columns.

A query reaches the index through :class:`FtsQuery`, a small backend-neutral
expression (phrases, an optional column, prefix words) rendered per dialect by
:func:`match_sql` and :func:`rank_sql`. Nothing from a user's query reaches SQL
except as bound parameters, and every FTS operator is stripped by :func:`tokens`.

Ranking on PostgreSQL reads a second, small vector, ``rank_tsv`` (the title and
summary entries of ``tsv``, same positions and weights), never the full one: at
100,000 works ``ts_rank`` over every match's full ``tsv`` detoasted tens of megabytes
per query. A match only in the body therefore ranks 0 there (ties broken by id);
SQLite's bm25 still weighs the body. Matching itself always uses the full ``tsv``, so
both backends select the same works. Text searches on PostgreSQL run inside
:func:`index_scans`: the planner prices ``tsv @@ query`` as nearly free and would scan
(and decompress) every row for a common word instead of reading the GIN index.

Limits: PostgreSQL keeps word positions up to 16,383 and 256 positions per word; a
phrase far into a very long work may therefore be found on SQLite and not on
PostgreSQL (plain words are always found).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, literal_column, select, text
from sqlalchemy.sql import Subquery

from fandex.library import migrations, store
from fandex.model import Work

COLUMNS: tuple[str, ...] = ("title", "summary", "body")
# bm25 weights (SQLite) and tsvector weights (PostgreSQL) per column.
_BM25_WEIGHTS = "10.0, 4.0, 1.0"  # title, summary, body
_PG_WEIGHT = {"title": "A", "summary": "B", "body": "D"}
_PG_MAX_POS = 16383
_PG_MAX_POSITIONS = 256
# PostgreSQL refuses a tsvector over 1 MB; past this, body positions are dropped.
_PG_MAX_LITERAL = 900_000

_TOKEN = re.compile(r"[^\W_]+")


def fold(text_: str) -> str:
    """Case-fold and strip accents the way every index and matcher here does."""
    if text_.isascii():
        return text_.lower()  # the common case, and casefold() == lower() for ASCII
    return unicodedata.normalize("NFKD", text_.casefold()).translate(_combining())


@cache
def _combining() -> dict[int, None]:
    """A translate table deleting every combining mark (built once, on first use)."""
    return {cp: None for cp in range(0x20000) if unicodedata.combining(chr(cp))}


def tokens(text_: str | None) -> list[str]:
    """The searchable words of ``text_``: letters and digits, folded.

    >>> tokens("Don't stop -- Zoë said: \\"NEAR(a b)\\"*")
    ['don', 't', 'stop', 'zoe', 'said', 'near', 'a', 'b']
    """
    if not text_:
        return []
    return _TOKEN.findall(fold(text_))


def work_columns(work: Work) -> dict[str, list[str]]:
    """The tokens of each indexed column of ``work``."""
    summary_parts: list[str | None] = [work.summary, work.notes_begin, work.notes_end]
    for ch in work.chapters:
        summary_parts += [ch.summary, ch.notes_begin, ch.notes_end]
    body: list[str] = []
    for ch in work.chapters:
        body += tokens(ch.title)
        body += tokens(ch.text)
    return {
        "title": tokens(work.title),
        "summary": [t for part in summary_parts for t in tokens(part)],
        "body": body,
    }


# -- query expressions --------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """Consecutive words; ``prefix`` makes the last word match any word it starts."""

    words: tuple[str, ...]
    prefix: bool = False

    def matches(self, seq: Sequence[str]) -> bool:
        """Whether the token sequence ``seq`` contains this phrase."""
        n = len(self.words)
        if n == 0:
            return True
        head, last = list(self.words[:-1]), self.words[-1]
        for i in range(len(seq) - n + 1):
            if n > 1 and (seq[i] != head[0] or list(seq[i : i + n - 1]) != head):
                continue
            tok = seq[i + n - 1]
            if tok == last or (self.prefix and tok.startswith(last)):
                return True
        return False


@dataclass(frozen=True)
class FtsQuery:
    """Every phrase must occur (in ``column`` when given, else in any column)."""

    phrases: tuple[Phrase, ...]
    column: str | None = None

    def matches(self, cols: dict[str, list[str]]) -> bool:
        seqs = [cols[self.column]] if self.column else [cols[c] for c in COLUMNS]
        return all(any(p.matches(s) for s in seqs) for p in self.phrases)


def any_of(queries: Iterable[FtsQuery]) -> list[FtsQuery]:
    """Drop empty queries (no words left after folding)."""
    return [q for q in queries if q.phrases]


def fts5_expression(queries: Sequence[FtsQuery]) -> str:
    """An FTS5 MATCH string: the queries OR'ed, each an AND of quoted phrases.

    Tokens hold only letters and digits, so quoting them cannot be escaped from.
    """

    def phrase(p: Phrase) -> str:
        return '"' + " ".join(p.words) + '"' + (" *" if p.prefix else "")

    def one(q: FtsQuery) -> str:
        body = " AND ".join(phrase(p) for p in q.phrases)
        return f"{q.column} : ({body})" if q.column else f"({body})"

    return " OR ".join(one(q) for q in queries)


def tsquery_literal(queries: Sequence[FtsQuery]) -> str:
    """A PostgreSQL ``tsquery`` literal with the same meaning as :func:`fts5_expression`."""

    def word(w: str, last: bool, p: Phrase, col: str | None) -> str:
        suffix = ""
        if col:
            suffix += _PG_WEIGHT[col]
        if last and p.prefix:
            suffix += "*"
        return f"'{w}'" + (f":{suffix}" if suffix else "")

    def phrase(p: Phrase, col: str | None) -> str:
        n = len(p.words)
        return "(" + " <-> ".join(word(w, i == n - 1, p, col) for i, w in enumerate(p.words)) + ")"

    def one(q: FtsQuery) -> str:
        return "(" + " & ".join(phrase(p, q.column) for p in q.phrases) + ")"

    return " | ".join(one(q) for q in queries)


def match_sql(dialect: str, queries: Sequence[FtsQuery]) -> ColumnElement[bool]:
    """Works matching any of ``queries`` (each an AND of phrases), as a WHERE clause."""
    from fandex.library import schema

    if dialect == "sqlite":
        sub = text("SELECT rowid FROM works_fts WHERE works_fts MATCH :fts").bindparams(
            bindparam("fts", fts5_expression(queries), unique=True)
        )
        return literal_column("works.rowid").in_(sub.columns(literal_column("rowid")))
    sub_pg = text("SELECT work_id FROM works_fts WHERE tsv @@ CAST(:tsq AS tsquery)").bindparams(
        bindparam("tsq", tsquery_literal(queries), unique=True)
    )
    return schema.works.c.id.in_(sub_pg.columns(literal_column("work_id")))


def rank_subquery(dialect: str, queries: Sequence[FtsQuery]) -> Subquery:
    """``(work_id, rank)`` for works matching any of ``queries``; lower rank is better."""
    if dialect == "sqlite":
        stmt = text(
            "SELECT works.id AS work_id, bm25(works_fts, "
            + _BM25_WEIGHTS
            + ") AS rank FROM works_fts JOIN works ON works.rowid = works_fts.rowid "
            "WHERE works_fts MATCH :fts"
        ).bindparams(bindparam("fts", fts5_expression(queries), unique=True))
    else:
        # Ranked on the small title + summary vector (see the module docstring); the
        # full ``tsv`` only decides which works match, through the GIN index.
        stmt = text(
            "SELECT work_id, -coalesce(ts_rank(rank_tsv, CAST(:tsq AS tsquery)), 0) AS rank "
            "FROM works_fts WHERE tsv @@ CAST(:tsq AS tsquery)"
        ).bindparams(bindparam("tsq", tsquery_literal(queries), unique=True))
    return stmt.columns(literal_column("work_id"), literal_column("rank")).subquery("fts_rank")


@contextmanager
def index_scans(conn: Connection) -> Iterator[None]:
    """PostgreSQL: within this block (on ``conn``'s transaction) the planner does not
    choose a sequential scan where another plan exists; elsewhere, nothing.

    ``tsv @@ query`` on a sequential scan decompresses every work's vector (half a
    second at 100,000 works); the GIN index answers the same rows without reading
    them, but for a common word the planner, which prices ``@@`` as nearly free,
    prefers the scan. The plan changes, never the rows.
    """
    if conn.dialect.name != "postgresql":
        yield
        return
    before = conn.execute(text("SELECT current_setting('enable_seqscan')")).scalar()
    conn.execute(text("SET LOCAL enable_seqscan = off"))
    yield
    # Not in a ``finally``: after an error the transaction, and this setting with it,
    # is rolled back, and a statement here would only fail again.
    conn.execute(text("SELECT set_config('enable_seqscan', :v, true)"), {"v": before})


def driver_rows(
    conn: Connection, sql: str, params: Sequence[Any] | dict[str, Any] = ()
) -> list[Any]:
    """Rows of ``sql`` as the driver's tuples, on ``conn``; ``sql`` and ``params`` are in
    the driver's own style (``?`` and a sequence on SQLite, ``%(name)s`` and a dict on
    PostgreSQL)."""
    # Straight from the driver: tens of thousands of rows come back, and SQLAlchemy's
    # Row objects would cost as much as the query. Same connection, same snapshot.
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def match_rowids(conn: Connection, queries: Sequence[FtsQuery]) -> list[tuple[int]]:
    """SQLite: ``(rowid,)`` (the work's rowid) of every row matching any of ``queries``,
    read from the FTS5 table alone (no lookup in ``works`` per match)."""
    sql = "SELECT rowid FROM works_fts WHERE works_fts MATCH ?"
    return driver_rows(conn, sql, (fts5_expression(queries),))


def ranked_rowids(
    conn: Connection, queries: Sequence[FtsQuery], best: int | None = None
) -> list[tuple[int, float]]:
    """SQLite: ``(rowid, rank)`` of the rows matching any of ``queries``, with the rank
    :func:`rank_subquery` gives (lower is better), read from the FTS5 table alone;
    with ``best``, only that many of the best ranked, best first."""
    sql = (
        "SELECT rowid, bm25(works_fts, " + _BM25_WEIGHTS + ") AS score FROM works_fts "
        "WHERE works_fts MATCH ?"
    )
    params: tuple[Any, ...] = (fts5_expression(queries),)
    if best is not None:
        # SQLite ranks every match in C keeping only the best ``best`` (one step of
        # the statement), so this costs no more than ranking and is cheap to fetch.
        sql += " ORDER BY score LIMIT ?"  # not FTS5's own (unweighted) rank column
        params += (best,)
    return driver_rows(conn, sql, params)


def loosened(queries: Sequence[FtsQuery]) -> list[FtsQuery]:
    """``queries`` without word order or columns: every word of each, in any column.

    PostgreSQL's GIN index answers this alone; a phrase or a column makes it read
    (and decompress) each candidate's vector to check positions and weights. It
    selects every work ``queries`` selects, and more.

    >>> tsquery_literal(loosened([FtsQuery((Phrase(("red", "dra"), prefix=True),), "title")]))
    "(('red') & ('dra':*))"
    """
    out: list[FtsQuery] = []
    for q in queries:
        words = [
            Phrase((w,), p.prefix and i == len(p.words) - 1)
            for p in q.phrases
            for i, w in enumerate(p.words)
        ]
        out.append(FtsQuery(tuple(words)))
    return out


def ranked_ids(
    conn: Connection, queries: Sequence[FtsQuery], best: int | None = None
) -> list[tuple[str, float]]:
    """PostgreSQL: ``(work_id, rank)`` of the works that have every word of any of
    ``queries`` (:func:`loosened`: a superset of the matches, for the caller to
    narrow), with the rank :func:`rank_subquery` gives, best first and ties by id
    (byte order, as the page query sorts); with ``best``, only that many. Run it
    inside :func:`index_scans`."""
    sql = (
        "SELECT work_id, -coalesce(ts_rank(rank_tsv, CAST(%s AS tsquery)), 0) AS score "
        'FROM works_fts WHERE tsv @@ CAST(%s AS tsquery) ORDER BY score, work_id COLLATE "C"'
    )
    params: tuple[Any, ...] = (tsquery_literal(queries), tsquery_literal(loosened(queries)))
    if best is not None:
        sql += " LIMIT %s"
        params += (best,)
    return driver_rows(conn, sql, params)


# -- index upkeep -------------------------------------------------------------------


def tsvector_literal(cols: dict[str, list[str]]) -> str:
    """The ``tsvector`` of a work's columns, with a gap between columns."""
    positions: dict[str, list[str]] = {}
    pos = 1
    for col in COLUMNS:
        weight = "" if _PG_WEIGHT[col] == "D" else _PG_WEIGHT[col]
        for tok in cols[col]:
            entry = positions.setdefault(tok, [])
            if len(entry) < _PG_MAX_POSITIONS:
                p = min(pos, _PG_MAX_POS)
                item = f"{p}{weight}"
                if not entry or entry[-1] != item:
                    entry.append(item)
            pos += 1
        pos += 1  # a gap, so no phrase runs from the title into the summary
    out = " ".join(f"'{tok}':{','.join(ps)}" for tok, ps in positions.items())
    if len(out) > _PG_MAX_LITERAL:
        out = " ".join(f"'{tok}':{ps[0]}" for tok, ps in positions.items())
    return out


def rank_tsvector_literal(cols: dict[str, list[str]]) -> str:
    """The small ``rank_tsv`` PostgreSQL ranks with: the title and summary entries of
    :func:`tsvector_literal` (same positions, same weights), without the body.

    >>> rank_tsvector_literal({"title": ["ink"], "summary": ["ink", "ash"], "body": ["ink"]})
    "'ink':1A,3B 'ash':4B"
    """
    return tsvector_literal({**cols, "body": []})


def _index_sqlite(conn: Connection, work: Work) -> None:
    rowid = conn.execute(text("SELECT rowid FROM works WHERE id = :id"), {"id": work.id}).scalar()
    conn.execute(text("DELETE FROM works_fts WHERE rowid = :r"), {"r": rowid})
    cols = work_columns(work)
    conn.execute(
        text("INSERT INTO works_fts(rowid, title, summary, body) VALUES (:r, :t, :s, :b)"),
        {
            "r": rowid,
            "t": " ".join(cols["title"]),
            "s": " ".join(cols["summary"]),
            "b": " ".join(cols["body"]),
        },
    )


def _index_pg(conn: Connection, work: Work) -> None:
    cols = work_columns(work)
    conn.execute(
        text(
            "INSERT INTO works_fts(work_id, tsv, rank_tsv) "
            "VALUES (:id, CAST(:v AS tsvector), CAST(:r AS tsvector)) "
            "ON CONFLICT (work_id) DO UPDATE SET tsv = EXCLUDED.tsv, rank_tsv = EXCLUDED.rank_tsv"
        ),
        {"id": work.id, "v": tsvector_literal(cols), "r": rank_tsvector_literal(cols)},
    )


def index_work(conn: Connection, work: Work) -> None:
    """(Re-)index one stored work; runs inside the library's write transaction."""
    if conn.dialect.name == "sqlite":
        _index_sqlite(conn, work)
    else:
        _index_pg(conn, work)


def unindex_work(conn: Connection, work_id: str) -> None:
    """Drop one work from the index (before its row is deleted)."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("DELETE FROM works_fts WHERE rowid = (SELECT rowid FROM works WHERE id = :id)"),
            {"id": work_id},
        )
    else:
        conn.execute(text("DELETE FROM works_fts WHERE work_id = :id"), {"id": work_id})


def _table_exists(conn: Connection, name: str) -> bool:
    if conn.dialect.name == "sqlite":
        q = "SELECT 1 FROM sqlite_master WHERE name = :n"
    else:
        q = "SELECT 1 FROM pg_class WHERE relname = :n AND relkind IN ('r', 'p')"
    return conn.execute(text(q), {"n": name}).first() is not None


def ensure_index(conn: Connection) -> None:
    """Create the full-text table (and the tag-name index) if missing; fill it for old works.

    Runs on every open through :data:`fandex.library.migrations.POST_CREATE`.
    """
    created = False
    if not _table_exists(conn, "works_fts"):
        created = True
        if conn.dialect.name == "sqlite":
            # The text is already folded by tokens(); FTS5 only splits on spaces.
            conn.execute(
                text(
                    "CREATE VIRTUAL TABLE works_fts USING fts5("
                    "title, summary, body, tokenize = 'unicode61 remove_diacritics 0')"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE TABLE works_fts (work_id VARCHAR(32) PRIMARY KEY "
                    "REFERENCES works(id) ON DELETE CASCADE, tsv tsvector NOT NULL, "
                    "rank_tsv tsvector)"  # nullable: migration 0003 adds it to old tables
                )
            )
            conn.execute(text("CREATE INDEX ix_works_fts_tsv ON works_fts USING GIN (tsv)"))
    # Only missing indexes are created: CREATE INDEX locks the table even when the
    # index exists, which would deadlock against another process's import.
    sqlite = conn.dialect.name == "sqlite"

    def folded(col: str) -> str:
        # Names compare ASCII-case-insensitively on both backends (query.values).
        return f"lower({col})" if sqlite else f'lower({col} COLLATE "C")'

    # Tag lookups read only this index: the name, the work, and what decides whether
    # the tag counts (source, confidence).
    tag_cols = f"type, {folded('name')}, work_id"
    wanted = {
        "ix_tags_lookup": (
            f"tags ({tag_cols}, source, confidence)"
            if sqlite
            else f"tags ({tag_cols}) INCLUDE (source, confidence)"
        ),
        "ix_authors_lname": f"authors ({folded('name')})",
        # Listings sort on these without reading every row.
        "ix_works_imported": "works (imported_at, id)",
        "ix_works_title": f"works ({folded('title')}, id)",
        "ix_works_words": "works (words, id)",
    }
    if sqlite:
        have_q = "SELECT name FROM sqlite_master WHERE type = 'index'"
    else:
        have_q = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
    have = set(conn.execute(text(have_q)).scalars())
    if "ix_tags_type_lname" in have:  # its narrower predecessor
        conn.execute(text("DROP INDEX ix_tags_type_lname"))
    for name, target in wanted.items():
        if name not in have:
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {target}"))
    if not _table_exists(conn, "fandex_search_state"):
        # One row counting writes: caches of search data (facets) compare it to know
        # when the library changed, across processes and on both backends.
        conn.execute(
            text("CREATE TABLE fandex_search_state (id INTEGER PRIMARY KEY, generation BIGINT)")
        )
        conn.execute(text("INSERT INTO fandex_search_state VALUES (1, 0)"))
    if created:
        reindex_all(conn)


def reindex_all(conn: Connection) -> int:
    """Index every stored work (a library made before search existed); returns the count."""
    from fandex.library import schema

    ids = list(conn.execute(select(schema.works.c.id)).scalars())
    n = 0
    for i in range(0, len(ids), 200):
        for work in store._load_works(conn, ids[i : i + 200], with_text=True):
            index_work(conn, work)
            n += 1
    return n


def generation(conn: Connection) -> int:
    """A number that changes whenever a work or a tag is written or removed."""
    return int(
        conn.execute(text("SELECT generation FROM fandex_search_state WHERE id = 1")).scalar() or 0
    )


def _bump(conn: Connection) -> None:
    conn.execute(text("UPDATE fandex_search_state SET generation = generation + 1 WHERE id = 1"))


def _on_save(conn: Connection, work: Work) -> None:
    index_work(conn, work)
    _bump(conn)


def _on_tag(conn: Connection, work_id: str) -> None:
    _bump(conn)


def _on_remove(conn: Connection, work_id: str) -> None:
    unindex_work(conn, work_id)
    _bump(conn)


def register() -> None:
    """Hook index upkeep into the library's writes (idempotent)."""
    if ensure_index not in migrations.POST_CREATE:
        migrations.POST_CREATE.append(ensure_index)
    if _on_save not in store.SAVE_HOOKS:
        store.SAVE_HOOKS.append(_on_save)
    if _on_tag not in store.TAG_HOOKS:
        store.TAG_HOOKS.append(_on_tag)
    if _on_remove not in store.REMOVE_HOOKS:
        store.REMOVE_HOOKS.append(_on_remove)


register()

__all__: list[str] = [
    "COLUMNS",
    "FtsQuery",
    "Phrase",
    "any_of",
    "driver_rows",
    "ensure_index",
    "fold",
    "generation",
    "index_scans",
    "index_work",
    "loosened",
    "match_rowids",
    "match_sql",
    "rank_subquery",
    "rank_tsvector_literal",
    "ranked_ids",
    "ranked_rowids",
    "reindex_all",
    "tokens",
    "tsvector_literal",
    "work_columns",
]
