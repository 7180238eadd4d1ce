"""Named, recorded schema migrations, each run once (beets' dbcore idea).

A migration is a function of an Alembic :class:`~alembic.operations.Operations`
bound to the connection, so DDL renders for SQLite and PostgreSQL alike. Add new
ones at the end of :data:`MIGRATIONS` and change :mod:`fandex.library.schema` to
match: fresh libraries are built from the schema and stamped with every name here
(Alembic's "create_all, then stamp head"), existing ones run what they lack.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, inspect, select, text

from fandex.library import schema

if TYPE_CHECKING:
    from alembic.operations import Operations

# Alembic is imported only when a migration is to run: opening an up-to-date library
# (every command does) does not pay for loading it.
Migration = Callable[["Operations", Connection], None]


def _pg_rank_vector(op: Operations, conn: Connection) -> None:
    """PostgreSQL: add ``works_fts.rank_tsv``, the small vector search ranks with
    (:mod:`fandex.library.fts`), filled from each work's full vector (its title and
    summary entries, which is what the index writes for a new work). SQLite ranks
    with FTS5's bm25 and needs nothing; a library without ``works_fts`` gets the
    column when the search index is created."""
    if conn.dialect.name != "postgresql":
        return
    inspector = inspect(conn)
    if "works_fts" not in inspector.get_table_names():
        return
    if any(c["name"] == "rank_tsv" for c in inspector.get_columns("works_fts")):
        return
    from sqlalchemy.dialects.postgresql import TSVECTOR

    op.add_column("works_fts", Column("rank_tsv", TSVECTOR(), nullable=True))
    # Every row gets a new version: without the GIN index the update leaves the big
    # vectors where they are, and one index build afterwards beats 100,000 insertions.
    conn.execute(text("DROP INDEX IF EXISTS ix_works_fts_tsv"))
    conn.execute(text("UPDATE works_fts SET rank_tsv = ts_filter(tsv, '{a,b}')"))
    conn.execute(text("CREATE INDEX ix_works_fts_tsv ON works_fts USING GIN (tsv)"))


def _flags_table(op: Operations, conn: Connection) -> None:
    """Add the ``flags`` table (a row per flag that names a tag, for ``suspect:`` and
    ``flagged:`` queries), filled from each work's ``flags_json``; and reconcile what
    libraries imported before "stated wins" hold: an inferred or learned rating or warning
    beside the author's own becomes a flag (:mod:`fandex.tag.reconcile`)."""
    from fandex.library import tagrows

    schema.flags.create(conn, checkfirst=True)
    w = schema.works
    ids = list(conn.execute(select(w.c.id).order_by(w.c.id)).scalars())
    for i in range(0, len(ids), 500):
        batch = ids[i : i + 500]
        flags = dict(conn.execute(select(w.c.id, w.c.flags_json).where(w.c.id.in_(batch))).all())
        tags = tagrows.load_tags(conn, batch)
        for work_id in batch:
            tagrows.rewrite_tags(conn, work_id, tags.get(work_id, []), flags.get(work_id) or "[]")


def _series_table(op: Operations, conn: Connection) -> None:
    """``work_series`` from the old one-string ``works.series`` ("Part 2 of Name",
    "Name, part 3"); the string column stays, holding the places as text."""
    # The parser loads with the whole parse package: only old libraries need it, once.
    from fandex.parse.series import parse_series

    schema.work_series.create(conn, checkfirst=True)
    w = schema.works
    rows = conn.execute(select(w.c.id, w.c.series).where(w.c.series.is_not(None))).all()
    out = []
    for work_id, value in rows:
        out += schema.series_rows(work_id, parse_series(value or ""))
    if out:
        conn.execute(schema.work_series.insert(), out)


def _versions_tables(op: Operations, conn: Connection) -> None:
    for table in (
        schema.signatures,
        schema.signature_keys,
        schema.work_versions,
        schema.near_duplicates,
        schema.version_decisions,
    ):
        table.create(conn, checkfirst=True)


MIGRATIONS: list[tuple[str, Migration]] = [
    # The initial schema is created from schema.py; later migrations go here, e.g.
    # ("0002_works_rating_cache", lambda op, conn: op.add_column(...)),
    ("0001_initial", lambda op, conn: None),
    ("0002_blocklist", lambda op, conn: schema.blocklist.create(conn, checkfirst=True)),
    ("0003_pg_rank_vector", _pg_rank_vector),
    ("0005_users", lambda op, conn: schema.users.create(conn, checkfirst=True)),
    ("0005_saved_searches", lambda op, conn: schema.saved_searches.create(conn, checkfirst=True)),
    ("0005_reading_state", lambda op, conn: schema.reading.create(conn, checkfirst=True)),
    ("0005_sync_progress", lambda op, conn: schema.sync_progress.create(conn, checkfirst=True)),
    ("0005_documents", lambda op, conn: schema.documents.create(conn, checkfirst=True)),
    ("0006_flags_stated_wins", _flags_table),
    ("0004_series", _series_table),
    ("0004_source_ids", lambda op, conn: schema.source_ids.create(conn, checkfirst=True)),
    ("0004_versions", _versions_tables),
]

# Hooks run after the core schema exists on every open (idempotent): backends use
# them for things SQLAlchemy's metadata cannot express (FTS5 tables, GIN indexes).
POST_CREATE: list[Callable[[Connection], None]] = []


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrate(conn: Connection) -> list[str]:
    """Bring the schema up to date; returns the names of migrations applied now."""
    existing = set(inspect(conn).get_table_names())
    if schema.works.name not in existing:
        schema.metadata.create_all(conn)
        conn.execute(
            schema.migrations_table.insert(),
            [{"name": name, "applied_at": now()} for name, _ in MIGRATIONS],
        )
        applied = [name for name, _ in MIGRATIONS]
    else:
        schema.metadata.create_all(conn, tables=[schema.migrations_table])
        done = set(conn.execute(select(schema.migrations_table.c.name)).scalars())
        applied = []
        for name, fn in MIGRATIONS:
            if name not in done:
                from alembic.migration import MigrationContext
                from alembic.operations import Operations

                fn(Operations(MigrationContext.configure(conn)), conn)
                conn.execute(schema.migrations_table.insert(), {"name": name, "applied_at": now()})
                applied.append(name)
    for hook in POST_CREATE:
        hook(conn)
    return applied
