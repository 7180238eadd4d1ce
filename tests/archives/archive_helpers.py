"""Helpers shared by the archive tests: fixture paths, a sequential import, and a
MariaDB client wrapper."""

from __future__ import annotations

import subprocess
from pathlib import Path

from fandex.importer import ImportReport, ImportSession
from fandex.library import Library
from fandex.read.discover import Limits

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EFICTION = FIXTURES / "efiction"
AA = FIXTURES / "aa"


def import_paths(lib: Library, *paths: Path, files: Path | None = None) -> ImportReport:
    """Import ``paths`` sequentially (the taggers run as in a real import)."""
    return ImportSession(lib, jobs=1, limits=Limits(archive_files=files)).run(list(paths))


class MariaDB:
    """A running MariaDB server on a socket; :meth:`sql` runs statements through the
    real ``mariadb`` client and returns rows as tab-separated fields."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = folder / "mysqld.sock"

    def client(self, *args: str, stdin: bytes | None = None) -> str:
        proc = subprocess.run(
            ["mariadb", "--no-defaults", f"--socket={self.socket}", "-uroot", *args],
            input=stdin,
            capture_output=True,
            timeout=120,
        )
        if proc.returncode != 0:
            raise AssertionError(proc.stderr.decode("utf-8", "replace"))
        return proc.stdout.decode("utf-8")

    def sql(self, database: str, statement: str) -> list[list[str]]:
        out = self.client("-N", "-B", database, "-e", statement)
        return [line.split("\t") for line in out.splitlines()]


def sql_value(value: object) -> str:
    """A MySQL literal, as mysqldump writes it."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return "'" + text + "'"


def sql_dump(
    tables: dict[str, tuple[list[str], list[tuple[object, ...]]]],
    *,
    create: bool = True,
    column_lists: bool = True,
    charset: str = "latin1",
) -> str:
    """A small MySQL dump of ``tables`` (name -> columns, rows): with CREATE TABLE
    statements (declaring ``charset``) and column lists as mysqldump writes them, or
    neither, as eFiction's own backup page writes them."""
    out = ["/*!40101 SET NAMES utf8 */;\n"]
    for name, (columns, rows) in tables.items():
        if create:
            cols = ",\n".join(f"  `{c}` text" for c in columns)
            out.append(
                f"CREATE TABLE `{name}` (\n{cols}\n) ENGINE=MyISAM DEFAULT CHARSET={charset};\n"
            )
        names = " (" + ", ".join(f"`{c}`" for c in columns) + ")" if column_lists else ""
        for row in rows:
            values = ",".join(sql_value(v) for v in row)
            out.append(f"INSERT INTO `{name}`{names} VALUES ({values});\n")
    return "".join(out)
