"""The docs stay honest: every CLI command is in the README, the quick start is two commands."""

from pathlib import Path

from fandex.cli.main import all_commands

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented_in_the_readme() -> None:
    missing = [name for name in all_commands() if f"fandex {name}" not in README]
    assert missing == []


def test_quick_start_is_make_demo_and_make_test() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make demo" in quick and "make test" in quick
