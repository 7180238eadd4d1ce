"""The author's lines at a story's edges, written as sentences rather than labels: a
dedication, a beta credit, a sequel note or an edit note over the text; "Hope you liked
it!", thanks to reviewers, "Up next:", "Edit:" and a word count under it."""

from __future__ import annotations

import re

import pytest
from helpers_parse import work_of

STORY = [
    "The ferry came in late, its one lantern swinging like a slow bell.",
    "Corran counted the lanterns twice, and Ila did not answer him at all.",
    "She went down to the water and stood there until the tide turned.",
    "By morning the fog had eaten the far pier, and the lantern was still missing.",
]
HEAD = ["Lanterns at Low Tide", "by Wren Calloway"]


def _words(text: str) -> list[str]:
    return re.sub(r"[\W_]+", " ", text).casefold().split()


@pytest.mark.parametrize(
    "opening",
    [
        ["Dedicated to my sister, who loves the sea."],
        ["Beta'd by the wonderful Marram."],
        ["Unbeta'd, all mistakes are mine."],
        ["Sequel to 'The Long Tide'. You should read that first."],
        ["Edit 3/5/2012: fixed some typos, nothing major."],
        # An "AN:" line whose note runs on to the chapter heading.
        ["AN: Hi everyone, new story time!", "I got this idea in the shower.", "Chapter One"],
    ],
)
def test_an_authors_line_over_the_story_is_not_its_first_words(opening: list[str]) -> None:
    w = work_of("\n\n".join([*HEAD, *opening, *STORY]))
    assert (w.title, w.authors) == ("Lanterns at Low Tide", ["Wren Calloway"])
    assert _words(w.text)[:4] == ["the", "ferry", "came", "in"]


@pytest.mark.parametrize(
    "closing",
    [
        ["Hope you liked it!"],
        ["Thanks to everyone who reviewed: Marram, Sedge, Lantern99."],
        ["Edit: fixed a typo, thanks Sedge!"],
        ["Up next: Chapter 4 - The Fog"],
        ["Word count: 2,345"],
        ["Review?"],
        ["Reviews are love!", "xoxo, Wren"],
        ["R&R please!", "~Wren"],
    ],
)
def test_an_authors_line_under_the_story_is_not_its_last_words(closing: list[str]) -> None:
    w = work_of("\n\n".join([*HEAD, *STORY, *closing]))
    assert _words(w.text)[-4:] == ["lantern", "was", "still", "missing"]


def test_a_story_line_that_opens_like_a_note_stays_story() -> None:
    # "Dedicated to" in a long opening paragraph, and a closing line of dialogue about
    # an update, are the story's own.
    opening = (
        "Dedicated to the harbour since the day she could walk, Ila knew every lantern on "
        "the pier by name, and she knew when one of them was gone, because the dark had "
        "a different shape where it should have been."
    )
    w = work_of("\n\n".join([*HEAD, opening, *STORY, '"Any update?" she asked. He had none.']))
    assert _words(w.text)[:2] == ["dedicated", "to"]
    assert _words(w.text)[-2:] == ["had", "none"]


@pytest.mark.parametrize(
    "note",
    [
        "So that happened. Next update might be slow, uni starts Monday.",
        "I know, I know, another cliffhanger. Sorry guys!",
        "Thank you for all the reviews, you make my day. I'll try to post soon.",
    ],
)
def test_the_authors_unlabelled_talk_after_the_last_break_is_a_note(note: str) -> None:
    w = work_of("\n\n".join([*HEAD, *STORY, "~*~", note]))
    assert _words(w.text)[-4:] == ["lantern", "was", "still", "missing"]


def test_a_closing_scene_after_the_last_break_stays_story() -> None:
    # First person, and a word like "chapter", but the narrator's scene, not a note.
    scene = "I closed the logbook and began the next page of my life, one lantern at a time."
    w = work_of("\n\n".join([*HEAD, *STORY, "~*~", scene]))
    assert w.text.rstrip().endswith("one lantern at a time.")


@pytest.mark.parametrize(
    "last",
    [
        '"Next time." He smiled.',
        '"Read and review," the teacher said.',
        "Next chapter of her life began.",
    ],
)
def test_a_closing_line_of_story_that_sounds_like_a_teaser_stays(last: str) -> None:
    w = work_of("\n\n".join([*HEAD, *STORY, last]))
    assert w.text.rstrip().endswith(last)
