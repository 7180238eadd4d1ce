"""Legacy archive pages, eFiction, FanFiction.net saved pages, FanFicFare HTML."""

from __future__ import annotations

import pytest
import storybuilders as sb

from fandex.errors import ReadError, UnsupportedFormat
from fandex.read import read_bytes


def _texts(data: bytes, name: str = "page.html") -> list[str]:
    return [b.text for b in read_bytes(data, name).blocks]


def test_legacy_header_lines_stay_label_value_lines() -> None:
    texts = _texts(sb.legacy_html())
    assert f"Title: {sb.TITLE}\nAuthor: {sb.AUTHOR}\nRating: G\nSummary: {sb.SUMMARY}" in texts


def test_legacy_chrome_is_dropped() -> None:
    doc = read_bytes(sb.legacy_html(), "page.html")
    joined = doc.text
    assert "Back to Stories" not in joined
    assert "Powered by eFiction" not in joined
    assert "var hits" not in joined
    assert doc.blocks[0].text == sb.TITLE  # the centred title survives
    assert any("dropped site chrome" in n for n in doc.notices)


def test_legacy_headings_are_heading_blocks() -> None:
    doc = read_bytes(sb.legacy_html(), "page.html")
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["Chapter 1: Storm Warning", "Chapter 2: Morning"]


def test_double_br_separates_paragraphs_and_single_br_is_a_line_break() -> None:
    page = b"<html><body>First line<br>second line<br><br>Next paragraph.</body></html>"
    assert _texts(page) == ["First line\nsecond line", "Next paragraph."]


def test_emphasis_and_links_become_spans() -> None:
    page = b'<p>She was <i>very</i> <b>sure</b>, see <a href="n.html">notes</a>.</p>'
    block = read_bytes(b"<html><body>" + page + b"</body></html>", "p.html").blocks[0]
    got = [(s.kind, block.text[s.start : s.end], s.href) for s in block.spans]
    assert got == [("em", "very", None), ("strong", "sure", None), ("link", "notes", "n.html")]


def test_header_table_cells_join_into_one_line() -> None:
    page = (
        b"<html><body><table><tr><td><b>Pairing:</b></td><td>Spike/Xander</td></tr>"
        b"<tr><td><b>Rating:</b></td><td>PG-13</td></tr></table><p>Story.</p></body></html>"
    )
    assert _texts(page)[:2] == ["Pairing: Spike/Xander", "Rating: PG-13"]


def test_hr_and_divider_images_are_rules() -> None:
    page = (
        b'<html><body><p>One.</p><hr><p>Two.</p><p><img src="line.gif"></p><p>3.</p></body></html>'
    )
    kinds = [b.kind for b in read_bytes(page, "p.html").blocks]
    assert kinds == ["paragraph", "rule", "paragraph", "rule", "paragraph"]


def test_story_pasted_in_pre_is_split_into_paragraphs() -> None:
    text = "\n\n".join(f"Paragraph {i} of the story, with some words." for i in range(8))
    page = f"<html><body><pre>{text}</pre></body></html>".encode()
    assert _texts(page)[:2] == [
        "Paragraph 0 of the story, with some words.",
        "Paragraph 1 of the story, with some words.",
    ]


def test_efiction_pagetitle_gives_title_and_author() -> None:
    page = (
        b'<html><body><div id="pagetitle"><a href="viewstory.php?sid=7">Tide Tables</a> by '
        b'<a href="viewuser.php?uid=3">Sea Clerk</a></div><div class="jumpmenu">Jump</div>'
        b'<div id="story"><p>The tide was out.</p></div></body></html>'
    )
    doc = read_bytes(page, "viewstory.php")
    assert doc.metadata["title"] == "Tide Tables"
    assert doc.metadata["authors"] == ["Sea Clerk"]
    assert [b.text for b in doc.blocks] == ["The tide was out."]


