"""Chapters, scene breaks, end markers, end notes and footnotes."""

from __future__ import annotations

import pytest
from helpers_parse import work_of

from fandex.parse import build_work
from fandex.parse.lines import chapter_heading, end_marker, footnote_legend, is_separator
from fandex.read.document import Block, RawDocument

HEAD = "Title: Rooms\nAuthor: Sable\n\n"


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Part 2:", "Part 2:"),
        ("Chapter 3 - The Long Night", "Chapter 3 - The Long Night"),
        ("~ 2 ~", "2"),
        ("II.", "II"),
        ("Chapter Four", "Chapter Four"),
        ("Prologue", "Prologue"),
        ("Epilogue: Ten Years Later", "Epilogue: Ten Years Later"),
    ],
)
def test_chapter_heading_shapes(line: str, title: str) -> None:
    assert chapter_heading(line) == title


@pytest.mark.parametrize(
    "line", ["Part of the problem was Xander.", "I", "Chapter and verse, he said.", "2 + 2 = 4"]
)
def test_prose_is_not_a_chapter_heading(line: str) -> None:
    assert chapter_heading(line) is None


@pytest.mark.parametrize("line", ["* * *", "~~~", "oOo", "xXx", "-----", "=====", "~*~*~", "#"])
def test_scene_break_lines(line: str) -> None:
    assert is_separator(line)


@pytest.mark.parametrize("line", ["...", "ox", "I", "Oh.", "x"])
def test_short_story_lines_are_not_breaks(line: str) -> None:
    assert not is_separator(line)


def test_chapters_split_at_headings_with_titles() -> None:
    w = work_of(HEAD + "Chapter 1 - Dusk\n\nThe sun set.\n\nChapter 2 - Dawn\n\nIt rose.")
    assert [(c.index, c.title, c.text) for c in w.chapters] == [
        (1, "Chapter 1 - Dusk", "The sun set."),
        (2, "Chapter 2 - Dawn", "It rose."),
    ]


def test_chapter_heading_with_title_on_next_line() -> None:
    w = work_of(HEAD + "Chapter One\nThe Fast Lane\n\nThe car was fast.")
    assert w.chapters[0].title == "Chapter One: The Fast Lane"
    assert w.chapters[0].text == "The car was fast."


def test_scene_breaks_are_kept_normalised_and_not_doubled() -> None:
    w = work_of(HEAD + "Kitchen.\n\noOo\n\nHall.\n\n~~~\n\n* * *\n\nAttic.\n\nxXx")
    assert w.chapters[0].text == "Kitchen.\n\n* * *\n\nHall.\n\n* * *\n\nAttic."


def test_chapter_text_is_paragraphs_joined_by_blank_lines() -> None:
    w = work_of(HEAD + "One.\n\nTwo\nwrapped.\n\nThree.")
    assert w.chapters[0].text.split("\n\n") == ["One.", "Two\nwrapped.", "Three."]


@pytest.mark.parametrize(
    ("marker", "status"),
    [
        ("The End", "complete"),
        ("Fin", "complete"),
        ("~ Fin ~", "complete"),
        ("TBC", "wip"),
        ("To be continued...", "wip"),
    ],
)
def test_end_markers_close_the_story(marker: str, status: str) -> None:
    w = work_of(HEAD + f"They walked home.\n\n{marker}")
    assert w.chapters[0].text == "They walked home."
    assert w.status == status


@pytest.mark.parametrize("marker", ["End of Chapter", "End of Chapter 2", "~ End of Part One ~"])
def test_a_section_end_is_left_out_but_says_nothing_of_the_work(marker: str) -> None:
    text = f"Chapter 1\n\nThey left.\n\n{marker}\n\nChapter 2\n\nThey came back.\n\n{marker}"
    w = work_of(HEAD + text)
    assert [c.text for c in w.chapters] == ["They left.", "They came back."]
    assert w.status is None


def test_end_marker_text_in_a_sentence_is_story() -> None:
    assert end_marker("The end was near, she thought.") is None


def test_text_after_end_marker_is_end_notes() -> None:
    w = work_of(HEAD + "They walked home.\n\nThe End\n\nI wrote this on a train. Thanks, Rue!")
    assert w.chapters[0].text == "They walked home."
    assert w.notes_end == "I wrote this on a train. Thanks, Rue!"


