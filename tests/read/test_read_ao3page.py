"""AO3 work pages saved from a browser: the work's metadata and text, none of the chrome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import storybuilders as sb

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.importer import ImportSession
from fandex.library import Library
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes
from fandex.read.ao3page import Ao3PageReader
from fandex.read.document import RawDocument

FIXTURES = Path(__file__).parent / "fixtures"
ENTIRE = FIXTURES / "ao3_page_entire_work.html"
ONESHOT = FIXTURES / "ao3_page_oneshot.html"


def _entire() -> RawDocument:
    return read_bytes(ENTIRE.read_bytes(), "The Clockmaker's Apprentice.html")


def test_saved_page_is_chosen_over_the_download_and_generic_readers() -> None:
    for path in (ENTIRE, ONESHOT):
        assert choose_reader(path.read_bytes(), "page.html").name == "ao3-page"
    # whatever it is called
    assert choose_reader(ENTIRE.read_bytes(), "page.txt").name == "ao3-page"


def test_sniff_never_claims_downloads_or_other_pages() -> None:
    reader = Ao3PageReader()
    assert reader.sniff(sb.ao3_html(), "download.html") == 0.0
    assert choose_reader(sb.ao3_html(), "download.html").name == "ao3-html"
    assert reader.sniff(sb.legacy_html(), "story.html") == 0.0
    other_site = b'<!DOCTYPE html><html><body><dl class="work meta group"></dl></body></html>'
    assert reader.sniff(other_site, "x.html") == 0.0
    assert reader.sniff(b"Title: x\n\nwork meta group archiveofourown", "x.txt") == 0.0


def test_typed_tags_from_the_work_meta_list() -> None:
    tags = _entire().metadata["tags"]
    assert ("rating", "General Audiences") in tags
    assert ("warning", "No Archive Warnings Apply") in tags
    assert ("category", "Gen") in tags
    assert ("fandom", "Original Work") in tags
    assert ("relationship", "Tomas & Ilse") in tags
    assert [n for t, n in tags if t == "character"] == [
        "Tomas (Original Character)",
        "Ilse (Original Character)",
    ]
    assert [n for t, n in tags if t == "freeform"] == ["Apprenticeship", "Clocks", "Found Family"]


def test_title_author_summary_notes_and_url() -> None:
    meta = _entire().metadata
    assert meta["title"] == "The Clockmaker's Apprentice"
    assert meta["authors"] == ["Wren_Writes"]
    assert meta["summary"] == "Ilse takes on an apprentice who cannot tell the time."
    assert meta["notes_begin"] == "Written for a winter exchange."
    assert meta["notes_end"] == "The last chapter is on its way."
    assert meta["url"] == "https://archiveofourown.org/works/2000002"
    assert meta["producer"] == "ao3"


def test_stats_series_and_language() -> None:
    meta = _entire().metadata
    assert meta["published"] == "2021-05-02"
    assert meta["updated"] == "2021-06-13"
    assert meta["status"] == "wip"  # 3/4 chapters
    assert meta["fields"]["Chapters"] == "3/4"
    assert meta["fields"]["Kudos"] == "12"
    assert meta["language"] == "en"
    # the previous-work link beside the series is navigation, not the series
    assert meta["series"] == "The Workshop Stories"
    assert meta["fields"]["Series"] == "Part 2 of The Workshop Stories"


def test_older_series_wording_names_the_series_by_its_link() -> None:
    # AO3's pages of about 2018 wrote "Part 2 of the <a>Name</a> series".
    page = ENTIRE.read_bytes().replace(
        b'Part 2 of <a href="https://archiveofourown.org/series/300003">The Workshop Stories</a>',
        b'Part 2 of the <a href="https://archiveofourown.org/series/300003">The Workshop Stories'
        b"</a> series",
    )
    meta = read_bytes(page, "page.html").metadata
    assert meta["fields"]["Series"] == "Part 2 of The Workshop Stories"
    work = build_work(clean(read_bytes(page, "page.html")))
    assert [(e.name, e.position) for e in work.series] == [("The Workshop Stories", 2.0)]


def test_chapters_with_titles_summaries_and_notes() -> None:
    chapters = _entire().chapters
    assert [c.title for c in chapters] == ["The Shop", "Gears", "Chapter 3"]
    assert chapters[0].summary == "Tomas arrives."
    assert chapters[0].notes_begin == "A short first chapter."
    assert chapters[0].notes_end == "Thank you for reading this far."
    assert (chapters[1].summary, chapters[1].notes_begin, chapters[1].notes_end) == (None,) * 3
    assert chapters[2].blocks[0].text.startswith("When the clock ticked again")


def test_chapter_text_keeps_emphasis_and_scene_breaks() -> None:
    first = _entire().chapters[0]
    assert [b.kind for b in first.blocks] == ["paragraph", "paragraph", "rule", "paragraph"]
    said = first.blocks[1]
    assert [(s.kind, said.text[s.start : s.end]) for s in said.spans] == [("em", "He is early")]
    assert first.html and "<em>He is early</em>" in first.html


@pytest.mark.parametrize(
    "chrome",
    [
        "Log In",
        "Forgot password",
        "Fandoms",
        "Work Search",
        "Chapter by Chapter",
        "Chapter Text",
        "left kudos",
        "Lovely pacing",
        "Reader_One",
        "Site Map",
        "Previous Work",
        "See the end of the work",
    ],
)
def test_site_chrome_stays_out_of_the_text(chrome: str) -> None:
    doc = _entire()
    assert doc.blocks == []
    assert chrome not in doc.text
    assert all(chrome not in (c.html or "") for c in doc.chapters)


def test_one_chapter_work_is_one_untitled_chapter() -> None:
    doc = read_bytes(ONESHOT.read_bytes(), "Tea at Four.html")
    assert len(doc.chapters) == 1
    assert doc.chapters[0].title is None
    assert doc.chapters[0].blocks[0].text == "Rain tapped on the window all afternoon."
    assert "Work Text" not in doc.text
    assert "cosy" not in doc.text
    meta = doc.metadata
    assert meta["authors"] == ["penandpaper", "Second_Hand"]
    assert meta["language"] == "fr"
    assert meta["status"] == "complete"
    assert meta["url"] == "https://archiveofourown.org/works/2000003"
    assert "series" not in meta and "notes_begin" not in meta


def test_page_metadata_has_the_keys_the_download_gives() -> None:
    download = read_bytes(sb.ao3_html(), "download.html").metadata
    page = _entire().metadata
    assert set(download) <= set(page)
    assert {t for t, _n in download["tags"]} <= {t for t, _n in page["tags"]}


def test_one_chapter_of_a_multi_chapter_work_says_so() -> None:
    page = ENTIRE.read_text(encoding="utf-8")
    start = page.index('<div class="chapter" id="chapter-2"')
    end = page.index('<div class="afterword')
    only_first = page[:start] + "</div>\n" + page[end:]
    doc = read_bytes(only_first.encode(), "chapter1.html")
    assert [c.title for c in doc.chapters] == ["The Shop"]
    assert any("1 of the work's 3" in n for n in doc.notices)


def test_page_without_chapter_text_is_one_line_read_error() -> None:
    page = ENTIRE.read_text(encoding="utf-8")
    start = page.index('<div id="chapters"')
    end = page.index('<div class="afterword')
    with pytest.raises(ReadError, match="no chapter text") as err:
        read_bytes((page[:start] + page[end:]).encode(), "empty.html")
    assert "\n" not in str(err.value)


def test_saved_adult_content_gate_is_named_with_what_to_do() -> None:
    gate = (
        b"<!DOCTYPE html><html><head><title>Archive of Our Own</title></head><body>"
        b'<div id="header"><a href="https://archiveofourown.org/">Archive of Our Own</a></div>'
        b'<div id="main"><p class="caution">This work could have adult content. If you '
        b"continue, you have agreed that you are willing to see such content.</p>"
        b'<ul class="actions"><li><a href="/works/2000004?view_adult=true">Proceed</a></li>'
        b"</ul></div></body></html>"
    )
    assert choose_reader(gate, "saved.html").name == "ao3-page"
    kind = str(read_bytes(gate, "saved.html").metadata["page_kind"])
    assert "adult-content warning saved in place of the work" in kind and "\n" not in kind


def test_reading_a_non_ao3_page_directly_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="not a saved AO3 work page"):
        Ao3PageReader().read(sb.legacy_html(), "story.html")


def test_import_of_a_saved_page_stores_title_author_tags_chapters(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "clockmaker.html").write_bytes(ENTIRE.read_bytes())
    report = ImportSession(library).run([folder])
    assert report.summary()["imported"] == 1, report.failed
    work = next(library.iter_works(with_text=True))
    assert work.title == "The Clockmaker's Apprentice"
    assert work.authors == ["Wren_Writes"]
    assert [s.to_dict() for s in work.series] == [{"name": "The Workshop Stories", "position": 2}]
    assert work.status == "wip"
    assert ("relationship", "Tomas & Ilse") in {(t.type, t.name) for t in work.tags}
    assert work.find_tag("fandom", "Original Work") is not None
    assert [c.title for c in work.chapters] == ["The Shop", "Gears", "Chapter 3"]
    assert "Lovely pacing" not in work.text


def test_a_page_of_another_archive_on_ao3s_software_keeps_its_own_ids() -> None:
    # SquidgeWorld runs the same archive software: its work 2000002 is not AO3's.
    page = re.sub(
        rb"<!-- saved from[^>]*-->\n",
        b"",
        ENTIRE.read_bytes()
        .replace(b"https://archiveofourown.org", b"")
        .replace(b"Archive of Our Own", b"SquidgeWorld Archive"),
    )
    assert b"archiveofourown" not in page
    assert "url" not in read_bytes(page, "page.html").metadata
    here = page.replace(
        b"<head>", b'<head><link rel="canonical" href="https://squidgeworld.org/works/2000002">', 1
    )
    assert read_bytes(here, "page.html").metadata["url"] == "https://squidgeworld.org/works/2000002"
    assert read_bytes(ENTIRE.read_bytes(), "page.html").metadata["url"] == (
        "https://archiveofourown.org/works/2000002"
    )


def test_a_pseud_shown_with_its_account_is_the_pseud() -> None:
    # AO3 shows a pseud that is not the account's name as "Pseud (account)", linked to
    # /users/account/pseuds/Pseud: the creator is the pseud. Brackets that are not the
    # linked account stay part of the name.
    page = ONESHOT.read_bytes().replace(
        b'<a rel="author" href="/users/second/pseuds/Second_Hand">Second_Hand</a>',
        b'<a rel="author" href="/users/second/pseuds/Quiet%20Reader">Quiet Reader (second)</a>',
    )
    assert read_bytes(page, "Tea at Four.html").metadata["authors"] == [
        "penandpaper",
        "Quiet Reader",
    ]
    other = ONESHOT.read_bytes().replace(b">penandpaper</a>", b">penandpaper (retired)</a>")
    assert read_bytes(other, "Tea at Four.html").metadata["authors"][0] == "penandpaper (retired)"


def test_a_page_saved_without_its_tag_list_keeps_title_byline_and_chapter() -> None:
    """A chapter page trimmed of its ``dl.work.meta`` (a clipping tool, a simplified
    view) still has the work's preface in #workskin: title, byline, chapter title."""
    page = (
        b"<html><head><title>Tide Tables - Chapter 1 - By Wren</title></head><body>"
        b'<div id="main" class="chapters-show region"><div class="work">'
        b'<div id="workskin"><div class="preface group">'
        b'<h2 class="title heading">Tide Tables</h2>'
        b'<h3 class="byline heading"><a rel="author" class="login author" '
        b'href="https://archiveofourown.org/users/Wren/pseuds/Wren">Wren</a></h3></div>'
        b'<div id="chapters"><div class="chapter" id="chapter-1">'
        b'<div class="chapter preface group"><h3 class="title"><a href="#">Low Water</a>'
        b'</h3></div><div class="userstuff module" role="article">'
        b'<h3 class="landmark heading" id="work">Chapter Text</h3>'
        b"<p>The harbour emptied at noon.</p><p>Ila walked out on the sand.</p>"
        b"</div></div></div></div></div></div></body></html>"
    )
    assert choose_reader(page, "saved.html").name == "ao3-page"
    w = build_work(clean(read_bytes(page, "saved.html")))
    assert (w.title, w.authors) == ("Tide Tables", ["Wren"])
    assert [c.title for c in w.chapters] == ["Low Water"]
    assert w.text.startswith("The harbour emptied at noon.")
