"""Shared fixtures. Tests never touch the real home directory or library.

``pg_server``: the URL of a PostgreSQL server for the session: ``$FANDEX_TEST_POSTGRES_URL``
when set (CI may start one with ``scripts/start-test-postgres``); otherwise one started
here with Debian's ``initdb``/``pg_ctl`` (as the ``postgres`` user when running as root)
and stopped at the end of the session. Without PostgreSQL installed the PostgreSQL tests
skip, except under ``CI=true``, where they fail: they must really run there.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from glob import glob
from pathlib import Path

import pytest
from click.testing import CliRunner

from fandex.cli.main import cli
from fandex.library import Library


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("FANDEX_LIBRARY", raising=False)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.db")
    yield lib
    lib.close()


@pytest.fixture
def examples_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The ``fandex`` command against a library in the test's folder:
    ``run(*args) -> (exit code, stdout, stderr)``."""
    runner = CliRunner()
    lib = str(tmp_path / "cli.db")

    def invoke(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(cli, ["--library", lib, *args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return invoke


START_POSTGRES = Path(__file__).resolve().parents[1] / "scripts" / "start-test-postgres"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server for this test session."""
    url = os.environ.get("FANDEX_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    if not glob("/usr/lib/postgresql/*/bin/initdb"):
        reason = "PostgreSQL is not installed (apt-get install postgresql); its tests skipped"
        if os.environ.get("CI") == "true":
            pytest.fail(reason.replace("skipped", "must run in CI"))
        pytest.skip(reason)
    proc = subprocess.run([str(START_POSTGRES)], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        pytest.fail(f"could not start PostgreSQL: {proc.stderr.strip()}")
    data_dir = proc.stderr.split("data in ", 1)[1].split(" ", 1)[0]
    try:
        yield proc.stdout.strip()
    finally:
        subprocess.run([str(START_POSTGRES), "--stop", data_dir], capture_output=True, timeout=60)
