"""Importing a real calibre library: typed tags from FanFicFare-style columns, series,
story URLs, per-book results, and not one byte of the library written."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "library"))
from calibre_lib import add_book, add_columns, run, set_custom
from versions_story import CHAPTERS, UNRELATED, epub, txt, write_copies

from fandex.importer import ImportSession
from fandex.library import Library
from fandex.model import Work


@pytest.fixture(scope="session")
def calibre_config(tmp_path_factory: pytest.TempPathFactory) -> None:
    # calibre writes its own settings; keep them out of the real home directory.
    os.environ["CALIBRE_CONFIG_DIRECTORY"] = str(tmp_path_factory.mktemp("calibre-config"))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, calibre_config: None) -> Path:
    """A calibre library made by calibredb: three books and FanFicFare's columns."""
    root = tmp_path_factory.mktemp("calibre")
    lib = root / "Calibre Library"
    src = root / "src"
    src.mkdir()
    (src / "lamplighter.epub").write_bytes(epub(CHAPTERS))
    (src / "harbour.txt").write_text(txt(UNRELATED, title="Harbour Accounts"), encoding="utf-8")
    add_columns(lib) if (lib / "metadata.db").exists() else None
    one = add_book(
        lib,
        src / "lamplighter.epub",
        title="The Lamplighter's Road",
        authors="Wren Calloway",
        tags="Romance,Completed,Slow Burn",
        series="Coastal Roads",
        series_index="2",
        identifier="url:https://archiveofourown.org/works/4242",
        languages="eng",
    )
    add_columns(lib)
    two = add_book(
        lib,
        src / "harbour.txt",
        title="Harbour Accounts",
        authors="Wren Calloway",
        series="Coastal Roads",
        series_index="4",
    )
    for label, value in [
        ("fandoms", "Original Work"),
        ("ships", "Maud/Osric"),
        ("characters", "Osric,Maud"),
        ("rating", "Teen And Up Audiences"),
        ("warnings", "No Archive Warnings Apply"),
        ("status", "Completed"),
        ("words", "713"),
        ("ao3categories", "F/M"),
        ("mood", "Wistful"),
    ]:
        set_custom(lib, one, label, value)
    set_custom(lib, two, "rating", "PG-13")
    set_custom(lib, two, "status", "In-Progress")
    run("add", "--with-library", str(lib), "--empty", "--title", "Only A Kindle File")
    return lib


@pytest.fixture
def calibre_lib(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "Calibre Library"
    shutil.copytree(built, copy)
    return copy


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "fandex.db")
    yield lib
    lib.close()


def _by_title(lib: Library) -> dict[str, Work]:
    return {w.title: w for w in lib.iter_works()}


def _stated(work: Work) -> dict[tuple[str, str], str | None]:
    return {
        (t.type, t.name): t.evidence[0].field if t.evidence else None
        for t in work.tags
        if t.source == "stated"
    }


def test_fanficfare_columns_become_typed_stated_tags(calibre_lib: Path, library: Library) -> None:
    report = ImportSession(library).run([calibre_lib])
    assert report.summary()["imported"] == 2
    work = _by_title(library)["The Lamplighter's Road"]
    stated = _stated(work)
    assert stated[("relationship", "Maud/Osric")] == "calibre:#ships"
    assert stated[("fandom", "Original Work")] == "calibre:#fandoms"
    assert {("character", "Osric"), ("character", "Maud")} <= set(stated)
    assert stated[("rating", "Teen And Up Audiences")] == "calibre:#rating"
    assert stated[("warning", "No Archive Warnings Apply")] == "calibre:#warnings"
    assert stated[("category", "F/M")] == "calibre:#ao3categories"
    # calibre's own tags: freeform unless the columns or AO3's vocabulary type them
    assert stated[("freeform", "Romance")] == "calibre:tags"
    assert ("freeform", "Completed") not in stated and work.status == "complete"
    assert [s.to_dict() for s in work.series] == [{"name": "Coastal Roads", "position": 2}]
    assert work.source_ids["ao3"] == "4242"
    assert work.language == "en"
    assert work.header["calibre:#mood"] == "Wistful"  # a column with no meaning is kept
    assert work.header["calibre:words"] == "713"
    assert len(work.chapters) == 5


