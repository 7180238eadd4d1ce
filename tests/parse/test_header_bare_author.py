"""A title line over the author's bare name, with no "by" (a plain-text header as many
authors type it): the name is the author, not lost with the header."""

from __future__ import annotations

import pytest
from helpers_parse import tag_names, work_of

from fandex.parse import values
from fandex.parse.titleline import bare_name

STORY = (
    "The cart rolled on toward the coast, and Mara counted the gulls.\n\n"
    "By noon the road turned inland and the wind dropped."
)


@pytest.mark.parametrize(
    "top",
    [
        "The Salt Road\nmarramgrass\n\nRating: PG-13\nPairing: Mara/Tom",
        "The Salt Road\nmarramgrass\nRating: PG-13\nPairing: Mara/Tom",
        "The Salt Road\nJo K. Marram\n\nRating: PG-13\nPairing: Mara/Tom",
    ],
)
def test_title_over_bare_name_over_fields(top: str) -> None:
    work = work_of(f"{top}\n\n{STORY}")
    assert work.title == "The Salt Road"
    assert work.authors == [top.split("\n")[1]]
    assert tag_names(work, "rating") == ["Teen And Up Audiences"]
    assert work.chapters[0].text.startswith("The cart rolled")


def test_title_over_handle_over_story() -> None:
    work = work_of(f"The Salt Road\nmarram_77\n\n{STORY}")
    assert (work.title, work.authors) == ("The Salt Road", ["marram_77"])
    assert "marram_77" not in work.chapters[0].text


def test_second_line_is_a_subtitle_when_the_fields_name_the_author() -> None:
    work = work_of(f"The Salt Road\nA Tale of Gulls\n\nAuthor: marram\nRating: G\n\n{STORY}")
    assert (work.title, work.authors) == ("The Salt Road", ["marram"])
    assert work.header["Subtitle"] == "A Tale of Gulls"


@pytest.mark.parametrize("line", ["Dark Times", "Complete", "Prologue", "Rating", "the end."])
def test_everyday_words_are_no_bare_name(line: str) -> None:
    assert bare_name(line) is None


def test_two_title_case_lines_over_story_are_not_title_and_author() -> None:
    # With no header below, only a handle-shaped name is believed: a capitalised
    # second line over prose may be a subtitle or a poem's line.
    work = work_of(f"The Salt Road\nJo Marram\n\n{STORY}")
    assert work.authors == []


def test_a_fandom_under_the_title_is_the_fandom_not_the_author(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(values, "is_known_fandom", lambda name: name == "Harbour Tales")
    work = work_of(f"The Salt Road\nHarbour Tales\n\nRating: PG-13\n\n{STORY}")
    assert (work.title, work.authors) == ("The Salt Road", [])
    assert tag_names(work, "fandom") == ["Harbour Tales"]
    assert tag_names(work, "rating") == ["Teen And Up Audiences"]
