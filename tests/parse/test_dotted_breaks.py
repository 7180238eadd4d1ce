"""Scene-break lines drawn with marks and other symbols between them (".:O:.:O:."), as
some archives' writers frame a chapter heading: the opening frame and heading are no
story text; a face written alone on a line ("o_O") stays story."""

from __future__ import annotations

import pytest
from helpers_parse import work_of

from fandex.parse.lines import is_separator

HEAD = "Title: Rooms\nAuthor: Sable\n\n"
FRAME = ".:O:.:O:.:O:.:O:.:O:.:O:.:O:."


@pytest.mark.parametrize("line", [FRAME, "-x-x-x-", "o.O.o.O.o", ":.:O:.:O:.:"])
def test_marks_with_symbols_between_are_breaks(line: str) -> None:
    assert is_separator(line)


@pytest.mark.parametrize("line", ["o_O", "x_x", "O.K.", "ox", "o.o"])
def test_faces_and_short_marks_are_not_breaks(line: str) -> None:
    assert not is_separator(line)


def test_a_framed_heading_does_not_open_the_story_text() -> None:
    # Invented: a chapter whose heading sits between two drawn frames.
    text = (
        HEAD
        + f"{FRAME}\n\nChapter Nine\n\n{FRAME}\n\n"
        + "The kettle boiled over while Ines read the letter twice.\n\n"
        + "She folded it and went out to the yard."
    )
    w = work_of(text)
    assert w.chapters[0].text.startswith("The kettle boiled over")


def test_a_face_alone_on_a_line_stays_in_the_story() -> None:
    text = HEAD + "Ines read the message.\n\no_O\n\nShe laughed and put the phone away."
    w = work_of(text)
    assert "o_O" in w.chapters[0].text