def test_legacy_rating_and_status_in_columns_are_mapped(
    calibre_lib: Path, library: Library
) -> None:
    ImportSession(library).run([calibre_lib])
    work = _by_title(library)["Harbour Accounts"]
    assert ("rating", "Teen And Up Audiences") in _stated(work)
    assert work.status == "wip"


def test_book_without_a_readable_file_is_a_failed_result(
    calibre_lib: Path, library: Library
) -> None:
    report = ImportSession(library).run([calibre_lib])
    failed = report.failed
    assert len(failed) == 1 and "has no EPUB, HTML, TXT or DOCX file" in (failed[0].reason or "")


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            out[str(p.relative_to(folder))] = (
                hashlib.sha256(p.read_bytes()).hexdigest(),
                p.stat().st_mtime_ns,
            )
    return out


def test_nothing_in_the_calibre_library_is_written(calibre_lib: Path, library: Library) -> None:
    before = _snapshot(calibre_lib)
    ImportSession(library).run([calibre_lib])
    ImportSession(library).run([calibre_lib])
    # Same files (no journal, no -wal/-shm left), same bytes, same modification times.
    assert _snapshot(calibre_lib) == before


def test_reimport_is_unchanged_and_a_calibre_edit_updates(
    calibre_lib: Path, library: Library
) -> None:
    ImportSession(library).run([calibre_lib])
    again = ImportSession(library).run([calibre_lib])
    assert again.summary()["unchanged"] == 2
    book = next(w for w in library.iter_works() if w.title == "The Lamplighter's Road")
    set_custom(calibre_lib, int(book.header["calibre:book id"]), "ships", "Maud/Osric,Maud & Osric")
    edited = ImportSession(library).run([calibre_lib])
    assert edited.summary()["updated"] + edited.summary()["imported"] == 1
    work = _by_title(library)["The Lamplighter's Road"]
    assert ("relationship", "Maud & Osric") in _stated(work)
    assert library.count() == 2  # the edit updated the work; it did not add another


def test_a_user_maps_other_columns_in_config(
    calibre_lib: Path, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    (config / "fandex").mkdir(parents=True)
    (config / "fandex" / "calibre_columns.toml").write_text('[labels]\nmood = "freeform"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    ImportSession(library).run([calibre_lib])
    work = _by_title(library)["The Lamplighter's Road"]
    assert _stated(work)[("freeform", "Wistful")] == "calibre:#mood"


def test_calibre_copy_and_loose_copies_are_one_work(
    calibre_lib: Path, library: Library, tmp_path: Path
) -> None:
    loose = write_copies(tmp_path / "fics")
    report = ImportSession(library).run([calibre_lib, loose["full"].parent])
    assert not [r for r in report.failed if "calibre book" not in (r.reason or "")]
    from fandex.search import search

    shown = [w.title for w in search(library, "", per_page=50).works]
    # calibre's Harbour Accounts and the loose one hold the same text: one work too.
    assert sorted(shown) == ["Harbour Accounts", "The Lamplighter's Road"]
    primary = next(w for w in search(library, "Lamplighter", per_page=50).works)
    assert len(primary.versions) == 5  # calibre's EPUB and the four loose copies


def test_one_bad_book_fails_alone_and_the_rest_import(calibre_lib: Path, library: Library) -> None:
    from fandex.read.calibre import read_library

    first = read_library(calibre_lib)[0]
    # Comments whose HTML no parser should be asked to read (a tag of 1,500 attributes).
    hostile = "<p " + " ".join(f"a{i}=x" for i in range(1500)) + ">Hi</p>"
    run("set_metadata", "--with-library", str(calibre_lib), "--field", f"comments:{hostile}",
        str(first.id))  # fmt: skip
    report = ImportSession(library).run([calibre_lib])
    failed = {Path(r.path).parent.name: r.reason or "" for r in report.failed}
    assert report.summary()["imported"] == 1
    assert "more than 1,000 attributes" in failed[Path(first.path).name]
    assert [w.title for w in library.iter_works()] == ["Harbour Accounts"]
