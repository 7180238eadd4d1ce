"""Paragraphs, footnote references and sanitising shared by the EPUB and HTML exports."""

from __future__ import annotations

from fandex.export.markup import locate_footnotes, text_to_paragraphs
from fandex.export.xhtml import html_to_xhtml
from fandex.model import Chapter, Footnote, Work


def test_blank_lines_make_paragraphs_and_newlines_breaks() -> None:
    out = str(text_to_paragraphs("A\nB\n\n\n  \nC"))
    assert out == "<p>A<br/>B</p>\n<p>C</p>"


def test_footnotes_restarting_in_each_chapter_link_to_their_own_chapter() -> None:
    work = Work(
        chapters=[Chapter(1, text="One [1] and [2]."), Chapter(2, text="Two [1].")],
        footnotes=[Footnote("1", "a"), Footnote("2", "b"), Footnote("1", "c")],
    )
    refs = locate_footnotes(work)
    assert [(r.chapter, work.chapters[r.chapter].text[r.start : r.end]) for r in refs.values()] == [
        (0, "[1]"),
        (0, "[2]"),
        (1, "[1]"),
    ]


def test_a_scene_break_is_not_a_star_footnote() -> None:
    work = Work(
        chapters=[Chapter(1, text="* * *\n\nThen it rained*.")], footnotes=[Footnote("*", "x")]
    )
    ref = locate_footnotes(work)[1]
    assert work.chapters[0].text[ref.start - 6 : ref.end] == "rained*"


def test_numbers_in_prose_are_not_footnotes() -> None:
    work = Work(chapters=[Chapter(1, text="She was 1 of 2.")], footnotes=[Footnote("1", "x")])
    assert locate_footnotes(work) == {}


def test_html_becomes_xhtml() -> None:
    out = str(html_to_xhtml("<p>a<br>b &nbsp;c</p>lead"))
    assert out == "<p>a<br/>b \u00a0c</p>lead"


def test_fragment_and_relative_links_are_dropped_external_kept() -> None:
    out = str(
        html_to_xhtml('<a href="#fn1">x</a><a href="../y.html">y</a><a href="https://e.org/">z</a>')
    )
    assert 'href="#fn1"' not in out and "y.html" not in out
    assert 'href="https://e.org/"' in out


def test_formatting_around_paragraphs_moves_inside_them() -> None:
    assert str(html_to_xhtml("<i><p>a</p><p>b</p></i>")) == "<p><i>a</i></p><p><i>b</i></p>"


def test_blocks_inside_inline_elements_are_lifted_out() -> None:
    out = str(html_to_xhtml("<span>x<div>y</div>z</span>"))
    assert out == "<span>x</span><div><span>y</span></div><span>z</span>"


def test_orphan_list_items_and_headings_holding_blocks_become_divs() -> None:
    assert str(html_to_xhtml("<li>orphan</li><dd>def</dd>")) == "<div>orphan</div><div>def</div>"
    assert str(html_to_xhtml("<h2>T<div>d</div></h2>")) == "<div>T<div>d</div></div>"
