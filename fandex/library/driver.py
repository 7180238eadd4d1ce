"""Rows straight from the database driver, for reads of many rows.

Tens of thousands of rows come back from a broad search or an index build, and
SQLAlchemy's Row objects would cost as much as the query; this reads the driver's own
tuples on the same connection (so the same transaction and snapshot).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Select, Table


def driver_rows(
    conn: Connection, sql: str, params: Sequence[Any] | dict[str, Any] = ()
) -> list[Any]:
    """Rows of ``sql`` as the driver's tuples, on ``conn``; ``sql`` and ``params`` are in
    the driver's own style (``?`` and a sequence on SQLite, ``%(name)s`` or ``%s`` on
    PostgreSQL)."""
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def rows_of_all(conn: Connection, statements: Sequence[Select[Any]]) -> list[list[Any]]:
    """The rows of each of ``statements`` (selects), read on ``conn``: on PostgreSQL in
    one round trip (psycopg's pipeline mode), as named tuples with the columns' names;
    elsewhere one query each, as SQLAlchemy rows (the same attributes).

    Loading a page of works reads eight tables: on a busy machine each round trip to
    the server waits its turn for a core, and eight of them were most of a cached
    search's time. The types read are the driver's own (strings, numbers, floats),
    which is what SQLAlchemy gives back for these columns on PostgreSQL."""
    if conn.dialect.name != "postgresql":
        return [list(conn.execute(s)) for s in statements]
    from psycopg.rows import namedtuple_row

    dbapi: Any = conn.connection.dbapi_connection  # psycopg's own: it pipelines
    cursors = []
    try:
        with dbapi.pipeline():
            for stmt in statements:
                compiled = stmt.compile(
                    dialect=conn.dialect, compile_kwargs={"render_postcompile": True}
                )
                cur = dbapi.cursor(row_factory=namedtuple_row)
                cursors.append(cur)
                cur.execute(str(compiled), compiled.params)
        return [cur.fetchall() for cur in cursors]
    finally:
        for cur in cursors:
            cur.close()


def driver_executemany(conn: Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run ``sql`` once per row of ``rows`` through the driver (its own batching: one
    prepared statement on SQLite, a pipeline on PostgreSQL), on ``conn``'s transaction."""
    if not rows:
        return
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` through the driver: one
    prepared statement run per row on SQLite, one ``COPY`` on PostgreSQL. A column the
    rows leave out gets its scalar default, as SQLAlchemy's insert would give it.

    Batches of works write tens of thousands of chapter and tag rows; SQLAlchemy's
    per-row parameter processing cost more than the database's own work."""
    if not rows:
        return
    keys = list(rows[0].keys())
    defaults = {
        c.name: getattr(c.default, "arg", None)
        for c in table.columns
        if c.name not in rows[0] and c.default is not None and c.default.is_scalar
    }
    names = keys + list(defaults)
    extra = tuple(defaults.values())
    quote = conn.dialect.identifier_preparer.quote
    cols = ", ".join(quote(n) for n in names)
    values = [tuple(row[k] for k in keys) + extra for row in rows]
    if conn.dialect.name == "postgresql":
        dbapi: Any = conn.connection.dbapi_connection  # psycopg's own: it has COPY
        with dbapi.cursor() as cur, cur.copy(f"COPY {quote(table.name)} ({cols}) FROM STDIN") as cp:
            for value in values:
                cp.write_row(value)
        return
    marks = ", ".join("?" * len(names))
    driver_executemany(conn, f"INSERT INTO {quote(table.name)} ({cols}) VALUES ({marks})", values)


__all__ = ["driver_executemany", "driver_rows", "insert_rows", "rows_of_all"]
