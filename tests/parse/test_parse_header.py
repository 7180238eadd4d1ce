"""Where the header is and which fields it has."""

from __future__ import annotations

import time

import pytest
from helpers_parse import doc_of, tag_names, work_of

from fandex.parse.header import parse_header
from fandex.read.document import paragraphs


def test_header_reads_labelled_block_and_stops_at_prose() -> None:
    h = parse_header(doc_of("Title: Dawn\nAuthor: Ives\n\nShe woke early.").blocks)
    assert [(f.label, f.value) for f in h.fields] == [("Title", "Dawn"), ("Author", "Ives")]
    assert h.end == 1


def test_header_reads_title_by_author_line() -> None:
    w = work_of("Lanterns by Mossgrave\n\nRating: PG\n\nThe lamp went out.")
    assert (w.title, w.authors) == ("Lanterns", ["Mossgrave"])


def test_header_title_with_by_in_it_splits_at_last_by() -> None:
    w = work_of("Stand by Me by Harrow Lane\n\nRating: G\n\nThey waited.")
    assert (w.title, w.authors) == ("Stand by Me", ["Harrow Lane"])


def test_header_reads_title_line_then_by_line() -> None:
    w = work_of("Blood Pure\nby Sajinn\n\nRating: R\n\nThe rain came down.")
    assert (w.title, w.authors) == ("Blood Pure", ["Sajinn"])
    assert w.chapters[0].text == "The rain came down."


def test_header_labelled_title_beats_banner_line() -> None:
    w = work_of("From the Old Archive\nTitle: Patrol\nAuthor: Birch\n\nShe checked the gate.")
    assert w.title == "Patrol"


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Author", "author"),
        ("By", "author"),
        ("Writer", "author"),
        ("Pseud", "author"),
        ("Fandoms", "fandom"),
        ("Pairings", "relationship"),
        ("Relationship", "relationship"),
        ("Ship", "relationship"),
        ("Characters", "character"),
        ("Rated", "rating"),
        ("Content warning", "warning"),
        ("CW", "warning"),
        ("TW", "warning"),
        ("Description", "summary"),
        ("Blurb", "summary"),
        ("Disclaimer", "disclaimer"),
        ("A/N", "notes"),
        ("Author's Notes", "notes"),
        ("Spoilers", "spoilers"),
        ("Timeline", "spoilers"),
        ("Setting", "spoilers"),
        ("Feedback", "feedback"),
        ("Archiving", "archive"),
        ("Beta", "beta"),
        ("Thanks", "beta"),
        ("Dedication", "dedication"),
        ("Written for", "dedication"),
        ("Gift", "dedication"),
        ("Word count", "words"),
        ("Length", "words"),
        ("Status", "status"),
        ("Posted", "date"),
        ("Updated", "updated"),
        ("Sequel to", "series"),
        ("Genre", "genre"),
        ("Language", "language"),
        ("Category", "category"),
    ],
)
def test_header_label_variants_map_to_fields(label: str, field: str) -> None:
    h = parse_header(doc_of(f"Title: T\n{label}: some value\n\nStory begins here today.").blocks)
    assert [(f.label, f.field) for f in h.fields][1] == (label, field)


def test_header_labels_are_case_insensitive_and_colon_optional_inside_header() -> None:
    h = parse_header(doc_of("TITLE: Dawn\nrating PG-13\nPairing Spike/Xander\n\nShe ran.").blocks)
    assert [(f.field, f.value) for f in h.fields] == [
        ("title", "Dawn"),
        ("rating", "PG-13"),
        ("relationship", "Spike/Xander"),
    ]


def test_header_colonless_label_needs_a_header_around_it() -> None:
    h = parse_header(doc_of("Rating the day was hard, she thought.\n\nMore story.").blocks)
    assert h.fields == []


def test_header_reads_bold_labels_and_table_rows_as_text_lines() -> None:
    w = work_of("**Title:** The Table\n**Rating:** T\n\nRon slept.")
    assert w.title == "The Table"
    assert tag_names(w, "rating") == ["Teen And Up Audiences"]


