"""eFiction viewstory pages: the labelled facts block, chapter pages, printable pages,
and index pages that hold no chapter (not a story)."""

from __future__ import annotations

import pytest
from pages import doc_of, first_words, last_words, page_bytes, tags, verdict, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes
from fandex.vocab import names


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


@pytest.mark.parametrize(
    "name", ["efiction_chapter.html", "efiction_index.html", "efiction_printable.html"]
)
def test_efiction_reader_reads_viewstory_pages(name: str) -> None:
    assert choose_reader(page_bytes(name), name).name == "efiction-page"


def test_labelled_facts_become_stated_fields_and_tags() -> None:
    w = work_of("efiction_chapter.html")
    assert (w.title, w.authors) == ("Salt Roads", ["Marram"])
    assert (
        w.summary == "Two couriers race the tide across a causeway with a letter neither may read."
    )
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert tags(w, "warning") == ["No Archive Warnings Apply"]  # "Warnings: None"
    assert tags(w, "character") == ["Bram", "Teodor"]
    assert tags(w, "category") == ["M/M"]  # the "Slash" category
    assert (w.status, w.published, w.updated) == ("complete", "2009-03-02", "2009-04-11")
    assert w.header["Word count"] == "3,012"


def test_series_is_the_story_series_and_an_unknown_category_is_not_a_fandom() -> None:
    w = work_of("efiction_chapter.html")
    assert [s.name for s in w.series] == ["The Letter Roads"]
    assert tags(w, "fandom") == []
    assert "Coastline Chronicles" in tags(w, "freeform")


def test_chapter_page_text_title_and_notes() -> None:
    w = work_of("efiction_chapter.html")
    assert [c.title for c in w.chapters] == ["The Causeway"]
    assert first_words(w) == "the causeway showed itself an hour before noon"
    assert last_words(w) == "the water at their heels laughing like boys"
    assert w.notes_begin == "This chapter was a pain to write. Thanks to Sedge for the beta."
    assert w.notes_end == "One more chapter to go. Reviews welcome!"
    assert "Powered by eFiction" not in w.text and "Submit a Review" not in w.text


def test_printable_page_gives_every_chapter_with_its_notes() -> None:
    w = work_of("efiction_printable.html")
    assert [c.title for c in w.chapters] == ["Dunes", "The Causeway"]
    assert w.chapters[1].notes_begin == "The last one."
    assert w.chapters[1].notes_end == "Thank you for reading."
    assert w.notes_begin == "Written for the spring exchange."
    assert first_words(w) == "the dunes moved at night bram swore and"
    assert last_words(w) == "the water at their heels laughing like boys"
    assert tags(w, "rating") == ["Mature"]
    assert w.status == "wip"  # "Completed: No"
    assert w.series == []  # "Series: None"


def test_index_page_is_not_a_story_but_keeps_its_facts() -> None:
    assert verdict("efiction_index.html") == "no story text, looks like a story index page"
    doc = doc_of("efiction_index.html")
    assert doc.metadata["title"] == "Salt Roads"
    w = work_of("efiction_index.html")
    assert tags(w, "rating") == ["Explicit"]
    assert w.chapters == []


def test_chapter_page_title_from_a_chapter_title_box() -> None:
    page = (
        page_bytes("efiction_chapter.html")
        .replace(b" selected>2. The Causeway", b">2. The Causeway")
        .replace(
            b'<div id="story">',
            b"<div class='chaptertitle'>Causeway by Marram</div><div id=\"story\">",
        )
    )
    w = build_work(clean(read_bytes(page, "viewstory.php")))
    assert [c.title for c in w.chapters] == ["Causeway"]


def test_chapter_page_title_from_a_jump_menu_of_chapter_numbers() -> None:
    # eFiction's own jump menu: numbers as values, the URL built in the select's onChange.
    page = page_bytes("efiction_chapter.html").replace(
        b'<select name="sid"><option value="viewstory.php?sid=31&amp;chapter=1">1. Dunes</option>'
        b'<option value="viewstory.php?sid=31&amp;chapter=2" selected>',
        b'<select name="sid" onChange="document.location = \'viewstory.php?sid=31&amp;chapter=\''
        b'+this.options[this.selectedIndex].value;"><option value="1">1. Dunes</option>'
        b'<option value="2" selected>',
    )
    assert b'<option value="2" selected>' in page
    w = build_work(clean(read_bytes(page, "viewstory.php")))
    assert [c.title for c in w.chapters] == ["The Causeway"]


