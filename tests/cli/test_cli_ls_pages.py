"""``fandex ls``: the table shows a first page (``--all`` for every work); ``--json``
prints every matching work, page after page, as one JSON array."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fandex.cli import ls as ls_mod
from fandex.cli.main import cli
from fandex.library import Library
from fandex.test.helper import make_work


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    lib = Library.open(path)
    lib.save_many([make_work(f"Story {i}", chapters=[f"lantern {i}"]) for i in range(7)])
    lib.close()
    return path


def _ls(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--library", str(db), "ls", *args], catch_exceptions=False)
    assert result.exit_code == 0
    return result.stdout


def test_the_table_shows_a_first_page_and_all_shows_every_work(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ls_mod, "DEFAULT_SHOWN", 3)
    monkeypatch.setattr(ls_mod, "_PAGE", 2)  # several pages, one header
    out = _ls(db)
    assert out.count("Story ") == 3 and "3 of 7 work(s)" in out and "--all" in out
    everything = _ls(db, "--all")
    assert everything.count("Story ") == 7 and "7 work(s)" in everything
    assert everything.count("title") == 1


def test_json_prints_every_match_as_one_array_whatever_the_table_shows(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ls_mod, "DEFAULT_SHOWN", 3)
    monkeypatch.setattr(ls_mod, "_PAGE", 2)
    out = _ls(db, "--json", "--show-blocked")
    records = json.loads(out)
    assert len(records) == 7
    # The same text one json.dumps of the whole list gives.
    assert out == json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    assert len(json.loads(_ls(db, "lantern", "--json", "--limit", "4"))) == 4
    assert json.loads(_ls(db, "nothing-matches-this", "--json")) == []


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_the_table_keeps_every_work_id_and_word_count_on_a_narrow_terminal(
    db: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    # A pipe reads as 80 columns: fixed widths that did not fit made Rich drop the ID
    # column (shown as "…") and the words, and ``show`` needs the ID.
    monkeypatch.setenv("COLUMNS", str(columns))
    lib = Library.open(db)
    ids = [i[:8] for i in lib.ids()]
    lib.close()
    out = _ls(db)
    assert all(i in out for i in ids)
    assert "words" in out and "title" in out
    assert all(len(line) <= max(columns, 120) for line in out.splitlines())