def test_header_reads_fields_separated_by_pipes() -> None:
    w = work_of("Title: Moth | Author: Rennet | Rating: PG\n\nThe moth circled.")
    assert (w.title, w.authors, tag_names(w, "rating")) == (
        "Moth",
        ["Rennet"],
        ["General Audiences"],
    )


def test_header_fields_in_separate_paragraphs() -> None:
    w = work_of("Title: Snow\n\nAuthor: Wren\n\nRating: G\n\nThe gate was shut.")
    assert (w.title, w.authors) == ("Snow", ["Wren"])
    assert w.chapters[0].text == "The gate was shut."


def test_header_value_on_following_line_and_multiline_summary() -> None:
    w = work_of("Title:\nLast Light\nSummary: A long\nday ends.\n\nThe light went out.")
    assert w.title == "Last Light"
    assert w.summary == "A long\nday ends."


def test_header_empty_summary_label_takes_next_paragraph_when_header_continues() -> None:
    w = work_of(
        "Title: Maps\n\nSummary:\n\nDaniel maps a planet.\n\nRating: G\n\nThe planet was dry."
    )
    assert w.summary == "Daniel maps a planet."
    assert w.chapters[0].text == "The planet was dry."


def test_header_empty_label_does_not_swallow_the_story() -> None:
    w = work_of("Title: Maps\nNotes:\n\nThe planet was dry and nobody had mapped it yet.")
    assert w.chapters[0].text == "The planet was dry and nobody had mapped it yet."


@pytest.mark.parametrize("sep", ["~~~~~~~~", "-----", "* * *", "=====", "oOo"])
def test_header_ends_at_separator_lines(sep: str) -> None:
    w = work_of(f"Title: Cranes\nAuthor: Lind\n{sep}\nShe folded the last crane.")
    assert w.title == "Cranes"
    assert w.chapters[0].text == "She folded the last crane."


def test_header_unknown_label_inside_header_is_kept_raw() -> None:
    w = work_of("Title: Song\nSoundtrack: Hallelujah\nRating: PG\n\nThe radio played.")
    assert w.header["Soundtrack"] == "Hallelujah"


def test_header_keeps_every_raw_field_as_found() -> None:
    w = work_of("Title: Ledger\nFeedback: yes please\nArchive: ask first\n\nIt balanced.")
    assert w.header == {"Title": "Ledger", "Feedback": "yes please", "Archive": "ask first"}


def test_header_short_prose_first_line_is_not_a_title() -> None:
    w = work_of("it was raining again\n\nFaith watched from the window for a long hour.")
    assert w.title == "Untitled"
    assert w.chapters[0].text.startswith("it was raining again")


def test_header_title_case_line_over_prose_is_a_title() -> None:
    w = work_of("The Blue Door\n\nSomebody had painted the door blue overnight, and people talked.")
    assert w.title == "The Blue Door"
    assert w.chapters[0].text.startswith("Somebody had painted")


def test_header_only_file_has_fields_and_no_story() -> None:
    w = work_of("Title: Coming Soon\nAuthor: Sable\nSummary: Posted next week.")
    assert (w.title, w.summary) == ("Coming Soon", "Posted next week.")
    assert w.chapters == []
    assert w.words == 0


def test_header_pathological_10000_line_header_is_bounded() -> None:
    text = "\n".join(f"Rating: PG-13 {i}\nNotes: a: b: c: {i}" for i in range(5000))
    work_of("Title: Warm\n\nThe vocabularies load before the clock starts.")
    # CPU time of this process, not the wall clock: a loaded machine does not fail it,
    # a quadratic or backtracking parse (minutes here) does.
    started = time.process_time()
    w = work_of(text + "\n\nShe ran for the door.")
    elapsed = time.process_time() - started
    assert elapsed < 10.0  # linear: well under a second on a laptop
    assert w.chapters[0].text == "She ran for the door."