def test_printable_page_of_a_skin_with_bold_labels_reads_its_facts_as_the_header() -> None:
    # A skin's printable page prints its facts as <b>Label:</b> lines, joined by middots,
    # with the summary as an unlabelled sentence among them.
    page = page_bytes("efiction_printable.html")
    start = page.index(b'<div class="infobox">')
    end = page.index(b"<div class='notes'>", start)
    facts = (
        b'<div class="infobox"><div class="content"><div align="center">'
        b"<b>Fandom: Coastline Chronicles</b> &middot; <b>Rating:</b> R &middot; Complete<br/>"
        b"<b>Advisories: </b>Mild Language<br/>"
        b"Two couriers race the tide across a causeway with a letter neither may read.<br/><br/>"
        b"<b>Characters:</b> Bram, Teodor<br/><b>Genre:</b> Adventure<br/>"
        b"<b>Published:</b> 02 Mar 2009 &middot; <b>Updated:</b> 11 Apr 2009</div></div></div>\n"
    )
    page = page[:start] + facts + page[end:]
    w = build_work(clean(read_bytes(page, "viewstory.php")))
    summary = "Two couriers race the tide across a causeway with a letter neither may read."
    assert w.summary == summary
    assert tags(w, "rating") == ["Mature"]
    assert tags(w, "fandom") == ["Coastline Chronicles"]
    assert set(tags(w, "character")) == {"Bram", "Teodor"}
    assert w.status == "complete"
    assert [c.title for c in w.chapters] == ["Dunes", "The Causeway"]
    assert first_words(w) == "the dunes moved at night bram swore and"
    for fact in ("Advisories", "Mild Language", "Published", "couriers race"):
        assert fact not in w.text


def test_skin_with_a_byline_heading_and_quoted_notes_reads_as_a_chapter_page() -> None:
    # A skin without #pagetitle or notes boxes: "<h3>Title by <a viewuser>Author</a></h3>",
    # the notes as blockquotes beside div#story, eFiction's #pagelinks below.
    name = "efiction_heading_skin_chapter.html"
    assert choose_reader(page_bytes(name), name).name == "efiction-page"
    w = work_of(name)
    assert (w.title, w.authors) == ("Ferry Weather", ["Tamsin Reed"])
    assert [c.title for c in w.chapters] == ["Low Water"]
    assert w.notes_begin == "Written for a prompt about boats. Many thanks to my reader."
    assert w.notes_end == "The second half comes next week."
    assert first_words(w) == "the ferryman counted the posts as the river"
    assert last_words(w) == "nobody else came down the lane all afternoon"
    # A blockquote inside the story's div is the story's (a sign it quotes), not a note.
    assert "Wait for the turn" in w.text
    assert "Reviews" not in w.text and "Table of Contents" not in w.text


def test_bold_label_printable_page_reads_dates_themes_and_no_contents_footnotes() -> None:
    w = work_of("efiction_bold_printable.html")
    assert (w.published, w.updated) == ("2015-05-06", "2015-06-07")  # run on after Series
    assert w.series == []  # "Series: None"
    assert "Strangers to Friends" in tags(w, "freeform")  # "Themes:"
    assert [c.title for c in w.chapters] == ["Low Water", "High Water"]
    # "1. Low Water by Tamsin Reed": the page's list of its chapters, not footnotes.
    assert w.footnotes == []
    assert not any(k.startswith("Footnote") for k in w.header)


def test_chapter_title_printed_inside_the_story_box_is_not_text_or_header() -> None:
    # eFiction 3's chapter page as a real archive serves it (dteviot/WebToEpub
    # testdata/muggleNet.html): div#pagetitle, the jump menu's numbered options, and the
    # chapter's title bold and centred inside div#story before the text.
    w = work_of("efiction3_story_div_chapter.html")
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert [c.title for c in w.chapters] == ["Long Ones"]
    assert w.chapters[0].text.startswith("Ila asked him once")
    assert "Title line" not in w.header


def test_a_skin_in_another_language_reads_its_byline_and_labelled_quotes() -> None:
    # A German skin: "<h2><a viewstory>Title</a> von <a viewuser>Author</a></h2>", the
    # notes in blockquotes under their own labels ("Story Bemerkung:", "Kapitel ...").
    name = "efiction_german_skin_chapter.html"
    w = work_of(name)
    assert (w.title, w.authors) == ("Fährwetter", ["Tamsin Reed"])
    assert [c.title for c in w.chapters] == ["Niedrigwasser"]
    assert w.notes_begin is not None and w.notes_begin.startswith("Zu einem Thema")
    assert "Bemerkung" not in w.notes_begin
    assert w.notes_end == "Der zweite Teil folgt."
    assert first_words(w) == "der fährmann zählte die pfähle während der fluss"