def test_fanficfare_html_output() -> None:
    lines = "".join(f"<b>{k}:</b> {v}<br/>" for k, v in sb.FFF_FIELDS)
    chapters = "".join(
        f'<h2><a name="section{i:04d}">{name}</a></h2>' + "".join(f"<p>{p}</p>" for p in paras)
        for i, (name, paras) in enumerate(sb.CHAPTERS, 1)
    )
    page = (
        f'<html><body><h1><a href="https://example.org/s/1">{sb.TITLE}</a> by '
        f'<a class="authorlink" href="https://example.org/u/1">{sb.AUTHOR}</a></h1>'
        f"{lines}{chapters}</body></html>"  # fields straight in body
    ).encode()
    doc = read_bytes(page, "story.html")
    assert doc.metadata["title"] == sb.TITLE
    assert doc.metadata["authors"] == [sb.AUTHOR]
    assert doc.metadata["url"] == "https://example.org/s/1"  # the title's link
    assert doc.metadata["status"] == "complete"
    assert [c.title for c in doc.chapters] == [name for name, _p in sb.CHAPTERS]
    assert ("Characters", "Mara Vance, Tom Reed") in doc.metadata["stated_fields"]
    # not from AO3: the rating stays a field for the parser to map
    assert not any(t == "rating" for t, _n in doc.metadata["tags"])
    assert doc.metadata["fields"]["Rating"] == "General Audiences"


def test_image_named_html_is_refused_clearly() -> None:
    with pytest.raises(UnsupportedFormat, match="PNG image"):
        read_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "story.html")


def test_page_without_text_is_a_read_error() -> None:
    with pytest.raises(ReadError):
        read_bytes(b"<html><body><script>x()</script></body></html>", "empty.html")


def test_html_named_txt_is_read_as_html() -> None:
    doc = read_bytes(
        b"<!DOCTYPE html><html><body><p>Hello <i>there</i>.</p></body></html>", "a.txt"
    )
    assert doc.format == "html"
    assert doc.blocks[0].text == "Hello there."


def test_deeply_nested_page_is_read() -> None:
    page = b"<html><body>" + b"<div>" * 1500 + b"deep text" + b"</div>" * 1500 + b"</body></html>"
    assert "deep text" in read_bytes(page, "deep.html").text


def test_absurdly_nested_page_gives_an_answer_not_a_crash() -> None:
    page = b"<html><body>" + b"<div>" * 50000 + b"deep" + b"</div>" * 50000 + b"</body></html>"
    try:
        read_bytes(page, "deep.html")
    except ReadError as exc:
        assert str(exc)


def test_declared_charset_is_used_when_true_and_ignored_when_false() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>“Hi”</p></body></html>'
    assert _texts(page.encode("cp1252")) == ["“Hi”"]
    assert _texts(page.encode("utf-8")) == ["“Hi”"]


def test_ten_megabytes_of_html_on_one_line_reads() -> None:
    from fandex.read.limits import MAX_BLOCK_CHARS

    words = b"words and more words " * 500_000
    doc = read_bytes(b"<html><body><p>" + words + b"</p></body></html>", "long.html")
    # Read whole, in blocks no later stage has to split into millions of words at once.
    assert all(0 < len(b.text) <= MAX_BLOCK_CHARS for b in doc.blocks)
    assert " ".join(b.text for b in doc.blocks) == words.decode().strip()


def test_page_declaring_latin1_but_saved_as_utf8_reads_as_utf8() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>café “x”</p></body></html>'
    assert _texts(page.encode("utf-8")) == ["café “x”"]
    assert _texts(page.encode("cp1252")) == ["café “x”"]


EFICTION_PAGE = b"""<html><head><title>Fic Archive</title></head>
<body><table width=100%><tr><td width=20% valign=top bgcolor=#000>
<a href="index.html">Home</a><br><a href="stories.html">Stories</a><br>
<a href="links.html">Links</a></td><td>
<div id="pagetitle"><a href="viewstory.php?sid=12">Tide Tables</a> by
<a href="viewuser.php?uid=3">Sea Clerk</a></div>
<div class="jumpmenu"><select><option>Chapter 1</option></select></div>
<div class="listbox"><span class="label">Rated:</span> PG-13<br>
<span class="label">Summary:</span> A clerk counts tides.<br>
<span class="label">Categories:</span> Sea Stories <span class="label">Characters:</span> Ann</div>
<div id="story"><p>The water rose over the wall.</p><p>It fell again by noon.</p></div>
<div id="prev"><a href="viewstory.php?sid=11">Previous</a> |
<a href="viewstory.php?sid=13">Next</a></div>
<p align=center><a href="reviews.php?sid=12">Reviews (3)</a></p>
</td></tr></table>
<div id="footer">Skin by someone. Powered by eFiction 3.5.</div></body></html>"""


