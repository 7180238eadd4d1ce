"""Title blocks where the author's name comes first, or that are framed, split over
paragraphs or closed by a bracketed rating: the title and author are read, and none of
the lines leak into the story."""

from __future__ import annotations

import pytest
from helpers_parse import tag_names, work_of

from fandex.parse.titleline import byline, rating_tail

STORY = (
    "The cart rolled on toward the coast, and Mara counted the gulls.\n\n"
    "By noon the road turned inland and the wind dropped."
)


@pytest.mark.parametrize(
    ("top", "author"),
    [
        ("By Jo Marram\nThe Salt Road\nRating: PG-13", "Jo Marram"),
        ("by Jo Marram\n\nThe Salt Road\n\nRating: PG-13", "Jo Marram"),
        ("marram_77\n\nThe Salt Road\n\nRating: PG-13", "marram_77"),
        ("marram_77\nThe Salt Road\nRating: PG-13", "marram_77"),
        ("The Salt Road\n\nJo Marram\n\nRating: PG-13", "Jo Marram"),
        ("Jo Marram\nThe Salt Road\nAuthor: Jo Marram\nRating: PG-13", "Jo Marram"),
        ("Jo Marram\n\nThe Salt Road\n\nAuthor: Jo Marram\nRating: PG-13", "Jo Marram"),
        ("The Salt Road by Jo Marram (PG-13)", "Jo Marram"),
    ],
)
def test_title_and_author_in_either_order_over_fields(top: str, author: str) -> None:
    work = work_of(f"{top}\n\n{STORY}")
    assert (work.title, work.authors) == ("The Salt Road", [author])
    assert tag_names(work, "rating") == ["Teen And Up Audiences"]
    assert work.chapters[0].text.startswith("The cart rolled")


@pytest.mark.parametrize(
    "top",
    [
        "by Jo Marram\nThe Salt Road",
        "~*~*~*~*~*~\nThe Salt Road\nby Jo Marram\n~*~*~*~*~*~",
        '"The Salt Road"\nA Harbour Tales story by Jo Marram\n(jo@example.com)',
        "The Salt Road, by Jo Marram",
    ],
)
def test_title_block_over_story(top: str) -> None:
    work = work_of(f"{top}\n\n{STORY}")
    assert (work.title, work.authors) == ("The Salt Road", ["Jo Marram"])
    assert work.chapters[0].text.startswith("The cart rolled")
    assert "Marram" not in work.text


def test_lower_case_title_over_a_name_keeps_the_title_first() -> None:
    # A one-word lower-case title is common; only a handle no title is written as
    # (digits, an underscore, a capital inside) is read as the author over the title.
    work = work_of(f"saltwater\nJo Marram\nRating: PG-13\n\n{STORY}")
    assert (work.title, work.authors) == ("saltwater", ["Jo Marram"])


def test_story_byline_and_rating_tail_helpers() -> None:
    assert byline("A Harbour Tales story by Jo Marram") == "Jo Marram"
    assert byline("A long story by the sea") is None
    assert rating_tail("The Salt Road (R)") == ("The Salt Road", "R")
    assert rating_tail("The Salt Road (Part One)") == ("The Salt Road (Part One)", None)


def test_title_block_right_under_a_disclaimer_line() -> None:
    work = work_of(f"Disclaimer: Not mine.\nThe Salt Road\nby Jo Marram\n\n{STORY}")
    assert (work.title, work.authors, work.disclaimer) == (
        "The Salt Road",
        ["Jo Marram"],
        "Not mine.",
    )
    assert work.chapters[0].text.startswith("The cart rolled")


def test_a_story_opening_by_a_time_is_not_an_author_over_a_title() -> None:
    text = "By Tuesday\nEverything Changed\n\nThe house was quiet when she came home, and late."
    work = work_of(text)
    assert work.authors == []
    assert work.chapters[0].text.startswith("By Tuesday")
