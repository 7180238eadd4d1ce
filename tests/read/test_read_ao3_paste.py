"""An AO3 work page copied from the browser into a text file: the tag list, title,
creator, summary and notes (however many paragraphs) are the card, each "Chapter Text"
opens a chapter, and announced end notes are notes."""

from __future__ import annotations

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

ONE = """Rating:
    General Audiences
Archive Warning:
    No Archive Warnings Apply
Fandom:
    Lighthouse Keepers: The Series
Characters:
    Mara Vance, Tom Reed
Language:
    English
Stats:
    Published: 2021-04-02 Words: 60 Chapters: 1/1

Gull Count
Wren Calloway

Summary:
The keepers count the gulls.

Notes:
Written for a spring exchange.

Thanks to my beta for the commas.

The title is a tally.

Work Text:
Mara counted the gulls every morning before the kettle boiled.

Tom wrote the numbers in the log and went down to the boats.
"""

TWO = """Main Content

Rating:

Teen And Up Audiences

Archive Warning:

Creator Chose Not To Use Archive Warnings

Fandom:

Lighthouse Keepers

Stats:

Published:
2021-01-01
Chapters:
2/2

Two Tides

Wren Calloway

Summary:

The island floods twice.

Notes:

A gift.

(See the end of the work for more notes.)

Chapter 1: Ebb

Notes:

The first half.

(See the end of the chapter for more notes.)

Chapter Text

The water rose at the east pier first.

Notes:

More soon.

Chapter 2: Flood

Chapter Text

By morning the pier was under water.

Notes:

Thank you for reading.
"""


def _work(text: str) -> Work:
    return build_work(clean(read_bytes(text.encode(), "pasted.txt")))


def test_a_pasted_work_page_is_read_as_its_card_and_text() -> None:
    w = _work(ONE)
    assert (w.title, w.authors) == ("Gull Count", ["Wren Calloway"])
    assert {(t.type, t.name) for t in w.tags} >= {
        ("rating", "General Audiences"),
        ("warning", "No Archive Warnings Apply"),
        ("character", "Mara Vance"),
    }
    # A value holding a colon is the value, not another label.
    assert any(t.type == "fandom" and "Lighthouse Keepers" in t.name for t in w.tags)
    assert w.summary == "The keepers count the gulls."
    assert w.notes_begin is not None and w.notes_begin.count("\n\n") == 2
    assert w.chapters[0].text.startswith("Mara counted the gulls")
    assert "Work Text" not in w.chapters[0].text and "tally" not in w.chapters[0].text


def test_pasted_chapters_and_announced_notes() -> None:
    w = _work(TWO)
    assert w.title == "Two Tides"
    assert any(t.type == "rating" and t.name == "Teen And Up Audiences" for t in w.tags)
    assert [c.title for c in w.chapters] == ["Chapter 1: Ebb", "Chapter 2: Flood"]
    assert [c.text for c in w.chapters] == [
        "The water rose at the east pier first.",
        "By morning the pier was under water.",
    ]
    assert (w.chapters[0].notes_begin, w.chapters[0].notes_end) == ("The first half.", "More soon.")
    assert (w.notes_begin, w.notes_end) == ("A gift.", "Thank you for reading.")


def test_a_label_and_its_text_on_one_line() -> None:
    w = _work(ONE.replace("Summary:\nThe keepers", "Summary: The keepers"))
    assert w.summary == "The keepers count the gulls."
    assert w.title == "Gull Count"


def test_a_notes_line_the_page_did_not_announce_stays_story() -> None:
    text = TWO.replace("(See the end of the work for more notes.)\n\n", "")
    w = _work(text)
    assert w.chapters[-1].text.endswith("Thank you for reading.")


def test_a_story_header_without_ao3_labels_is_not_a_pasted_page() -> None:
    text = "Title: Gulls\nRating: PG\nWarnings: none\n\nWork Text:\n\nMara counted the gulls."
    w = _work(text)
    assert w.title == "Gulls"


def test_a_copy_without_the_hidden_text_heading_ends_the_notes_at_the_jump_line() -> None:
    # The "Work Text:" heading is hidden on the page and often not copied.
    text = ONE.replace("Work Text:\n", "").replace(
        "The title is a tally.\n",
        "The title is a tally.\n\n(See the end of the work for more notes.)\n",
    )
    w = _work(text)
    assert w.notes_begin is not None and w.notes_begin.endswith("The title is a tally.")
    assert w.chapters[0].text.startswith("Mara counted the gulls")
    assert w.summary == "The keepers count the gulls."


def test_a_copy_without_the_text_heading_reads_a_one_paragraph_note() -> None:
    text = ONE.replace("Work Text:\n", "").replace(
        "Thanks to my beta for the commas.\n\nThe title is a tally.\n\n", ""
    )
    w = _work(text)
    assert w.notes_begin == "Written for a spring exchange."
    assert w.chapters[0].text.startswith("Mara counted the gulls")


def test_chapters_copied_without_their_text_headings() -> None:
    w = _work(TWO.replace("Chapter Text\n\n", ""))
    assert [c.title for c in w.chapters] == ["Chapter 1: Ebb", "Chapter 2: Flood"]
    assert [c.text for c in w.chapters] == [
        "The water rose at the east pier first.",
        "By morning the pier was under water.",
    ]
    assert (w.notes_begin, w.notes_end) == ("A gift.", "Thank you for reading.")


def test_the_pages_buttons_copied_under_the_work_are_dropped() -> None:
    w = _work(TWO + "\nKudos\nBookmark\nComments (2)\n")
    assert w.notes_end == "Thank you for reading."