def test_closing_an_is_end_notes_without_marker() -> None:
    w = work_of(HEAD + "They walked home.\n\nA/N: Feedback is always welcome.")
    assert w.chapters[0].text == "They walked home."
    assert w.notes_end == "Feedback is always welcome."


def test_bracketed_closing_note_is_end_notes() -> None:
    w = work_of(HEAD + "The clock struck.\n\n[Written for a prompt. Comments welcome.]")
    assert w.chapters[0].text == "The clock struck."
    assert w.notes_end == "[Written for a prompt. Comments welcome.]"


def test_canon_recap_at_the_end_is_end_notes() -> None:
    w = work_of(HEAD + "Sam took the bed.\n\nThis story takes place after season two.")
    assert w.notes_end == "This story takes place after season two."
    assert w.chapters[0].text == "Sam took the bed."


def test_long_story_after_an_early_marker_is_not_swallowed() -> None:
    more = " ".join(["Then the second part went on and on with more story."] * 40)
    w = work_of(HEAD + f"First part.\n\nTBC\n\n{more}")
    assert more in w.text


def test_split_header_fields_at_the_end() -> None:
    w = work_of(
        HEAD + "The cake was half lemon.\n\nDisclaimer: Not mine.\n\nNotes: Written in an hour."
    )
    assert w.chapters[0].text == "The cake was half lemon."
    assert w.disclaimer == "Not mine."
    assert w.notes_end == "Written in an hour."
    assert w.header["Disclaimer"] == "Not mine."


def test_footnote_legend_in_header_attaches_to_trailing_digit_mark() -> None:
    w = work_of(
        "Title: Song\n1 'Hallelujah' - Leonard Cohen\n\nThe radio played it.1 Willow hummed."
    )
    assert [(f.mark, f.text) for f in w.footnotes] == [("1", "'Hallelujah' - Leonard Cohen")]
    assert "played it.1" in w.chapters[0].text


def test_footnote_legends_after_story_need_a_mark_in_text() -> None:
    w = work_of(HEAD + "It was Latin.[1] Giles frowned.\n\n[1] Latin for lizard.\n[2] Unused.")
    assert [(f.mark, f.text) for f in w.footnotes] == [("1", "Latin for lizard.")]
    assert w.chapters[0].text == "It was Latin.[1] Giles frowned."


def test_footnote_legend_shapes() -> None:
    assert footnote_legend("1 'Hallelujah' - Leonard Cohen") == (
        "1",
        "'Hallelujah' - Leonard Cohen",
    )
    assert footnote_legend("[2] A lyric.") == ("2", "A lyric.")
    assert footnote_legend("* Not a real place.") == ("*", "Not a real place.")


def test_dialogue_title_line_in_chapter_three_stays_story() -> None:
    text = (
        "Title: Field Report\nAuthor: Sable\nRating: PG\n\n"
        "Chapter 1\n\nThe report was due.\n\nChapter 2\n\nGiles wrote it.\n\nChapter 3\n\n"
        '"Title: Vampire activity," Giles read aloud.\n\n'
        "Title: Appendix A\nRating: dull\nSummary: none\n\nHe kept reading."
    )
    w = work_of(text)
    assert w.title == "Field Report"
    assert w.summary is None
    assert [t.name for t in w.tags_of("rating")] == ["General Audiences"]
    assert len(w.chapters) == 3
    assert w.chapters[2].text == (
        '"Title: Vampire activity," Giles read aloud.\n\n'
        "Title: Appendix A\nRating: dull\nSummary: none\n\nHe kept reading."
    )


def test_no_header_file_is_all_story() -> None:
    text = "The door was open.\n\nNothing was missing, which was worse."
    w = work_of(text)
    assert (w.title, w.authors, w.header) == ("Untitled", [], {})
    assert w.chapters[0].text == text


def test_repeated_part_header_opens_each_part_without_becoming_story() -> None:
    w = work_of(
        "Title: Blue Hour\nRating: PG\n\nPart 1\n\nTitle: Blue Hour (1/2)\nRating: PG\n\n"
        "It was blue.\n\nPart 2\n\nTitle: Blue Hour (2/2)\nRating: PG\n\nIt was gold."
    )
    assert [(c.title, c.text) for c in w.chapters] == [
        ("Part 1", "It was blue."),
        ("Part 2", "It was gold."),
    ]
    assert w.chapters[1].notes_begin == "Title: Blue Hour (2/2)\nRating: PG"


