"""``fandex learn`` and ``fandex review`` from the command line, on a temporary library."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fandex.cli.main import cli
from fandex.library import Library
from fandex.model import Chapter, Tag, Work
from fandex.tag.pipeline import TaggerPipeline

NONCON = (
    "It was rape. She said no, she told him to stop, and he forced himself on her anyway, "
    "without her consent, while she struggled."
)


def test_learn_reports_both_taggers_saves_and_applies(tmp_path: Path, works: list[Work]) -> None:
    pytest.importorskip("sklearn")
    db = tmp_path / "lib.db"
    lib = Library.open(db)
    for w in works:
        lib.save(w)
    unlabelled = Work(title="New", id="ffff", chapters=[Chapter(1, text="zorblax " * 5 + "river")])
    lib.save(unlabelled)
    lib.close()
    result = CliRunner().invoke(cli, ["--library", str(db), "learn", "--folds", "3"])
    assert result.exit_code == 0, result.output
    assert "Major Character Death" in result.output and "built-in" in result.output
    assert (tmp_path / "lib.models.json").exists()
    lib = Library.open(db)
    learned = [t for t in lib.get("ffff").tags if t.source == "learned"]
    stated_work = lib.get("0000")
    lib.close()
    assert [(t.name, t.tagger) for t in learned] == [("Major Character Death", "learned")]
    assert all(t.source == "stated" for t in stated_work.tags)


def test_review_lists_missing_warnings_before_guesses(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    lib = Library.open(db)
    flagged = Work(title="Flagged", id="aa11", chapters=[Chapter(1, text=NONCON)])
    flagged.add_tag(Tag("warning", "No Archive Warnings Apply"))
    calm = Work(title="Calm", id="bb22", chapters=[Chapter(1, text="They walked and talked.")])
    pipeline = TaggerPipeline(["content-notes", "warnings", "rating"])
    for w in (calm, flagged):
        lib.save(pipeline(w))
    lib.close()
    result = CliRunner().invoke(cli, ["--library", str(db), "review"])
    assert result.exit_code == 0, result.output
    first_flag = result.output.index("possible missing warning")
    assert "Rape/Non-Con" in result.output
    assert first_flag < result.output.index("General Audiences")
    decided = CliRunner().invoke(
        cli, ["--library", str(db), "review", "reject", "aa11", "warning", "Rape/Non-Con"]
    )
    assert decided.exit_code == 0, decided.output
    again = CliRunner().invoke(cli, ["--library", str(db), "review", "--json"])
    assert '"missing-warning"' not in again.output
