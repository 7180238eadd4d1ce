"""build_work: header fields into the work record, and what the format states winning."""

from __future__ import annotations

import pytest
from helpers_parse import doc_of, tag_names, work_of

from fandex.model import Chapter, Work
from fandex.parse import build_work, values
from fandex.parse.build import take_title_page
from fandex.read.document import Block, RawChapter, RawDocument
from fandex.vocab import names

FULL = """Blood Pure
by Sajinn

Fandom: Buffy the Vampire Slayer / Angel
Pairing: Spike/Wesley
Characters: Spike, Wesley
Rating: R (will be NC-17 shortly)
Warnings: violence, strong language
Category: Slash
Genre: Angst
Summary: Wesley takes a job.
Disclaimer: Not mine.
Spoilers: Season 6 Buffy, Season 3 Angel
Dedication: For Rue.
A/N: // is thought, ** is emphasis
Status: Complete
Posted: 2002-05-03
Updated: 2002-06-01
Series: Pure, part 1 of 2
Language: English

~~~~~~

Wesley walked home in the rain."""


def test_every_mapped_field_reaches_the_work_record() -> None:
    w = work_of(FULL)
    assert (w.title, w.authors) == ("Blood Pure", ["Sajinn"])
    assert w.summary == "Wesley takes a job."
    assert w.disclaimer == "Not mine."
    assert w.spoilers == "Season 6 Buffy, Season 3 Angel"
    assert w.dedication == "For Rue."
    assert w.notes_begin == "// is thought, ** is emphasis"
    assert (w.status, w.published, w.updated) == ("complete", "2002-05-03", "2002-06-01")
    assert ([s.to_dict() for s in w.series], w.language) == (
        [{"name": "Pure", "position": 1, "total": 2}],
        "en",
    )
    assert w.chapters[0].text == "Wesley walked home in the rain."


def test_every_mapped_field_becomes_a_stated_tag() -> None:
    w = work_of(FULL)
    assert tag_names(w, "fandom") == ["Buffy the Vampire Slayer", "Angel"]
    assert tag_names(w, "relationship") == ["Spike/Wesley"]
    assert tag_names(w, "character") == ["Spike", "Wesley"]
    assert tag_names(w, "rating") == ["Mature"]
    assert tag_names(w, "warning") == ["Graphic Depictions Of Violence"]
    assert tag_names(w, "freeform") == ["Strong Language", "Angst"]
    assert tag_names(w, "category") == ["M/M"]
    assert all(t.source == "stated" for t in w.tags)


def test_stated_tags_quote_the_raw_field() -> None:
    w = work_of(FULL)
    for tag in w.tags:
        (ev,) = tag.evidence
        assert ev.field is not None
        assert w.header[ev.field] == ev.quote


def test_announced_conventions_are_recorded() -> None:
    assert work_of(FULL).header["fandex:conventions"] == "//=thought, **=emphasis"


def test_stated_fandoms_scope_name_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    from fandex.vocab import names

    calls: list[object] = []

    def resolve(name: str, fandoms: object = None) -> str:
        calls.append(fandoms)
        return name

    monkeypatch.setattr(names, "resolve_character", resolve)
    work_of("Title: T\nFandom: Angel\nPairing: Spike/Wes\n\nStory.")
    assert calls and all(c == ["Angel"] for c in calls)


def test_metadata_wins_over_the_header() -> None:
    doc = doc_of("Title: Header Title\nAuthor: Header Author\nRating: G\n\nStory text.")
    doc.metadata = {
        "title": "Meta Title",
        "authors": ["Meta Author"],
        "tags": [("rating", "Explicit")],
        "fields": {"Words": "3"},
    }
    w = build_work(doc)
    assert (w.title, w.authors) == ("Meta Title", ["Meta Author"])
    assert tag_names(w, "rating") == ["Explicit"]
    assert w.header["Words"] == "3"
    assert w.header["Title"] == "Header Title"  # the raw field is still kept