def test_efiction_story_page_keeps_story_and_labelled_facts_and_drops_chrome() -> None:
    doc = read_bytes(EFICTION_PAGE, "viewstory.php")
    assert [b.text for b in doc.blocks] == [
        "The water rose over the wall.",
        "It fell again by noon.",
    ]
    assert doc.metadata["stated_fields"] == [
        ("Rated", "PG-13"),
        ("Tags", "Sea Stories"),
        ("Characters", "Ann"),
    ]
    assert doc.metadata["summary"] == "A clerk counts tides."
    assert (doc.metadata["title"], doc.metadata["authors"]) == ("Tide Tables", ["Sea Clerk"])


def test_site_masthead_over_a_menu_is_dropped_so_the_header_is_found() -> None:
    from fandex.clean import clean
    from fandex.parse import build_work
    from fandex.read import read_bytes

    page = (
        b"<html><body><center><b>Some Archive</b><br>"
        b'<a href="a">Home</a> | <a href="b">Browse</a> | <a href="c">Login</a></center><hr>'
        b"<b>Title:</b> Frost<br><b>Author:</b> someone<br><hr>"
        b"<p>It was a cold morning and the windows were white.</p>"
        b"<p>She made pancakes and nobody complained about them.</p></body></html>"
    )
    work = build_work(clean(read_bytes(page, "story.html")))
    assert work.title == "Frost"
    assert work.authors == ["someone"]
    assert "Browse" not in work.text


def _fichub_html() -> bytes:
    chapters = "".join(
        f'<div id="chap_{n}"><div class="chapter_nav">'
        + (f'<a href="#chap_{n - 1}" class="left">previous chapter</a>' if n > 1 else "")
        + (f'<a href="#chap_{n + 1}" class="right">next chapter</a>' if n < 2 else "")
        + '<span class="cfix"></span><a href="#contents-list">chapter list</a></div>'
        + f"<h2>{name}</h2>"
        + "".join(f"<p>{p}</p>" for p in paras)
        + "</div>"
        for n, (name, paras) in enumerate(sb.CHAPTERS, 1)
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{sb.TITLE} by '
        f'{sb.AUTHOR}</title></head><body><h1><span class="title">{sb.TITLE}</span></h1>'
        f'<h2>by <span class="author">{sb.AUTHOR}</span></h2><div><p>{sb.SUMMARY}</p></div>'
        '<p>Original source: <a href="https://www.fanfiction.net/s/5/1/">'
        "https://www.fanfiction.net/s/5/1/</a></p><p>Chapters: 2</p><p>Words: 230</p>"
        "<p>Rated: Fiction K+ - Language: English - Genre: Drama - Characters: "
        "[Mara V., Tom R.], Ned K. - Reviews: 4</p><p>Exported with the assistance of "
        "<a href='https://fichub.net'>FicHub.net</a></p><nav id=\"contents-list\"><ol>"
        '<li><a href="#chap_1">Storm Warning</a></li><li><a href="#chap_2">Morning</a></li>'
        f'</ol></nav>{chapters}<a href="#contents-list">(back to chapter list)</a></body></html>'
    ).encode()


def test_fichub_html_download_is_a_card_and_its_chapters() -> None:
    from fandex.parse import build_work

    w = build_work(read_bytes(_fichub_html(), "story.html"))
    assert (w.title, w.authors, w.summary) == (sb.TITLE, [sb.AUTHOR], sb.SUMMARY)
    assert [c.title for c in w.chapters] == ["Storm Warning", "Morning"]
    assert w.chapters[0].text.startswith("The wind came in from the west")
    assert w.chapters[-1].text.endswith("as if nothing had happened.")
    for chrome in ("next chapter", "chapter list", "Exported with", "FicHub"):
        assert chrome not in w.text
    assert [t.name for t in w.tags if t.type == "rating"] == ["General Audiences"]
    assert [t.name for t in w.tags if t.type == "relationship"] == ["Mara V./Tom R."]
    assert w.language == "en"


