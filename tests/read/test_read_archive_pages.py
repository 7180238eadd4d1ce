"""Archive and personal-site pages: titles from the page, "by" lines, thanks lines and
comment links, metadata in HTML comments, notes before the story; pages that hold no
story (info pages, story indexes, browse lists, error pages) are not works."""

from __future__ import annotations

import pytest
from pages import doc_of, first_words, last_words, tags, verdict, work_of

from fandex.read.htmltext import parse_html
from fandex.read.pagemeta import page_title


def test_treasure_archive_page_header_byline_and_thanks() -> None:
    w = work_of("treasure_archive.html")
    assert (w.title, w.authors) == ("Sea Glass", ["marram"])
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert w.dedication == "Gullwing in the Winter 2009 Exchange"
    assert "Sedge" in w.header["Thanks"]


def test_treasure_archive_text_keeps_the_epigraph_and_drops_comment_links() -> None:
    w = work_of("treasure_archive.html")
    assert first_words(w) == "the sea gives back what it cannot keep"
    assert last_words(w) == "anyone and she kept it in her shoe"
    assert "post a comment" not in w.text.casefold()
    assert "thanks" not in w.text.casefold()


def test_metadata_block_in_an_html_comment_is_stated() -> None:
    w = work_of("personal_site.html")
    assert w.title == "Fog Bells"
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert w.summary == (
        "Corran rings the fog bell twice, which means a ship, except there is no ship."
    )
    assert w.published == "2010-01-11"


def test_by_line_with_a_dedication_names_the_author() -> None:
    w = work_of("personal_site.html")
    assert w.authors == ["marram"]
    assert first_words(w) == "you rang it twice ila said that means"
    assert last_words(w) == "listened somewhere out past the breakwater something answered"
    assert "feedback" not in w.text.casefold() and "Main fic page" not in w.text


def test_title_comes_from_the_page_title_without_the_chapter() -> None:
    w = work_of("serial_chapter.html")
    assert w.title == "The Tidewright's Apprentice"
    assert [c.title for c in w.chapters] == ["Chapter 4: A Question of Ballast"]


def test_disclaimer_and_notes_up_to_the_rule_are_not_story() -> None:
    w = work_of("serial_chapter.html")
    assert first_words(w) == "ballast the old tidewright said is the weight"
    assert last_words(w) == "pages and the boat still listed to port"
    assert w.disclaimer is not None and "belong to their author" in w.disclaimer
    assert w.notes_begin is not None and "Reviews make me happy" in w.notes_begin
    assert "Table of Contents" not in w.text


def test_include_style_disclaimer_and_its_rule_are_not_story() -> None:
    """'#include "stddisclaimer.h"' over a rule stands for the author's disclaimer; the
    epigraph between the rules is the story's."""
    w = work_of("serial_chapter_include.html")
    assert w.notes_begin is not None and "stddisclaimer" in w.notes_begin
    assert "include" not in w.text
    assert first_words(w) == "a chart is only a guess someone was"
    assert last_words(w) == "and counted the knots on the line again"


def test_a_notes_heading_near_the_top_does_not_make_the_story_end_matter() -> None:
    """A "Notes" heading under the summary, then the whole story: a heading with more
    words under it than above it opens no end matter, so the story stays a story."""
    assert verdict("notes_then_story.html") is None
    w = work_of("notes_then_story.html")
    assert last_words(w) == "find the rest of the winter in it"
    assert "Day nine" in w.text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<title>Commonplaces</title>", ("Commonplaces", None)),
        ("<title>Sea Glass | Harbour Archive</title><h1>Sea Glass</h1>", ("Sea Glass", None)),
        ("<title>Tidewater Archive - Salt Roads</title>", ("Salt Roads", None)),
        ("<title>Long Way Home, Chapter 2: Fog</title>", ("Long Way Home", "Fog")),
        ("<title>Tidewater Fic Archive</title>", (None, None)),
    ],
)
def test_page_title_without_the_site_name(html: str, expected: tuple[str, str | None]) -> None:
    assert page_title(parse_html(f"<html><head>{html}</head><body><p>x</p></body></html>")) == (
        expected
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("story_info_page.html", "no story text, looks like a story index page"),
        ("fanfic_info_page.html", "no story text, looks like a story index page"),
        ("ffn_browse_list.html", "no story text, looks like a list of stories"),
        ("ffn_missing.html", "no story text, looks like an error page"),
        # An eFiction author's page: a block per story (A Teaspoon's 2018 skin).
        ("efiction_author_page.html", "no story text, looks like a list of stories"),
    ],
)
def test_pages_without_a_story_are_named_for_what_they_are(name: str, reason: str) -> None:
    assert verdict(name) == reason