def test_chapter_opening_an_is_the_chapter_note() -> None:
    w = work_of(HEAD + "Chapter 1\n\nEmpty.\n\nChapter 2\n\nA/N: Sorry for the wait.\n\nMoved in.")
    assert w.chapters[1].notes_begin == "A/N: Sorry for the wait."
    assert w.chapters[1].text == "Moved in."


def test_separator_inside_the_header_block_starts_the_story() -> None:
    w = work_of("Title: Cranes\nRating: G\n~~~~~~\nShe folded the last crane.\nThen slept.")
    assert w.title == "Cranes"
    assert w.chapters[0].text == "She folded the last crane.\nThen slept."


def test_closing_block_of_several_fields_splits_into_fields() -> None:
    w = work_of(HEAD + "Someone picked it up.\n\nThe End\n\nFeedback: yes please!\nArchive: ask.")
    assert (w.header["Feedback"], w.header["Archive"]) == ("yes please!", "ask.")
    assert w.chapters[0].text == "Someone picked it up."
    assert w.status == "complete"


def test_bracketed_paragraph_mid_story_stays_story() -> None:
    text = "She stepped through.\n\n(Three weeks later, she came back.)\n\nShe said nothing."
    w = work_of(HEAD + text)
    assert w.chapters[0].text == text
    assert w.notes_end is None


def test_numbered_list_in_story_is_not_chapters() -> None:
    w = work_of(HEAD + "She made a list.\n\n1. Eggs\n\n2. Milk\n\nShe forgot it.")
    assert len(w.chapters) == 1


def test_author_note_then_title_line_then_french_heading() -> None:
    from fandex.parse import build_work
    from fandex.read import read_bytes

    text = (
        "Note : Une vieille histoire, mais j'en suis fière.\r\n\r\n\r\n\r\nMarée \t\r\n\r\n"
        "Un : Rue\r\n\r\nRue rama jusqu'au phare sans lever les yeux.\r\n"
        "Le vent tomba avec la nuit.\r\n"
    )
    w = build_work(read_bytes(text.encode("cp1252"), "683_auteur_rue.txt"))
    assert w.title == "Marée"
    assert [c.title for c in w.chapters] == ["Un : Rue"]
    assert w.chapters[0].text.startswith("Rue rama jusqu'au phare")
    assert "vieille histoire" in (w.notes_begin or "")


FFF_TEXT = """


Gull Count

by Wren Calloway



Series: Coastal Tales [2]
Category: Lighthouse Keepers
Relationships: Mara Vance/Tom Reed
Status: Completed
Rating: T
Summary: A keeper counts gulls.

Then she stops counting.





TABLE OF CONTENTS


Chapter 1, In Which Gulls Are Counted

Chapter 2, Winter




        Chapter 1, In Which Gulls Are Counted


The lighthouse keeper counted the gulls every morning before the kettle boiled.

Nobody had asked her to.


        Chapter 2, Winter


By winter the gulls had gone south and the counting stopped.

She went down to the boats.

End file.
"""


def test_a_text_contents_list_names_the_chapters_and_is_not_story() -> None:
    from fandex.parse import build_work
    from fandex.read import read_bytes

    w = build_work(read_bytes(FFF_TEXT.encode(), "gulls.txt"))
    assert (w.title, w.authors) == ("Gull Count", ["Wren Calloway"])
    assert [s.to_dict() for s in w.series] == [{"name": "Coastal Tales", "position": 2}]
    assert [c.title for c in w.chapters] == [
        "Chapter 1, In Which Gulls Are Counted",
        "Chapter 2, Winter",
    ]
    assert w.chapters[0].text.startswith("The lighthouse keeper counted")
    assert w.chapters[-1].text.endswith("She went down to the boats.")
    assert w.summary == "A keeper counts gulls.\n\nThen she stops counting."
    assert "TABLE OF CONTENTS" not in w.text
    assert w.status == "complete"


