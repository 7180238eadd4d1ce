"""``fandex export`` from the command line."""

from __future__ import annotations

import json
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
    for i, title in enumerate(["Alpha", "Beta"]):
        work = Work(
            id=f"{i + 10:016x}",
            title=title,
            authors=["Ann"],
            chapters=[Chapter(1, "Start", text=f"{title} text."), Chapter(2, "End", text="Done.")],
        )
        work.add_tag(Tag("fandom", "Harbour Town"))
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
        "000000000000000b", "--format", "html", "-o", str(tmp_path), "--template", "{title}"
    )
    assert code == 0, err
    page = (tmp_path / "Beta.html").read_text(encoding="utf-8")
    assert "Chapter 2: End" in page and "Harbour Town" in page


def test_export_ao3_records_into_a_zip(run: Run, tmp_path: Path) -> None:
    code, out, err = run("--all", "--format", "ao3", "--zip", "-o", str(tmp_path / "ao3.zip"))
    assert code == 0, err
    assert "Every work fits AO3's limits." in out
    with zipfile.ZipFile(tmp_path / "ao3.zip") as zf:
        records = json.loads(zf.read("ao3-records.json"))
    assert [r["title"] for r in records] == ["Alpha", "Beta"]
    assert records[0]["chapters"][1]["title"] == "End"


def test_nothing_to_export_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    code, _, err = run("-o", str(tmp_path))
    assert code == 2 and "nothing to export" in err


def test_a_query_is_refused_until_the_query_engine_lands(run: Run, tmp_path: Path) -> None:
    code, _, err = run("rating:explicit", "-o", str(tmp_path))
    assert code == 2 and "queries are not supported" in err


def test_unknown_id_fails_with_one_line(run: Run, tmp_path: Path) -> None:
    code, _, err = run("ffff", "-o", str(tmp_path))
    assert code == 1 and "no work with id ffff" in err and "Traceback" not in err


def test_bad_template_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    code, _, err = run("--all", "-o", str(tmp_path), "--template", "{nope}")
    assert code == 2 and "unknown field" in err