def test_header_pathological_lines_without_labels_are_bounded() -> None:
    junk = "\n".join("a: " * 40 + "~ *" * 20 for _ in range(10000))
    work_of("Title: Warm\n\nThe vocabularies load before the clock starts.")
    started = time.process_time()  # CPU time, as above
    w = work_of(junk + "\n\nShe ran.")
    assert time.process_time() - started < 10.0
    assert w.words > 10000  # not a header: all of it is text


def test_story_right_under_a_short_field_is_not_swallowed() -> None:
    w = work_of(
        "Title: Stacks\nRating: PG\n"
        "Buffy walked into the library, and Giles looked up with a frown."
    )
    assert tag_names(w, "rating") == ["General Audiences"]
    assert w.chapters[0].text == (
        "Buffy walked into the library, and Giles looked up with a frown."
    )


def test_title_block_below_a_disclaimer_is_still_header() -> None:
    w = work_of(
        'Disclaimer: Not mine.\n\n"Love Story"\nby Jane Doe\n\nRated PG-13 for language.\n\n'
        "Xander burned the toast twice, and then a third time for luck."
    )
    assert (w.title, w.authors, w.disclaimer) == ("Love Story", ["Jane Doe"], "Not mine.")
    assert tag_names(w, "rating") == ["Teen And Up Audiences"]
    assert w.chapters[0].text.startswith("Xander burned")


def test_mail_headers_above_a_story_header_are_kept_raw() -> None:
    w = work_of("From: a@example.com\nSubject: NEW: Ice\n\nTitle: Ice\nRating: PG\n\nShe skated.")
    assert w.title == "Ice"
    assert w.header["Subject"] == "NEW: Ice"
    assert w.chapters[0].text == "She skated."


def test_mail_like_lines_without_a_header_below_are_story() -> None:
    w = work_of("Dear Sir: I write to complain.\n\nThe letter went on for pages.")
    assert w.header == {}
    assert w.chapters[0].text.startswith("Dear Sir")


def test_livejournal_cut_link_ends_the_header() -> None:
    w = work_of("Title: Ice\nAuthor: frost\n\n( Read more... )\n\nRodney hated the cold.")
    assert w.chapters[0].text == "Rodney hated the cold."


def test_dateline_opening_is_story_not_title() -> None:
    w = work_of("London, 1888\n\nThe fog came early that night, and Holmes did not go out.")
    assert w.title == "Untitled"
    assert w.chapters[0].text.startswith("London, 1888")


def test_part_of_line_above_header_is_the_series_place() -> None:
    w = work_of("Part 1 of 2\n\nTitle: Two\nAuthor: R\n\nIt began.")
    # A bare "Part 1 of 2" names no series: the raw header keeps it, no series entry.
    assert (w.title, w.series, w.header.get("Part")) == ("Two", [], "Part 1 of 2")
    assert w.chapters[0].text == "It began."


def test_story_opening_with_a_label_word_sentence_is_story() -> None:
    text = "Warning: the bridge ahead is out, the sign said, but Dean drove on.\n\nHe made it."
    w = work_of(text)
    assert w.header == {}
    assert w.tags == []
    assert w.chapters[0].text == text


def test_lone_disclaimer_opening_the_file_is_header() -> None:
    w = work_of("Disclaimer: I don't own them.\n\nThe training ground was empty at dawn.")
    assert w.disclaimer == "I don't own them."
    assert w.chapters[0].text == "The training ground was empty at dawn."


def test_bracketed_fields_are_read() -> None:
    w = work_of("[Title: Harbour]\n[Rating: PG]\n\nThe boats came in.")
    assert (w.title, tag_names(w, "rating")) == ("Harbour", ["General Audiences"])


def test_part_count_is_not_part_of_the_title() -> None:
    w = work_of("TITLE: The Long Way Home (1/3)\nAUTHOR: Jane\n\nMulder came home.")
    assert w.title == "The Long Way Home"
    assert w.header["TITLE"] == "The Long Way Home (1/3)"


