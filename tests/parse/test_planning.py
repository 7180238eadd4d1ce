"""Writing notes found beside drafts are flagged as not a story."""

from __future__ import annotations

from fandex.parse import build_work
from fandex.read import read_bytes

NOTES = (
    "Ok so I need a way for Rue to meet the ferryman. OK THE START OF THE STORY. I NEED TO "
    "START IT OFF WITH MYSTERY. So I need the reader to be asking questions as soon as the "
    "story starts, with the very first paragraph. I can start things off with the letter. "
    "Maybe I should introduce the ferryman in chapter three, because then it's not too "
    "early. I can make the first chapter a sort of prologue from his viewpoint. Ideas:\n"
    "1. Rue finds the letter.\n2. The ferryman lies about the river.\n"
)
STORY = (
    "Rue found the letter under the oar. I need to tell someone, she thought, but the story "
    "it told was not one she could repeat. The ferryman said nothing for the first mile. "
    "By the second he was singing, and by the third she had forgotten to be afraid of him. "
    "When they reached the far bank the lamps were lit and the town smelled of bread."
)


def test_writing_notes_are_flagged_not_a_story() -> None:
    w = build_work(read_bytes(NOTES.encode(), "wordvomit.txt"))
    assert [f["kind"] for f in w.flags] == ["not-a-story"]
    assert "notes for a story" in w.flags[0]["reason"]


def test_a_story_that_mentions_its_story_is_a_story() -> None:
    w = build_work(read_bytes(STORY.encode(), "rue.txt"))
    assert w.flags == []
