"""Text files whose first lines are a story's facts by position after a layout's marker
line (fiction-dl's text source): the lines are the work's facts, not its opening."""

from __future__ import annotations

import pytest

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes

LINED = (
    "LOCAL TEXT STORY\n"
    "https://www.fanfiction.net/s/123/1/Lamps-Unlit\n"
    "Lamps Unlit\n"
    "Wren Calloway\n"
    "The lamplighter keeps one lamp dark. One shot.\n"
    "<p>Ila counted the lamps along the quay.</p><p>One of them was dark again.</p>"
)


def test_lined_facts_are_the_works_title_author_and_summary() -> None:
    data = LINED.encode()
    assert choose_reader(data, "story.txt").name == "lined-header"
    w = build_work(clean(read_bytes(data, "story.txt")))
    assert (w.title, w.authors) == ("Lamps Unlit", ["Wren Calloway"])
    assert w.summary == "The lamplighter keeps one lamp dark. One shot."
    assert w.text.startswith("Ila counted the lamps")
    assert "LOCAL TEXT STORY" not in w.text and "fanfiction.net" not in w.text


def test_plain_text_body_after_the_lines_is_read_as_text() -> None:
    data = LINED.replace("<p>", "").replace("</p>", "\n\n").encode()
    w = build_work(clean(read_bytes(data, "story.txt")))
    assert w.title == "Lamps Unlit"
    assert w.text.startswith("Ila counted the lamps")


def test_a_story_opening_with_the_markers_words_is_not_the_layout() -> None:
    """The marker must be the whole first line: prose that opens with its words is a
    plain text, its first lines the story."""
    data = b"Local text story time, said Ila, and opened the book.\n\nThe quay was dark."
    assert choose_reader(data, "story.txt").name != "lined-header"


def test_marker_and_facts_without_a_story_is_a_one_line_error() -> None:
    data = "\n".join(LINED.splitlines()[:5]).encode()
    with pytest.raises(ReadError, match="no story text"):
        read_bytes(data, "story.txt")


def test_the_layouts_break_line_parts_the_story_into_chapters() -> None:
    """fiction-dl writes a whole line between two chapters: each part is a chapter, the
    line itself no text."""
    data = (LINED + "\nCHAPTER BREAK LINE\n<p>At dawn the dark lamp was lit.</p>").encode()
    w = build_work(clean(read_bytes(data, "story.txt")))
    assert len(w.chapters) == 2
    assert w.chapters[1].text.startswith("At dawn the dark lamp")
    assert "BREAK" not in w.text


def test_the_break_words_inside_a_sentence_part_nothing() -> None:
    data = LINED.replace("One of them", "A chapter break line, she thought. One of them")
    w = build_work(clean(read_bytes(data.encode(), "story.txt")))
    assert len(w.chapters) == 1
