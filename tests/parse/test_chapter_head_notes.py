"""An author's note right under a chapter heading (a chapter saved by itself, as
FictionAlley and other archives serve one chapter a page) is the chapter's note, not
its story."""

from __future__ import annotations

import pytest
from helpers_parse import work_of

STORY = (
    "The river was high and the bridge creaked as they crossed in the dark.\n\n"
    "On the far side a lamp was lit, and a dog barked twice."
)


@pytest.mark.parametrize(
    "note",
    [
        "A/N: Thanks for the reviews, everyone. This one is short.",
        "(A/N: Thanks for the reviews, everyone.)",
        "Author's Notes: Thanks for the reviews, everyone.",
        "Disclaimer: Not mine.\nA/N: Thanks for the reviews, everyone.",
    ],
)
@pytest.mark.parametrize("top", ["", "The Long Road\nby wrenfield\n\n"])
def test_note_under_a_lone_chapter_heading(top: str, note: str) -> None:
    work = work_of(f"{top}Chapter 3\n\n{note}\n\n{STORY}")
    [chapter] = work.chapters
    assert chapter.title == "Chapter 3"
    assert chapter.text.startswith("The river was high")
    assert "Thanks for the reviews" in (chapter.notes_begin or work.notes_begin or "")


def test_note_in_a_later_chapter_in_brackets() -> None:
    text = (
        "Chapter 1\n\nThe road was long and the rain did not stop.\n\n"
        f"Chapter 2\n\n(A/N: Sorry for the wait!)\n\n{STORY}"
    )
    work = work_of(text)
    assert work.chapters[1].notes_begin == "(A/N: Sorry for the wait!)"
    assert work.chapters[1].text.startswith("The river was high")


def test_story_opening_under_a_lone_heading_stays_story() -> None:
    work = work_of(f"The Long Road\nby wrenfield\n\nChapter 3\n\n{STORY}")
    assert work.chapters[0].notes_begin is None
    assert work.chapters[0].text.startswith("The river was high")