def test_a_note_about_the_storys_universe_before_the_prologue_is_a_note() -> None:
    from helpers_parse import work_of

    story = "The gulls came back to the harbour at dawn, and Ila counted them. " * 8
    w = work_of(
        f"Keep in mind that in this universe, Ila never left the harbour.\n\nPrologue\n\n{story}"
    )
    assert w.notes_begin == "Keep in mind that in this universe, Ila never left the harbour."
    assert w.chapters[0].text.startswith("The gulls came back")


def test_numbered_contents_entries_match_unnumbered_headings() -> None:
    text = (
        "Gulls\nby Pennant\n\nTable of Contents\n\n1. Chapter 1\n\n2. Chapter 2\n\n"
        "Chapter 1\n\nMara walked at dawn.\n\nChapter 2\n\nTom followed at noon."
    )
    work = work_of(text)
    assert [c.title for c in work.chapters] == ["Chapter 1", "Chapter 2"]
    assert work.chapters[0].text == "Mara walked at dawn."


def test_a_one_entry_table_of_contents_is_not_a_chapter() -> None:
    text = (
        "Gulls\nby Pennant\n\nTable of Contents\n\n1. Chapter 1\n\n"
        "Chapter 1\n\nMara walked at dawn."
    )
    work = work_of(text)
    assert [c.title for c in work.chapters] == ["Chapter 1"]
    assert work.chapters[0].text == "Mara walked at dawn."


def test_a_heading_with_nothing_under_it_names_the_next_chapters_part() -> None:
    text = (
        "Book 1: The Dry Season\n\nChapter 1: The Ford\n\nIla waded across at dawn.\n\n"
        "Chapter 2\n\nThe Bank\n\nShe climbed out, cold.\n\n"
        "Chapter 3\n\nChapter 3 opened on the far bank; she dried her boots."
    )
    w = work_of(HEAD + text)
    # "The Bank", a title-case line alone under the bare "Chapter 2", names it (as a
    # heading under it does); the sentence under "Chapter 3" is its text.
    titles = ["Chapter 1: The Ford", "Chapter 2: The Bank", "Chapter 3"]
    assert [c.title for c in w.chapters] == titles
    assert w.chapters[0].text == "Ila waded across at dawn."
    assert w.chapters[1].text == "She climbed out, cold."


def test_an_empty_numbered_heading_over_a_named_one_is_one_title() -> None:
    blocks = [
        Block("heading", "Chapter 2"),
        Block("heading", "The Ferry"),
        Block("paragraph", "She paid the ferryman in river stones."),
        Block("heading", "Chapter 3"),
        Block("paragraph", "The far bank was quiet."),
    ]
    w = build_work(RawDocument("html", blocks))
    assert [c.title for c in w.chapters] == ["Chapter 2: The Ferry", "Chapter 3"]


@pytest.mark.parametrize("marker", ["End of Chapter 2", "~ End of Part Two ~", "End of Prologue"])
def test_a_marker_closing_a_part_says_nothing_of_the_whole_work(marker: str) -> None:
    text = (
        "Chapter 1\n\nIla rowed out past the buoys at first light.\n\n"
        f"Chapter 2\n\nShe came back at dusk with nothing in the boat.\n\n{marker}"
    )
    w = work_of(HEAD + text)
    assert w.status is None
    assert w.chapters[-1].text == "She came back at dusk with nothing in the boat."


def test_the_end_still_closes_the_work() -> None:
    w = work_of(HEAD + "Ila rowed home at dusk and tied up the boat.\n\nThe End")
    assert w.status == "complete"


_PROSE = "The ship came out of warp above a grey world and nobody on the bridge spoke. " * 6


def test_a_posts_word_about_the_story_before_chapter_one_is_notes() -> None:
    text = (
        "I am writing a different kind of ferry story, with two keepers and a storm. "
        "Here's a sample.\n\nCHAPTER 1\n\n" + _PROSE
    )
    w = work_of(text)
    assert [c.title for c in w.chapters] == ["CHAPTER 1"]
    assert (w.notes_begin or "").startswith("I am writing a different kind of ferry story")


def test_a_character_writing_a_letter_before_chapter_one_is_story() -> None:
    text = "She was writing a letter to her brother when the bell rang.\n\nCHAPTER 1\n\n" + _PROSE
    w = work_of(text)
    assert w.chapters[0].text.startswith("She was writing a letter")


