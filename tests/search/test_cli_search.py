"""``fandex ls`` and ``fandex block`` on a library holding the hand-written corpus."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from fandex.cli.main import cli
from fandex.library import Library


def run(lib: Library, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--library", lib.location, *args])


def test_ls_filters_with_the_query_language(lib: Library) -> None:
    r = run(lib, "ls", "ship:Spuffy")
    assert r.exit_code == 0, r.output
    assert "Patrol" in r.stdout and "Ink and Ash" not in r.stdout


def test_ls_accepts_a_negation_as_its_first_word(lib: Library) -> None:
    r = run(lib, "ls", "-fandom:angel", "--sort", "title")
    assert r.exit_code == 0, r.output
    assert "Patrol" in r.stdout and "Ink and Ash" not in r.stdout


def test_ls_json_is_an_array_of_work_records(lib: Library) -> None:
    r = run(lib, "ls", "tattoo", "--json", "--sort", "title")
    records = json.loads(r.stdout)
    assert [w["title"] for w in records] == ["Ink and Ash", "Watcher's Diary"]
    assert all("text" not in c for w in records for c in w["chapters"])


def test_ls_json_with_facets_is_an_object(lib: Library) -> None:
    out = json.loads(run(lib, "ls", "fandom:angel", "--json", "--facets").stdout)
    assert out["total"] == 2 and ["Angel: the Series", 2] in out["facets"]["fandom"]


def test_malformed_query_is_one_line_and_exit_status_2(lib: Library) -> None:
    r = run(lib, "ls", 'fandom:"Buffy')
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "unclosed quote at character 8" in lines[0]
    assert "Traceback" not in r.output


def test_blocklist_from_the_command_line(lib: Library) -> None:
    r = run(lib, "block", "add", 'warning:"Rape/Non-Con"')
    assert r.exit_code == 0 and "1 work now hidden" in r.stdout
    listed = run(lib, "ls")
    assert "Patrol" not in listed.stdout
    assert "1 work hidden by your blocklist" in listed.stdout
    shown = run(lib, "ls", "--show-blocked")
    assert "Patrol" in shown.stdout and "hidden" not in shown.stdout
    entries = run(lib, "block", "list").stdout
    assert 'warning:"Rape/Non-Con"' in entries and "(1 work)" in entries
    number = entries.split()[0]
    assert run(lib, "block", "rm", number).exit_code == 0
    assert "Patrol" in run(lib, "ls").stdout


def test_block_add_refuses_a_malformed_query(lib: Library) -> None:
    r = run(lib, "block", "add", "colour:red")
    assert r.exit_code == 2 and "unknown field" in r.stderr


def test_block_rm_of_a_missing_entry_fails_cleanly(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "e.db")
    r = run(lib, "block", "rm", "7")
    assert r.exit_code != 0 and "Traceback" not in r.output
