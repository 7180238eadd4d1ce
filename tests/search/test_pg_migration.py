"""Migration 0003_pg_rank_vector: a PostgreSQL library made before it gains the small
rank vector, filled for every stored work; a SQLite library records it and changes
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from fandex.library import Library, schema
from fandex.search import search
from fandex.test.helper import fresh_pg_library, make_work

NAME = "0003_pg_rank_vector"


def _as_before_the_migration(lib: Library) -> None:
    """Put ``lib`` back in the shape a library had before 0003: no rank vector, and
    the migration not recorded."""
    with lib.engine.begin() as conn:
        if lib.dialect == "postgresql":
            conn.execute(text("ALTER TABLE works_fts DROP COLUMN rank_tsv"))
        conn.execute(schema.migrations_table.delete().where(schema.migrations_table.c.name == NAME))


def _recorded(lib: Library) -> list[str]:
    with lib.engine.connect() as conn:
        return list(conn.execute(select(schema.migrations_table.c.name)).scalars())


@pytest.mark.postgres
def test_pg_library_made_before_the_rank_vector_upgrades_on_open(pg_server: str) -> None:
    old = fresh_pg_library(pg_server)
    old.save(make_work("Quiet Lantern", chapters=["A room with a lantern."], summary="Calm."))
    old.save(make_work("Harbour", chapters=["The lantern, the lantern, the lantern."]))
    _as_before_the_migration(old)
    url = str(old.engine.url.render_as_string(hide_password=False))
    old.close()

    lib = Library.open(url)
    try:
        assert _recorded(lib).count(NAME) == 1
        with lib.engine.connect() as conn:
            filled = conn.execute(
                text(
                    "SELECT count(*) FROM works_fts "
                    "WHERE rank_tsv IS NOT NULL AND rank_tsv = ts_filter(tsv, '{a,b}')"
                )
            ).scalar()
            gin = conn.execute(
                text("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_works_fts_tsv'")
            ).scalar()
        assert filled == 2 and gin == 1
        # The title match ranks first although the other work says "lantern" thrice.
        assert [w.title for w in search(lib, "lantern").works] == ["Quiet Lantern", "Harbour"]
        # New works are indexed with the vector as well.
        lib.save(make_work("Lantern Lantern", chapters=["Nothing else."]))
        assert search(lib, "lantern").works[0].title == "Lantern Lantern"
    finally:
        lib.close()
    again = Library.open(url)
    assert _recorded(again).count(NAME) == 1  # run once, not again
    again.close()


def test_sqlite_library_made_before_the_rank_vector_records_it_and_still_searches(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lib.db"
    old = Library.open(path)
    old.save(make_work("Quiet Lantern", chapters=["A room with a lantern."]))
    _as_before_the_migration(old)
    assert NAME not in _recorded(old)
    old.close()
    lib = Library.open(path)
    try:
        assert _recorded(lib).count(NAME) == 1
        assert [w.title for w in search(lib, "lantern").works] == ["Quiet Lantern"]
    finally:
        lib.close()
