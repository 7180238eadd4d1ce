"""Twisting the Hellmouth chapter pages: title, author, the stats table read by its
headings (FR rating, dates, completion), the category trail as fandoms (a crossover with
Buffy unless filed as non-BtVS), series and chapter; TtH's eFiction pages stay eFiction's."""

from __future__ import annotations

import re

from pages import doc_of, first_words, last_words, page_bytes, tags, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes


def test_tth_reader_takes_the_chapter_page() -> None:
    assert choose_reader(page_bytes("tth_chapter.html"), "c.html").name == "tth"


def test_title_author_chapter_and_series() -> None:
    w = work_of("tth_chapter.html")
    assert (w.title, w.authors) == ("The Night Librarian", ["Wren Calloway"])
    assert [c.title for c in w.chapters] == ["Late Returns"]
    assert [(s.name, s.position) for s in w.series] == [('The "Stacks" Series', 2)]
    assert w.summary is not None and w.summary.startswith("The school library stays open")


def test_stats_table_gives_rating_dates_and_status() -> None:
    w = work_of("tth_chapter.html")
    assert tags(w, "rating") == ["Teen And Up Audiences"]  # FR13
    assert (w.published, w.updated, w.status) == ("2010-03-03", "2010-03-17", "complete")
    assert doc_of("tth_chapter.html").metadata["fields"]["Words"] == "4400"


def test_category_under_another_fandom_is_a_crossover_with_buffy() -> None:
    fandoms = tags(work_of("tth_chapter.html"), "fandom")
    assert len(fandoms) == 2 and fandoms[0].startswith("Buffy the Vampire Slayer")
    assert fandoms[1] == "Harbour Tales"  # "Giles-Centered" is a sorting category


def test_non_btvs_story_is_not_filed_with_buffy() -> None:
    page = page_bytes("tth_chapter.html").replace(
        b'<a href="/Category-1002/Giles-Centered.htm">Giles-Centered</a>',
        b'<a href="/Category-9/Non-BtVS.htm">Non-BtVS/AtS Stories</a>',
    )
    meta = read_bytes(page, "c.html").metadata
    assert [n for t, n in meta["tags"] if t == "fandom"] == ["Harbour Tales"]


def test_fr21_is_explicit() -> None:
    page = page_bytes("tth_chapter.html").replace(b"<td>FR13</td>", b"<td>FR21</td>")
    w = build_work(clean(read_bytes(page, "c.html")))
    assert tags(w, "rating") == ["Explicit"]


def test_text_is_the_chapter_without_menus() -> None:
    w = work_of("tth_chapter.html")
    assert first_words(w) == "giles found three books on the returns trolley"
    assert last_words(w) == "for the morning at closing there were four"
    for chrome in ("Review this chapter", "Disclaimer", "Browse", "First Night"):
        assert chrome not in w.text


def test_tth_efiction_page_stays_an_efiction_page() -> None:
    name = "tth_efiction_story.html"
    assert choose_reader(page_bytes(name), name).name == "efiction-page"
    assert work_of(name).title == "Quiet Hours"


def test_author_list_page_without_a_chapter_is_not_read_as_tth() -> None:
    page = re.sub(
        rb'<div class="storybody">.*?</div></div>', b"", page_bytes("tth_chapter.html"), flags=re.S
    )
    assert read_bytes(page, "c.html").metadata.get("producer") != "tth"
