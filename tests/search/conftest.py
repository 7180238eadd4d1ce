"""Fixtures for search tests: a small hand-written corpus, a seeded random corpus, and a
throwaway PostgreSQL server.

The server: ``$FANDEX_TEST_POSTGRES_URL`` when set (CI may start one with
``scripts/start-test-postgres``); otherwise one started here with Debian's
``initdb``/``pg_ctl`` (as the ``postgres`` user when running as root) and stopped at
the end of the session. Without PostgreSQL installed the PostgreSQL tests skip, except
under ``CI=true``, where they fail: the parity suite must really run there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from glob import glob
from pathlib import Path

import pytest

# Test modules are imported with --import-mode=importlib: make the corpus module
# beside this file importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_corpus import corpus, fill, hand_corpus
from sqlalchemy import create_engine, text

from fandex.library import Library
from fandex.model import Work

ROOT = Path(__file__).resolve().parents[2]
START = ROOT / "scripts" / "start-test-postgres"


def _postgres_installed() -> bool:
    return bool(glob("/usr/lib/postgresql/*/bin/initdb"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server for this test session."""
    url = os.environ.get("FANDEX_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    if not _postgres_installed():
        reason = "PostgreSQL is not installed (apt-get install postgresql); parity tests skipped"
        if os.environ.get("CI") == "true":
            pytest.fail(reason.replace("skipped", "must run in CI"))
        pytest.skip(reason)
    proc = subprocess.run([str(START)], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        pytest.fail(f"could not start PostgreSQL: {proc.stderr.strip()}")
    data_dir = proc.stderr.split("data in ", 1)[1].split(" ", 1)[0]
    try:
        yield proc.stdout.strip()
    finally:
        subprocess.run([str(START), "--stop", data_dir], capture_output=True, timeout=60)


def fresh_pg_library(server_url: str) -> Library:
    """A library in a new, empty database on the test server."""
    name = "fandex_" + uuid.uuid4().hex[:12]
    admin = create_engine(
        "postgresql+psycopg://" + server_url.split("://", 1)[1], isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    base = server_url.rsplit("/", 1)[0]
    return Library.open(f"{base}/{name}")


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    """A SQLite library holding the hand-written corpus."""
    library = fill(Library.open(tmp_path / "lib.db"), hand_corpus())
    yield library
    library.close()


@pytest.fixture(scope="module")
def backends(
    tmp_path_factory: pytest.TempPathFactory, pg_server: str
) -> Iterator[tuple[Library, Library, list[Work]]]:
    """The same corpus in SQLite and in PostgreSQL, and the works as stored (with text)."""
    works = corpus()
    sqlite = fill(Library.open(Path(tmp_path_factory.mktemp("parity")) / "lib.db"), works)
    pg = fill(fresh_pg_library(pg_server), works)
    loaded = list(sqlite.iter_works(sqlite.ids(), with_text=True))
    yield sqlite, pg, loaded
    sqlite.close()
    pg.close()


@pytest.fixture(params=["sql", "memory"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test through SQL alone, and through the in-memory index."""
    if request.param == "sql":
        from fandex.query import memory

        monkeypatch.setattr(memory, "available", lambda: False)
    return str(request.param)
