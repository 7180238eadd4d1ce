"""FanFiction.net chapter pages saved from a browser, new (profile_top) and old
(gui_table) layouts: stated metadata in, site chrome and author's notes out."""

from __future__ import annotations

import pytest
from pages import doc_of, first_words, last_words, page_bytes, tags, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes
from fandex.read.ffn import split_characters, split_genres
from fandex.vocab import names


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Invented fandoms: names stay as stated (the packs are another module's data)."""
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


def test_ffn_reader_reads_saved_chapter_pages() -> None:
    for name in ("ffn_new_layout.html", "ffn_old_layout.html"):
        assert choose_reader(page_bytes(name), name).name == "ffn-page"


def test_new_layout_profile_gives_title_author_summary() -> None:
    w = work_of("ffn_new_layout.html")
    assert w.title == "Lanterns at Low Tide"
    assert w.authors == ["Wren Calloway"]
    assert w.summary == (
        "The ferry keeper's daughter counts lanterns every night until one goes missing."
    )


def test_new_layout_metadata_line_becomes_stated_tags() -> None:
    w = work_of("ffn_new_layout.html")
    assert tags(w, "rating") == ["General Audiences"]  # Fiction K+
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "freeform") == ["Hurt/Comfort", "Romance"]
    assert w.language == "es"
    assert w.status == "wip"
    rating = next(t for t in w.tags if t.type == "rating")
    assert (rating.source, rating.evidence[0].quote) == ("stated", "Fiction K+")


def test_bracketed_characters_are_a_stated_romantic_pairing() -> None:
    w = work_of("ffn_new_layout.html")
    assert [r.replace(".", "") for r in tags(w, "relationship")] == ["Corran B/Ila M"]
    assert [c.rstrip(".") for c in tags(w, "character")] == ["Ila M", "Corran B", "Old Tam"]


def test_dates_are_iso_and_a_yearless_date_takes_the_timestamp_year() -> None:
    w = work_of("ffn_new_layout.html")
    assert w.published == "2012-09-08"
    assert w.updated == "2020-05-15"  # shown "5/15", data-xutime in 2020


def test_yearless_date_without_a_timestamp_is_left_unset() -> None:
    page = page_bytes("ffn_new_layout.html").replace(b'data-xutime="1589598153"', b"")
    doc = read_bytes(page, "page.html")
    assert doc.metadata["fields"]["Updated"] == "5/15"
    assert "updated" not in doc.metadata


def test_new_layout_text_is_the_story_without_notes_or_chrome() -> None:
    w = work_of("ffn_new_layout.html")
    assert first_words(w) == "the ferry came in late its one lantern"
    assert last_words(w) == "pier and the missing lantern was still missing"
    assert [c.title for c in w.chapters] == ["Chapter 2 - The Ferry"]
    assert w.notes_begin is not None and "Thank you all for the reviews" in w.notes_begin
    assert w.notes_end == "Also I own nothing but Old Tam"
    for chrome in ("review for this chapter", "cookies", "Tumblr", "Terms of Service"):
        assert chrome not in w.text


def test_a_closing_end_of_prologue_line_is_a_marker_not_story() -> None:
    """A chapter that closes with "End of Prologue" (then the author's note) ends at
    the story's last sentence: the line marks where the part ends."""
    page = page_bytes("ffn_new_layout.html").replace(
        b"<p>Also I own nothing but Old Tam</p>",
        b"<p>End of Prologue</p><p>AN- a first try, so leave some reviews and tell me.</p>",
    )
    w = build_work(clean(read_bytes(page, "page.html")))
    assert last_words(w) == "pier and the missing lantern was still missing"
    assert "Prologue" not in w.text


def test_new_layout_keeps_the_story_address() -> None:
    meta = doc_of("ffn_new_layout.html").metadata
    assert meta["url"] == "https://www.fanfiction.net/s/1234567/2/Lanterns-at-Low-Tide"


def test_old_layout_gives_title_author_summary_and_rating() -> None:
    w = work_of("ffn_old_layout.html")
    assert (w.title, w.authors) == ("Bellwether", ["Rook and Reed"])
    assert w.summary == "A shepherd and a lighthouse keeper trade letters through one wet spring."
    assert tags(w, "rating") == ["Mature"]
    assert tags(w, "fandom") == ["Salt and Stone/塩と石"]
    assert w.language == "en"
    assert (w.published, w.updated) == ("2011-01-02", "2012-02-03")


def test_old_layout_two_character_field_keeps_a_slash_inside_a_name() -> None:
    w = work_of("ffn_old_layout.html")
    assert [c.rstrip(".") for c in tags(w, "character")] == ["Maren K", "Ash/Ashford"]
    assert tags(w, "relationship") == []


