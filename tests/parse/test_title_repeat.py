"""The lines over a story that repeat its title and byline ("Moth" / "by Sedge", or
"Moth by Sedge") are not story; a first line that only shares words with the title is."""

from __future__ import annotations

import pytest
from helpers_parse import work_of

HEAD = "Title: The Quiet Console\nAuthor: Marigold\nRating: G\n\n"
STORY = "The console room was quiet when Rose came in.\n\nShe sat beside him."


@pytest.mark.parametrize(
    "repeat",
    [
        "The Quiet Console\n\n",
        "The Quiet Console by Marigold\n\n",
        "The Quiet Console\n\nby Marigold\n\n",
    ],
)
def test_a_title_repeat_over_the_story_is_left_out(repeat: str) -> None:
    w = work_of(HEAD + repeat + STORY)
    assert w.chapters[0].text.startswith("The console room was quiet")


def test_a_first_line_like_the_title_stays_story() -> None:
    w = work_of(HEAD + "The quiet console hummed.\n\n" + STORY)
    assert w.chapters[0].text.startswith("The quiet console hummed.")


def test_a_title_by_line_over_labelled_facts_is_title_and_author() -> None:
    # eFiction 1's page: "<b>Title</b> by <b>Author</b><br>Rating: ...<br>..." as one block.
    w = work_of("The Quiet Console by Marigold\nRating: G\nWarnings: None\n\n" + STORY)
    assert (w.title, w.authors) == ("The Quiet Console", ["Marigold"])
