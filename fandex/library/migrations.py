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

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Connection, inspect, select

from fandex.library import schema

Migration = Callable[[Operations, Connection], None]

MIGRATIONS: list[tuple[str, Migration]] = [
    # The initial schema is created from schema.py; later migrations go here, e.g.
    # ("0002_works_rating_cache", lambda op, conn: op.add_column(...)),
    ("0001_initial", lambda op, conn: None),
    ("0002_blocklist", lambda op, conn: schema.blocklist.create(conn, checkfirst=True)),
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
        op = Operations(MigrationContext.configure(conn))
        applied = []
        for name, fn in MIGRATIONS:
            if name not in done:
                fn(op, conn)
                conn.execute(schema.migrations_table.insert(), {"name": name, "applied_at": now()})
                applied.append(name)
    for hook in POST_CREATE:
        hook(conn)
    return applied