def test_old_layout_text_drops_title_byline_disclaimer_and_end_note() -> None:
    w = work_of("ffn_old_layout.html")
    assert first_words(w) == "the first lamb came at midnight wet and"
    assert last_words(w) == "would not go until the rain let up"
    assert w.disclaimer == "Salt and Stone belongs to its makers, not to me."
    assert w.notes_end == "Thanks for reading! Reviews make me write faster."


def test_page_chapter_name_replaces_a_numbered_heading() -> None:
    w = work_of("ffn_old_layout.html")
    assert [c.title for c in w.chapters] == ["Lambing"]


def test_crossover_names_two_fandoms() -> None:
    page = page_bytes("ffn_new_layout.html").replace(
        b'<a class="xcontrast_txt" href="/book/Harbour-Tales/">Harbour Tales</a>',
        b'<a class="xcontrast_txt" href="/crossovers/x/">Harbour Tales + Salt and Stone '
        b"Crossover</a>",
    )
    meta = read_bytes(page, "page.html").metadata
    assert [n for t, n in meta["tags"] if t == "fandom"] == ["Harbour Tales", "Salt and Stone"]


def test_genres_split_around_hurt_comfort() -> None:
    assert split_genres("Hurt/Comfort/Romance") == ["Hurt/Comfort", "Romance"]
    assert split_genres("Sci-Fi/Family") == ["Sci-Fi", "Family"]
    assert split_genres("Naruto U., Mei T.") is None


def test_several_bracketed_pairings() -> None:
    pairings, characters = split_characters("[Ann B., Tom C.] [Sue D., Ray E.] Old Tam")
    assert pairings == [["Ann B.", "Tom C."], ["Sue D.", "Ray E."]]
    assert characters == ["Ann B.", "Tom C.", "Sue D.", "Ray E.", "Old Tam"]


def test_headings_inside_a_chapter_page_do_not_split_its_one_chapter() -> None:
    page = page_bytes("ffn_new_layout.html").replace(
        b"<p>By morning the fog", b"<p>Part Two</p><p>By morning the fog"
    )
    w = build_work(clean(read_bytes(page, "page.html")))
    assert [c.title for c in w.chapters] == ["Chapter 2 - The Ferry"]
    assert "Part Two\n\nBy morning the fog" in w.text


def _profile(line: str) -> dict[str, object]:
    page = (
        '<html><head><title>T | FanFiction</title></head><body><div id="profile_top">'
        '<b class="xcontrast_txt">T</b> By: <a href="/u/1/A">A</a>'
        f'<div class="xcontrast_txt">S.</div><span class="xgray xcontrast_txt">{line}</span>'
        '</div><div id="storytext"><p>The tide went out.</p></div></body></html>'
    )
    return read_bytes(page.encode(), "p.html").metadata


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        (
            "Rated: Fiction K - English - Harry P. - Words: 18,141 - Status: Complete - id: 7",
            [("Rated", "Fiction K"), ("Language", "English"), ("Characters", "Harry P.")],
        ),
        (
            "Rated: Fiction T - French - Chapters: 3 - Words: 9,000 - id: 8",
            [("Rated", "Fiction T"), ("Language", "French")],
        ),
        (
            "Rated: Fiction MA - English - General/Romance - [Ann B., Tom C.] [Sue D., Ray E.] "
            "- Chapters: 2 - id: 9",
            [
                ("Rated", "Fiction MA"),
                ("Language", "English"),
                ("Genre", "Romance"),
                ("Characters", "Ann B., Tom C., Sue D., Ray E."),
                ("Pairing", "Ann B./Tom C., Sue D./Ray E."),
            ],
        ),
    ],
)
def test_metadata_line_parts_are_read_by_what_they_are(
    line: str, stated: list[tuple[str, str]]
) -> None:
    assert _profile(line)["stated_fields"] == stated


DOWNLOADED = (
    "<html><head><title>The Gull Road</title></head><body>"
    "<h1>The Gull Road</h1><b>Author:</b> Pennant<br/><b>Rated:</b> Fiction T<br/>"
    "<b>Language:</b> English<br/><b>Characters:</b> Mara K., Tom B.<br/>"
    "<b>Summary:</b><br/>Two walkers and a coast road."
    '<h3 id="1">Chapter 1</h3><div class="storytext xcontrast_txt" id="storytext">'
    "<p>Mara walked the gull road at dawn, and Tom followed with the map.</p></div>"
    "</body></html>"
)