def test_labelled_author_keeps_a_by_inside_the_title_line() -> None:
    w = work_of("Stand by Me\n\nAuthor: Harrow Lane\nRating: G\n\nThey waited.")
    assert (w.title, w.authors) == ("Stand by Me", ["Harrow Lane"])


def test_fields_joined_by_middots_and_a_summary_sentence_among_the_facts() -> None:
    # A printable page's facts: middot-joined fields, then an unlabelled sentence with
    # more labelled facts after it: the sentence is the summary.
    h = parse_header(
        paragraphs(
            "Fandom: Harbour Tales · Rating: Teen · Complete\n"
            "Advisories: Mild Language\n"
            "The gulls return to the harbour one by one, and Ila counts them.\n\n"
            "Characters: Ila, Corran\nGenre: Drama\n\n"
            "The first gull came at dawn."
        )
    )
    got = [(f.field, f.value) for f in h.fields]
    assert got == [
        ("fandom", "Harbour Tales"),
        ("rating", "Teen"),
        ("status", "Complete"),
        ("warning", "Mild Language"),
        ("summary", "The gulls return to the harbour one by one, and Ila counts them."),
        ("character", "Ila, Corran"),
        ("genre", "Drama"),
    ]
    assert h.end == 2


def test_an_unlabelled_sentence_is_a_note_when_a_summary_is_labelled() -> None:
    h = parse_header(
        paragraphs(
            "Fandom: Harbour Tales\nWarnings: none\n"
            "Written on the ferry home, so forgive the typos please.\n"
            "Summary: Ila counts gulls.\n\nThe first gull came at dawn."
        )
    )
    got = [(f.field, f.value) for f in h.fields]
    assert ("summary", "Ila counts gulls.") in got
    assert ("notes", "Written on the ferry home, so forgive the typos please.") in got


def test_the_story_right_under_a_pairing_line_is_story_not_header() -> None:
    w = work_of(
        "Title: Gull Count\nPairing: Ila/Corran\n"
        "Ila counted the gulls on the harbour wall every morning.\n"
        "Corran never asked why, and she never said.\n\nThe next day there were more."
    )
    assert [t.name for t in w.tags if t.type == "relationship"] == ["Corran/Ila"]
    assert w.text.startswith("Ila counted the gulls on the harbour wall")
    assert w.summary is None


def test_a_sentence_explaining_a_warning_stays_the_warnings() -> None:
    h = parse_header(
        paragraphs(
            "Title: Gull Count\nWarnings: character death\n"
            "It happens off the page, before the story begins.\n\nThe gulls came back."
        )
    )
    assert [f.value for f in h.fields if f.field == "warning"] == [
        "character death\nIt happens off the page, before the story begins."
    ]


def test_a_warning_list_ending_with_a_stop_stays_the_warning() -> None:
    h = parse_header(paragraphs("Title: T\nWarnings: violence,\ndeath, angst, drugs, sex.\n\nX."))
    assert [f.value for f in h.fields if f.field == "warning"] == [
        "violence,\ndeath, angst, drugs, sex."
    ]


def test_a_numbered_paragraph_of_prose_ending_the_file_is_story_not_a_legend() -> None:
    text = (
        "Gull Count\nby Wren\n\n27- broken dreams 'they're... chasing the gull? 'the dogs had "
        "seen the bird, and they ran after it around the harbour wall, barking at every wave.'"
    )
    w = work_of(text)
    assert w.chapters and w.chapters[0].text.startswith("27- broken dreams")


