"""Series: places parsed from what files state, stored in their own table, listed in
order with the gaps named, and selected by ``series:`` in queries."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from fandex.library import Library, schema
from fandex.library.series import all_series, series_view
from fandex.model import SeriesEntry, Work
from fandex.parse.series import parse_series
from fandex.search import search
from fandex.test.helper import make_work


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("Part 2 of The Workshop Stories", [("The Workshop Stories", 2.0)]),
        ("Frost Cycle, part 3", [("Frost Cycle", 3.0)]),
        ("Frost Cycle (part 3 of 5)", [("Frost Cycle", 3.0)]),
        ("Frost Cycle #4", [("Frost Cycle", 4.0)]),
        ("Frost Cycle [1.5]", [("Frost Cycle", 1.5)]),
        ("Book 2 of the Tide Books", [("the Tide Books", 2.0)]),
        ("Part 1 of Tide; Part 3 of Salt", [("Tide", 1.0), ("Salt", 3.0)]),
        ("Tide", [("Tide", None)]),
        ("Part 1 of 2", []),
    ],
)
def test_series_places_as_files_state_them(stated: str, expected: list[tuple[str, float]]) -> None:
    assert [(e.name, e.position) for e in parse_series(stated)] == expected


def _part(title: str, *places: tuple[str, float | None, int | None]) -> Work:
    return make_work(title, series=[SeriesEntry(n, p, t) for n, p, t in places])


def test_a_work_in_two_series_is_listed_in_both(library: Library) -> None:
    library.save(_part("Low Tide", ("Tide", 1.0, None), ("Salt", 3.0, None)))
    library.save(_part("High Tide", ("Tide", 2.0, None)))
    assert all_series(library) == [("Salt", 1), ("Tide", 2)]
    assert [p.title for p in series_view(library, "TIDE").parts] == ["Low Tide", "High Tide"]
    assert library.get(make_work("Low Tide").id).to_dict()["series"] == [
        {"name": "Tide", "position": 1},
        {"name": "Salt", "position": 3},
    ]


def test_missing_parts_are_named_up_to_the_stated_total(library: Library) -> None:
    library.save(_part("One", ("Frost", 1.0, 6)))
    library.save(_part("Three", ("Frost", 3.0, None)))
    library.save(_part("Three and a half", ("Frost", 3.5, None)))
    library.save(_part("Loose", ("Frost", None, None)))
    view = series_view(library, "frost")
    assert [p.title for p in view.parts] == ["One", "Three", "Three and a half", "Loose"]
    assert view.missing == [2, 4, 5, 6]
    assert view.to_dict()["parts"][2]["position"] == 3.5


def test_series_query_selects_in_sql_and_in_python(library: Library) -> None:
    library.save(_part("Low Tide", ("Tide", 1.0, None)))
    library.save(_part("Dry", ("Desert", 1.0, None)))
    assert [w.title for w in search(library, "series:tide").works] == ["Low Tide"]
    assert [w.title for w in search(library, "series:t*").works] == ["Low Tide"]
    assert [w.title for w in search(library, "-series:tide").works] == ["Dry"]
    from fandex.query import parse
    from fandex.query.nodes import Context

    q = parse('series:"tide"')
    assert [w.title for w in library.iter_works() if q.match(w, Context())] == ["Low Tide"]


def test_old_series_strings_are_migrated(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.db"
    lib = Library.open(path)
    lib.save(make_work("Old", series=[SeriesEntry("ignored")]))
    with lib.engine.begin() as conn:
        conn.execute(text("DROP TABLE work_series"))
        conn.execute(text("UPDATE works SET series = 'Frost Cycle, part 2 of 4'"))
        conn.execute(
            schema.migrations_table.delete().where(schema.migrations_table.c.name == "0004_series")
        )
    lib.close()
    again = Library.open(path)
    assert [e.to_dict() for e in again.get(make_work("Old").id).series] == [
        {"name": "Frost Cycle", "position": 2, "total": 4}
    ]
    with again.engine.connect() as conn:
        names = list(conn.execute(select(schema.migrations_table.c.name)).scalars())
    assert "0004_series" in names
    again.close()


def test_epub_series_and_index_survive_export_and_import() -> None:
    from fandex.clean import clean
    from fandex.export import build_epub
    from fandex.parse import build_work
    from fandex.read import read_bytes

    work = make_work("Ebb", series=[SeriesEntry("Tidewater", 3.0), SeriesEntry("Salt", 1.5)])
    back = build_work(clean(read_bytes(build_epub(work), "ebb.epub")))
    assert [e.to_dict() for e in back.series] == [
        {"name": "Tidewater", "position": 3},
        {"name": "Salt", "position": 1.5},
    ]