def test_a_downloaders_file_that_kept_the_story_div_keeps_its_own_header() -> None:
    # Not the site's page (no profile box, fandom links or chapter menu): read as a page.
    work = build_work(clean(read_bytes(DOWNLOADED.encode(), "gull.html")))
    assert work.title == "The Gull Road"
    assert work.authors == ["Pennant"]
    assert ("rating", "Teen And Up Audiences") in {
        (t.type, t.name) for t in work.tags if t.source == "stated"
    }
    assert work.summary == "Two walkers and a coast road."
    assert work.chapters[-1].text.startswith("Mara walked the gull road")


def test_2011_layout_loose_metadata_line_is_read() -> None:
    """The 2011 layout writes "Rated: ..." as loose text after a separator, the title
    as the breadcrumb's bold end and the summary only in the page's description."""
    w = work_of("ffn_2011_layout.html")
    assert (w.title, w.authors) == ("Lamps Unlit", ["Wren Calloway"])
    assert tags(w, "fandom") == ["Harbour Tales"]  # the fandom link, not the "/tv/" category
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert sorted(tags(w, "character")) == ["Corran", "Ila"]
    assert w.status == "complete"  # a bare "Complete" part
    assert w.summary == "The lamplighter keeps one lamp dark and will not say why."
    assert first_words(w, 4) == "ila counted the lamps"
    assert last_words(w, 3) == "of the quay"
    assert "Return to Top" not in w.text and "Favorites" not in w.text


def test_2011_layout_without_a_described_summary_has_none() -> None:
    """Same shape, no "Story summary:" in the description: no summary is made up from
    the page's other boxes (the "Return to Top" line, the breadcrumb)."""
    page = page_bytes("ffn_2011_layout.html").replace(b"Story summary:", b"Rated T.")
    w = build_work(clean(read_bytes(page, "p.html")))
    assert w.summary is None
    assert w.title == "Lamps Unlit"


def test_2011_chapter_page_summary_follows_the_people_in_its_description() -> None:
    """A longer story's chapter page describes itself as "Chapter 1 of a <fandom> -
    <genre> fanfiction with characters Ila M. & Corran T.. <summary>.": the summary
    starts after the people (their initials are not sentence ends) and loses the
    description's closing full stop; a closing "Leave me feedback!" is not story."""
    w = work_of("ffn_2011_chapter.html")
    assert w.summary == "The lamplighter keeps one lamp dark. Ila wants to know why"
    assert sorted(tags(w, "character")) == ["Corran T.", "Ila M."]
    assert last_words(w, 3) == "of the quay"
    assert "feedback" not in w.text.casefold()


def test_a_pasted_ao3_preface_is_not_the_chapters_text() -> None:
    """A chapter cross-posted from AO3 opens with the download's preface (its "Posted
    originally" line, run-on tag list, title, byline, Summary and Notes): the page's own
    card names the work, and the text starts with the story."""
    preface = (
        b"<p>Posted originally on the Archive of Our Own at http://archiveofourown.org/works/9."
        b"</p><p>Rating: General Audiences Archive Warning: No Archive Warnings Apply "
        b"Fandom: Harbour Tales Stats: Published: 2008-09-27 Words: 120 Dark Lamp</p>"
        b"<p>by Wren Calloway</p><p>Summary</p><p>The lamplighter keeps one lamp dark.</p>"
        b"<p>Notes</p><p>Written for a prompt about lamps.</p>"
    )
    page = page_bytes("ffn_2011_chapter.html").replace(
        b"<p><b>A/N: </b>Thanks to my patient beta reader.</p>", preface
    )
    w = build_work(clean(read_bytes(page, "p.html")))
    assert w.title == "Lamps Unlit"
    assert tags(w, "rating") == ["Teen And Up Audiences"]  # the page's, not the preface's
    assert "Posted originally" not in w.text and "prompt about lamps" not in w.text
    assert first_words(w, 4) == "ila counted the lamps"


def test_pasted_ao3_notes_of_several_paragraphs_run_to_the_jump_line() -> None:
    """Notes that go on at the end of the work: AO3 prints "See the end of the work for
    more notes" under them, and the notes are every paragraph up to that line."""
    preface = (
        b"<p>Posted originally on the Archive of Our Own at http://archiveofourown.org/works/9."
        b"</p><p>Rating: General Audiences Stats: Published: 2008-09-27 Words: 120</p>"
        b"<p>by Wren Calloway</p><p>Notes</p><p>Written for a prompt about lamps.</p>"
        b"<p>Thanks to my beta for the commas.</p><p>The title is from a song.</p>"
        b"<p>(See the end of the work for more notes.)</p>"
    )
    page = page_bytes("ffn_2011_chapter.html").replace(
        b"<p><b>A/N: </b>Thanks to my patient beta reader.</p>", preface
    )
    w = build_work(clean(read_bytes(page, "p.html")))
    for line in ("prompt about lamps", "for the commas", "from a song", "See the end"):
        assert line not in w.text
    assert first_words(w, 4) == "ila counted the lamps"