def test_schema_org_microdata_names_the_work_when_the_text_does_not() -> None:
    from fandex.parse import build_work

    page = (
        '<html lang="fr"><head><title>Les Lanternes</title></head><body>'
        '<div itemscope itemtype="http://schema.org/Book"><h1 itemprop="name">Les Lanternes</h1>'
        '<meta itemprop="inLanguage" content="French"/>'
        '<p itemprop="abstract">Anya allume les lanternes du port.</p>'
        '<div itemprop="author"><a href="/auteurs/1.html">Mireille</a></div></div>'
        "<div><p>Le port s'endormait toujours avant la ville, et Anya aimait ce moment-là.</p>"
        "<p>Elle commençait par la lanterne du phare, puis descendait le long de la jetée.</p>"
        "</div></body></html>"
    ).encode()
    w = build_work(read_bytes(page, "lire.html"))
    assert (w.title, w.authors, w.language) == ("Les Lanternes", ["Mireille"], "fr")
    assert w.summary == "Anya allume les lanternes du port."
    assert w.text.endswith("descendait le long de la jetée.")


def test_boxes_a_reader_never_sees_are_chrome() -> None:
    page = (
        b"<html><head><title>Gull Count</title></head><body>"
        b'<div class="modal fade" id="report"><p>Report this story to the moderators.</p></div>'
        b'<div role="dialog"><p>Sign in to leave a review.</p></div>'
        b'<div aria-hidden="true"><p>Loading the next chapter.</p></div>'
        b'<div style="display: none"><p>You have unread messages.</p></div>'
        b'<span class="sr-only">Skip to the story.</span>'
        b'<h3 class="landmark heading">Site Navigation</h3>'
        b"<div><p>The keeper counted the gulls every morning before the kettle boiled.</p>"
        b"<p>Nobody had asked her to, but the numbers made the quiet feel kept.</p></div>"
        b"</body></html>"
    )
    text = read_bytes(page, "page.html").text
    assert text.startswith("The keeper counted the gulls")
    assert text.endswith("made the quiet feel kept.")
    for hidden in ("Report this story", "Sign in", "Loading", "unread", "Skip to", "Navigation"):
        assert hidden not in text


def _chapter_page(comment_heading_class: str = "chapComments") -> bytes:
    """A chapter page that declares only its chapter in microdata: the work's name,
    author and language sit outside every scope, a card of counts opens the chapter,
    and a comment form with its own heading closes the page."""
    return (
        '<html lang="fr"><head><title>Les Lanternes chapitre 1: Le Port</title></head><body>'
        '<div id="ficBox"><meta itemprop="inLanguage" content="French"/>'
        '<h1 itemprop="name">Les Lanternes</h1>'
        '<div class="col authorName" itemprop="author"><a href="/auteurs/7.html">Mireille</a>'
        "</div></div>"
        '<div class="card chapter" itemscope itemtype="http://schema.org/Chapter">'
        '<h2 itemprop="name">Chapitre 1 : Le Port</h2>'
        "<p>412 mots, Classement: G</p>"
        "<p>Dernière mise à jour 03/02/2019 10:15</p></div>"
        '<div id="readarea"><p>Le port s\'endormait toujours avant la ville, et Anya aimait '
        "ce moment-là.</p><p>Elle commençait par la lanterne du phare, puis descendait le "
        "long de la jetée.</p></div>"
        f'<h3 class="{comment_heading_class}">Laisser un commentaire ?</h3>'
        '<form method="post"><label>Votre nom:</label><input name="n"/></form>'
        "</body></html>"
    ).encode()


def test_microdata_outside_every_scope_names_a_chapter_pages_work() -> None:
    from fandex.parse import build_work

    w = build_work(read_bytes(_chapter_page(), "lire.html"))
    assert (w.title, w.authors, w.language) == ("Les Lanternes", ["Mireille"], "fr")
    assert [c.title for c in w.chapters] == ["Chapitre 1 : Le Port"]


def test_a_chapter_card_of_counts_and_dates_is_not_story_text() -> None:
    from fandex.parse import build_work

    w = build_work(read_bytes(_chapter_page(), "lire.html"))
    assert w.text.startswith("Le port s'endormait toujours")
    assert w.text.endswith("descendait le long de la jetée.")
    assert "412 mots" not in w.text and "mise à jour" not in w.text


def test_a_closing_heading_over_a_dropped_form_is_no_chapter() -> None:
    from fandex.parse import build_work

    # A class the chrome words do not name: the heading survives the reader, but with
    # nothing under it the parser does not make it a chapter.
    w = build_work(read_bytes(_chapter_page("handw"), "lire.html"))
    assert len(w.chapters) == 1
    assert w.text.endswith("descendait le long de la jetée.")


