"""``fandex export`` from the command line."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from fandex.cli.main import cli
from fandex.library import Library
from fandex.model import Chapter, Tag, Work

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(tmp_path: Path) -> Run:
    lib_path = tmp_path / "lib.db"
    lib = Library.open(lib_path)
    for i, (title, person) in enumerate([("Alpha", "Ada Keeper"), ("Beta", "Bea Pilot")]):
        work = Work(
            id=f"{i + 10:016x}",
            title=title,
            authors=["Ann"],
            chapters=[Chapter(1, "Start", text=f"{title} text."), Chapter(2, "End", text="Done.")],
        )
        work.add_tag(Tag("fandom", "Harbour Town"))
        work.add_tag(Tag("character", person))
        lib.save(work)
    lib.close()
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(cli, ["--library", str(lib_path), "export", *args])
        return result.exit_code, result.stdout, result.stderr

    return invoke


def test_export_all_as_epub_to_a_folder(run: Run, tmp_path: Path) -> None:
    code, out, err = run("--all", "--output", str(tmp_path / "books"))
    assert code == 0, err
    assert "Exported 2 work(s) as epub" in out
    files = sorted(p.name for p in (tmp_path / "books").iterdir())
    assert files == ["Ann - Alpha.epub", "Ann - Beta.epub"]


def test_export_by_id_prefix_as_html_with_a_template(run: Run, tmp_path: Path) -> None:
    code, _, err = run(
        "000000000000000b", "--format", "html", "--output", str(tmp_path), "--template", "{title}"
    )
    assert code == 0, err
    page = (tmp_path / "Beta.html").read_text(encoding="utf-8")
    assert "Chapter 2: End" in page and "Harbour Town" in page


def test_export_open_doors_tables_into_a_zip(run: Run, tmp_path: Path) -> None:
    code, out, err = run(
        "--all", "--format", "opendoors", "--zip", "--output", str(tmp_path / "od.zip")
    )
    assert code == 0, err
    assert "see limits-report.csv" in out
    with zipfile.ZipFile(tmp_path / "od.zip") as zf:
        sql = zf.read("opendoors.sql").decode()
        sheet = zf.read("tag-sheet.csv").decode()
    assert "'Alpha'" in sql and "'Beta'" in sql
    assert sheet.startswith("Original Tag ID,Original Tag Name,Original Tag Type")


def test_export_ao3_needs_a_chapter_base_url(run: Run, tmp_path: Path) -> None:
    code, _, err = run("--all", "--format", "ao3", "--output", str(tmp_path / "ao3"))
    assert code == 1 and "--chapter-base-url" in err


def test_nothing_to_export_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    code, _, err = run("--output", str(tmp_path))
    assert code == 2 and "nothing to export" in err


def test_a_query_selects_the_works_to_export(run: Run, tmp_path: Path) -> None:
    code, _, err = run('character:"Ada Keeper"', "--output", str(tmp_path), "--template", "{title}")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".epub") == ["Alpha.epub"]


def test_a_negated_query_word_is_not_taken_for_an_option(run: Run, tmp_path: Path) -> None:
    out_dir = tmp_path / "neg"
    code, _, err = run('-character:"Ada Keeper"', "--output", str(out_dir), "--template", "{title}")
    assert code == 0, err
    assert [p.name for p in out_dir.iterdir()] == ["Beta.epub"]


def test_ids_and_a_query_together_export_each_work_once(run: Run, tmp_path: Path) -> None:
    code, out, err = run("000000000000000a", 'fandom:"Harbour Town"', "--output", str(tmp_path))
    assert code == 0, err
    assert "Exported 2 work(s)" in out


def test_a_malformed_query_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    code, _, err = run('title:"unclosed', "--output", str(tmp_path))
    assert code == 2 and "Traceback" not in err


def test_an_ambiguous_id_prefix_fails_with_one_line(run: Run, tmp_path: Path) -> None:
    code, _, err = run("0000", "--output", str(tmp_path))
    assert code == 1 and "more than one work" in err and "Traceback" not in err


def test_bad_template_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    code, _, err = run("--all", "--output", str(tmp_path), "--template", "{nope}")
    assert code == 2 and "unknown field" in err
