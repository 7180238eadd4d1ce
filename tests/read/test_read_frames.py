"""Plain-text headers drawn in a box of stars: the box is decoration, the title and
byline inside it are read as any header's; emphasis between scene-break rules is not
a box."""

from __future__ import annotations

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.read.frames import unframe

BOXED = """\
********************************************
*  The Tally Stick                         *
*  by harbourlights                        *
********************************************

Fandom: Harbour Tales | Rating: PG | Pairing: Corran/Ila | Word Count: 1,240
Spoilers: For the winter chapters

Summary: A count kept in notches, and what it counts.

Corran kept a tally stick by the door and cut a notch for every boat that came home.

Ila asked him once what the long notches meant. He said they were for the boats \
that came home late.
"""


def test_a_boxed_title_and_byline_open_the_header() -> None:
    w = build_work(clean(read_bytes(BOXED.encode(), "fic.txt")))
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert w.summary == "A count kept in notches, and what it counts."
    assert w.spoilers == "For the winter chapters"
    assert w.text.startswith("Corran kept a tally stick")
    assert "*" not in w.text


def test_emphasised_lines_between_scene_break_rules_keep_their_stars() -> None:
    text = "Ila rowed.\n\n**********\n*She did not look back.*\n*Not once.*\n**********\n\nDawn."
    assert unframe(text) == text


def test_a_box_with_a_ragged_right_edge_is_not_unframed() -> None:
    text = "************\n* Short *\n* A much longer line that overruns *\n************"
    assert unframe(text) == text
