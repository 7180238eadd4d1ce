from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fandex.cli.main import COMMAND_MODULES, all_commands, cli, command_name, short_help
from fandex.test.helper import write_fic


def _fics(tmp_path: Path) -> Path:
    folder = tmp_path / "fics"
    write_fic(
        folder, "a.txt", {"Title": "Alpha", "Author": "Ann", "Rating": "PG"}, "Once upon a time."
    )
    write_fic(
        folder, "b.txt", {"Title": "Beta", "Author": "Bo", "Rating": "NC-17"}, "The end of it."
    )
    return folder


def test_import_ls_show_json_give_work_records(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("import", str(_fics(tmp_path)))
    assert code == 0, err
    assert "2 imported, 0 updated, 0 unchanged, 0 skipped, 0 failed" in out
    code, out, _ = run("ls", "--json", "--sort", "title")
    records = json.loads(out)
    assert [r["title"] for r in records] == ["Alpha", "Beta"]
    assert all("text" not in c for r in records for c in r["chapters"])
    code, out, _ = run("show", records[1]["id"][:6], "--json")
    beta = json.loads(out)
    assert beta["authors"] == ["Bo"]
    assert {"type": "rating", "name": "Explicit", "source": "stated"}.items() <= beta["tags"][
        0
    ].items()
    assert beta["source"]["format"] == "txt"


def test_import_reports_failures_and_exits_1(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _fics(tmp_path)
    (folder / "empty.txt").write_text("")
    code, out, _ = run("import", str(folder), str(tmp_path / "missing"))
    assert code == 1
    assert "2 imported, 0 updated, 0 unchanged, 0 skipped, 2 failed" in out
    assert "empty.txt: the file is empty" in out
    assert "missing: no such file or folder" in out


def test_ls_filters_by_field(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("import", str(_fics(tmp_path)))
    _, out, _ = run("ls", "rating:explicit", "--json")
    assert [r["title"] for r in json.loads(out)] == ["Beta"]


def test_rm_removes_and_show_then_fails_in_one_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("import", str(_fics(tmp_path)))
    _, out, _ = run("ls", "--json")
    work_id = json.loads(out)[0]["id"]
    code, out, _ = run("rm", work_id)
    assert code == 0 and "removed" in out
    code, out, err = run("show", work_id)
    assert code == 1
    assert err.strip() == f"fandex: no work with id {work_id}"


def test_stats_counts(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("import", str(_fics(tmp_path)))
    _, out, _ = run("stats", "--json")
    assert json.loads(out)["works"] == 2


def test_every_command_has_help(run) -> None:  # type: ignore[no-untyped-def]
    commands = all_commands()
    assert {"import", "ls", "show", "serve"} <= set(commands)
    for name, command in commands.items():
        code, out, _ = run(name, "--help")
        assert code == 0
        assert command.help and "Usage:" in out
    for module in COMMAND_MODULES:
        # The listing of `fandex --help` reads this line from the source, unimported.
        assert short_help(module) == commands[command_name(module)].get_short_help_str(45)


def test_help_lists_every_command_without_loading_the_library_code() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from fandex.cli.main import cli; "
        "r = CliRunner().invoke(cli, ['--help']); print(r.output); "
        "print(sorted(m for m in ('sqlalchemy', 'numpy', 'fandex.importer', 'fandex.search') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    for name in all_commands():
        assert f"  {name} " in out
    assert out.strip().splitlines()[-1] == "[]"


def test_library_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("FANDEX_LIBRARY", str(db))
    result = CliRunner().invoke(cli, ["import", str(_fics(tmp_path))])
    assert result.exit_code == 0
    assert db.exists()


def test_library_option_may_follow_the_command(tmp_path: Path) -> None:
    db = tmp_path / "after.db"
    result = CliRunner().invoke(cli, ["import", str(_fics(tmp_path)), "--library", str(db)])
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_show_why_says_why_a_work_has_no_warning(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "why"
    write_fic(folder, "calm.txt", {"Title": "Calm"}, "They had tea by the window and talked.")
    # One death, short of what Major Character Death needs.
    close = "The storm passed. In the morning the old captain died in his bed."
    write_fic(folder, "close.txt", {"Title": "Close"}, close)
    assert run("import", str(folder))[0] == 0
    listing = json.loads(run("ls", "--json", "--sort", "title")[1])
    ids = {w["title"]: w["id"] for w in listing}
    _, calm, _ = run("show", ids["Calm"], "--why")
    assert "warning: none inferred: too short to be sure" in " ".join(calm.split())
    _, near, _ = run("show", ids["Close"], "--why")
    near = " ".join(near.split())  # the console wraps long lines
    assert "comes close to Major Character Death" in near
    assert "died in his bed" in near  # the passage that came close is quoted


def test_import_names_skipped_pages_and_exits_0(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _fics(tmp_path)
    (folder / "index.html").write_text(
        "<html><body><h1>Salt Roads</h1><p>By Marram</p>"
        "<p>Two couriers race the tide across a causeway.</p>"
        "<p>Also available as: <a href='a.epub'>Epub</a> | <a href='a.pdf'>pdf</a></p>"
        "<p><a href='c1'>1 - Dunes</a><br>Word count: 1,500 - Reviews: 2</p></body></html>"
    )
    code, out, _ = run("import", "-j", "1", str(folder))
    assert code == 0
    assert "2 imported, 0 updated, 0 unchanged, 1 skipped, 0 failed" in out
    assert "index.html: no story text, looks like a story index page" in out
    code, out, _ = run("import", "-j", "1", "--keep-metadata-only", str(folder / "index.html"))
    assert code == 0 and "1 imported" in out
    code, out, _ = run("ls", "--json")
    assert sorted(r["title"] for r in json.loads(out)) == ["Alpha", "Beta"]


def test_show_names_why_a_page_was_kept_as_metadata_only(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "gate.html"
    page.write_text(
        "<html><head><title>Discretion Advised</title></head><body><h1>Discretion Advised</h1>"
        "<p>To continue, you must confirm you want to view this content.</p></body></html>"
    )
    run("import", "-j", "1", "--keep-metadata-only", str(page))
    _, out, _ = run("ls", "--json", "--show-blocked")
    wid = json.loads(out)[0]["id"]
    code, out, _ = run("show", wid)
    assert code == 0
    assert "metadata-only: no story text, looks like an adult-content gate page" in out


@pytest.mark.parametrize(
    "args",
    [
        ["block", "rm", "999999999999999999999"],
        ["block", "rm", "abc"],
        ["import", "-j", "-3", "x"],
        ["import", "--max-file-mb", "0", "x"],
        ["import", "--time-budget", "-1", "x"],
        ["ls", "--sort", "nope"],
        ["show"],
        ["nosuchcommand"],
    ],
)
def test_bad_arguments_are_one_line(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(*args)
    assert code in (1, 2)
    assert len(err.strip().splitlines()) == 1 and err.startswith("fandex: "), err
    assert "Traceback" not in out + err


def test_a_bug_in_fandex_exits_3_with_the_traceback_in_a_log(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from fandex.library import blocklist

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("a bug, not bad input")

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(blocklist, "entries", broken)
    code, _out, err = run("block", "list")
    assert code == 3
    (line,) = err.strip().splitlines()
    assert "internal error (KeyError: 'a bug, not bad input')" in line
    log = Path(line.rsplit("the traceback is in ", 1)[1])
    assert log.parent == tmp_path / "state" / "fandex"
    assert "Traceback" in log.read_text() and "raise KeyError" in log.read_text()
