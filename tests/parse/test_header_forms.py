"""Header forms real fic posts use for their stated tags: combined labels, other
separators, a warning written as a sentence, an author's other name."""

from __future__ import annotations

import pytest
from helpers_parse import tag_names, work_of

from fandex.parse.combined import split_combined
from fandex.parse.header_block import HeaderField
from fandex.parse.labels import field_for, match_label

STORY = "The cart rolled on toward the coast, and Mara counted the gulls."


def _stated(text: str) -> set[tuple[str, str]]:
    return {(t.type, t.name) for t in work_of(text).tags if t.source == "stated"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Characters/Pairings: Mara, Tom, Ned, Mara/Tom",
            {
                ("character", "Mara"),
                ("character", "Tom"),
                ("character", "Ned"),
                ("relationship", "Mara/Tom"),
            },
        ),
        (
            "Pairing/Characters: Mara/Tom, Ned",
            {("relationship", "Mara/Tom"), ("character", "Ned")},
        ),
        (
            "Genre/Rating: Angst / PG-13",
            {("freeform", "Angst"), ("rating", "Teen And Up Audiences")},
        ),
        (
            "Rating & Warnings: R, graphic violence",
            {("rating", "Mature"), ("warning", "Graphic Depictions Of Violence")},
        ),
        (
            "Fandom/Pairing: Lantern Lane, Mara/Tom",
            {("fandom", "Lantern Lane"), ("relationship", "Mara/Tom")},
        ),
    ],
)
def test_a_combined_label_shares_its_value_out_among_its_fields(
    line: str, expected: set[tuple[str, str]]
) -> None:
    w = work_of(f"Title: Salt Roads\n{line}\n\n{STORY}")
    assert {(t.type, t.name) for t in w.tags if t.source == "stated"} == expected
    assert w.text == STORY
    label = line.split(":", 1)[0]
    assert w.header[label] == line.split(": ", 1)[1]  # kept as written


def test_a_combined_label_is_two_fields_and_the_same_field_twice_is_one() -> None:
    assert field_for("Characters/Pairings") == "character+relationship"
    assert field_for("Pairings/Relationships") == "relationship"
    assert field_for("Pairing/s") == "relationship"
    assert field_for("Author/Artist") is None


def test_slots_go_by_position_only_when_each_reads_as_its_field() -> None:
    f = HeaderField("Genre/Rating", "genre+rating", "Angst / Hurt/Comfort / PG")
    assert [(g.field, g.value) for g in split_combined(f)] == [
        ("genre", "Angst, Hurt/Comfort"),
        ("rating", "PG"),
    ]


def test_prose_starting_with_two_label_words_is_not_a_combined_field() -> None:
    assert match_label("Characters and pairings were never her strong suit.") is None
    w = work_of(f"Characters and pairings were never her strong suit, Mara said.\n\n{STORY}")
    assert not [t for t in w.tags if t.source == "stated"]


@pytest.mark.parametrize(
    "header",
    [
        "TITLE | Salt Roads\nRATING | PG\nPAIRING | Mara/Tom",
        "~Title~ Salt Roads\n~Rating~ PG\n~Pairing~ Mara/Tom",
        "<Title> Salt Roads\n<Rating> PG\n<Pairing> Mara/Tom",
        "Title; Salt Roads\nRating; PG\nPairing; Mara/Tom",
        "[Title] Salt Roads\n[Rating] PG\n[Pairing] Mara/Tom",
        "Title: Salt Roads\nClassification: PG\nPairing: Mara/Tom",
        "Title: Salt Roads\nRating is PG\nPairing: Mara/Tom",
        "Title: Salt Roads\nRating: PG / Pairing: Mara/Tom",
    ],
)
def test_labels_set_off_other_ways_are_read(header: str) -> None:
    w = work_of(f"{header}\n\n{STORY}")
    assert w.title == "Salt Roads"
    assert _stated(f"{header}\n\n{STORY}") == {
        ("rating", "General Audiences"),
        ("relationship", "Mara/Tom"),
    }
    assert w.text == STORY