def test_a_chapter_heading_at_the_top_is_the_chapters_title_not_the_works() -> None:
    from fandex.parse import build_work
    from fandex.read.document import Block, RawDocument

    story = "The maze had moved again in the night, and Ila drew the new map on her sleeve."
    doc = RawDocument(
        "html",
        blocks=[Block("heading", "Chapter 9: The Maze (part 4)"), *paragraphs(story)],
        metadata={"fallback_title": "Gull Count"},
    )
    w = build_work(doc)
    assert w.title == "Gull Count"
    assert [c.title for c in w.chapters] == ["Chapter 9: The Maze (part 4)"]
    assert w.chapters[0].text == story


@pytest.mark.parametrize(
    ("line", "rating"),
    [
        ("This story is rated PG-13 for language.", "Teen And Up Audiences"),
        ("This fic is rated R.", "Mature"),
        ("The whole series has been rated NC-17 because of later chapters.", "Explicit"),
        ("This chapter is rated G", "General Audiences"),
        ("This is rated PG-13.", "Teen And Up Audiences"),
        ("(Rated PG)", "General Audiences"),
        ("This story is rated T+.", "Teen And Up Audiences"),
    ],
)
def test_a_rating_stated_as_a_sentence_is_the_stated_rating(line: str, rating: str) -> None:
    w = work_of(f"Salt Roads\nby Tamsin Greer\n\n{line}\n\nThe cart rolled on toward the coast.")
    assert [(t.name, t.source) for t in w.tags if t.type == "rating"][:1] == [(rating, "stated")]
    assert w.chapters[0].text == "The cart rolled on toward the coast."


def test_a_rated_film_in_the_story_is_not_the_works_rating() -> None:
    w = work_of(
        "Salt Roads\nby Tamsin Greer\n\nThe film was rated R, and Ona's mother said no.\n\n"
        "So they walked to the harbour instead."
    )
    assert not [t for t in w.tags if t.type == "rating" and t.source == "stated"]


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("Rating(s): T", ("rating", "Teen And Up Audiences")),
        ("Warning(s): none", ("warning", "No Archive Warnings Apply")),
        ("Fandom(s): Lantern Lane", ("fandom", "Lantern Lane")),
        ("Pairing(s): Mara/Tom", ("relationship", "Mara/Tom")),
        ("Rating~ R", ("rating", "Mature")),
        ("Content Warnings: none apply", ("warning", "No Archive Warnings Apply")),
        ("Age rating: 16+", ("rating", "Mature")),
        ("Audience: Teen", ("rating", "Teen And Up Audiences")),
        ("Rating......PG", ("rating", "General Audiences")),
        ("Rating >> PG", ("rating", "General Audiences")),
        ("Rating » PG", ("rating", "General Audiences")),
    ],
)
def test_header_labels_spelled_other_ways_are_read(line: str, stated: tuple[str, str]) -> None:
    w = work_of(f"Salt Roads\nby Tamsin Greer\n\n{line}\n\nThe cart rolled on toward the coast.")
    assert stated in [(t.type, t.name) for t in w.tags if t.source == "stated"]
    assert w.chapters[0].text == "The cart rolled on toward the coast."


def test_a_co_author_line_names_a_second_author() -> None:
    w = work_of("Title: Salt Roads\nAuthor: Tamsin Greer\nCo-author: Ned Vale\n\nThe cart went.")
    assert w.authors == ["Tamsin Greer", "Ned Vale"]


@pytest.mark.parametrize(
    "line",
    [
        "Title: Salt Roads Fandom: Lantern Lane Rating: PG Pairing: Mara/Tom",
        "Title: Salt Roads. Fandom: Lantern Lane. Rating: PG. Pairing: Mara/Tom.",
        "Title: Salt Roads; Fandom: Lantern Lane; Rating: PG; Pairing: Mara/Tom",
        "Title: Salt Roads / Fandom: Lantern Lane / Rating: PG / Pairing: Mara/Tom",
    ],
)
def test_fields_run_together_on_one_line_are_read_apart(line: str) -> None:
    w = work_of(f"{line}\n\nThe cart rolled on toward the coast.")
    assert w.title == "Salt Roads"
    stated = {(t.type, t.name) for t in w.tags if t.source == "stated"}
    assert stated == {
        ("fandom", "Lantern Lane"),
        ("rating", "General Audiences"),
        ("relationship", "Mara/Tom"),
    }