def test_a_site_mark_without_the_sites_page_falls_to_the_generic_reader() -> None:
    """A page naming FanFiction.net with a storytext div but none of the site's boxes
    is read as any page (the next reader), not failed as "not a chapter page"."""
    page = (
        b"<html><head><title>Saved from FanFiction.net</title></head><body>"
        b"<h1>The Ferry</h1><div id='storytext'><p>Ila rowed across at dawn.</p>"
        b"<p>The water was flat and grey the whole way over.</p></div></body></html>"
    )
    assert choose_reader(page, "p.html").name == "ffn-page"
    assert "Ila rowed across at dawn." in read_bytes(page, "p.html").text


def test_a_2008_layout_chapter_page_is_the_sites_page() -> None:
    # The title and author centred over the line, the line opened by the ratings link
    # ("<a href=fictionratings>Rated: K+</a> - English - ..."), the chapter menu a
    # "<SELECT title='chapter navigation'>" with no id.
    w = work_of("ffn_2008_layout.html")
    assert (w.title, w.authors) == ("Lamplight", ["Rook and Reed"])
    assert [t.name for t in w.tags if t.type == "rating"] == ["General Audiences"]
    assert [c.title for c in w.chapters] == ["The First Lamp"]
    assert w.chapters[0].text.startswith("Maren carried the taper")
    assert "Rated" not in w.text and "Review this" not in w.text


_STORY = (
    "<p>The ferry came in late, its one lantern swinging like a slow bell.</p>"
    "<p>Corran counted the lanterns twice, and Ila did not answer him.</p>"
    "<p>By morning the fog had eaten the far pier, and the lantern was still missing.</p>"
)


def _chapter_page(storytext: str) -> bytes:
    """The new-layout fixture page with ``storytext`` as its chapter's text."""
    page = page_bytes("ffn_new_layout.html").decode()
    start = page.index('nocopy">') + len('nocopy">')
    return (page[:start] + storytext + page[page.index("</div></div>", start) :]).encode()


@pytest.mark.parametrize(
    "storytext",
    [
        # A lone "Author's Note" label (no colon) over its paragraphs, closed by a rule.
        "<p><strong>Author's Note</strong></p><p>Hello again everyone! It has been forever.</p>"
        "<p>Special thanks to Marram for fixing my commas.</p><p>-x-x-x-</p>" + _STORY,
        "<p><strong>A/N:</strong></p><p>Hello again everyone! It has been forever.</p>"
        "<p>Marram fixed my commas.</p><p>~*~</p>" + _STORY,
        # Replies to reviewers under their heading.
        _STORY + "<p>-x-x-x-</p><p><strong>Review Responses:</strong></p>"
        "<p><em>Guest:</em> Thank you! I will update soon.</p><p><em>Lantern99:</em> Me too.</p>",
        # "R&R please!" signed off; "Next chapter: ... Stay tuned!".
        _STORY + "<p>R&amp;R please!</p><p>~Wren</p>",
        _STORY + "<hr size='1' noshade><p>Next chapter: the fog lifts. Stay tuned!</p>",
    ],
)
def test_author_talk_around_a_chapter_is_not_its_text(storytext: str) -> None:
    # Before: the notes under a colonless label, the review replies, the "R&R" sign-off
    # and the "Next chapter:" teaser were read as the chapter's first or last words.
    w = build_work(clean(read_bytes(_chapter_page(storytext), "chapter.html")))
    assert first_words(w, 4) == "the ferry came in"
    assert last_words(w, 4) == "lantern was still missing"


def test_a_profile_box_without_its_rated_line_still_names_title_and_author() -> None:
    """A chapter page trimmed to its skeleton: ``#profile_top`` keeps the bold title and
    the author's ``/u/`` link but no "Rated: ..." line."""
    page = (
        b"<html><head><title>Tide Tables | FanFiction</title></head><body>"
        b'<div id="content_wrapper_inner"><div id="profile_top">'
        b'<b class="xcontrast_txt">Tide Tables</b> '
        b'<a class="xcontrast_txt" href="https://www.fanfiction.net/u/12/Wren">Wren</a></div>'
        b'<select id="chap_select" name="chapter"><option value="1" selected>1. Low Water'
        b'</option><option value="2">2. Spring Tide</option></select>'
        b'<div id="storytextp"><div class="storytext xcontrast_txt" id="storytext">'
        b"<p>The harbour emptied at noon.</p></div></div></div></body></html>"
    )
    w = build_work(clean(read_bytes(page, "saved.html")))
    assert (w.title, w.authors) == ("Tide Tables", ["Wren"])
    assert [c.title for c in w.chapters] == ["Low Water"]