def test_camel_case_class_words_mark_chrome() -> None:
    page = (
        b"<html><body><div><p>The ferry left at dawn with three passengers and a goat.</p>"
        b"<p>By noon the island was a smudge behind them.</p></div>"
        b'<div class="postComments"><p>Comment as guest</p></div>'
        b'<div class="shareBox"><p>Share on your journal</p></div></body></html>'
    )
    text = read_bytes(page, "page.html").text
    assert text.endswith("a smudge behind them.")
    assert "Comment as guest" not in text and "Share on" not in text


def test_a_definition_list_of_story_facts_reads_as_labelled_lines() -> None:
    from fandex.parse import build_work

    page = (
        b"<html><head><title>Salt Roads</title></head><body><dl class='meta'>"
        b"<dt>Title</dt><dd>Salt Roads</dd><dt>Author</dt><dd>Tamsin Greer</dd>"
        b"<dt>Fandom:</dt><dd>Lantern Lane</dd><dt>Rating</dt><dd>Mature</dd>"
        b"<dt>Relationships</dt><dd>Mara/Tom</dd></dl>"
        b"<p>The cart rolled on toward the coast, and nobody in it said a word.</p>"
        b"<p>Then Mara laughed, and Tom did too.</p></body></html>"
    )
    doc = read_bytes(page, "story.html")
    assert doc.blocks[0].text.split("\n")[:3] == [
        "Title: Salt Roads",
        "Author: Tamsin Greer",
        "Fandom: Lantern Lane",
    ]
    w = build_work(doc)
    assert (w.title, w.authors) == ("Salt Roads", ["Tamsin Greer"])
    stated = {(t.type, t.name) for t in w.tags if t.source == "stated"}
    assert {
        ("rating", "Mature"),
        ("fandom", "Lantern Lane"),
        ("relationship", "Mara/Tom"),
    } <= stated
    assert w.text.startswith("The cart rolled on")


def test_a_key_value_table_reads_as_labelled_lines() -> None:
    from fandex.parse import build_work

    page = (
        b"<html><head><title>Salt Roads</title></head><body><h2>Salt Roads</h2>"
        b"<table><tr><th>Author</th><td>Tamsin Greer</td></tr>"
        b"<tr><th>Relationships</th><td>Mara/Tom</td></tr>"
        b"<tr><th>Warnings</th><td>None</td></tr></table>"
        b"<p>The cart rolled on toward the coast, and nobody in it said a word.</p>"
        b"<p>Then Mara laughed, and Tom did too.</p></body></html>"
    )
    w = build_work(read_bytes(page, "story.html"))
    assert w.authors == ["Tamsin Greer"]
    stated = {(t.type, t.name) for t in w.tags if t.source == "stated"}
    assert {("relationship", "Mara/Tom"), ("warning", "No Archive Warnings Apply")} <= stated
    assert w.text.startswith("The cart rolled on")


def test_a_table_that_is_not_key_value_keeps_its_cells() -> None:
    page = (
        b"<html><body><table><tr><td>Mara</td><td>Tom</td><td>Ned</td></tr>"
        b"<tr><td>north</td><td>south</td><td>east</td></tr></table>"
        b"<p>They split up at the crossroads and met again by the sea wall.</p></body></html>"
    )
    texts = _texts(page)
    assert texts[0] == "Mara Tom Ned"


def test_elements_the_page_marks_as_labels_read_as_labels() -> None:
    from fandex.parse import build_work

    page = (
        b"<html><head><title>Salt Roads</title></head><body><h1>Salt Roads</h1>"
        b'<div class="field"><span class="label">Relationships</span> <span>Mara/Tom</span></div>'
        b'<div class="field"><span class="label">Archive Warnings</span> '
        b"<span>No Archive Warnings Apply</span></div>"
        b"<p>The cart rolled on toward the coast, and nobody in it said a word.</p>"
        b"<p>Then Mara laughed, and Tom did too.</p></body></html>"
    )
    w = build_work(read_bytes(page, "story.html"))
    stated = {(t.type, t.name) for t in w.tags if t.source == "stated"}
    assert {("relationship", "Mara/Tom"), ("warning", "No Archive Warnings Apply")} <= stated
    assert w.text.startswith("The cart rolled on")


def test_a_chapter_cards_rating_is_stated_though_the_card_is_not_story() -> None:
    from fandex.parse import build_work

    w = build_work(read_bytes(_chapter_page(), "lire.html"))
    assert [(t.name, t.source) for t in w.tags if t.type == "rating"][:1] == [
        ("General Audiences", "stated")
    ]


