"""Fixtures for search tests: a small hand-written corpus, a seeded random corpus, and a
throwaway PostgreSQL server.

The server is the session's ``pg_server`` fixture (tests/conftest.py);
:func:`fresh_pg_library` (a new database on it) comes from the test helpers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Test modules are imported with --import-mode=importlib: make the corpus module
# beside this file importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_corpus import corpus, fill, hand_corpus

from fandex.library import Library
from fandex.model import Work
from fandex.test.helper import fresh_pg_library

__all__ = ["fresh_pg_library"]


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
