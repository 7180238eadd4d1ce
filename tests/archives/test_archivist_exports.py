"""AO3 import requests in the API's real shape, the do-not-import list, the e-mail report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fandex.errors import FandexError
from fandex.export.batch import export_works, open_sink
from fandex.export.opendoors_batch import Ao3Options
from fandex.export.select import DoNotImport, select_works
from fandex.importer import ImportReport
from fandex.library import Library
from fandex.model import Chapter, Tag, Work


def test_ao3_requests_point_at_chapter_pages_and_carry_author_emails(
    efiction_lib: tuple[Library, ImportReport], tmp_path: Path
) -> None:
    lib = efiction_lib[0]
    sink = open_sink(tmp_path / "ao3", as_zip=False, fmt="ao3")
    options = Ao3Options("https://rescue.example.org/harbour/", "od_archivist")
    result = export_works(select_works(lib, [], all_works=True).works(), "ao3", sink, ao3=options)
    requests = sorted((tmp_path / "ao3" / "requests").glob("*.json"))
    assert len(requests) == 1
    body = json.loads(requests[0].read_text())
    assert body["archivist"] == "od_archivist"
    items = {w["title"]: w for w in body["works"]}
    # Tomas Reyes left no e-mail: AO3 could not invite him, so the work waits in the report.
    assert set(items) == {"The Lamp Room", "Salt Letters", "Night Shift"}
    assert any(b.limit == "author_email" for b in result.breaches)
    lamp = items["The Lamp Room"]
    work_id = next(w.id for w in lib.iter_works() if w.title == "The Lamp Room")
    assert lamp["chapter_urls"] == [
        f"https://rescue.example.org/harbour/{work_id}/1.html",
        f"https://rescue.example.org/harbour/{work_id}/2.html",
    ]
    assert lamp["external_author_email"] == "wren@example.org" and lamp["id"] == "1"
    assert "chapters" not in lamp and "text" not in json.dumps(lamp)
    assert items["Salt Letters"]["external_coauthor_name"] == "Wren Calloway"
    page = (tmp_path / "ao3" / "chapters" / work_id / "2.html").read_text()
    assert "The Second Night" in page and "wind turned" in page


def test_ao3_requests_hold_fewer_than_25_works(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib.db")
    for i in range(30):
        w = Work(id=f"{i:04x}aa", title=f"W{i}", authors=["A"], chapters=[Chapter(1, text="Hi.")])
        w.add_tag(Tag("fandom", "Harbour Town"))
        w.header["fandex:archive"] = json.dumps(
            {"authors": [{"name": "A", "email": "a@example.org"}]}
        )
        lib.save(w)
    sink = open_sink(tmp_path / "out", as_zip=False, fmt="ao3")
    export_works(lib.iter_works(with_text=True), "ao3", sink, ao3=Ao3Options("https://x.org", "me"))
    sizes = [
        len(json.loads(p.read_text())["works"])
        for p in sorted((tmp_path / "out" / "requests").glob("*.json"))
    ]
    assert sizes == [24, 6]


def test_ao3_format_without_a_chapter_url_says_what_it_needs(tmp_path: Path) -> None:
    sink = open_sink(tmp_path / "out", as_zip=False, fmt="ao3")
    with pytest.raises(FandexError, match="--chapter-base-url"):
        export_works([Work(title="T")], "ao3", sink)


def test_do_not_import_list_keeps_authors_and_stories_out_of_every_export(
    efiction_lib: tuple[Library, ImportReport], tmp_path: Path
) -> None:
    lib = efiction_lib[0]
    dni = DoNotImport.parse("author: Ila Marsh\n3  # asked by mail\n")
    for fmt in ("opendoors", "html"):
        selection = select_works(lib, [], all_works=True)
        selection.do_not_import = dni
        sink = open_sink(tmp_path / fmt, as_zip=False, fmt=fmt)
        result = export_works(selection.works(), fmt, sink)
        sink.close()
        assert result.works == 2
        assert {title for _, title, _ in selection.excluded} == {"Salt Letters", "It's Only Fog"}
    sql = (tmp_path / "opendoors" / "opendoors.sql").read_text()
    assert "Salt Letters" not in sql and "Ila Marsh" not in sql


def test_do_not_import_list_with_a_bad_line_names_it() -> None:
    from fandex.errors import QueryError

    with pytest.raises(QueryError, match="line 2"):
        DoNotImport.parse("author: A\nsomething odd\n")


def test_email_report_lists_addresses_in_texts_and_notes(
    efiction_lib: tuple[Library, ImportReport], tmp_path: Path
) -> None:
    sink = open_sink(tmp_path / "od", as_zip=False, fmt="opendoors")
    export_works(efiction_lib[0].iter_works(with_text=True), "opendoors", sink)
    report = (tmp_path / "od" / "emails-to-redact.csv").read_text()
    assert "benn.keeper@example.com" in report and "chapter 1" in report
    assert "wren@example.org" in report
