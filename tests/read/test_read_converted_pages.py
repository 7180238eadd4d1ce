"""Saved web pages that calibre turned into books: read as the pages themselves."""

from __future__ import annotations

import storybuilders as sb
from pages import page_bytes

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

TITLEPAGE = (
    '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
    '<head><title>Cover</title></head><body><div><svg xmlns="http://www.w3.org/2000/svg">'
    '<image width="600" height="800" href="cover.jpg"/></svg></div></body></html>'
)


def _work(data: bytes, name: str) -> Work:
    return build_work(clean(read_bytes(data, name)))


def test_a_fanfiction_net_page_made_into_an_epub_reads_as_the_page() -> None:
    # Read as a book's page, the site's menus and reviews box were the "story" (or, on
    # the real page, there was "no readable text"); calibre's title is the page's <title>.
    page = page_bytes("ffn_new_layout.html")
    book = sb.epub(
        [("titlepage.xhtml", TITLEPAGE), ("page_split_000.html", page.decode("utf-8"))],
        title="Some Story Chapter 1, a fandom fanfic | FanFiction",
        authors=("Unknown",),
    )
    saved, converted = _work(page, "page.html"), _work(book, "page.epub")
    assert (converted.title, converted.authors) == (saved.title, saved.authors)
    assert [(t.type, t.name) for t in converted.tags if t.source == "stated"] == [
        (t.type, t.name) for t in saved.tags if t.source == "stated"
    ]
    assert [c.text for c in converted.chapters] == [c.text for c in saved.chapters]


def test_an_ao3_download_whose_byline_calibre_renamed_and_moved_keeps_its_author() -> None:
    page = (
        "<html><head><title>The Lighthouse Keeper</title></head><body>"
        '<div id="preface"><p class="calibre3">Posted originally on the '
        '<a href="http://archiveofourown.org/">Archive of Our Own</a> at '
        '<a href="http://archiveofourown.org/works/1">http://archiveofourown.org/works/1</a>.'
        '</p><div class="calibre4"><dl class="tags"><dt>Rating:</dt><dd>'
        '<a href="http://archiveofourown.org/tags/General%20Audiences">General Audiences</a>'
        "</dd></dl><h1>The Lighthouse Keeper</h1></div></div>"
        # calibre's size split cut the preface: the byline is in its second part.
        '<div id="preface"><div class="calibre5">by <a rel="author" '
        'href="http://archiveofourown.org/users/quill">Quill Writer</a></div></div>'
        '<div id="chapters" class="userstuff">'
        + "".join(f"<p>{p}</p>" for _t, paras in sb.CHAPTERS for p in paras)
        + "</div></body></html>"
    ).encode()
    work = _work(page, "download.html")
    assert work.title == "The Lighthouse Keeper" and work.authors == ["Quill Writer"]


def test_a_one_page_book_that_names_no_author_is_read_as_the_page_it_was_made_from() -> None:
    # calibre's EPUB of an archive's story page: the page's header lines are the only
    # place the author and the fandom are named, and they are read as on the page.
    story = "".join(f"<p>{p}</p>" for _t, paras in sb.CHAPTERS for p in paras)
    page = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>{sb.TITLE}</title></head><body><h2>{sb.TITLE}</h2>"
        "<p>Fandom: Original Work<br/>Rating: General Audiences</p>"
        f"<p>by {sb.AUTHOR}</p>{story}</body></html>"
    )
    book = sb.epub([("titlepage.xhtml", TITLEPAGE), ("story.html", page)], authors=())
    work = _work(book, "story.epub")
    assert work.title == sb.TITLE and work.authors == [sb.AUTHOR]
    stated = {(t.type, t.name) for t in work.tags if t.source == "stated"}
    assert {("fandom", "Original Work"), ("rating", "General Audiences")} <= stated
    assert "Fandom:" not in "\n".join(c.text for c in work.chapters)


def test_a_lower_case_tag_that_reads_like_a_label_stays_a_tag_in_a_flattened_preface() -> None:
    # calibre's FB2 and RTF of an AO3 download run the tag list together on one line;
    # AO3 writes its labels capitalised, so "series: ..." there is an author's tag.
    text = (
        f"{sb.TITLE}\n\nPosted originally on the Archive of Our Own at "
        "http://archiveofourown.org/works/1.\n\nRating: General Audiences Archive Warning: "
        "No Archive Warnings Apply Fandom: Original Work Additional Tags: Post-Canon, "
        "series: Harbour Tales Language: English Series: Part 1 of Harbour Tales Stats: "
        f"Published: 2021-11-16 Words: 120\n\n{sb.TITLE}\n\nby {sb.AUTHOR}\n\n"
        + "\n\n".join(p for _t, paras in sb.CHAPTERS for p in paras)
    )
    work = _work(text.encode(), "download.txt")
    freeform = [t.name for t in work.tags if t.type == "freeform" and t.source == "stated"]
    assert freeform == ["Post-Canon", "series: Harbour Tales"]
    assert [s.name for s in work.series] == ["Harbour Tales"]
    assert work.language == "en"
