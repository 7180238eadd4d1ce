"""A scratch SQLite file that a dump's rows stream into, so stories can be served from
it one at a time without a database server and without the dump in memory.

The file lives in a private temporary folder and is removed when the
:class:`ScratchDB` is garbage-collected or the process ends, whichever comes first.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fandex.read.archives.mysqldump import DumpSink, Value

__all__ = ["ScratchDB", "ScratchSink", "TableInfo"]


@dataclass
class TableInfo:
    """What the dump held for one table."""

    name: str
    columns: list[str] = field(default_factory=list)
    rows: int = 0
    bad_rows: list[str] = field(default_factory=list)  # one line each, the first few
    charset: str | None = None  # as its CREATE TABLE declared it (MySQL's name)


class ScratchDB:
    """A throwaway SQLite database in its own temporary folder."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="fandex-archive-"))
        self.path = self.folder / "scratch.db"
        self.conn = sqlite3.connect(self.path, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.execute("PRAGMA cache_size=-16384")  # 16 MB: memory stays flat
        self._finalizer = weakref.finalize(self, _remove, self.conn, self.folder)

    def close(self) -> None:
        """Remove the scratch file now."""
        self._finalizer()

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[sqlite3.Row]:
        cur = self.conn.execute(sql, params)
        cur.row_factory = sqlite3.Row
        yield from cur


def _remove(conn: sqlite3.Connection, folder: Path) -> None:
    try:
        conn.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def quote(name: str) -> str:
    """An SQL identifier, quoted for SQLite."""
    return '"' + name.replace('"', '""') + '"'


class ScratchSink(DumpSink):
    """Stores the rows of the tables ``keep`` accepts; ``default_columns(table, width)``
    names the columns of a table whose dump has neither a CREATE TABLE nor column lists
    (``width``: how many values its rows hold)."""

    MAX_BAD_ROWS = 20

    def __init__(
        self,
        db: ScratchDB,
        keep: Callable[[str], bool],
        default_columns: Callable[[str, int], list[str] | None],
    ) -> None:
        self.db = db
        self.keep = keep
        self.default_columns = default_columns
        self.tables: dict[str, TableInfo] = {}
        self.truncation: tuple[str | None, str] | None = None
        self.damage: list[str] = []

    def wants(self, table: str) -> bool:
        return self.keep(table)

    def _ensure(self, table: str, columns: list[str]) -> TableInfo:
        info = self.tables.get(table)
        if info is None:
            info = self.tables[table] = TableInfo(table, [])
            cols = ", ".join(quote(c) for c in columns) or '"_"'
            self.db.conn.execute(f"CREATE TABLE {quote(table)} ({cols})")
            info.columns = list(columns)
            return info
        for col in columns:
            if col not in info.columns:
                self.db.conn.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(col)}")
                info.columns.append(col)
        return info

    def create_table(self, table: str, columns: list[str]) -> None:
        if self.keep(table):
            self._ensure(table, columns)

    def table_charset(self, table: str, charset: str) -> None:
        info = self.tables.get(table)
        if info is not None:
            info.charset = charset

    def rows_of(self, table: str, columns: list[str] | None, rows: list[list[Value]]) -> None:
        if columns is None:
            known = self.tables.get(table)
            width = len(rows[0]) if rows else 0
            columns = known.columns if known else self.default_columns(table, width)
            if not columns:
                self._bad(table, f"{len(rows)} row(s) of a table whose columns are unknown")
                return
        info = self._ensure(table, columns)
        good = [r for r in rows if len(r) == len(columns)]
        for r in rows:
            if len(r) != len(columns):
                first = r[0] if r else ""
                self._bad(
                    table,
                    f"row {first!s:.20} has {len(r)} values for {len(columns)} columns",
                    info,
                )
        if good:
            marks = ", ".join("?" * len(columns))
            names = ", ".join(quote(c) for c in columns)
            self.db.conn.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", good)
            info.rows += len(good)

    def _bad(self, table: str, detail: str, info: TableInfo | None = None) -> None:
        if info is not None and len(info.bad_rows) < self.MAX_BAD_ROWS:
            info.bad_rows.append(detail)
        if len(self.damage) < self.MAX_BAD_ROWS:
            self.damage.append(f"{table}: {detail}")

    def truncated(self, table: str | None, detail: str) -> None:
        if "ends inside" in detail:
            self.truncation = (table, detail)
        else:
            self._bad(table or "?", detail, self.tables.get(table or ""))