def _crumbs(before_title: str, href: str) -> bytes:
    return (
        "<html><head><title>Tide Tables</title></head><body>"
        '<nav aria-label="breadcrumb"><ol class="breadcrumb">'
        '<li class="breadcrumb-item"><a href="/">Home</a></li>'
        f'<li class="breadcrumb-item"><a href="{href}">{before_title}</a></li>'
        '<li class="breadcrumb-item active">Tide Tables</li></ol></nav>'
        "<h1>Tide Tables</h1><p>The harbourmaster kept the tables in a tin box by the stove.</p>"
        "<p>Every spring she copied them out again, a little neater than the year before.</p>"
        "</body></html>"
    ).encode()


def test_the_breadcrumb_step_into_a_fandom_listing_is_the_stated_fandom() -> None:
    from fandex.parse import build_work

    w = build_work(read_bytes(_crumbs("Lantern Lane", "/category/12/list.html"), "p.html"))
    assert [(t.name, t.source) for t in w.tags if t.type == "fandom"] == [
        ("Lantern Lane", "stated")
    ]
    # A step to an author's page or a plain section is not a fandom.
    for before, href in (("Mira Vale", "/authors/mira.html"), ("Stories", "/stories/")):
        w = build_work(read_bytes(_crumbs(before, href), "p.html"))
        assert not [t for t in w.tags if t.type == "fandom" and t.source == "stated"]


def _fff_table_page(summary_cell: str) -> bytes:
    rows = "".join(
        f"<tr><td><b>{k}:</b></td><td>{v}</td></tr>"
        for k, v in [("Category", "Original Work"), ("Status", "Completed"), ("Words", "210")]
    )
    return (
        '<html><body><h1><a href="https://example.org/s/1">Ferry Weather</a> by '
        '<a class="authorlink" href="https://example.org/u/1">Tamsin Reed</a></h1>'
        f'<table class="full">{rows}<tr><td><b>Summary:</b></td><td>{summary_cell}</td></tr>'
        '</table><a name="TOCTOP"><h2>Table of Contents</h2></a>'
        '<p><a href="#section0001">Low Water</a><br /><a href="#section0002">High Water</a></p>'
        '<h2><a name="section0001">Low Water</a></h2><p>The ferryman counted the posts.</p>'
        '<h2><a name="section0002">High Water</a></h2><p>The tide came back in the dark.</p>'
        "</body></html>"
    ).encode()


def test_fanficfare_table_summary_opening_with_a_label_like_phrase_is_the_summary() -> None:
    # FanFicFare's table puts the summary in a <div> under the Summary cell; its first
    # line "AU: ..." is the summary's, and the contents heading does not run into it.
    page = _fff_table_page("<div>AU: the river never froze.<p>Two strangers wait.</p></div>")
    doc = read_bytes(page, "story.html")
    assert doc.metadata["summary"] == "AU: the river never froze.\n\nTwo strangers wait."
    assert "AU" not in doc.metadata["fields"]


def test_fanficfare_empty_summary_cell_leaves_the_next_field_a_field() -> None:
    rows = "<tr><td><b>Summary:</b></td><td></td></tr><tr><td><b>Rating:</b></td><td>Teen</td></tr>"
    page = _fff_table_page("").replace(b"</table>", rows.encode() + b"</table>", 1)
    doc = read_bytes(page, "story.html")
    assert doc.metadata["fields"]["Rating"] == "Teen"
    assert not doc.metadata.get("summary")


def test_fanficfare_html_title_linking_a_local_file_gives_no_url() -> None:
    page = _fff_table_page("<div>Two strangers wait.</div>").replace(
        b'href="https://example.org/s/1"', b'href="ferry.html"'
    )
    assert "url" not in read_bytes(page, "story.html").metadata


def test_fanficfare_html_heading_with_co_authors_gives_each_author() -> None:
    page = _fff_table_page("<div>Two strangers wait.</div>").replace(
        b"Tamsin Reed</a></h1>",
        b"Tamsin Reed</a>, <a class='authorlink' href='https://example.org/u/2'>Wren</a></h1>",
    )
    doc = read_bytes(page, "story.html")
    assert doc.metadata["authors"] == ["Tamsin Reed", "Wren"]
    assert doc.metadata["title"] == "Ferry Weather"