def test_story_pages_are_stories() -> None:
    for name in ("treasure_archive.html", "personal_site.html", "serial_chapter.html"):
        assert verdict(name) is None, name
    assert doc_of("personal_site.html").metadata["stated_fields"][0] == ("title", "Fog Bells")


def test_old_archive_chapter_page_with_a_chapter_menu_and_footer_disclaimer() -> None:
    """An early eFiction chapter page (WHOFIC's shape: "Site :: Title by Author" title,
    a chapter <select>, the text in a bare span, previous/review links, then the site's
    disclaimer): the menu's chosen chapter is the chapter's title, not its first line,
    and the link line before the footer is not story."""
    w = work_of("efiction1_chapter_menu.html")
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert [c.title for c in w.chapters] == ["Long Ones"]
    assert first_words(w) == "ila asked him once what the long notches"
    assert last_words(w, 7) == "there were more long ones than short"
    assert "Previous" not in w.text and "Review this chapter" not in w.text
    assert "Disclaimer" not in w.text


def test_table_skin_archive_chapter_with_word_markup() -> None:
    """A Sugar Quill chapter page (FanFicFare's adapter's shape: td.content_pane opening
    with a table of "<b>Story</b>: title", "<b>Author</b>: link" and the chapter menu,
    then Word-pasted paragraphs): title, author, the menu's chapter, the text without
    the site's menu, review links or footer, the closing A/N as end notes."""
    w = work_of("sugarquill_chapter.html")
    assert w.title == "The Tally Stick"
    assert w.authors[0].startswith("harbourlights")
    # The site's suffix keeps its closing bracket (stripping brackets left it open).
    assert w.authors[0].count("(") == w.authors[0].count(")")
    assert [c.title for c in w.chapters] == ["Long Ones"]
    assert first_words(w) == "ila asked him once what the long notches"
    assert last_words(w, 7) == "there were more long ones than short"
    assert w.notes_end == "Thanks to my beta for the help with the tally sticks."
    for chrome in ("Home", "Review", "belong to their owners", "Story:"):
        assert chrome not in w.text


def test_site_footer_after_the_story_links_is_not_story() -> None:
    """An old archive page (FictionAlley's 2003 shape: h1.title "Title by <a>", a summary
    box, facts, the story, then "More by ... | Review this story" and the site's
    unlabelled rights line): the links and the rights line below them are the site's."""
    w = work_of("comment_marked_archive.html")
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert w.summary == "A count kept in notches, and what it counts."
    assert tags(w, "relationship") == ["Corran/Ila"]
    assert last_words(w, 7) == "there were more long ones than short"
    assert "property of" not in w.text and "Review this story" not in w.text


def test_a_closing_line_of_the_author_is_kept_when_no_link_line_sets_it_apart() -> None:
    page = (
        "<html><body><h1>Low Tide</h1><p>She rowed out past the breakwater and did not"
        " look back at the harbour once.</p><p>The harbour is the property of the town"
        " council, she reminded herself.</p></body></html>"
    )
    from fandex.clean import clean
    from fandex.parse import build_work
    from fandex.read import read_bytes

    w = build_work(clean(read_bytes(page.encode(), "p.html")))
    assert "property of the town council" in w.text


