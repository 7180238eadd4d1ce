"""A journal entry page converted into text or a document: the poster is the author,
the journal's own fields and the comment links are not the story."""

from __future__ import annotations

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

STORY = [
    "Ila counted the gulls on the harbour wall, as she did every morning.",
    "The boats came in at noon and she counted those too.",
]


def _work(text: str, name: str = "entry.txt") -> Work:
    return build_work(clean(read_bytes(text.encode(), name)))


def test_a_dreamwidth_entry_as_text() -> None:
    lines = [
        "wrenwrites (wrenwrites) wrote2021-03-04 10:12 am",
        "Current Mood: calm",
        "Current Music: rain",
        "Entry tags:",
        "fic, harbour tales",
        "[FIC] Gulls",
        "Title: Gulls\nFandom: Harbour Tales\nRating: PG\nSummary: Ila counts gulls.",
        *STORY,
        "Post a new comment",
        "Flat | Top-Level Comments Only",
        "[ Home | Post Entry | Log in | Search | Site Map ]",
    ]
    w = _work("\n\n".join(lines))
    assert (w.title, w.authors, w.summary) == ("Gulls", ["wrenwrites"], "Ila counts gulls.")
    assert ("fandom", "Harbour Tales") in {(t.type, t.name) for t in w.tags}
    assert w.text == "\n\n".join(STORY)


def test_the_header_and_story_as_lines_of_one_paragraph_are_set_apart() -> None:
    # A converter's one paragraph of the entry's <br>-separated lines.
    entry = "Title: Gulls\nFandom: Harbour Tales\n" + "\n".join(STORY)
    lines = ["wrenwrites wrote,", "Current Location: the pier", entry, "Leave a comment"]
    w = _work("\n\n".join(lines))
    assert (w.title, w.authors) == ("Gulls", ["wrenwrites"])
    assert w.text == "\n\n".join(STORY)


def test_a_story_opening_with_someone_writing_is_not_an_entry() -> None:
    text = "Ila wrote to her brother every week.\n\n" + "\n\n".join(STORY)
    w = _work(text)
    assert w.authors == []
    assert w.text.startswith("Ila wrote to her brother")
