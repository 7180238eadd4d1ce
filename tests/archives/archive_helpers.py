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
