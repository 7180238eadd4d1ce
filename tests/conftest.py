"""Shared fixtures. Tests never touch the real home directory or library."""

from __future__ import annotations

from collections.abc import Iterator
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