def test_header_fills_what_metadata_lacks() -> None:
    doc = doc_of("Title: Header Title\nPairing: A/B\n\nStory text.")
    doc.metadata = {"tags": [("rating", "Mature")]}
    w = build_work(doc)
    assert w.title == "Header Title"
    assert tag_names(w, "relationship") == ["A/B"]
    assert tag_names(w, "rating") == ["Mature"]


def test_format_chapters_are_used_and_header_reads_only_the_preface() -> None:
    doc = RawDocument(
        "epub",
        blocks=[Block("paragraph", "Title: Lanes\nAuthor: Sable"), Block("paragraph", "For Rue.")],
        chapters=[
            RawChapter("One", [Block("paragraph", "Title: not a header"), Block("rule")]),
            RawChapter(
                "Two", [Block("paragraph", "Chapter 9"), Block("paragraph", "Fast.")], summary="S"
            ),
        ],
    )
    w = build_work(doc)
    assert (w.title, w.authors) == ("Lanes", ["Sable"])
    assert [(c.title, c.text) for c in w.chapters] == [
        ("One", "Title: not a header"),
        ("Two", "Fast."),  # a heading line over a page's text is its heading, not story
    ]
    assert w.chapters[1].summary == "S"
    assert w.notes_begin == "For Rue."


def test_html_heading_block_is_the_title_and_later_headings_are_chapters() -> None:
    doc = RawDocument(
        "html",
        blocks=[
            Block("heading", "Lanterns", level=1),
            Block("paragraph", "Rating: PG"),
            Block("heading", "The Basement", level=2),
            Block("paragraph", "The lanterns never worked."),
        ],
    )
    w = build_work(doc)
    assert w.title == "Lanterns"
    assert [(c.title, c.text) for c in w.chapters] == [
        ("The Basement", "The lanterns never worked.")
    ]


def test_round_trip_through_the_work_record() -> None:
    from fandex.model import Work

    w = work_of(FULL)
    again = Work.from_dict(w.to_dict(with_text=True))
    assert again.to_dict(with_text=True) == w.to_dict(with_text=True)


def test_reader_found_emphasis_marks_join_announced_conventions() -> None:
    doc = doc_of("Title: T\nA/N: // is thought\n\nStory.")
    doc.metadata = {"conventions": ["*", "//"]}
    assert build_work(doc).header["fandex:conventions"] == "//=thought, *=emphasis"


def _chaptered(first: str) -> Work:
    return Work(
        title="Untitled",
        chapters=[
            Chapter(1, None, first),
            Chapter(2, "Chapter One", "Ila rowed the ferry."),
            Chapter(3, "Chapter Two", "He spoke at last."),
        ],
    )


def test_a_title_page_before_headed_chapters_gives_title_and_author() -> None:
    work = _chaptered("The Ferryman's Daughter\n\nby Wren Calloway")
    take_title_page(work)
    assert (work.title, work.authors) == ("The Ferryman's Daughter", ["Wren Calloway"])
    assert [(c.index, c.title) for c in work.chapters] == [(1, "Chapter One"), (2, "Chapter Two")]


def test_a_first_section_of_story_text_is_kept() -> None:
    work = _chaptered("It had rained all week.")
    take_title_page(work)
    assert work.title == "Untitled"
    assert len(work.chapters) == 3


def test_a_title_page_repeating_known_metadata_is_dropped() -> None:
    work = _chaptered("THE FERRYMAN'S DAUGHTER\n\nWren Calloway")
    work.title, work.authors = "The Ferryman's Daughter", ["Wren Calloway"]
    take_title_page(work)
    assert work.title == "The Ferryman's Daughter"
    assert [c.title for c in work.chapters] == ["Chapter One", "Chapter Two"]


_REAL_PACKS = (names.resolve_character, names.resolve_ship, values.resolve_fandom)


def _ask_the_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    character, ship, fandom = _REAL_PACKS
    monkeypatch.setattr(names, "resolve_character", character)
    monkeypatch.setattr(names, "resolve_ship", ship)
    monkeypatch.setattr(values, "resolve_fandom", fandom)


