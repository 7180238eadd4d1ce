"""The series page and the work page's copies, with their JSON twins."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "library"))
from versions_story import write_copies

from fandex.importer import ImportSession
from fandex.library import Library
from fandex.model import SeriesEntry
from fandex.test.helper import make_work
from fandex.web.app import create_app


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[TestClient, Library, dict[str, Path]]]:
    lib = Library.open(tmp_path / "web.db")
    copies = write_copies(tmp_path / "fics")
    ImportSession(lib).run([copies["full"].parent])
    for n in (1, 4):
        lib.save(make_work(f"Shore {n}", series=[SeriesEntry("Shoreline", float(n))]))
    with TestClient(create_app(lib), base_url="http://127.0.0.1") as client:
        yield client, lib, copies
    lib.close()


def test_series_page_lists_parts_and_missing(setup) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = setup
    index = client.get("/series")
    assert index.status_code == 200 and "Shoreline" in index.text
    page = client.get("/series", params={"name": "shoreline"})
    assert page.status_code == 200
    assert page.text.index("Shore 1") < page.text.index("Shore 4")
    assert "parts 2, 3" in page.text
    data = client.get("/series.json", params={"name": "Shoreline"}).json()
    assert data["missing"] == [2, 3] and [p["title"] for p in data["parts"]] == [
        "Shore 1",
        "Shore 4",
    ]
    assert client.get("/api/series").json() == [{"name": "Shoreline", "works": 2}]
    assert client.get("/series.json", params={"name": "nothing"}).status_code == 404


def test_work_page_lists_copies_and_the_json_record_has_them(setup) -> None:  # type: ignore[no-untyped-def]
    client, lib, copies = setup
    primary = lib.source(str(copies["full"]))[0]
    page = client.get(f"/works/{primary}")
    assert "Copies of this work (4)" in page.text
    assert "Only in this copy" in page.text and "chapter 3" in page.text
    record = client.get(f"/api/works/{primary}", params={"text": "0"}).json()
    assert len(record["versions"]) == 4 and record["source_ids"] == {}
    snap = lib.source(str(copies["snap1"]))[0]
    assert client.get(f"/api/works/{snap}").json()["version_of"] == primary
    assert "Read the most complete copy" in client.get(f"/works/{snap}").text


def test_splitting_from_the_work_page(setup) -> None:  # type: ignore[no-untyped-def]
    client, lib, copies = setup
    snap = lib.source(str(copies["snap1"]))[0]
    form = client.get(f"/works/{snap}").text
    csrf = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    done = client.post(f"/works/{snap}/split", data={"csrf": csrf}, follow_redirects=False)
    assert done.status_code in (302, 303)
    assert lib.get(snap).versions == []
    assert client.post(f"/api/works/{snap}/split").status_code in (400, 403)
