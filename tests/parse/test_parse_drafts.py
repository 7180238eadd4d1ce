"""Drafts with no title line, only chapter headings: the heading is chapter one's, the
work's title falls back to what the file says about itself (its name, its properties)."""

from __future__ import annotations

import pytest
from helpers_parse import work_of

from fandex.clean import clean
from fandex.importer import Job, StageContext, parse_stage
from fandex.parse import build_work
from fandex.parse.numbered import numbered_title
from fandex.read import read_bytes

STORY = (
    "The ferry did not run that week; the river was too high for the rope to hold.\n\n"
    "Ila waited on the bank with her pack and counted the boats that went past her."
)
LATER = "In the morning the water had fallen a hand's width and the ferryman was back."


def _draft(first: str, second: str) -> str:
    return f"{first}\n\n{STORY}\n\n{second}\n\n{LATER}\n"


def _rtf(text: str) -> bytes:
    body = r"\par ".join(text.split("\n"))
    return ("{\\rtf1\\ansi{\\fonttbl\\f0 Times;}\n" + body + "}").encode()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Chapter 1", "Chapter 2"),
        ("Chapter One: The Ford", "Chapter Two: The Bank"),
        ("1. The Ford", "2. The Bank"),
        ("I. The Ford", "II. The Bank"),
    ],
)
def test_chapter_one_heading_is_not_the_works_title(first: str, second: str) -> None:
    for w in (
        work_of(_draft(first, second)),
        build_work(clean(read_bytes(_rtf(_draft(first, second)), "d.rtf"))),
    ):
        assert w.title == "Untitled"
        assert [c.title for c in w.chapters] == [first, second]
        assert w.chapters[0].text.startswith("The ferry")


def test_the_importer_names_such_a_draft_after_its_file() -> None:
    job = Job("drafts/the_long_ford.txt", b"", "0" * 64, "w1")
    job.doc = clean(read_bytes(_draft("Chapter One: The Ford", "Chapter Two").encode(), "x.txt"))
    parse_stage(job, StageContext.__new__(StageContext))
    assert job.work is not None
    assert job.work.title == "The Long Ford"
    assert job.work.chapters[0].title == "Chapter One: The Ford"


def test_a_numbered_title_alone_or_a_numbered_list_stays_as_it_was() -> None:
    # One numbered line over the story, no second: a title as before ("1. The Ford").
    assert work_of(f"1. The Ford\n\n{STORY}").title == "1. The Ford"
    # A list whose items stand together is not a run of chapter headings.
    listed = work_of(f"Title: Lists\n\n{STORY}\n\n1. The Ford\n\n2. The Bank\n\n{LATER}")
    assert len(listed.chapters) == 1 and "2. The Bank" in listed.chapters[0].text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1. The Ford", (1, "d.")),
        ("XII - The Bank", (12, "r-")),
        ("1. the eggs", None),
        ("2. She went down to the ford.", None),
        ("Chapter 1", None),
    ],
)
def test_numbered_title_shapes(line: str, expected: tuple[int, str] | None) -> None:
    assert numbered_title(line) == expected