def test_a_wrapped_label_is_read_even_when_not_a_short_label() -> None:
    w = work_of(f"[Title] Salt Roads\n[Notes] Written for the harbour swap.\n\n{STORY}")
    assert w.notes_begin == "Written for the harbour swap."


def test_a_story_line_opening_with_a_label_word_and_is_stays_story() -> None:
    text = f"Title: Salt Roads\n\nRating is a word Mara never liked, she said.\n\n{STORY}"
    w = work_of(text)
    assert not [t for t in w.tags if t.type == "rating"]
    assert w.text.startswith("Rating is a word Mara never liked")


@pytest.mark.parametrize(
    ("line", "warnings"),
    [
        ("This story contains graphic violence.", ["Graphic Depictions Of Violence"]),
        ("This fic deals with character death.", ["Major Character Death"]),
        (
            "Please note: this story contains violence and a major character death.",
            ["Graphic Depictions Of Violence", "Major Character Death"],
        ),
        ("Warning: contains character death", ["Major Character Death"]),
        ("Warning: This story contains graphic violence.", ["Graphic Depictions Of Violence"]),
    ],
)
def test_a_warning_written_as_a_sentence_in_the_header_is_stated(
    line: str, warnings: list[str]
) -> None:
    w = work_of(f"Salt Roads\nby Tamsin Greer\n\nRating: R\n{line}\n\n{STORY}")
    assert [t.name for t in w.tags if t.type == "warning" and t.source == "stated"] == warnings
    assert w.text == STORY


@pytest.mark.parametrize(
    "line",
    [
        "This story contains a lighthouse, two cats and a stubborn gull.",
        "This fic contains violence, she said, and closed the book.",
        '"This story contains violence," said the librarian.',
        "The story contains violence, the librarian warned.",
    ],
)
def test_a_story_sentence_of_the_same_shape_is_not_a_warning(line: str) -> None:
    w = work_of(f"Salt Roads\nby Tamsin Greer\n\nRating: G\n\n{line}\n\n{STORY}")
    assert not [t for t in w.tags if t.type == "warning"]
    assert w.text.startswith(line)


def test_a_warning_sentence_inside_the_story_is_not_read() -> None:
    text = f"Title: Salt Roads\nRating: G\n\n{STORY}\n\nThis story contains graphic violence.\n"
    assert "warning" not in {t.type for t in work_of(text).tags}


@pytest.mark.parametrize(
    "line",
    [
        "Author: Tamsin Greer aka Saltwife",
        "Author: Tamsin Greer (aka Saltwife)",
        "Author: Tamsin Greer a.k.a. Saltwife",
        "Author: Tamsin Greer, also known as Saltwife",
    ],
)
def test_an_authors_other_name_is_not_a_second_author(line: str) -> None:
    w = work_of(f"Title: Salt Roads\n{line}\n\n{STORY}")
    assert w.authors == ["Tamsin Greer"]
    assert "Saltwife" in w.header["Author"]  # the other name is kept as written


def test_two_authors_each_with_another_name_are_two_authors() -> None:
    w = work_of(f"Title: Salt Roads\nAuthors: Tamsin aka Salt & Ned (aka Gull)\n\n{STORY}")
    assert w.authors == ["Tamsin", "Ned"]
    assert tag_names(w, "rating") == []


@pytest.mark.parametrize("label", ["Pairings", "Characters / Pairings"])
def test_pairings_written_as_sentences_are_the_pairings_named(label: str) -> None:
    value = (
        "Main pairing is Mara Vell/Tom Rook. Secondary pairings are Ned Ash/Ona Fen and "
        "Ila/Bex. Also includes an ensemble cast of harbour folk."
    )
    w = work_of(f"Title: Salt Roads\n{label}: {value}\nWarnings: none\n\n{STORY}")
    assert tag_names(w, "relationship") == ["Mara Vell/Tom Rook", "Ned Ash/Ona Fen", "Bex/Ila"]


