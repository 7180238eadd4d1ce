"""A web page printed to PDF (calibre's ``ebook-convert page.html page.pdf``, a
browser's "Save as PDF") read as the page: its menus left out, its tab title read as a
page's title, its centred header's lines kept apart; an e-book's PDF as before."""

from __future__ import annotations

from pdfbuild import LEFT, build_pdf, centred, set_text, wrap

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.read.pdf import PdfReader

FIRST = (
    "The keeper logged the lamp at dusk and again at midnight, noting the oil level "
    "and the state of the wick each time in the same blue ink."
)
SECOND = (
    "By morning the fog had lifted from the channel. Two boats came in on the tide and "
    "the harbour master signed for the mail at the usual hour."
)
THIRD = "The log closes with the weather: calm, visibility good, wind light from the west."


def _page(title_info: str = "Harbour Log | Tide Archive") -> bytes:
    """A story page as calibre prints it: the site's motto and menu (links) at the
    top, the story's title in large type, its centred header (a label's value wrapped
    over two lines), the story, the site's footer (a line with a link, a menu)."""
    lines = [
        (LEFT, 740, 10.0, "a quiet archive of sea stories"),
        (LEFT, 720, 12.0, "<a>Home</a>"),
        (LEFT, 704, 12.0, "<a>Browse</a> <a>Search</a>"),
        (LEFT, 688, 12.0, "<a>Random Story</a>"),
        centred(650, 20.0, "Harbour Log"),
        centred(620, 12.0, "Fandom: <a>Lighthouse Keepers of the Northern</a>"),
        centred(605, 12.0, "<a+>Coast</a>"),
        centred(590, 12.0, "Written for: Ames in the Exchange"),
        centred(575, 12.0, "by <a>Wren Calloway</a>"),
    ]
    y = 540.0
    for para in (FIRST, SECOND, THIRD):
        for text in wrap(para, 66):
            lines.append((LEFT, y, 12.0, text))
            y -= 14.4
        y -= 10
    lines.append((LEFT, y - 20, 12.0, "This archive is kept by <a>the Tide Society</a>."))
    lines.append((LEFT, y - 40, 12.0, "<a>Home</a> | <a>Contact</a> | <a>Terms</a>"))
    return build_pdf([lines], {"Title": title_info, "Creator": "calibre 7.6"})


def test_a_printed_pages_menu_and_footer_go_and_its_header_lines_stay_apart() -> None:
    doc = PdfReader().read(_page(), "log.pdf")
    texts = [b.text for b in doc.blocks]
    assert texts == [
        "Harbour Log",
        "Fandom: Lighthouse Keepers of the Northern Coast",
        "Written for: Ames in the Exchange",
        "by Wren Calloway",
        FIRST,
        SECOND,
        THIRD,
    ]
    # The tab's title without the site's name, kept as the title to fall back on.
    assert doc.metadata == {"fallback_title": "Harbour Log"}


def test_a_printed_page_reads_as_the_story_its_page_was() -> None:
    work = build_work(clean(read_bytes(_page(), "log.pdf")))
    assert work.title == "Harbour Log"
    assert work.authors == ["Wren Calloway"]
    assert ("fandom", "Lighthouse Keepers of the Northern Coast") in {
        (t.type, t.name) for t in work.tags if t.source == "stated"
    }
    assert len(work.chapters) == 1
    assert work.chapters[0].text.split("\n\n") == [FIRST, SECOND, THIRD]


def test_a_tab_title_with_a_chapter_names_the_story_and_the_chapter() -> None:
    doc = PdfReader().read(_page("Harbour Log, Chapter 2: Fog"), "log.pdf")
    assert doc.metadata == {"fallback_title": "Harbour Log", "chapter_title": "Fog"}


def test_a_books_pdf_keeps_its_title_and_its_text() -> None:
    # A book's PDF: its Title is its title (standing in the text or not), its opening
    # lines are its own, not a menu, whatever links its contents page has.
    pages = set_text([("Harbour Log: Winter", 20.0), "Contents", FIRST, SECOND])
    pages[0].append((LEFT, 100, 12.0, "<a>Harbour Log: Winter</a>"))
    data = build_pdf(pages, {"Title": "Harbour Log - Winter Edition", "Author": "Wren Calloway"})
    doc = PdfReader().read(data, "book.pdf")
    assert doc.metadata == {"title": "Harbour Log - Winter Edition", "authors": ["Wren Calloway"]}
    assert [b.text for b in doc.blocks][:4] == ["Harbour Log: Winter", "Contents", FIRST, SECOND]


