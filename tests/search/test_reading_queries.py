"""read:, progress: and toread: select the same works in SQL (SQLite and PostgreSQL)
as in Python, for the library's own reader and for another one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import fresh_pg_library

from fandex.library import Library, reading
from fandex.query import Context, default_thresholds, parse
from fandex.search import search
from fandex.test.helper import make_work

QUERIES = [
    "read:no",
    "read:progress",
    "read:finished",
    "-read:no",
    "progress:<50",
    "progress:>=50",
    "progress:20..60",
    "progress:100",
    "toread:yes",
    "toread:no",
    "toread:yes read:no",
    "read:finished OR toread:yes",
]


def _fill(lib: Library) -> dict[str, str]:
    ids = {}
    for title in ("Unread", "Started", "Halfway", "Done", "Later", "Later and started"):
        ids[title] = lib.save(make_work(title, chapters=["a b c d", "e f g h"])).work_id
    reading.record_progress(lib, ids["Started"], 10)
    reading.record_progress(lib, ids["Halfway"], 55)
    reading.mark(lib, ids["Done"], "read")
    reading.mark(lib, ids["Later"], "toread")
    reading.mark(lib, ids["Later and started"], "toread")
    reading.record_progress(lib, ids["Later and started"], 30)
    # Another reader's state never leaks into the owner's queries.
    reading.mark(lib, ids["Unread"], "read", reader="someone-else")
    return ids


def _sql(lib: Library, q: str) -> set[str]:
    return {w.title for w in search(lib, q, per_page=100, facets=False).works}


def _python(lib: Library, q: str) -> set[str]:
    ctx = Context(dialect=lib.dialect, thresholds=default_thresholds())
    return {w.title for w in lib.iter_works() if parse(q).match(w, ctx)}


@pytest.fixture(params=["sqlite", "postgresql"])
def filled(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Library]:
    if request.param == "sqlite":
        lib = Library.open(tmp_path / "r.db")
    else:
        lib = fresh_pg_library(request.getfixturevalue("pg_server"))
    _fill(lib)
    yield lib
    lib.close()


@pytest.mark.parametrize("query", QUERIES)
def test_sql_and_python_agree(filled: Library, query: str) -> None:
    assert _sql(filled, query) == _python(filled, query)


def test_the_fields_select_what_they_say(filled: Library) -> None:
    assert _sql(filled, "read:no") == {"Unread", "Later"}
    assert _sql(filled, "read:progress") == {"Started", "Halfway", "Later and started"}
    assert _sql(filled, "read:finished") == {"Done"}
    assert _sql(filled, "progress:<50") == {"Started", "Later and started"}
    assert _sql(filled, "toread:yes") == {"Later", "Later and started"}


def test_another_reader_sees_their_own_state(filled: Library) -> None:
    with reading.as_reader("someone-else"):
        assert _sql(filled, "read:finished") == {"Unread"}
        assert _python(filled, "read:finished") == {"Unread"}
        assert _sql(filled, "toread:yes") == set()


def test_facet_path_agrees_with_the_plain_path(filled: Library) -> None:
    # Facets send the query through the in-memory index, where these fields are
    # asked of the database leaf by leaf.
    for q in ("read:progress", "toread:yes -read:progress", "progress:>=50"):
        with_facets = {w.title for w in search(filled, q, per_page=100, facets=True).works}
        assert with_facets == _sql(filled, q)


def test_synced_progress_and_served_documents_on_both_backends(filled: Library) -> None:
    from fandex.library import documents, sync

    wid = next(w.id for w in filled.iter_works() if w.title == "Unread")
    documents.remember(filled, "d" * 32, wid, "epub")
    documents.remember(filled, "d" * 32, wid, "epub")  # a second record is a no-op
    sync.put(filled, "ana", "d" * 32, percentage=0.4, progress="/body/DocFragment[2]/body",
             device="Kobo")  # fmt: skip
    sync.put(filled, "ana", "d" * 32, percentage=0.5, progress="/body/DocFragment[3]/body",
             device="PocketBook", device_id="pb")  # fmt: skip
    got = sync.get(filled, "ana", "d" * 32)
    assert got is not None and (got.percentage, got.device, got.device_id) == (
        0.5,
        "PocketBook",
        "pb",
    )
    state = reading.get(filled, wid, reader="ana")
    assert state.status == "progress" and state.chapter is not None
    with reading.as_reader("ana"):
        assert _sql(filled, "read:progress") == {"Unread"}