def test_a_titles_stop_inside_a_pairing_does_not_end_it() -> None:
    w = work_of(f"Title: Salt Roads\nPairing: Dr. Vell/Tom, Mrs. Fen/Ona\n\n{STORY}")
    assert tag_names(w, "relationship") == ["Dr. Vell/Tom", "Mrs. Fen/Ona"]


def test_a_combined_warnings_and_notes_label_keeps_the_note_out_of_the_warnings() -> None:
    w = work_of(
        f"Title: Salt Roads\nWarnings/Notes: violence. Thanks to Ned for the beta.\n\n{STORY}"
    )
    assert [(t.type, t.name) for t in w.tags] == [("warning", "Graphic Depictions Of Violence")]
    assert (w.notes_begin or "").startswith("Thanks to Ned for the beta")


def test_a_classification_naming_a_category_is_the_category_not_a_rating() -> None:
    w = work_of(f"Title: Salt Roads\nClassification: Slash\n\n{STORY}")
    assert [(t.type, t.name) for t in w.tags] == [("category", "M/M")]


def test_a_category_naming_one_title_in_two_scripts_is_one_fandom() -> None:
    stated = _stated(f"Gulls\nAuthor: Pennant\nCategory: Kaiyou/海洋\n\n{STORY}")
    assert ("fandom", "Kaiyou/海洋") in stated
    assert not any(t == "freeform" for t, _ in stated)


def test_a_category_of_two_latin_labels_stays_a_tag_of_the_archive() -> None:
    stated = _stated(f"Gulls\nAuthor: Pennant\nCategory: Mara/Tom romance\n\n{STORY}")
    assert ("freeform", "Mara/Tom Romance") in stated or ("freeform", "Mara/Tom romance") in stated


def test_an_archive_date_line_run_on_after_a_field_is_split() -> None:
    from fandex.parse.labels import split_run_on

    assert split_run_on("Series: None Published: 03/14/2019 · Updated: 04/02/2019 ·") == [
        "Series: None",
        "Published: 03/14/2019",
        "Updated: 04/02/2019",
    ]
    # A summary with a date word and a colon inside is one field.
    assert split_run_on("Summary: The day it was published: a storm.") is None


@pytest.mark.parametrize("empty", ["None", "N/A", "-"])
def test_a_series_field_saying_none_names_no_series(empty: str) -> None:
    from fandex.parse.series import parse_series

    assert parse_series(empty) == []
    assert [e.name for e in parse_series("Nonesuch Tales")] == ["Nonesuch Tales"]


def test_a_byline_listing_co_authors_is_the_authors() -> None:
    # FanFicFare's text output: title, a by-line of every author, then the fields.
    text = (
        "Ferry Weather\n\nby Wren, Ash Vale, Tamsin Reed, Ilse Marrow, Tobin Quay, Sedge\n\n"
        "Category: Original Work\nStatus: In-Progress\n\n"
        "The river fell all afternoon.\n\nThe boat leaned in the mud."
    )
    w = work_of(text)
    assert w.authors == ["Wren", "Ash Vale", "Tamsin Reed", "Ilse Marrow", "Tobin Quay", "Sedge"]
    assert w.status == "wip"


@pytest.mark.parametrize(
    "line",
    ["by morning, she had left the house and the town", "by the sea, the sand and the sky"],
)
def test_a_sentence_opening_by_with_commas_is_no_byline(line: str) -> None:
    from fandex.parse.titleline import byline

    assert byline(line) is None


@pytest.mark.parametrize(
    "fields",
    [
        "Summary\nA count kept in notches.\n\nRating: PG\nPairing: Corran/Ila",
        "Rating: PG\nPairing: Corran/Ila\n\nSummary\nA count kept in notches.",
        "Rating: PG\nPairing: Corran/Ila\nSummary\nA count kept in notches.",
    ],
)
def test_a_bare_summary_label_opens_the_summary_below_it(fields: str) -> None:
    """ "Summary" alone on its line, as a summary box copied from an archive page reads:
    the lines below are the summary, and the header around it is still read."""
    text = f"The Tally Stick\nby harbourlights\n\n{fields}\n\nIla asked him once.\n\nShe kept it.\n"
    w = work_of(text)
    assert w.summary == "A count kept in notches."
    assert tag_names(w, "relationship") == ["Corran/Ila"]
    assert "Summary" not in w.text and "notches" not in w.text


