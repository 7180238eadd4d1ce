"""PDFs: paragraphs rebuilt from placed lines, page furniture dropped, an AO3 download's
preface read as AO3's, and one-line errors for what cannot be read."""

from __future__ import annotations

import pytest
from pdfbuild import LEFT, build_pdf, set_text

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.read.pdf import PdfReader
from fandex.read.pdflayout import Line, blocks_of_lines, drop_furniture

FIRST = (
    "The sample was kept at four degrees for the whole of the trial, and the readings "
    "were taken every hour by the same technician using the calibrated probe."
)
SECOND = (
    "A second sample was prepared the next morning. It was left at room temperature "
    "and checked twice a day until the end of the week."
)
THIRD = "The log was closed on Friday."
BATCHES = "Alder Birch Cedar Dogwood Elm Fir Ginkgo Hazel Ilex Juniper Kapok Larch".split()


def _texts(data: bytes) -> list[str]:
    return [b.text for b in PdfReader().read(data, "notes.pdf").blocks]


def test_wrapped_lines_are_joined_and_gaps_keep_paragraphs_apart() -> None:
    data = build_pdf(set_text([FIRST, SECOND, THIRD]))
    assert _texts(data) == [FIRST, SECOND, THIRD]


def test_a_short_line_ends_its_paragraph_even_without_a_gap() -> None:
    # Lines one under the other with no gap: only the short line's end breaks them.
    lines = [(LEFT, 700 - 14 * k, 12.0, t) for k, t in enumerate([*_wrapped(FIRST), "Done."])]
    assert _texts(build_pdf([lines])) == [FIRST, "Done."]


def _wrapped(text: str) -> list[str]:
    from pdfbuild import wrap

    return wrap(text, 66)


def test_headers_footers_and_page_numbers_are_dropped_and_paragraphs_cross_pages() -> None:
    paragraphs = [f"{word} batch. {text}" for word in BATCHES for text in (FIRST, SECOND, THIRD)]
    pages = set_text(paragraphs, header="Clinical Trial Log 2024", numbers=True)
    assert len(pages) >= 3
    # Some paragraph runs over a page break (its next line opens the next page).
    starts = {_wrapped(p)[0] for p in paragraphs}
    assert any(page[0][3] not in starts for page in pages[1:])
    doc = PdfReader().read(build_pdf(pages), "log.pdf")
    assert [b.text for b in doc.blocks] == paragraphs
    assert doc.notices == [
        f"left out {2 * len(pages)} running header, footer and page-number lines"
    ]


def test_larger_type_is_a_heading_and_its_wrapped_lines_one_heading() -> None:
    title = "Observations Made During The Long Cold Season At The Northern Station"
    data = build_pdf(set_text([(title, 20.0), FIRST, ("Part Two", 20.0), SECOND]))
    doc = PdfReader().read(data, "obs.pdf")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", title),
        ("paragraph", FIRST),
        ("heading", "Part Two"),
        ("paragraph", SECOND),
    ]


def _line(text: str, y: float, *, page: int = 0, x0: float = 72.0, size: float = 12.0) -> Line:
    first = text.split()[0]
    return Line(page, text, x0, x0 + 0.6 * size * len(text), y, size, 0.6 * size * len(first))


def test_a_line_end_hyphen_goes_only_where_the_joined_word_is_a_word() -> None:
    # Three lines reach the right edge; the layout broke "some-thing" and "half-life".
    texts = [
        "the readings were repeated in the afternoon session because some-",
        "thing in the second run looked wrong to the technician, so a half-",
        "life of the tracer was measured again.",
        "Done.",
    ]
    width = max(len(t) for t in texts[:2])
    lines = [_line(t.ljust(width if k < 2 else 0), 700 - 14 * k) for k, t in enumerate(texts)]
    blocks = blocks_of_lines(lines)
    assert [b.text for b in blocks] == [
        "the readings were repeated in the afternoon session because something in the "
        "second run looked wrong to the technician, so a half-life of the tracer was "
        "measured again.",
        "Done.",
    ]