def test_a_chapter_menu_known_by_its_links_names_the_chapter() -> None:
    """eFiction 1.1 as Ashwinder serves it: the chapter menu is a <select name="sid">
    whose options open viewstory.php?sid=N; the chosen one is the chapter's title and
    its heading over the text is not the text's first line."""
    w = work_of("efiction11_sid_menu.html")
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert [c.title for c in w.chapters] == ["Long Ones"]
    assert first_words(w) == "ila asked him once what the long notches"
    assert "Reviews" not in w.text and "property of" not in w.text


def test_a_menu_of_other_things_names_no_chapter() -> None:
    from fandex.read.pagemeta import chapter_menu_choice

    page = (
        "<html><body><select name='skin'><option value='dark'>Dark</option>"
        "<option value='light' selected>Light</option></select></body></html>"
    )
    assert chapter_menu_choice(parse_html(page)) is None


def test_label_and_value_boxes_marked_by_class_are_the_storys_facts() -> None:
    """A skin that prints each fact as two boxes, ``div.entry__key`` then
    ``div.entry__value`` (Harry Potter Fan Fiction's 2019 layout, as FanFicFare's adapter
    reads it): "Rating: 12+" and the rest are header fields, not the story's first lines,
    and the page is a story, not a table of stories."""
    w = work_of("keyvalue_divs_chapter.html")
    assert verdict("keyvalue_divs_chapter.html") is None
    assert (w.title, w.authors) == ("The Tally Stick", ["harbourlights"])
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert set(tags(w, "character")) == {"Ila", "Corran"}
    assert w.status == "complete"
    assert first_words(w, 4) == "ila asked him once"
    assert [c.title for c in w.chapters] == ["Long Ones"]


def test_an_index_page_with_nothing_to_list_is_reported_as_an_index() -> None:
    """An eFiction story's index holding only its title line and a rating (no chapter
    links, no summary): skipped as what it is, not failed as a file without text."""
    page = (
        '<html><head><title>X</title></head><body><div id="pagetitle">'
        '<a href="viewstory.php?sid=5">Salt Roads</a> by <a href="viewuser.php?uid=9">Marram'
        '</a></div><div class="content"><span class="label">Rating:</span> R<br /></div>'
        "</body></html>"
    )
    from fandex.clean import clean
    from fandex.parse import build_work
    from fandex.parse.nonstory import judge
    from fandex.read import read_bytes

    doc = clean(read_bytes(page.encode(), "index.html"))
    assert judge(build_work(doc), doc) == "no story text, looks like a story index page"


def test_an_author_sites_chapter_under_a_skip_link_bar() -> None:
    # A bar of skip links over the page ("Content Harry Potter Naruto", all links) is
    # a menu, so the page's own title and byline headings are read (before: the bar
    # was the title, no author); "Salt Roads :: 2 - The Causeway" in <title> parts at
    # "::", the chapter keeping its dash (before: chapter "2").
    w = work_of("author_site_skiplinks_chapter.html")
    assert (w.title, w.authors) == ("Salt Roads", ["Marram"])
    assert [c.title for c in w.chapters] == ["2 - The Causeway"]
    assert first_words(w, 4) == "the causeway showed itself"
    assert last_words(w, 3) == "laughing like boys"


def test_a_blogs_name_shown_in_its_banner_is_not_the_posts_chapter() -> None:
    # "Lanterns at Low Tide | Wren Writes" with "Wren Writes" as the banner's heading:
    # the blog's name, not a chapter title (only a numbered piece is a chapter's).
    w = work_of("wp_banner_site_name.html")
    assert (w.title, w.authors) == ("Lanterns at Low Tide", ["Wren Calloway"])
    assert [c.title for c in w.chapters] == [None]
