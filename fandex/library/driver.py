"""Rows straight from the database driver, for reads of many rows.

Tens of thousands of rows come back from a broad search or an index build, and
SQLAlchemy's Row objects would cost as much as the query; this reads the driver's own
tuples on the same connection (so the same transaction and snapshot).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection


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


__all__ = ["driver_executemany", "driver_rows"]
