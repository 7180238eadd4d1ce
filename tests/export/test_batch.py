"""Batch export into folders and zips."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from fandex.errors import FandexError
from fandex.export.batch import export_works, open_sink
from fandex.export.opendoors_batch import ODAP_FILES
from fandex.model import Chapter, Work


def works(*titles: str) -> list[Work]:
    return [
        Work(id=f"{i:016x}", title=t, authors=["Ann"], chapters=[Chapter(1, text=f"Text {i}.")])
        for i, t in enumerate(titles)
    ]


def test_folder_export_writes_one_file_per_work(tmp_path: Path) -> None:
    sink = open_sink(tmp_path / "out", as_zip=False, fmt="epub")
    result = export_works(works("One", "Two"), "epub", sink)
    sink.close()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "Ann - One.epub",
        "Ann - Two.epub",
    ]
    assert result.works == 2 and result.failed == []


def test_same_titles_do_not_overwrite_each_other(tmp_path: Path) -> None:
    sink = open_sink(tmp_path, as_zip=False, fmt="html")
    result = export_works(works("Same", "same", "Same"), "html", sink)
    assert result.written == ["Ann - Same.html", "Ann - same (2).html", "Ann - Same (3).html"]
    assert len(list(tmp_path.iterdir())) == 3


def test_existing_files_are_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "Ann - One.html").write_text("mine")
    sink = open_sink(tmp_path, as_zip=False, fmt="html")
    result = export_works(works("One"), "html", sink)
    assert (tmp_path / "Ann - One.html").read_text() == "mine"
    assert result.written == ["Ann - One (2).html"]


def test_hostile_titles_stay_inside_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    sink = open_sink(out, as_zip=False, fmt="html")
    export_works(
        works("../../escape", "/etc/passwd", "CON", "\x00\n"), "html", sink, template="{title}"
    )
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) == 4 and all(p.parent == out for p in written)


def test_zip_export_holds_every_work(tmp_path: Path) -> None:
    sink = open_sink(tmp_path, as_zip=True, fmt="epub")
    export_works(works("A", "B"), "epub", sink, template="{id}")
    sink.close()
    with zipfile.ZipFile(tmp_path / "fandex-epub.zip") as zf:
        names = zf.namelist()
        assert names == ["0000000000000000.epub", "0000000000000001.epub"]
        assert zf.read(names[0])[:2] == b"PK"


def test_zip_refuses_to_replace_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_bytes(b"old")
    with pytest.raises(FandexError, match="already exists"):
        open_sink(tmp_path / "x.zip", as_zip=True, fmt="epub")


def test_a_failing_work_is_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    bad = works("Bad")[0]
    bad.chapters = None  # type: ignore[assignment]
    seen: list[tuple[str, bool]] = []
    sink = open_sink(tmp_path, as_zip=False, fmt="epub")
    result = export_works(
        [bad, *works("Good")], "epub", sink, progress=lambda w, ok: seen.append((w.title, ok))
    )
    assert seen == [("Bad", False), ("Good", True)]
    assert result.failed[0][0] == bad.id and result.written == ["Ann - Good.epub"]


def test_opendoors_batch_writes_tables_sheet_and_reports(tmp_path: Path) -> None:
    batch = works("Fine", "Long summary")
    batch[1].summary = "s" * 1300
    sink = open_sink(tmp_path / "zipped.zip", as_zip=True, fmt="opendoors")
    result = export_works(batch, "opendoors", sink)
    sink.close()
    with zipfile.ZipFile(tmp_path / "zipped.zip") as zf:
        assert sorted(zf.namelist()) == sorted(ODAP_FILES.values())
        sql = zf.read(ODAP_FILES["sql"]).decode()
        report = list(csv.DictReader(zf.read(ODAP_FILES["report"]).decode().splitlines()))
    assert sql.count("INSERT INTO `stories`") == 2
    # Neither work has a fandom; the second also has a long summary.
    assert sorted((r["title"], r["limit"]) for r in report) == [
        ("Fine", "author_email"),
        ("Fine", "fandom"),
        ("Long summary", "author_email"),
        ("Long summary", "fandom"),
        ("Long summary", "summary"),
    ]
    assert len(result.breaches) == 5


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FandexError, match="unknown export format"):
        export_works([], "pdf", open_sink(tmp_path, as_zip=False, fmt="pdf"))
