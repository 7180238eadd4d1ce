"""fandex mark, users and search: reading state, e-reader users, saved searches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner

from fandex.cli.main import cli
from fandex.library import Library, users
from fandex.test.helper import write_fic


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    # Real argon2, at its lowest costs: adding a user takes milliseconds.
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    runner = CliRunner()
    lib = str(tmp_path / "cli.db")
    folder = tmp_path / "fics"
    write_fic(folder, "a.txt", {"Title": "Alpha", "Author": "Ann"}, "Once upon a time.")
    write_fic(folder, "b.txt", {"Title": "Beta", "Author": "Bo"}, "The end of it.")
    runner.invoke(cli, ["--library", lib, "import", "-j", "1", str(folder)], catch_exceptions=False)

    def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        result = runner.invoke(cli, ["--library", lib, *args], input=stdin, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    invoke.library = lib  # type: ignore[attr-defined]
    return invoke


def _ids(run) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, out, _ = run("ls", "--json")
    return {r["title"]: r["id"] for r in json.loads(out)}


def test_mark_read_toread_unread_and_query_them(run) -> None:  # type: ignore[no-untyped-def]
    ids = _ids(run)
    code, out, _ = run("mark", ids["Alpha"][:6], "read", "--rating", "5", "--note", "the end!")
    assert code == 0 and "Finished" in out and "rated 5/5" in out
    assert run("mark", ids["Beta"], "toread")[1].strip().endswith("Marked for Later")
    titles = lambda q: [r["title"] for r in json.loads(run("ls", q, "--json")[1])]  # noqa: E731
    assert titles("read:finished") == ["Alpha"]
    assert titles("toread:yes") == ["Beta"]
    assert titles("read:no") == ["Beta"]
    record = json.loads(run("show", ids["Alpha"], "--json")[1])
    assert record["reading"]["rating"] == 5 and record["reading"]["notes"] == "the end!"
    run("mark", ids["Alpha"], "unread")
    assert sorted(titles("read:no")) == ["Alpha", "Beta"]


def test_mark_without_a_state_or_with_a_bad_id_fails_in_one_line(run) -> None:  # type: ignore[no-untyped-def]
    ids = _ids(run)
    code, _, err = run("mark", ids["Alpha"])
    assert code == 2 and err.startswith("fandex: give a state")
    code, _, err = run("mark", "zzz", "read")
    assert code == 1 and err.strip() == "fandex: 'zzz' is not a work id"
    code, _, err = run("ls", "read:maybe")
    assert code == 2 and "read: takes no, progress or finished" in err


def test_users_add_list_rm_and_the_first_user_keeps_the_state(run) -> None:  # type: ignore[no-untyped-def]
    ids = _ids(run)
    run("mark", ids["Alpha"], "read")
    code, out, _ = run("users", "add", "ana", "--password-stdin", stdin="lantern-light\n")
    assert code == 0 and "the library's own reader" in out
    lib = Library.open(run.library)
    try:
        assert users.check_password(lib, "ana", "lantern-light")
        assert not users.check_password(lib, "ana", "lantern")
    finally:
        lib.close()
    finished = json.loads(run("ls", "read:finished", "--json")[1])
    assert [r["title"] for r in finished] == ["Alpha"] and finished[0]["reading"]["reader"] == "ana"
    code, _, err = run("users", "add", "ana", "--password-stdin", stdin="another-one\n")
    assert code == 1 and "already a user" in err
    code, _, err = run("users", "add", "bo", "--password-stdin", stdin="short\n")
    assert code == 1 and "at least" in err
    run("users", "add", "bo", "--password-stdin", stdin="harbour-dark\n")
    assert run("users", "list")[1].splitlines()[0].startswith("ana")
    code, out, _ = run("users", "rm", "bo")
    assert code == 0 and "removed user bo" in out
    code, _, err = run("users", "rm", "bo")
    assert code == 1 and "no user 'bo'" in err


def test_users_add_asks_for_the_password_twice(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("users", "add", "cy", stdin="pass-word-1\npass-word-1\n")
    assert code == 0 and "added user cy" in out


def test_search_save_list_rm(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("search", "save", "Ann's", "author:Ann")
    assert code == 0 and "(1 work)" in out
    assert run("search", "list")[1].strip() == "Ann's: author:Ann"
    code, _, err = run("search", "save", "Bad", "rating:zz")
    assert code == 2 and "unknown rating" in err
    assert run("search", "rm", "Ann's")[0] == 0
    assert "no saved searches" in run("search", "list")[1]
