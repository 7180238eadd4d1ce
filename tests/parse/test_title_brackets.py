"""A title's own brackets stay: "[Fic] Harbour Lights" is not "Fic] Harbour Lights"; brackets
that wrap the whole title line are decoration."""

from __future__ import annotations

import pytest

from fandex.clean import clean
from fandex.parse import build_work
from fandex.parse.titleline import clean_title_line
from fandex.read import read_bytes

STORY = "It rained on the harbour all night and she waited by the lamp."


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("[Fic] Harbour Lights", "[Fic] Harbour Lights"),
        ("[RT][WIP] Harbour Lights", "[RT][WIP] Harbour Lights"),
        ("Harbour Lights [Part 2]", "Harbour Lights [Part 2]"),
        ("[ Harbour Lights ]", "Harbour Lights"),
        ("<<Harbour Lights>>", "Harbour Lights"),
        ("** [Harbour Lights] **", "Harbour Lights"),
        ("[Fic] Harbour [Lights]", "[Fic] Harbour [Lights]"),
    ],
)
def test_only_wrapping_brackets_are_decoration(line: str, title: str) -> None:
    assert clean_title_line(line) == title


@pytest.mark.parametrize("name", ["story.txt", "story.md"])
def test_a_bracketed_tag_opening_the_title_line_stays_in_the_title(name: str) -> None:
    head = "# " if name.endswith(".md") else ""
    doc = clean(read_bytes(f"{head}[Fic] Harbour Lights\n\n{STORY}\n".encode(), name))
    assert build_work(doc).title == "[Fic] Harbour Lights"