@pytest.mark.parametrize(
    ("under", "title"),
    [
        ("The Ferry", "Chapter 2: The Ferry"),
        ("In Which Ila Loses a Lantern", "Chapter 2: In Which Ila Loses a Lantern"),
        ("Ila rowed out past the buoys", "Chapter 2"),
        ('"Row," she said', "Chapter 2"),
        ("It was cold.", "Chapter 2"),
    ],
)
def test_a_title_line_alone_under_a_bare_chapter_number_names_it(under: str, title: str) -> None:
    text = (
        "Chapter 1\n\nIla waded across the ford at dawn and counted the gulls.\n\n"
        f"Chapter 2\n\n{under}\n\nShe climbed out on the far bank, cold and tired."
    )
    w = work_of(HEAD + text)
    assert w.chapters[1].title == title


def test_a_chapter_headed_twice_around_a_title_card_is_one_chapter() -> None:
    # An e-book converted to Markdown: the file's heading, the work's title in bold, and
    # the heading again as the text's first line.
    from fandex.read import read_bytes

    text = (
        "# Chapter 1: The Ice\n\n**Gull Count**\n\nChapter 1: The Ice\n\n"
        "The harbour froze in the night, and Ilse walked out on it at dawn.\n\n"
        "Brand counted the gulls from the sea wall and wrote the number down."
    )
    work = build_work(read_bytes(text.encode(), "segment0006.md"))
    assert [c.title for c in work.chapters] == ["Chapter 1: The Ice"]
    assert work.chapters[0].text.startswith("The harbour froze")
    assert "Gull Count" in (work.chapters[0].notes_begin or "")


def test_two_chapters_with_the_same_heading_and_story_in_both_stay_two() -> None:
    body = (
        "Chapter 1: The Ice\n\nThe harbour froze in the night, and Ilse walked out.\n\n"
        "Chapter 1: The Ice\n\nBrand counted the gulls from the sea wall."
    )
    assert len(work_of(HEAD + body).chapters) == 2


def test_a_one_line_scene_under_a_bare_heading_is_text_not_its_name() -> None:
    blocks = [
        Block("heading", "Chapter 1"),
        Block("paragraph", "Rain Again"),
        Block("rule", ""),
        Block("paragraph", "Dry now"),
    ]
    w = build_work(RawDocument("html", blocks))
    assert [c.title for c in w.chapters] == ["Chapter 1"]
    assert w.chapters[0].text == "Rain Again\n\n* * *\n\nDry now"


def test_a_bare_headings_name_stands_over_a_scene_break_and_a_full_scene() -> None:
    blocks = [
        Block("heading", "Chapter 1"),
        Block("paragraph", "The Weir"),
        Block("rule", ""),
        Block("paragraph", "Osk walked the length of the weir twice before the keeper came out."),
    ]
    w = build_work(RawDocument("html", blocks))
    assert [c.title for c in w.chapters] == ["Chapter 1: The Weir"]


def test_a_chapter_heading_underlined_by_a_rule_keeps_its_own_name() -> None:
    text = (
        "Chapter 1: Quotes\n——————————————\n\nMara counted the boats twice.\n\n"
        "Chapter 2: Nets\n==============\n\nTom mended the nets at noon."
    )
    w = work_of(HEAD + text)
    assert [c.title for c in w.chapters] == ["Chapter 1: Quotes", "Chapter 2: Nets"]
    assert w.chapters[0].text == "Mara counted the boats twice."


def test_an_opening_description_chapter_is_the_summary() -> None:
    text = (
        "The Tally\nby Wren Calloway (2018)\n\nChapter 0: Description\n\n"
        "A harbour keeps count of its boats.\n\nChapter 1: Dawn\n\nMara counted the boats.\n\n"
        "Chapter 2: Dusk\n\nTom counted them again."
    )
    w = work_of(text)
    assert (w.title, w.authors) == ("The Tally", ["Wren Calloway"])
    assert w.summary == "A harbour keeps count of its boats."
    assert [c.title for c in w.chapters] == ["Chapter 1: Dawn", "Chapter 2: Dusk"]
