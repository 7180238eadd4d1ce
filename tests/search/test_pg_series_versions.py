"""Series, source ids and version groups on a real PostgreSQL library: the same
groups, records and queries as on SQLite, and the 0004 migrations on an old library."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from fandex.test.helper import fresh_pg_library

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "library"))
from versions_story import write_copies

from fandex.importer import ImportSession
from fandex.library import Library, schema, sigrows, versions
from fandex.library.series import series_view
from fandex.model import SeriesEntry
from fandex.search import search
from fandex.test.helper import make_work


def _groups(lib: Library, copies: dict[str, Path]) -> list[list[str]]:
    names = {str(p): k for k, p in copies.items()}
    out = []
    for group in versions.groups(lib):
        out.append(sorted(names[v.path or ""] for v in group))
    return out


@pytest.mark.postgres
def test_grouping_on_postgresql_matches_sqlite(pg_server: str, tmp_path: Path) -> None:
    copies = write_copies(tmp_path / "fics")
    pg = fresh_pg_library(pg_server)
    lite = Library.open(tmp_path / "lite.db")
    for lib in (pg, lite):
        report = ImportSession(lib).run([copies["full"].parent])
        assert not report.failed
    assert _groups(pg, copies) == _groups(lite, copies) == [["edited", "full", "snap1", "snap3"]]
    assert sorted(w.title for w in search(pg, "").works) == [
        "Harbour Accounts",
        "The Lamplighter's Road",
    ]
    primary = pg.get(pg.source(str(copies["full"]))[0])
    assert len(primary.versions) == 4 and primary.find_tag("fandom", "Original Work") is not None
    snap = pg.source(str(copies["snap1"]))[0]
    versions.split(pg, snap)
    versions.group(pg)
    assert pg.get(snap).version_of is None
    lite.close()
    pg.close()


@pytest.mark.postgres
def test_series_and_source_ids_on_postgresql(pg_server: str) -> None:
    pg = fresh_pg_library(pg_server)
    work = make_work("Ebb", series=[SeriesEntry("Tidewater", 3.0, 4)])
    work.source_ids = {"ao3": "99", "url": "archiveofourown.org/works/99"}
    pg.save(work)
    pg.save(make_work("Flood", series=[SeriesEntry("Tidewater", 1.0)]))
    back = pg.get(work.id)
    assert back.source_ids == {"ao3": "99", "url": "archiveofourown.org/works/99"}
    assert series_view(pg, "TIDEWATER").missing == [2, 4]
    assert [w.title for w in search(pg, "series:tidewater", sort="title").works] == ["Ebb", "Flood"]
    pg.close()


@pytest.mark.postgres
def test_old_postgresql_library_gains_the_0004_tables(pg_server: str) -> None:
    old = fresh_pg_library(pg_server)
    old.save(make_work("Old"))
    with old.engine.begin() as conn:
        for table in (
            "work_series",
            "source_ids",
            "signature_keys",
            "signatures",
            "work_versions",
            "near_duplicates",
            "version_decisions",
        ):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("UPDATE works SET series = 'Part 2 of Salt Roads'"))
        conn.execute(
            schema.migrations_table.delete().where(schema.migrations_table.c.name.like("0004_%"))
        )
    url = old.engine.url.render_as_string(hide_password=False)
    old.close()
    again = Library.open(url)
    assert [e.to_dict() for e in again.get(make_work("Old").id).series] == [
        {"name": "Salt Roads", "position": 2}
    ]
    sigrows.ensure_signatures(again)
    assert versions.group(again).examined == 1
    again.close()