@pytest.mark.parametrize(
    "credits",
    ["By: Wren Calloway\nEdited by Tom Reed", "By: Wren Calloway\nBeta'd by Tom Reed"],
)
def test_a_credit_line_under_the_byline_is_its_own_field(credits: str) -> None:
    # "Edited by Tom Reed" is the editor's credit, not more of the author's name.
    w = work_of(f"Gull Count\n{credits}\n\n{STORY}")
    assert w.authors == ["Wren Calloway"]
    assert w.chapters[0].text == STORY


def test_credit_labels_ending_in_by_need_a_header_and_a_name() -> None:
    assert match_label("Edited by Tom Reed", allow_colonless=True) is not None
    assert match_label("Edited by Tom Reed") is None  # outside a header: prose
    assert match_label("Written by the sea, it was", allow_colonless=True) is None


@pytest.mark.parametrize("byline", ["By: Wren Calloway", "by Wren Calloway"])
def test_a_byline_under_the_chapter_heading_under_the_title(byline: str) -> None:
    w = work_of(f"Gull Count\n\nChapter 1\n\n{byline}\n\n* * *\n\n{STORY}")
    assert (w.title, w.authors) == ("Gull Count", ["Wren Calloway"])
    assert [c.title for c in w.chapters] == ["Chapter 1"]
    assert w.chapters[0].text == STORY


def test_a_chapter_heading_under_the_title_over_story_is_not_a_header() -> None:
    w = work_of(f"Gull Count\n\nChapter 1\n\nBy the time the boats came in it was dark.\n\n{STORY}")
    assert w.authors == []
    assert w.chapters[0].text.startswith("By the time the boats came in")


def test_a_plain_rating_wins_over_a_classification_of_story_kinds() -> None:
    # X-Files posts: "CLASSIFICATION: V, R, MSR" lists kinds (R = Romance), then RATING.
    text = f"TITLE: Salt Roads\nCLASSIFICATION: V, R, MSR\nRATING: PG\n\n{STORY}"
    assert ("rating", "General Audiences") in _stated(text)
    assert ("rating", "Mature") not in _stated(text)


def test_a_list_of_kind_codes_alone_is_no_rating() -> None:
    assert not any(
        t == "rating"
        for t, _ in _stated(f"TITLE: Salt Roads\nCLASSIFICATION: S, R, MSR\n\n{STORY}")
    )
    assert ("rating", "Mature") in _stated(f"Title: Salt Roads\nClassification: R\n\n{STORY}")


@pytest.mark.parametrize(
    ("header", "summary", "notes"),
    [
        (  # Spanish: the plural note label
            "Título: Sal\nAutora: Tilo\nResumen: Una noche.\nNotas de la autora: Gracias.",
            "Una noche.",
            "Gracias.",
        ),
        (  # Portuguese (Brazilian archives' labels)
            "Título: Sal\nAutor(a): Tilo\nClassificação: +16\nAvisos: nenhum\n"
            "Sinopse: Uma noite.\nNotas da autora: Obrigada.",
            "Uma noite.",
            "Obrigada.",
        ),
        ("Titel: Sal\nAutorin: Tilo\nInhalt: Eine Nacht.", "Eine Nacht.", None),
    ],
)
def test_spanish_portuguese_and_german_labels_are_read(
    header: str, summary: str, notes: str | None
) -> None:
    w = work_of(f"{header}\n\n{STORY}")
    assert (w.title, w.authors, w.summary, w.notes_begin) == ("Sal", ["Tilo"], summary, notes)
    assert not any(t.type == "freeform" for t in w.tags)