def test_a_float_painted_first_is_read_where_it_stands() -> None:
    # A chapter menu floated right of the story's first line: the browser paints it
    # first on the page, under the story's header lines; it is read in its place.
    lines = [
        (LEFT + 300, 566, 10.0, "1. Fog Next >"),
        (LEFT, 640, 12.0, "Harbour Log"),
        (LEFT, 620, 12.0, "Rated: K - English - Words: 1,200"),
        (LEFT, 600, 12.0, "+ - Full Expand"),
        *[(LEFT, 560 - 14.4 * k, 12.0, t) for k, t in enumerate(wrap(FIRST, 40))],
    ]
    texts = [b.text for b in PdfReader().read(build_pdf([lines]), "log.pdf").blocks]
    assert texts[:4] == [
        "Harbour Log",
        "Rated: K - English - Words: 1,200",
        "+ - Full Expand",
        "1. Fog Next >",
    ]


def test_a_printed_pages_links_one_a_line_are_items_not_a_wrapped_line() -> None:
    # Tags one after the other fill a line as words would: the next line opens with
    # another link, so it is another item; a link wrapped over two lines is one.
    lines = [
        (LEFT, 720, 12.0, "<a>Home</a>"),
        (LEFT, 704, 12.0, "<a>Browse</a>"),
        (LEFT, 688, 12.0, "<a>Search</a>"),
        (LEFT, 660, 12.0, "Characters:"),
        (LEFT, 640, 12.0, "<a>Keeper Ames of the North Light</a> <a>Harbour Master Ilse Varga</a>"),
        (LEFT, 625.6, 12.0, "<a>Lamplighter</a>"),
        (LEFT, 590, 12.0, "<a>Wren Calloway and the Ferryman of the Long Grey Channel by the</a>"),
        (LEFT, 575.6, 12.0, "<a+>Night</a>"),
        *[(LEFT, 540 - 14.4 * k, 12.0, t) for k, t in enumerate(wrap(FIRST, 66))],
    ]
    texts = [b.text for b in PdfReader().read(build_pdf([lines]), "page.pdf").blocks]
    assert "Keeper Ames of the North Light Harbour Master Ilse Varga" in texts
    assert "Lamplighter" in texts
    assert "Wren Calloway and the Ferryman of the Long Grey Channel by the Night" in texts
    assert FIRST in texts


def test_centred_paragraphs_wrap_as_paragraphs_not_as_indents() -> None:
    # A story page that centres its text: each paragraph's lines share a centre, a
    # wrapped line starting further in than the one over it is no new paragraph.
    paragraphs = [
        [
            "The keeper logged the lamp at dusk and again at midnight, and",
            "noted the oil level each time in the blue ink.",
        ],
        [
            "By morning the fog had lifted and two boats came in on the tide",
            "while the harbour master signed for the mail.",
        ],
        ["The log closes with the weather.", "Calm, and the wind light from the west."],
    ]
    lines = []
    y = 700.0
    for para in paragraphs:
        for text in para:
            lines.append(centred(y, 12.0, text))
            y -= 14.4
        y -= 12
    texts = [b.text for b in PdfReader().read(build_pdf([lines]), "page.pdf").blocks]
    assert texts == [" ".join(paragraphs[0]), " ".join(paragraphs[1]), *paragraphs[2]]


def test_a_printed_pages_labels_over_values_set_in_are_lines_apart() -> None:
    # AO3's stats as a print lays them out: a label, its value set in under it, the
    # next label set out again; short lines of a narrow list, read one a line.
    stats = ["Published:", "2024-03-02", "Updated:", "2024-04-11", "Words:", "1200"]
    lines = [
        (LEFT, 720, 12.0, "<a>Home</a>"),
        (LEFT, 704, 12.0, "<a>Browse</a>"),
        (LEFT, 688, 12.0, "<a>Search</a>"),
        (LEFT, 660, 12.0, "Stats:"),
        *[(LEFT + (48 if k % 2 else 24), 644 - 14.4 * k, 12.0, t) for k, t in enumerate(stats)],
    ]
    y = 540.0
    for para in (FIRST, SECOND, THIRD, FIRST, SECOND):
        for text in wrap(para, 66):
            lines.append((LEFT, y, 12.0, text))
            y -= 14.4
        y -= 12
    texts = [b.text for b in PdfReader().read(build_pdf([lines]), "page.pdf").blocks]
    assert texts[texts.index("Stats:") :][:8] == ["Stats:", *stats, FIRST]
