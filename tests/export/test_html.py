"""HTML export: one self-contained, sanitised page per work, AO3-shaped."""

from __future__ import annotations

import re

import lxml.html

from fandex.export.html import build_html
from fandex.model import Chapter, Work


def test_page_is_self_contained(work: Work) -> None:
    page = build_html(work)
    doc = lxml.html.fromstring(page)
    assert doc.find(".//style") is not None
    assert doc.findall(".//link") == [] and doc.findall(".//script") == []
    assert not [e for e in doc.iter() if e.get("src")]


def test_page_has_ao3_preface_chapters_and_afterword(work: Work) -> None:
    doc = lxml.html.fromstring(build_html(work))
    assert doc.get_element_by_id("preface").find(".//dl").get("class") == "tags"
    headings = [h.text for h in doc.find_class("heading")]
    assert headings == ["Chapter 1: Arrival", "Chapter 2: Ledger", "Chapter 3: Departure"]
    assert "Thanks to the test suite." in doc.get_element_by_id("endnotes").text_content()


def test_toc_and_footnote_links_point_at_ids_in_the_page(work: Work) -> None:
    doc = lxml.html.fromstring(build_html(work))
    ids = {e.get("id") for e in doc.iter() if e.get("id")}
    fragments = [a.get("href") for a in doc.iter("a") if (a.get("href") or "").startswith("#")]
    assert "#chapter-2" in fragments and "#fn-1" in fragments and "#fnref-1" in fragments
    assert all(f[1:] in ids for f in fragments)


def test_chapter_html_is_sanitised_with_nh3() -> None:
    html = (
        '<p style="x" onmouseover="y()">Safe <strong>text</strong></p>'
        '<script>bad()</script><iframe src="x"></iframe>'
    )
    page = build_html(Work(title="T", chapters=[Chapter(1, text="", html=html)]))
    assert "<strong>text</strong>" in page
    assert not re.search(r"<script|<iframe|onmouseover|style=\"x\"", page)


def test_single_untitled_chapter_has_no_heading_or_toc() -> None:
    doc = lxml.html.fromstring(build_html(Work(title="Solo", chapters=[Chapter(1, text="Only.")])))
    assert doc.find_class("heading") == []
    assert doc.find(".//nav") is None
