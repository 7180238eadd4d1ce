"""Automated Archive: a broken ARCHIVE_DB.pl and its story files import story by story."""

from __future__ import annotations

from pathlib import Path

from archive_helpers import AA, import_paths

from fandex.library import Library
from fandex.read.archives.automated_archive import parse_archive_db


def test_archive_db_tolerates_unescaped_quotes_and_line_breaks() -> None:
    records = {
        rid: fields for rid, fields, _ in parse_archive_db((AA / "ARCHIVE_DB.pl").read_text())
    }
    assert records["1"] is not None and records["2"] is not None
    assert records["1"]["Summary"] == "Mara learns the tides. It's harder than it looks."
    assert records["2"]["Summary"] == "A summary that runs\nover two lines."
    assert records["2"]["Title"] == "Fog & Bells"


def test_unreadable_record_is_one_failed_story() -> None:
    text = "%FILES = (\n 1 => {\n  Title => 'ok',\n },\n 2 => {\n  Title => 'never ends\n"
    got = list(parse_archive_db(text))
    assert got[0][1] == {"Title": "ok"}
    assert got[1][0] == "2" and got[1][1] is None


def test_automated_archive_folder_imports_with_stated_tags(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib.db")
    report = import_paths(lib, AA)
    assert report.summary()["imported"] == 3  # the off-site story 3 is a bookmark
    reasons = {r.path.rsplit("!", 1)[-1]: str(r.reason) for r in report.failed}
    assert (
        list(reasons) == ["story/4"] and "missing story file tomas/lost.html" in reasons["story/4"]
    )
    elsewhere = next(w for w in lib.iter_works() if w.title == "Elsewhere")
    assert elsewhere.header["URL"] == "http://example.com/elsewhere.html"
    tides = next(w for w in lib.iter_works(with_text=True) if w.title == "Tide Tables")
    assert tides.authors == ["Wren Calloway"] and tides.published == "1999-03-14"
    tags = {(t.type, t.name) for t in tides.tags if t.source == "stated"}
    assert {("rating", "Teen And Up Audiences"), ("fandom", "Harbour Town")} <= tags
    assert "tide tables into the logbook" in tides.chapters[0].text
    assert import_paths(lib, AA).summary()["unchanged"] == 3