def test_fandom_variants_are_one_fandom_and_the_stated_text_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _ask_the_packs(monkeypatch)
    typed = RawDocument(
        "html",
        chapters=[RawChapter(None, [Block("paragraph", "Harry ran.")])],
        metadata={"tags": [("fandom", "Harry Potter")], "producer": "ao3"},
    )
    header = doc_of("Fandom: Harry Potter - J. K. Rowling\n\nHarry ran.")
    a, b = build_work(typed), build_work(header)
    assert tag_names(a, "fandom") == tag_names(b, "fandom") == ["Harry Potter - J. K. Rowling"]
    assert a.tags_of("fandom")[0].attrs["stated"] == "Harry Potter"


def test_fanfiction_net_initials_resolve_in_the_stated_fandom(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _ask_the_packs(monkeypatch)
    w = build_work(doc_of("Fandom: Harry Potter\nCharacters: Draco M., Hermione G.\n\nRain."))
    assert tag_names(w, "character") == ["Draco Malfoy", "Hermione Granger"]


def test_markdown_and_ao3_language_names_become_codes() -> None:
    w = build_work(doc_of("Title: Gulls\nLanguage: Français\n\nIl pleut."))
    assert w.language == "fr"


def test_ao3_translator_footnote_closing_the_last_chapter_is_a_footnote() -> None:
    doc = RawDocument(
        "html",
        chapters=[
            RawChapter("Un", [Block("paragraph", "Il dit « pas de repos »[1] et partit.")]),
            RawChapter(
                "Deux",
                [Block("paragraph", "Fin du voyage."), Block("paragraph", "[1] Un proverbe.")],
            ),
        ],
        metadata={"title": "Gulls", "producer": "ao3"},
    )
    w = build_work(doc)
    assert w.chapters[-1].text == "Fin du voyage."
    assert [(f.mark, f.text) for f in w.footnotes] == [("1", "Un proverbe.")]


def test_single_chapter_download_repeating_its_title_starts_at_the_story() -> None:
    doc = RawDocument(
        "html",
        chapters=[
            RawChapter(None, [Block("paragraph", "Gull Count"), Block("paragraph", "Rain.")])
        ],
        metadata={"title": "Gull Count", "producer": "ao3"},
    )
    assert build_work(doc).chapters[0].text == "Rain."


def test_a_short_marked_chapter_opening_with_a_note_keeps_its_story() -> None:
    doc = RawDocument(
        "epub",
        chapters=[
            RawChapter(
                "One",
                [Block("paragraph", "A/N: Thanks for the reviews!"), Block("paragraph", "Rain.")],
            )
        ],
        metadata={"title": "Gulls"},
    )
    w = build_work(doc)
    assert (w.chapters[0].notes_begin, w.chapters[0].text) == (
        "A/N: Thanks for the reviews!",
        "Rain.",
    )


def test_unresolved_initials_keep_their_full_stop() -> None:
    w = build_work(doc_of("Characters: Mara V., Tom R.\n\nRain."))
    assert tag_names(w, "character") == ["Mara V.", "Tom R."]


def test_a_title_and_byline_closing_the_preface_are_the_works() -> None:
    text = (
        "Disclaimer: The harbour and its keepers belong to their creators.\n\n"
        "Acknowledgement: my beta readers were patient with this story.\n\n"
        "New chapters of this fic come every Sunday; reviews are welcome.\n\n"
        "Harbour Tales\n\nBy Wren Calloway\n\n"
        "Chapter 1: The Ford\n\n" + "Ila waded across the ford at dawn. " * 20
    )
    w = work_of(text)
    assert (w.title, w.authors) == ("Harbour Tales", ["Wren Calloway"])
    assert [c.title for c in w.chapters] == ["Chapter 1: The Ford"]
    assert "beta readers" in (w.notes_begin or "")
    assert "Harbour Tales" not in (w.notes_begin or "")


def test_a_preface_not_ending_on_a_byline_keeps_its_lines() -> None:
    text = (
        "Thank you to my beta readers for their patience with this story.\n\n"
        "Harbour Tales\n\nChapter 1: The Ford\n\n" + "Ila waded across the ford. " * 20
    )
    w = work_of(text)
    assert w.authors == []
    assert w.title != "Harbour Tales" or "Harbour Tales" in (w.notes_begin or "")
