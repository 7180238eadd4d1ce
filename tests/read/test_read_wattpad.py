"""Wattpad story parts saved from a browser: story title, author, the part as one
chapter, its ``<pre>`` of paragraphs read as paragraphs, comment counters left out; the
story's own page is an index; a page naming Wattpad is not taken."""

from __future__ import annotations

from pages import doc_of, first_words, last_words, page_bytes, verdict, work_of

from fandex.read import choose_reader, read_bytes


def test_wattpad_reader_takes_the_part_page() -> None:
    assert choose_reader(page_bytes("wattpad_part.html"), "p.html").name == "wattpad"


def test_story_title_author_and_part() -> None:
    w = work_of("wattpad_part.html")
    assert (w.title, w.authors) == ("The Clockmaker's Ledger", ["AnselBrook"])
    assert [c.title for c in w.chapters] == ["Part Two: Springs"]
    assert (
        doc_of("wattpad_part.html").metadata["url"].startswith("https://www.wattpad.com/55501234")
    )


def test_paragraphs_stay_paragraphs_without_comment_counters() -> None:
    w = work_of("wattpad_part.html")
    assert w.chapters[0].text.count("\n\n") == 2
    assert first_words(w) == "the clockmaker wound the long case clock every"
    assert last_words(w) == "it and wrote the date in the ledger"
    for chrome in ("Continue to next part", "Vote", "So good", "1.2K", "Part One: Gears"):
        assert chrome not in w.text


def test_page_title_gives_the_story_title_when_the_info_box_is_missing() -> None:
    page = page_bytes("wattpad_part.html").replace(b'class="toc-header"', b'class="toc"')
    doc = read_bytes(page, "p.html")
    assert doc.metadata["title"] == "The Clockmaker's Ledger"


def test_story_page_is_an_index_not_a_story() -> None:
    assert verdict("wattpad_story_page.html") == "no story text, looks like a story index page"


def test_a_page_naming_wattpad_is_not_taken() -> None:
    doc = read_bytes(page_bytes("blog_about_wattpad.html"), "b.html")
    assert doc.metadata.get("producer") != "wattpad"
    assert "forty minutes" in doc.text


def test_a_part_page_whose_head_runs_past_the_sniffed_bytes_still_reads() -> None:
    """Wattpad's inline scripts can push every mark past the first 64 KB."""
    script = b"<script>window.prefetched = {" + b'"k": "v", ' * 9000 + b"};</script>"
    page = page_bytes("wattpad_part.html").replace(b"</head>", script + b"</head>", 1)
    assert b"panel-reading" not in page[:65536]
    doc = read_bytes(page, "p.html")
    assert doc.metadata["producer"] == "wattpad"
    assert [c.title for c in doc.chapters] == ["Part Two: Springs"]


def test_a_long_generic_page_naming_wattpad_is_still_any_page() -> None:
    filler = b"<p>" + b"more words about reading " * 4000 + b"</p>"
    page = page_bytes("blog_about_wattpad.html").replace(b"</body>", filler + b"</body>")
    assert read_bytes(page, "b.html").metadata.get("producer") != "wattpad"


def test_part_saved_as_wattpad_serves_it_repeats_and_title_line() -> None:
    # The structure of a real part page (WebToEpub's WattpadParser test page): the page
    # number on an outer div.page, div.panel-reading > pre > p[data-p-id], no reading
    # header, "Story - Part - Wattpad" as the <title>, and paragraphs repeated by id.
    w = work_of("wattpad_part_repeats.html")
    assert w.title == "The Tally Stick"
    assert [c.title for c in w.chapters] == ["Long Ones"]
    assert w.text.count("Ila asked him once") == 1
    assert w.text.count("boats that came home late") == 1
    assert w.text.endswith("There were more long ones than short.")
