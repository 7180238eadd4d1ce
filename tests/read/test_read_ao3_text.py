"""An AO3 download that lost its markup (text, Word, RTF made from it): AO3's typed tags,
byline, summary and notes are read as such; its end notes and closing request are not
story."""

from __future__ import annotations

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.read.ao3_text import unflatten
from fandex.read.document import Block, RawDocument

TAGS_ON_OWN_LINES = [
    "Rating:",
    "Teen And Up Audiences",
    "Archive Warning:",
    "No Archive Warnings Apply",
    "Fandom:",
    "Harbour Tales (Radio)",
    "Relationship:",
    "Corran/Ila",
    "Character:",
    "Ila, Corran",
    "Language:",
    "English",
    "Stats:",
    "Published: 2020-01-02 Words: 120 Chapters: 1/1",
]
STORY = [
    "The gulls came back to the harbour on the first cold morning of the year.",
    "Ila counted them from the wall, and Corran counted the boats, and neither said a word.",
]


def _text(tags: list[str]) -> str:
    lines = [
        "Low Water",
        "Posted originally on the Archive of Our Own at http://archiveofourown.org/works/1.",
        *tags,
        "Low Water",
        "by saltmarsh",
        "Summary",
        "The night the harbour froze.",
        "Notes",
        "For my flist, who asked.",
        "See the end of the work for more notes",
        *STORY,
        "End Notes",
        "Thanks for reading!",
        "Please drop by the archive and comment to let the author know if you enjoyed their work!",
    ]
    return "\n\n".join(lines) + "\n"


def _work(text: str) -> Work:
    return build_work(clean(read_bytes(text.encode(), "low-water.txt")))


def _names(w: Work, type_: str) -> list[str]:
    return [t.name for t in w.tags if t.type == type_]


def test_flattened_download_gives_ao3s_typed_tags_and_card() -> None:
    w = _work(_text(TAGS_ON_OWN_LINES))
    assert (w.title, w.authors) == ("Low Water", ["saltmarsh"])
    assert _names(w, "rating") == ["Teen And Up Audiences"]
    assert _names(w, "warning") == ["No Archive Warnings Apply"]
    assert _names(w, "fandom") == ["Harbour Tales (Radio)"]
    assert _names(w, "relationship") == ["Corran/Ila"]
    assert w.summary == "The night the harbour froze."
    assert w.notes_begin == "For my flist, who asked."
    assert w.notes_end == "Thanks for reading!"
    assert (w.language, w.published, w.status) == ("en", "2020-01-02", "complete")


def test_flattened_download_text_is_the_story_alone() -> None:
    w = _work(_text(TAGS_ON_OWN_LINES))
    assert w.text.startswith("The gulls came back")
    assert w.text.endswith("neither said a word.")
    for chrome in ("Posted originally", "Rating", "See the end", "Please drop by"):
        assert chrome not in w.text


def test_tags_run_together_on_one_line_are_split_at_ao3s_labels() -> None:
    # calibre's RTF writes AO3's whole tag list as one paragraph.
    run_on = " ".join(
        f"{label} {value}"
        for label, value in zip(TAGS_ON_OWN_LINES[::2], TAGS_ON_OWN_LINES[1::2], strict=True)
    )
    w = _work(_text([run_on]))
    assert _names(w, "fandom") == ["Harbour Tales (Radio)"]
    assert _names(w, "character") == ["Ila", "Corran"]
    assert w.text.startswith("The gulls came back")


def test_chapters_marked_by_headings_keep_their_titles_and_notes() -> None:
    def p(text: str) -> Block:
        return Block("paragraph", text)

    blocks = [
        p("Low Water"),
        p("Posted originally on the Archive of Our Own at http://archiveofourown.org/works/1."),
        p("Fandom:"),
        p("Harbour Tales"),
        Block("heading", "Dawn"),
        p(STORY[0]),
        Block("heading", "Dusk"),
        p("Chapter Notes"),
        p("The last one!"),
        p(STORY[1]),
    ]
    doc = unflatten(RawDocument("docx", blocks=blocks))
    assert [c.title for c in doc.chapters] == ["Dawn", "Dusk"]
    assert doc.chapters[1].notes_begin == "The last one!"
    assert [b.text for b in doc.chapters[1].blocks] == [STORY[1]]


def test_text_without_ao3s_line_is_left_alone() -> None:
    doc = RawDocument("txt", blocks=[Block("paragraph", "Rating:"), Block("paragraph", "G")])
    assert unflatten(doc) is doc


def test_plain_text_chapter_titles_set_apart_by_blank_lines() -> None:
    text = (
        "Low Water\n\nPosted originally on the Archive of Our Own at "
        "http://archiveofourown.org/works/1.\n\nStats:\n\nChapters: 2/2\n\n\n\n\n"
        f"Dawn\n\n\n\n\n{STORY[0]}\n\n* * *\n\n{STORY[0]}\n\n\n\n\n"
        f"Dusk\n\n\n\n\n{STORY[1]}\n\n\n\n\n"
        "Please drop by the archive and comment to let the author know if you enjoyed their work!\n"
    )
    w = _work(text)
    assert [c.title for c in w.chapters] == ["Dawn", "Dusk"]
    assert w.chapters[1].text == STORY[1]


def test_a_copy_without_blank_lines_between_the_preface_lines() -> None:
    # The title, AO3's line and the tag list as one paragraph; "Summary" over its text
    # and "End Notes" over the notes with no blank line; the jump line in brackets.
    text = "\n".join(["Low Water", _text([]).split("\n\n")[1], *TAGS_ON_OWN_LINES])
    text += "\n\nLow Water\nby saltmarsh\n\nSummary\nThe night the harbour froze.\n\n"
    text += "Notes\nFor my flist, who asked.\n\nAnd for the cold.\n\n"
    text += "(See the end of the work for more notes.)\n\n" + "\n\n".join(STORY)
    text += "\n\nEnd Notes\nThanks for reading!\n"
    w = _work(text)
    assert (w.title, w.authors) == ("Low Water", ["saltmarsh"])
    assert _names(w, "rating") == ["Teen And Up Audiences"]
    assert w.summary == "The night the harbour froze."
    assert w.notes_begin == "For my flist, who asked.\n\nAnd for the cold."
    assert w.notes_end == "Thanks for reading!"
    assert w.chapters[0].text == "\n\n".join(STORY)