def test_a_portuguese_none_is_no_archive_warning() -> None:
    text = f"Título: Sal\nClassificação: Livre\nAvisos: nenhum\n\n{STORY}"
    assert ("warning", "No Archive Warnings Apply") in _stated(text)


def test_japanese_labels_are_read() -> None:
    header = "タイトル:静かな時間\n作者:菩提樹\nあらすじ:夜の図書館。"
    text = f"{header}\n\n彼は本を閉じて、机の上に置いた。"
    w = work_of(text)
    assert (w.title, w.authors, w.summary) == ("静かな時間", ["菩提樹"], "夜の図書館。")
    assert w.chapters[0].text == "彼は本を閉じて、机の上に置いた。"


@pytest.mark.parametrize("part", ["Part 1 of 2", "Part 1/2"])
def test_a_title_block_with_a_part_line_and_a_byline(part: str) -> None:
    w = work_of(f"Salt Roads\n{part}\nby Tilo\n\n{STORY}")
    assert (w.title, w.authors) == ("Salt Roads", ["Tilo"])
    assert w.chapters[0].text == STORY


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Auteur : Mireille D.", ["Mireille D."]),
        ("Author: J. R. Marsh", ["J. R. Marsh"]),
        ("Author: Tom Riddle Jr.", ["Tom Riddle Jr."]),
        ("Author: Wren.", ["Wren"]),
    ],
)
def test_an_authors_closing_initial_keeps_its_point(byline: str, authors: list[str]) -> None:
    # A name ending in an initial ("Mireille D.") is the name as stated; before, the
    # point was stripped as punctuation and the author no longer matched the byline.
    assert work_of(f"Title: Lanterns\n{byline}\n\n{STORY}").authors == authors


def test_a_bar_parted_facts_line_under_the_title_is_read() -> None:
    # "Harbour Tales | PG | Ila/Corran | 1,200 words": each part named by what it is
    # (before: the line was the story's first words and nothing was stated).
    w = work_of(f"Lanterns\nby Wren\n\nHarbour Tales | PG | Ila/Corran | 1,200 words\n\n{STORY}")
    assert {("fandom", "Harbour Tales"), ("rating", "General Audiences")} <= _stated(
        f"Lanterns\nby Wren\n\nHarbour Tales | PG | Ila/Corran\n\n{STORY}"
    )
    assert w.text.startswith("The cart rolled on")


def test_a_bar_line_that_names_nothing_stays_story() -> None:
    w = work_of(f"Lanterns\nby Wren\n\nRain | Sun | Wind\n\n{STORY}")
    assert w.text.startswith("Rain | Sun | Wind")


def test_a_bare_name_under_the_title_over_fields_is_the_author_not_a_summary() -> None:
    w = work_of(f"Lanterns\n\nWren Calloway\n\nFandom: Harbour Tales\nRating: PG\n\n{STORY}")
    assert (w.title, w.authors, w.summary) == ("Lanterns", ["Wren Calloway"], None)


def test_a_comma_parted_facts_line_under_the_byline_is_read() -> None:
    # A Google Docs export's italic line under the byline (before: a preface chapter).
    stated = _stated(f"Lanterns\nby Wren\n\nHarbour Tales, Ila/Corran, PG\n\n{STORY}")
    assert {("fandom", "Harbour Tales"), ("rating", "General Audiences")} <= stated


def test_a_labelled_line_with_commas_is_read_by_its_label() -> None:
    stated = _stated(f"Title: Lanterns\nCategory: Multi, F/M, M/M\nRating: PG\n\n{STORY}")
    assert ("category", "F/M") in stated
    assert not any(t == "fandom" for t, _ in stated)


def test_a_word_count_after_the_title_line_is_not_part_of_the_title() -> None:
    text = (
        "Salt and Cedar (12,345 words) by Mira Vell\n\nRating: Mature\n\n"
        "The ferry left the harbour at dawn, and Ada watched the light fade."
    )
    work = work_of(text)
    assert (work.title, work.authors) == ("Salt and Cedar", ["Mira Vell"])