def test_a_label_word_inside_a_summary_does_not_split_it() -> None:
    w = work_of(
        "Title: Salt Roads\nSummary: Mara finds a note: meet me at the harbour.\n\nThe cart went."
    )
    assert w.summary == "Mara finds a note: meet me at the harbour."


def test_a_bare_label_over_its_value_is_a_field() -> None:
    w = work_of(
        "Salt Roads\nby Tamsin Greer\n\nRating\nR\n\nPairing\nMara/Tom\n\nThe cart went on."
    )
    stated = {(t.type, t.name) for t in w.tags if t.source == "stated"}
    assert {("rating", "Mature"), ("relationship", "Mara/Tom")} <= stated
    assert w.chapters[0].text == "The cart went on."


def test_a_word_over_a_sentence_is_story_not_a_field() -> None:
    w = work_of(
        "Salt Roads\nby Tamsin Greer\n\nWarning\nThe ice on the bay was thinner than it looked."
    )
    assert not [t for t in w.tags if t.type == "warning" and t.source == "stated"]


def test_a_blogs_categories_beside_a_stated_fandom_are_not_fandoms() -> None:
    w = work_of(
        "Title: Salt Roads\nFandom: Lantern Lane\nCategories: fic, drabbles\n\nThe cart went."
    )
    assert [t.name for t in w.tags if t.type == "fandom"] == ["Lantern Lane"]
    assert {"Fic", "Drabbles"} <= {t.name for t in w.tags if t.type == "freeform"}


def test_a_category_that_holds_only_a_rating_is_the_stated_rating() -> None:
    w = work_of("Title: Salt Roads\nAuthor: Tamsin Greer\nCatégorie: T\n\nThe cart rolled on.")
    assert [(t.name, t.source) for t in w.tags if t.type == "rating"][:1] == [
        ("Teen And Up Audiences", "stated")
    ]
    w = work_of("Title: Salt Roads\nCategory: Slash, Drama\n\nThe cart rolled on.")
    assert [t.name for t in w.tags if t.type == "category"] == ["M/M"]
    assert not [t for t in w.tags if t.type == "rating" and t.source == "stated"]


def test_a_summary_over_a_run_of_labelled_facts_is_the_summary() -> None:
    from helpers_parse import work_of

    text = (
        "Harbour Tales\n\nBy: Wren Calloway\n\n"
        "Ila keeps the light and counts the gulls; one winter a stranger rows in.\n\n"
        "Status: complete\n\nPublished: 2010-03-30\n\nWords: 1,204\n\n"
        "Rated: Fiction T - Language: English - Genre: Drama\n\n"
        + "Ila rowed out past the buoys at first light. "
        * 10
    )
    w = work_of(text)
    assert w.summary == "Ila keeps the light and counts the gulls; one winter a stranger rows in."
    assert w.status == "complete"
    assert [t.name for t in w.tags if t.type == "rating"] == ["Teen And Up Audiences"]
    assert w.chapters[0].text.startswith("Ila rowed out past the buoys")


def test_a_converted_preface_reads_a_two_paragraph_summary_and_starts_at_work_text() -> None:
    from helpers_parse import work_of

    text = (
        "Harbour Tales by Wren Calloway\n\nFandoms: Lighthouse Keepers (TV)\n\n"
        "Rating: Teen And Up Audiences\n\nSummary: Ila keeps the light.\n\n"
        "A stranger rows in one winter.\n\nNotes:\n\n(See the end of the work for notes.)\n\n"
        "Work Text:\n\nIla rowed out past the buoys at first light and counted the gulls."
    )
    w = work_of(text)
    assert w.summary == "Ila keeps the light.\n\nA stranger rows in one winter."
    assert w.chapters[0].text.startswith("Ila rowed out past the buoys at first light")