def test_a_bare_number_is_a_page_number_only_when_it_stands_apart() -> None:
    page = [
        _line("Stats: Published: 2024-01-02 Words: 120 Chapters:", 700),
        _line("2/2", 686),  # the value wrapped under its label
        _line("12", 36),  # the folio, far below the text
    ]
    kept, dropped = drop_furniture([page])
    assert [ln.text for ln in kept[0]] == [
        "Stats: Published: 2024-01-02 Words: 120 Chapters:",
        "2/2",
    ]
    assert dropped == 1


AO3_PREFACE = [
    "Harbour Study",
    "Posted originally on the Archive of Our Own at http://archiveofourown.org/works/1.",
]
AO3_TAGS = [
    "Rating: General Audiences",
    "Archive Warning: No Archive Warnings Apply",
    "Category: Gen",
    "Fandom: Invented Harbour Fandom",
    "Relationship: Ada Rowe & Bea Lin",
    "Character: Ada Rowe, Bea Lin, Cy Moss",
    "Additional Tags: Slice of Life, Weather Records, Tide Tables, Quiet Afternoons, "
    "length: short story, series: Harbour Notes",
    "Language: English",
    "Stats: Published: 2024-01-02 Words: 96 Chapters: 2/2",
]


def _ao3_pdf() -> bytes:
    preface = set_text(AO3_PREFACE)[0] + [
        (x, y - 60, s, t) for x, y, s, t in set_text(AO3_TAGS, width=60)[0]
    ]
    story = set_text(
        [
            ("Harbour Study", 20.0),
            "by wrencalloway",
            "Summary",
            "Two clerks compare the tide tables.",
            "Notes",
            "Written for a prompt about weather.",
            ("Chapter 1: Tides", 16.0),
            FIRST,
            ("Chapter 2: Nets", 16.0),
            SECOND,
            "End Notes",
            "Thanks for reading.",
            "Please drop by the archive and comment to let the author know if you "
            "enjoyed their work!",
        ]
    )
    return build_pdf([preface, *story], {"Title": "Harbour Study", "Author": "wrencalloway"})


def test_an_ao3_pdf_download_is_read_as_ao3s_download() -> None:
    work = build_work(clean(read_bytes(_ao3_pdf(), "harbour.pdf")))
    assert work.title == "Harbour Study"
    assert work.authors == ["wrencalloway"]
    stated = {(t.type, t.name) for t in work.tags if t.source == "stated"}
    assert {
        ("rating", "General Audiences"),
        ("warning", "No Archive Warnings Apply"),
        ("category", "Gen"),
        ("fandom", "Invented Harbour Fandom"),
        ("relationship", "Ada Rowe & Bea Lin"),
        ("character", "Cy Moss"),
        ("freeform", "Quiet Afternoons"),
        # A lower-case "series:" inside the tag list is a tag, not AO3's Series label.
        ("freeform", "series: Harbour Notes"),
    } <= stated
    assert work.summary == "Two clerks compare the tide tables."
    assert work.notes_begin == "Written for a prompt about weather."
    assert work.notes_end == "Thanks for reading."
    # Titled as AO3's HTML download is: "Chapter 1: Tides" is the chapter "Tides".
    assert [c.title for c in work.chapters] == ["Tides", "Nets"]
    assert work.chapters[0].text == FIRST
    assert work.chapters[1].text == SECOND


