"""A FanFiction.net chapter page without its markup (copied into a text or Word file,
or converted by calibre): read as the site's page, its menus left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from calibre_convert import convert
from pages import page_bytes

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.read.document import Block
from fandex.read.ffn_paste import split_byline

MENUS = ["FanFiction | unleash your imagination", "Browse", "Anime", "Books", "Just In"]
STORY = [
    "The ferry left at six, and Ila was on it with her bag of charts and her brother's coat.",
    "By the time the lighthouse came into view the wind had dropped, and she could hear "
    "the gulls arguing over the nets on the quay.",
]
META = (
    "Rated: Fiction T - English - Adventure/Family - [Ila, Bren] - Chapters: 3 - "
    "Words: 4,210 - Reviews: 12 - Favs: 30 - Follows: 41 - Updated: 5/15 - "
    "Published: 9/8/2012 - id: 1234567"
)
MENU = "1. The Ferry2. The Light3. The Storm Next >"
FOOTER = ["Favorite : Story Author Follow : Story Author", "Help . Privacy . Terms of Service"]


def _page(profile: list[str]) -> bytes:
    lines = [*MENUS, "BooksHarbour Tales", *profile, META, "+ - Full 3/4 1/2 Expand Tighten"]
    lines += [MENU, *STORY, MENU, *FOOTER]
    return "\n\n".join(lines).encode()


def _work(data: bytes, name: str = "page.txt") -> Work:
    return build_work(clean(read_bytes(data, name)))


def test_the_page_as_a_word_processor_keeps_its_title_author_summary_and_facts() -> None:
    page = _page(["Follow/FavLanterns at Low Tide", "By:", "Wren Calloway", "Ila sails home."])
    work = _work(page)
    assert (work.title, work.authors, work.summary) == (
        "Lanterns at Low Tide",
        ["Wren Calloway"],
        "Ila sails home.",
    )
    stated = {(t.type, t.name) for t in work.tags if t.source == "stated"}
    assert ("rating", "Teen And Up Audiences") in stated
    assert ("fandom", "Harbour Tales") in stated
    assert work.language == "en" and work.published == "2012-09-08"
    text = "\n\n".join(c.text for c in work.chapters)
    assert text == "\n\n".join(STORY)


def test_author_and_summary_run_together_name_no_author_but_keep_the_rest() -> None:
    # calibre's text puts "By:", the author and the summary on one line: which words are
    # the name cannot be told, so none is made up.
    page = _page(["Follow/FavLanterns at Low Tide", "By: Wren Calloway Ila sails home."])
    work = _work(page)
    assert work.title == "Lanterns at Low Tide" and work.authors == []
    assert "\n\n".join(c.text for c in work.chapters) == "\n\n".join(STORY)


def test_a_fics_own_header_with_a_rating_and_words_line_is_not_the_sites() -> None:
    text = (
        "Title: Lanterns at Low Tide\nAuthor: Wren Calloway\n"
        "Rated: M - Words: 2,000 - Complete\n\n" + "\n\n".join(STORY)
    )
    work = _work(text.encode())
    assert work.title == "Lanterns at Low Tide" and work.authors == ["Wren Calloway"]


def _stated(work: Work) -> set[tuple[str, str]]:
    return {(t.type, t.name) for t in work.tags if t.source == "stated"}


def test_the_metadata_line_run_into_the_summary_is_set_apart() -> None:
    # calibre's FB2 joins the summary and the metadata line into one paragraph.
    lines = [*MENUS, "BooksHarbour Tales", "Follow/FavLanterns at Low Tide", "By: Wren Calloway"]
    lines += ["Ila sails home. " + META, "+ - Full 3/4 1/2 Expand Tighten", MENU, *STORY, MENU]
    work = _work("\n\n".join(lines).encode())
    assert (work.title, work.authors, work.summary) == (
        "Lanterns at Low Tide",
        ["Wren Calloway"],
        "Ila sails home.",
    )
    assert ("fandom", "Harbour Tales") in _stated(work)
    assert "\n\n".join(c.text for c in work.chapters) == "\n\n".join(STORY)


def test_the_whole_profile_in_one_paragraph_keeps_its_title_and_facts() -> None:
    # calibre's RTF runs title, byline, summary, metadata line and the reader's controls
    # into one paragraph; the author's name cannot be told from the summary's words.
    profile = (
        "Follow/FavLanterns at Low Tide By: Wren Calloway Ila sails home. "
        + META
        + "  + - Full 3/4 1/2 Expand Tighten"
    )
    lines = [*MENUS, "BooksHarbour Tales", profile, MENU, *STORY, MENU, *FOOTER]
    work = _work("\n\n".join(lines).encode())
    assert work.title == "Lanterns at Low Tide" and work.authors == []
    assert {("fandom", "Harbour Tales"), ("rating", "Teen And Up Audiences")} <= _stated(work)
    assert "\n\n".join(c.text for c in work.chapters) == "\n\n".join(STORY)


def test_the_2011_layout_author_pm_line_and_arrow_breadcrumb() -> None:
    # The 2011 page: "Books » Harbour Tales »" over the title, a rule, "Author: name PM"
    # run into the summary, the controls "A a Abc Abc Abc Full ..." with the chapter
    # menu (titles run together) after the metadata line.
    lines = [*MENUS, "Books » Harbour Tales »", "Lanterns at Low Tide", "* * *"]
    lines += ["Author: Wren Calloway PM Ila sails home.", META]
    lines += ["A a Abc Abc Abc Full 3/4 1/2 Expand Tighten 1. Chapter 12. Chapter 2", *STORY]
    lines += ["1. Chapter 12. Chapter 2", *FOOTER]
    work = _work("\n\n".join(lines).encode())
    assert (work.title, work.authors, work.summary) == (
        "Lanterns at Low Tide",
        ["Wren Calloway"],
        "Ila sails home.",
    )
    assert ("fandom", "Harbour Tales") in _stated(work)
    assert "\n\n".join(c.text for c in work.chapters) == "\n\n".join(STORY)


def test_a_crossover_named_on_its_own_line_gives_both_fandoms() -> None:
    lines = [*MENUS, "Harbour Tales + Tide Charts Crossover", "Follow/FavLanterns at Low Tide"]
    lines += ["By:", "Wren Calloway", "Ila sails home.", META, MENU, *STORY, MENU]
    fandoms = {n for t, n in _stated(_work("\n\n".join(lines).encode())) if t == "fandom"}
    assert fandoms == {"Harbour Tales", "Tide Charts"}


@pytest.mark.parametrize("fmt", ["txt", "rtf"])
def test_calibres_text_and_rtf_of_the_page_keep_the_author_and_the_summary(
    fmt: str, tmp_path: Path
) -> None:
    # calibre's text and RTF write "By: Wren Calloway The ferry keeper's daughter ..."
    # on one line: the summary's opening sentence ("The ferry ...") says where the
    # name ends.
    page = page_bytes("ffn_new_layout.html")
    saved = _work(page, "page.html")
    converted = _work(convert(page, "page.html", fmt, tmp_path), f"page.{fmt}")
    assert (converted.title, converted.authors, converted.summary) == (
        saved.title,
        saved.authors,
        saved.summary,
    )
    assert converted.authors == ["Wren Calloway"]


def _story(*lines: str) -> list[Block]:
    return [Block("paragraph", line) for line in lines]


def test_a_byline_run_into_the_summary_is_cut_where_the_story_signs_the_name() -> None:
    # The author's note ends with the name on its own line; "Ila" could be either's.
    run = "Wren Calloway Ila sails home."
    story = _story("Thanks for reading!", "Wren Calloway", "Chapter 1", "The ferry left.")
    assert split_byline(run, story) == ("Wren Calloway", "Ila sails home.")
    # The story's own byline: "By Wren".
    assert split_byline(run, _story("By Wren", "The ferry left.")) == (
        "Wren",
        "Calloway Ila sails home.",
    )
    # A one-word line may be anything (a name in a list): no cut on it alone.
    assert split_byline(run, _story("Wren", "The ferry left.")) is None


def test_a_byline_run_into_the_summary_is_cut_where_the_story_repeats_the_summary() -> None:
    story = _story("Title: Lanterns", "Summary: Ila sails home. Her brother stays.", "Text.")
    assert split_byline("Wren Calloway Ila sails home. Her brother stays.", story) == (
        "Wren Calloway",
        "Ila sails home. Her brother stays.",
    )


def test_a_lower_case_name_before_a_capital_ends_at_the_capital() -> None:
    assert split_byline("quillwren Young Ila counts lanterns.", []) == (
        "quillwren",
        "Young Ila counts lanterns.",
    )


def test_a_sentence_opening_with_an_everyday_word_starts_the_summary() -> None:
    assert split_byline("Tide Keeper The ferry keeper counts lanterns.", []) == (
        "Tide Keeper",
        "The ferry keeper counts lanterns.",
    )
    # A name ending with a function word is no name: "The" | "Lady of the Lake ...".
    assert split_byline("The Lady of the Lake Ila sails.", []) is None
    # A summary opening with a name gives no cut: the name may be two words or three.
    assert split_byline("Wren Calloway Ila sails home.", []) is None


def test_the_2011_layouts_page_run_into_one_paragraph_keeps_its_breadcrumb_and_byline() -> None:
    # calibre's RTF of the 2011 layout runs the site's menus, the breadcrumb ("Anime/Manga
    # » Fandom »"), the title, "Author: name PM", the summary, the metadata line, the
    # controls and the chapter menu into one paragraph.
    page = (
        "FanFiction.Net | unleash your imagination Browse Just In Story Author Forum "
        "Community Books » Harbour Tales » Lanterns at Low Tide Author: Wren Calloway PM "
        f"Ila sails home. {META} A a Abc Abc Abc Full 3/4 1/2 Expand Tighten "
        "1. Chapter 12. Chapter 2"
    )
    lines = [page, *STORY, "1. Chapter 12. Chapter 2", *FOOTER]
    work = _work("\n\n".join(lines).encode())
    assert (work.title, work.authors, work.summary) == (
        "Lanterns at Low Tide",
        ["Wren Calloway"],
        "Ila sails home.",
    )
    assert ("fandom", "Harbour Tales") in _stated(work)
    assert "\n\n".join(c.text for c in work.chapters) == "\n\n".join(STORY)