def test_pdf_metadata_placeholders_and_browser_titles() -> None:
    pages = set_text([FIRST])
    meta = PdfReader().read(build_pdf(pages, {"Title": "Field Log", "Author": "Unknown"}), "a.pdf")
    assert meta.metadata == {"title": "Field Log"}
    printed = build_pdf(pages, {"Title": "Field Log | Site", "Creator": "Mozilla/5.0 (X11)"})
    # A browser's print: its title is the tab's, read without the site's name.
    assert PdfReader().read(printed, "b.pdf").metadata == {"fallback_title": "Field Log"}
    named = build_pdf(pages, {"Title": "Microsoft Word - log.docx", "Author": "R. Tanaka"})
    assert PdfReader().read(named, "c.pdf").metadata == {"authors": ["R. Tanaka"]}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (build_pdf(set_text([FIRST]), encrypted=True), "locked with a password"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog", "damaged"),
        (build_pdf([[], []]), "no text layer"),
    ],
    ids=["encrypted", "broken", "no-text"],
)
def test_unreadable_pdfs_fail_with_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as exc:
        read_bytes(data, "bad.pdf")
    assert reason in str(exc.value)
    assert "\n" not in str(exc.value)


def test_a_pdf_past_the_page_bound_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import fandex.read.pdf as pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    with pytest.raises(ReadError, match="more than the 2 fandex reads"):
        read_bytes(build_pdf(set_text([FIRST] * 40)), "long.pdf")


def _bookmarked_book(outline: bool) -> bytes:
    """Two chapters whose titles are set in the body's type, each opening a page, as a
    converter sets a book whose headings it does not enlarge; bookmarks when asked."""
    first = [
        "The tide turned at noon, and Mara walked the length of the pier to watch it go.",
        "Nothing came in with it but weed and one green bottle, which she kept.",
    ]
    second = [
        "In the morning the nets were out again and the gulls were loud over the boats.",
        "Tom mended the last of them by the harbour wall while she read him the log.",
    ]
    pages = set_text(["Tides", *first]) + set_text(["Nets", *second])
    marks = [("Tides", 0), ("Nets", 1)] if outline else None
    return build_pdf(pages, {"Title": "Harbour", "Author": "Wren Calloway"}, outline=marks)


def test_bookmarks_name_the_chapters_set_in_body_type() -> None:
    work = build_work(clean(read_bytes(_bookmarked_book(outline=True), "harbour.pdf")))
    assert [c.title for c in work.chapters] == ["Tides", "Nets"]
    assert work.chapters[1].text.startswith("In the morning the nets")
    plain = build_work(clean(read_bytes(_bookmarked_book(outline=False), "harbour.pdf")))
    assert [c.title for c in plain.chapters] != ["Tides", "Nets"]  # what the marks add


def test_words_set_in_italic_type_are_emphasis_across_line_breaks() -> None:
    # Courier-Oblique ("-Oblique" in the font's name; calibre's PDFs also set the font
    # descriptor's italic flag): a stretch runs on over a line's end as the lines are
    # joined; a comma after a word, in roman type, is not in it.
    lines = _wrapped(FIRST)
    lines[0] = lines[0].replace("four", "<i>four</i>").replace("trial,", "<i>trial</i>,")
    lines[1] = lines[1].replace("technician", "<i>technician</i>")
    lines[2] = lines[2].replace("using", "<i>using</i>")
    page = [(LEFT, 700 - 14 * k, 12.0, t) for k, t in enumerate(lines)]
    (block,) = PdfReader().read(build_pdf([page]), "notes.pdf").blocks
    assert block.text == FIRST
    emphasised = [block.text[s.start : s.end] for s in block.spans if s.kind == "em"]
    assert emphasised == ["four", "trial", "technician using"]


def test_bookmarks_over_a_printed_pages_menu_links_are_no_chapters() -> None:
    # Calibre bookmarks a web page's links: each menu line is "a chapter" of no text.
    menu = ["Browse", "Archive", "Search", "Help"]
    pages = set_text([*menu, FIRST, SECOND, THIRD])
    data = build_pdf(pages, outline=[(m, 0) for m in menu])
    doc = PdfReader().read(data, "page.pdf")
    assert doc.chapters == []
    assert [b.text for b in doc.blocks] == [*menu, FIRST, SECOND, THIRD]
