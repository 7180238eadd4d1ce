"""EPUBs made by downloaders: each tool's title page, notes pages and chapter pages,
read the way a person reads them (fixtures written here, in each tool's layout)."""

from __future__ import annotations

import io
import zipfile

import storybuilders as sb

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes
from fandex.read.document import Block
from fandex.read.titlepage import FrontMatter, read_title_page

STORY_1 = [
    "The lighthouse keeper counted the gulls every morning before the kettle boiled.",
    "Nobody had asked her to, but the numbers made the quiet feel kept.",
]
STORY_2 = [
    "By winter the gulls had gone south and the counting stopped.",
    "She wrote the last number on the wall and went down to the boats.",
]


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _work(data: bytes) -> Work:
    return build_work(clean(read_bytes(data, "story.epub")))


def _names(work: Work, type_: str) -> list[str]:
    return [t.name for t in work.tags if t.type == type_]


# -- FicHub: an "Introduction" page, a nav page, chapters with the author's notes inline


def _fichub() -> bytes:
    intro = sb._xhtml(
        "<h1>Gull Count</h1><p><b>By: Wren Calloway</b></p><p/>"
        "<p>A keeper counts gulls until she cannot.</p>"
        "<p>Status: complete</p><p>Published: 2011-04-02</p><p>Updated: 2011-05-30</p>"
        "<p>Words: 2000</p><p>Chapters: 2</p>"
        "<p>Rated: Fiction T - Language: English - Genre: Drama/Hurt/Comfort - "
        "Characters: Mara V., Tom R. - Reviews: 12 - Favs: 30 - Follows: 8</p>"
        '<p>Original source: <a href="https://www.fanfiction.net/s/1/1/Gull-Count">link</a></p>'
        '<p>Exported with the assistance of <a href="https://fichub.net">FicHub</a></p>',
        "Introduction",
    )
    nav = sb._xhtml(
        '<nav epub:type="toc"><h2>Gull Count</h2><ol><li><a href="introduction.xhtml">'
        'Introduction</a></li><li><a href="chap_1.xhtml">Counting</a></li>'
        '<li><a href="chap_2.xhtml">Winter</a></li></ol></nav>'
    )
    chap1 = sb._xhtml(
        "<h2>Counting</h2><p/><div><p><strong>GULL COUNT</strong></p><hr/>"
        "<p><em><strong>a/n</strong>: My first story here, be kind!</em></p>"
        "<p><strong>Disclaimer</strong>: I own nothing but the gulls.</p><hr/>"
        "<p>Chapter 1: Counting.</p><hr/>" + "".join(_p(t) for t in STORY_1) + "</div>",
        "Counting",
    )
    chap2 = sb._xhtml(
        "<h2>Winter</h2><div>"
        + "".join(_p(t) for t in STORY_2)
        + "<p/><hr/><p>A/N: That's the end! Thank you all for reading and reviewing.</p>"
        + "<p>I might write a sequel about the boats if people want one.</p></div>",
        "Winter",
    )
    pages = [
        ("introduction.xhtml", intro),
        ("nav.xhtml", nav),
        ("chap_1.xhtml", chap1),
        ("chap_2.xhtml", chap2),
    ]
    return sb.epub(pages, title="Gull Count", authors=("Wren Calloway",))


def test_fichub_introduction_is_the_card_not_chapter_one() -> None:
    w = _work(_fichub())
    assert [c.title for c in w.chapters] == ["Counting", "Winter"]
    assert w.summary == "A keeper counts gulls until she cannot."
    assert (w.published, w.updated, w.status, w.language) == (
        "2011-04-02",
        "2011-05-30",
        "complete",
        "en",
    )


def test_fichub_ffnet_line_gives_stated_rating_and_characters() -> None:
    w = _work(_fichub())
    rating = [t for t in w.tags if t.type == "rating" and t.source == "stated"]
    assert [t.name for t in rating] == ["Teen And Up Audiences"]
    assert rating[0].evidence[0].quote == "Fiction T"
    # No fandom is stated, so the initials are not guessed into anyone's full name.
    assert {"Mara V", "Tom R"} <= {n.rstrip(".") for n in _names(w, "character")}


def test_fichub_chapter_notes_and_heading_lines_stay_out_of_the_text() -> None:
    w = _work(_fichub())
    assert w.chapters[0].text.startswith("The lighthouse keeper counted")
    assert "first story" in (w.chapters[0].notes_begin or "")
    assert "own nothing" in (w.chapters[0].notes_begin or "")
    assert w.chapters[-1].text.endswith("went down to the boats.")
    assert "sequel about the boats" in (w.notes_end or "")


def test_fichub_introduction_as_its_template_writes_it() -> None:
    # FicHub/fichub.net templates/epub_introduction.html: the description's own <p>s
    # inside a <p>, the credit and source lines broken over indented lines.
    intro = sb._xhtml(
        "\n\t<h1>Gull Count</h1>\n\t<p><b>By: Wren Calloway</b></p>\n"
        "\t<p><p>A keeper counts gulls.</p><p>Then she counts boats.</p></p>\n"
        "\t<p>Status: complete</p>\n\t<p>Published: 2011-04-02</p>\n"
        "\t<p>Words: 2000</p>\n\t<p>Chapters: 2</p>\n"
        '\t<p>Original source:\n\t\t<a rel="noopener noreferrer" '
        'href="https://archiveofourown.org/works/1">https://archiveofourown.org/works/1</a></p>\n'
        "\t<p>Exported with the assistance of\n\t\t<a href='https://fichub.net'>FicHub.net</a></p>\n",
        "Introduction",
    )
    chapters = [
        (f"chap_{i}.xhtml", sb._xhtml(f"<h2>{t}</h2>" + "".join(_p(x) for x in story), t))
        for i, (t, story) in enumerate((("Counting", STORY_1), ("Winter", STORY_2)), start=1)
    ]
    pages = [("introduction.xhtml", intro), *chapters]
    w = _work(sb.epub(pages, title="Gull Count", authors=("Wren Calloway",)))
    assert (w.title, w.authors) == ("Gull Count", ["Wren Calloway"])
    assert w.summary == "A keeper counts gulls.\n\nThen she counts boats."
    assert (w.published, w.status) == ("2011-04-02", "complete")
    assert w.header["Original source"] == "https://archiveofourown.org/works/1"
    assert [c.title for c in w.chapters] == ["Counting", "Winter"]
    assert "FicHub" not in w.text and "FicHub" not in (w.notes_begin or "")


# -- a third-party AO3 downloader: title page of <p>Label: value</p>, notes pages


def _ao3_downloader() -> bytes:
    title = sb._xhtml(
        '<h3><a href="https://archiveofourown.org/works/5">Gull Count</a> by wren_c</h3>'
        "<p>Fandoms: Lighthouse Keepers (TV)</p><p>Status: Completed</p>"
        "<p>Published: 2024-01-02</p><p>Chapters: 1/1</p><p>Words: 40</p>"
        "<p>Relationships: Mara Vance/Tom Reed</p><p>Additional tags: Slow Burn, Birds</p>"
        "<p>Categories: F/M</p><p>Rating: Mature</p>"
        "<div>Summary: <p>A keeper counts gulls.</p><p>Then she stops.</p></div>",
        "Title page",
    )
    notes = sb._xhtml(
        '<div class="notes module"><h3 class="heading">Notes:</h3><p class="jump">(See the '
        'end of the work for <a href="#work_endnotes">notes</a>.)</p></div>',
        "Notes",
    )
    chapter = sb._xhtml(
        '<div id="chapters"><h3 class="landmark heading">Work Text:</h3><div class="userstuff">'
        + "".join(_p(t) for t in STORY_1 + STORY_2)
        + "</div></div>",
        "Chapter 1",
    )
    end = sb._xhtml(
        '<div class="end notes module"><h3 class="heading">Notes:</h3><blockquote>'
        "<p>Written for a prompt about birds.</p></blockquote></div>",
        "End Notes",
    )
    pages = [("titlepage.html", title), ("notes.html", notes), ("chapter1.html", chapter)]
    pages.append(("endnotes.html", end))
    return sb.epub(pages, title="Gull Count", authors=("wren_c",))


def test_ao3_downloader_title_page_fields_are_typed_tags() -> None:
    w = _work(_ao3_downloader())
    assert _names(w, "fandom") == ["Lighthouse Keepers (TV)"]
    assert _names(w, "relationship") == ["Mara Vance/Tom Reed"]
    assert _names(w, "category") == ["F/M"]  # not a freeform tag
    assert [t.name for t in w.tags if t.type == "rating" and t.source == "stated"] == ["Mature"]
    assert {"Slow Burn", "Birds"} <= set(_names(w, "freeform"))
    assert w.summary == "A keeper counts gulls.\n\nThen she stops."


def test_ao3_downloader_notes_pages_are_not_chapters() -> None:
    w = _work(_ao3_downloader())
    assert len(w.chapters) == 1
    text = w.chapters[0].text
    assert text.startswith("The lighthouse keeper") and text.endswith("down to the boats.")
    assert w.notes_end == "Written for a prompt about birds."
    assert "See the end" not in (w.notes_begin or "")


# -- FanFicFare: an EpubMerge anthology, chapter head and foot notes


def _fff_title_page(n: int, fields: list[tuple[str, str]]) -> str:
    lines = "\n".join(f"<b>{k}:</b> {v}<br />" for k, v in fields)
    return sb._xhtml(
        f'<h3><a href="https://archiveofourown.org/works/{n}">Gulls {n}</a> by '
        f'<a class="authorlink" href="https://archiveofourown.org/users/w">wren_c</a></h3>'
        f"<div>\n{lines}\n</div>"
    )


def _fff_chapter(title: str, paras: list[str], head: str = "", foot: str = "") -> str:
    body = f'<h3 class="fff_chapter_title">{title}</h3><div class="story">'
    if head:
        body += f'<div class="fff_chapter_notes fff_head_notes">{head}</div>'
    body += '<div class="userstuff module">' + "".join(_p(t) for t in paras) + "</div>"
    if foot:
        body += f'<div class="fff_chapter_notes fff_foot_notes">{foot}</div>'
    return sb._xhtml(body + "</div>", title)


def _fff_anthology() -> bytes:
    part1 = [
        ("Category", "Lighthouse Keepers (TV), Coastal Fandoms"),
        ("Genre", "Slow Burn, F/M"),
        ("Characters", "Mara Vance, Tom Reed"),
        ("Relationships", "Mara Vance &amp; Tom Reed"),
        ("Rating", "Teen And Up Audiences"),
        ("Warnings", "No Archive Warnings Apply"),
        ("Status", "Completed"),
        ("Updated", "2020-01-05"),
    ]
    part2 = [
        ("Fandom", "Lighthouse Keepers (TV)"),
        ("Primary ship", "Mara Vance/Tom Reed"),
        ("Genre", "Angst\nComments: 88 Kudos: 1544"),
        ("Warnings", "Major Character Death"),
        ("Status", "In-Progress"),
        ("Updated", "2021-07-09"),
    ]
    head = (
        "<b>Author’s Note:</b><blockquote><p>Thanks to my beta.</p></blockquote>"
        "<b>Summary for the Chapter:</b><blockquote><p>Mara counts.</p></blockquote>"
    )
    foot = "<b>Notes for the Chapter:</b><blockquote><p>More soon.</p></blockquote>"
    pages = [
        ("1/title_page.xhtml", _fff_title_page(1, part1)),
        ("1/file0001.xhtml", _fff_chapter("1. Counting", STORY_1, head, foot)),
        ("2/title_page.xhtml", _fff_title_page(2, part2)),
        ("2/file0001.xhtml", _fff_chapter("1. Winter", STORY_2)),
    ]
    extra = '<dc:contributor opf:role="bkp">FanFicFare</dc:contributor>'
    return sb.epub(pages, title="Gulls Anthology", authors=("wren_c",), extra_meta=extra)


def test_fanficfare_anthology_joins_every_title_page() -> None:
    w = _work(_fff_anthology())
    assert w.title == "Gulls Anthology"
    assert set(_names(w, "fandom")) >= {"Coastal Fandoms"}
    assert {"Mara Vance & Tom Reed", "Mara Vance/Tom Reed"} <= set(_names(w, "relationship"))
    assert {"No Archive Warnings Apply", "Major Character Death"} <= set(_names(w, "warning"))
    assert "F/M" in _names(w, "category") and "F/M" not in _names(w, "freeform")
    assert (w.updated, w.status) == ("2021-07-09", "wip")


def test_fanficfare_value_running_over_lines_is_not_one_tag() -> None:
    w = _work(_fff_anthology())
    assert "Angst" in _names(w, "freeform")
    assert not any("Kudos" in n for n in _names(w, "freeform"))
    assert w.header.get("Kudos") == "1544"


def test_fanficfare_chapter_notes_are_notes_not_text() -> None:
    w = _work(_fff_anthology())
    first = w.chapters[0]
    assert first.title == "1. Counting"
    assert first.text.startswith("The lighthouse keeper")
    assert first.summary == "Mara counts."
    assert first.notes_begin == "Thanks to my beta."
    assert first.notes_end == "More soon."
    assert w.chapters[-1].text.endswith("down to the boats.")


def test_fanficfare_from_another_site_maps_genre_categories_and_rating() -> None:
    page = _fff_title_page(3, [("Category", "Lighthouse Keepers"), ("Genre", "Romance, F/M")])
    page = page.replace("https://archiveofourown.org/works/3", "https://example.org/s/3")
    page = page.replace("https://archiveofourown.org/users/w", "https://example.org/u/9")
    page = page.replace("</div>", "<b>Rating:</b> K+<br /></div>")
    data = sb.epub(
        [("title_page.xhtml", page), ("file0001.xhtml", _fff_chapter("Counting", STORY_1))],
        extra_meta='<dc:contributor opf:role="bkp">FanFicFare</dc:contributor>',
    )
    w = _work(data)
    assert _names(w, "category") == ["F/M"]
    assert "Romance" in _names(w, "freeform")
    assert [t.name for t in w.tags if t.type == "rating" and t.source == "stated"] == [
        "General Audiences"
    ]


# -- a scraper's forum post: one <p> of plain text, board chrome around the post


def _forum_scrape() -> bytes:
    text = (
        "Threadmarks Gulls 1.1\n\n\nView content\n\n\n\nwren_c\n\n\n\nJan 30, 2020\n\n\n"
        "#1\n\n\n\nGulls 1.1\n\n\n\n"
        + "\n\n".join(STORY_1 + STORY_2)
        + "\n\nA/N: Thanks for reading! New part every Thursday.\n\n\n\n"
        "Last edited: Jun 1, 2020\n\n\n\n626\n\n\n\nwren_c\n\n\n\nJan 30, 2020\n\n\n\n"
        "View content\n\n\n"
    )
    page = sb._xhtml(f"<p>{text}</p>", "Gulls 1.1")
    nav = sb._xhtml('<nav epub:type="toc"><h2>hello_world</h2><ol/></nav>', "hello_world")
    data = sb.epub([("page_1.xhtml", page), ("nav.xhtml", nav)], title="hello_world")
    # The scraper wrote an empty spine: the pages are found by name.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith(".opf"):
                body = body.split(b"<spine")[0] + b'<spine toc="ncx"/></package>'
            elif info.filename.endswith(".ncx"):
                body = body.split(b"<navMap>")[0] + b"<navMap></navMap></ncx>"
            dst.writestr(info, body)
    return out.getvalue()


def test_forum_post_chrome_is_cut_from_the_story() -> None:
    w = _work(_forum_scrape())
    assert len(w.chapters) == 1
    assert w.chapters[0].title == "Gulls 1.1"
    assert w.chapters[0].text.startswith("The lighthouse keeper counted")
    assert w.chapters[0].text.endswith("went down to the boats.")
    assert "New part every Thursday" in (w.notes_end or "")


# -- an AO3 work converted by calibre: classes renamed, the work split over pages


def _calibre_page(body: str) -> str:
    return sb._xhtml(f'<div class="calibre">{body}</div>', "Gull Count - wren_c")


def _calibre_ao3(chapters: bool = True) -> bytes:
    preface_1 = (
        '<div id="preface" class="calibre1"><h2 class="calibre2">Preface</h2>'
        '<p class="message"><b>Gull Count</b><br/>Posted originally on the <a href="http://'
        'archiveofourown.org/">Archive of Our Own</a> at <a href="http://archiveofourown.org/'
        'works/5">http://archiveofourown.org/works/5</a>.</p><div class="calibre1">'
        '<dl class="message"><dt class="calibre1">Rating:</dt><dd class="calibre3">Mature</dd>'
        '<dt class="calibre1">Archive Warning:</dt><dd class="calibre3">Major Character Death'
        '</dd><dt class="calibre1">Fandom:</dt><dd class="calibre3"><a href="#">Lighthouse '
        'Keepers (TV)</a></dd><dt class="calibre1">Relationship:</dt><dd class="calibre3">'
        '<a href="#">Mara Vance/Tom Reed</a></dd><dt class="calibre1">Language:</dt>'
        '<dd class="calibre3">Deutsch</dd></dl></div></div>'
    )
    preface_2 = (
        '<div id="preface" class="calibre1"><div class="calibre1"><h1 class="calibre4">Gull '
        'Count</h1><div class="calibre1">by <a rel="author" href="#">wren_c</a></div>'
        '<p class="message">Summary</p><blockquote class="calibre5"><p>A keeper counts gulls.'
        "</p></blockquote></div></div>"
    )
    pages = [("split_000.html", _calibre_page(preface_1))]
    if chapters:
        pages.append(("split_001.html", _calibre_page(preface_2)))
        for n, (name, paras) in enumerate((("Counting", STORY_1), ("Winter", STORY_2)), 1):
            body = (
                f'<div id="chapters" class="calibre1"><div class="calibre1"><h2 class="calibre6"'
                f'>Chapter {n}: {name}</h2><p class="message">Chapter Notes</p><blockquote '
                f'class="calibre5"><p>Note {n}.</p></blockquote></div><div class="calibre1">'
                + "".join(f'<p class="message">{t}</p>' for t in paras)
                + f'</div><div class="calibre1" id="endnotes{n}"><p class="message">Chapter End'
                f' Notes</p><blockquote class="calibre5"><p>End {n}.</p></blockquote></div></div>'
            )
            pages.append((f"split_00{n + 1}.html", _calibre_page(body)))
    else:
        body = (
            preface_2 + '<div id="chapters" class="calibre1"><div class="calibre1"><h3 class="'
            'calibre7">Work Text:</h3>' + "".join(_p(t) for t in STORY_1 + STORY_2) + "</div></div>"
        )
        pages.append(("split_001.html", _calibre_page(body)))
    after = (
        '<div id="afterword" class="calibre1"><div id="endnotes" class="calibre1"><p class="'
        'message">End Notes</p><blockquote class="calibre5"><p>Thanks for reading.</p>'
        "</blockquote></div></div>"
    )
    pages.append(("split_009.html", _calibre_page(after)))
    return sb.epub(pages, title="Gull Count", authors=("wren_c",))


def test_calibre_converted_ao3_epub_is_read_across_its_split_pages() -> None:
    w = _work(_calibre_ao3())
    assert [c.title for c in w.chapters] == ["Counting", "Winter"]
    assert [(c.notes_begin, c.notes_end) for c in w.chapters] == [
        ("Note 1.", "End 1."),
        ("Note 2.", "End 2."),
    ]
    assert w.chapters[0].text.startswith("The lighthouse keeper counted")
    assert w.chapters[-1].text.endswith("went down to the boats.")
    assert (w.summary, w.notes_end, w.language) == (
        "A keeper counts gulls.",
        "Thanks for reading.",
        "de",
    )


def test_calibre_converted_ao3_epub_keeps_the_typed_tags() -> None:
    w = _work(_calibre_ao3())
    stated = {(t.type, t.name) for t in w.tags if t.source == "stated"}
    assert {
        ("rating", "Mature"),
        ("warning", "Major Character Death"),
        ("fandom", "Lighthouse Keepers (TV)"),
        ("relationship", "Mara Vance/Tom Reed"),
    } <= stated


def test_calibre_converted_one_chapter_ao3_epub_has_its_text() -> None:
    w = _work(_calibre_ao3(chapters=False))
    assert len(w.chapters) == 1
    assert w.chapters[0].text.startswith("The lighthouse keeper counted")
    assert w.chapters[0].text.endswith("went down to the boats.")


def test_a_one_page_story_under_its_own_header_is_not_taken_for_a_title_page() -> None:
    page = sb._xhtml(
        "<p>Title: Gull Count</p><p>Rating: PG</p><p>Pairing: Mara/Tom</p>"
        + "".join(_p(t) for t in STORY_1 + STORY_2),
        "Gull Count",
    )
    w = _work(sb.epub([("story.xhtml", page)], title="Gull Count"))
    assert w.chapters[0].text.startswith("The lighthouse keeper counted")
    assert w.chapters[-1].text.endswith("went down to the boats.")
    assert [t.name for t in w.tags if t.type == "rating" and t.source == "stated"] == [
        "General Audiences"
    ]


def test_a_book_title_over_each_chapter_heading_is_not_the_chapter_title() -> None:
    pages = [
        (f"c{n}.xhtml", sb._xhtml(f"<h1>Gull Count</h1><h2>{name}</h2>" + "".join(map(_p, paras))))
        for n, (name, paras) in enumerate((("Counting", STORY_1), ("Winter", STORY_2)), 1)
    ]
    w = _work(sb.epub(pages, title="Gull Count"))
    assert [c.title for c in w.chapters] == ["Counting", "Winter"]
    assert w.chapters[0].text.startswith("The lighthouse keeper")


# -- WebToEpub: an "Information" page holding the source site's story card


def _webtoepub() -> bytes:
    info = sb._xhtml(
        '<h1>Information</h1><div><p><b>Table of Contents URL:</b> <a href="https://www'
        '.fanfiction.net/s/7/1/Gull-Count">https://www.fanfiction.net/s/7/1/Gull-Count</a></p>'
        '<div id="profile_top"><b class="xcontrast_txt">Gull Count</b> <span>By:</span> '
        '<a href="/u/42/Wren-Calloway">Wren Calloway</a>'
        '<div class="xcontrast_txt">A keeper counts gulls until she cannot.</div>'
        '<span class="xgray xcontrast_txt">Rated: <a href="https://www.fictionratings.com/">'
        "Fiction T</a> - English - Drama - [Mara V., Tom R.] Ned K. - Chapters: 2 - "
        "Words: 1,200 - Published: 4/2/2011 - id: 7</span></div></div>",
        "Information",
    )
    pages = [("0000_Information.xhtml", info)] + [
        (f"{n:04d}_{name}.xhtml", sb._xhtml(f"<div><h1>{n}. {name}</h1>" + "".join(map(_p, ps))))
        for n, (name, ps) in enumerate((("Counting", STORY_1), ("Winter", STORY_2)), 1)
    ]
    return sb.epub(pages, title="Gull Count", authors=("Wren Calloway",))


def test_webtoepub_information_page_is_read_as_the_sites_story_card() -> None:
    w = _work(_webtoepub())
    assert w.summary == "A keeper counts gulls until she cannot."
    assert _names(w, "rating") == ["Teen And Up Audiences"]
    assert _names(w, "relationship") == ["Mara V./Tom R."]
    assert {"Mara V.", "Tom R.", "Ned K."} <= set(_names(w, "character"))
    assert len(w.chapters) == 2
    assert w.chapters[0].text.startswith("The lighthouse keeper counted")
    assert w.chapters[-1].text.endswith("went down to the boats.")
    assert "Table of Contents URL" not in w.text


# -- title pages: where a field's value ends


def _title_page(*paras: str) -> FrontMatter:
    page = read_title_page([Block("paragraph", p) for p in paras])
    assert page is not None
    return page


def test_a_title_page_field_ends_with_its_paragraph_and_the_tools_line_is_not_the_summary() -> None:
    page = _title_page(
        "A keeper counts gulls until she cannot.",
        "Summary of the season: gulls, then none.",
        "Rated: T",
        "Characters: Mara V., Tom R.",
        "Follows: 41",
        "Made with a downloader, version 3.",
    )
    assert page.fields["Follows"] == "41"
    assert page.fields["Characters"] == "Mara V., Tom R."
    assert page.summary is not None and "downloader" not in page.summary
    assert page.summary.startswith("A keeper counts gulls")


def test_a_title_page_summary_runs_over_its_paragraphs() -> None:
    lines = ["Rated: T", "Summary: Gulls.", "Then none.", "Words: 2,000", "Chapters: 2"]
    page = _title_page(*lines)
    assert page.fields["Summary"] == "Gulls.\n\nThen none."
    assert page.fields["Words"] == "2,000"


# -- A downloader's title page as a definition list, its credit line under the summary


def test_a_tools_credit_line_after_the_summary_is_not_part_of_it() -> None:
    fields = [
        ("Category", "Harbour Tales"),
        ("Characters", "Corran, Ila"),
        ("Status", "Completed"),
        ("Rating", "Teen And Up Audiences"),
        ("Summary", "A count kept in notches."),
    ]
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in fields)
    title = sb._xhtml(
        f'<h1>Gull Count</h1><p class="author">by Wren Calloway</p><dl>{dl}</dl>'
        "<p>Generated by ExampleTool</p>"
    )
    chapter = sb._xhtml("<h2>Counting</h2>" + "".join(_p(t) for t in STORY_1), "Counting")
    pages = [("title.xhtml", title), ("ch1.xhtml", chapter)]
    w = _work(sb.epub(pages, title="Gull Count", authors=("Wren Calloway",)))
    assert w.summary == "A count kept in notches."
    assert _names(w, "fandom") == ["Harbour Tales"]
    assert "ExampleTool" not in w.text


def test_a_summary_paragraph_opening_like_a_credit_is_kept() -> None:
    front = read_title_page(
        [
            Block("paragraph", "Rating: Teen And Up Audiences"),
            Block("paragraph", "Fandom: Harbour Tales"),
            Block("paragraph", "Summary: A count kept in notches."),
            Block("paragraph", "Made by hand, one notch for each boat."),
        ]
    )
    assert front is not None
    assert front.fields["Summary"].endswith("one notch for each boat.")


# -- a FanFiction.net page saved and converted by calibre: the profile box as paragraphs


def test_calibre_epub_of_a_saved_ffn_page_reads_the_profile_box() -> None:
    # calibre keeps the saved page's profile box as plain paragraphs over the story:
    # title, "By:", the summary, the facts line. Before, the summary and the facts line
    # were the story's first paragraphs and nothing in them was read.
    body = (
        '<p class="calibre1"><b class="calibre2">Gull Count</b></p>'
        '<p class="calibre1">By: <a href="https://www.fanfiction.net/u/5/wren_c">wren_c</a></p>'
        '<p class="calibre1">A keeper counts gulls, and one winter the count is short.</p>'
        '<p class="calibre1">Rated: Fiction T - English - Drama - [Mara V., Tom R.] Ash K. - '
        "Words: 1,234 - Published: 3/1/2012 - Status: Complete - id: 7654321</p>"
        '<hr class="calibre3"/>' + "".join(_p(t) for t in STORY_1)
    )
    page = [("index_split_000.html", _calibre_page(body))]
    data = sb.epub(page, title="Gull Count", authors=("wren_c",))
    work = _work(data)
    assert (work.title, work.authors) == ("Gull Count", ["wren_c"])
    assert work.summary == "A keeper counts gulls, and one winter the count is short."
    assert _names(work, "rating") == ["Teen And Up Audiences"]
    assert _names(work, "relationship") == ["Mara V./Tom R."]
    assert "Rated" not in work.text and "keeper counts gulls" not in work.text


def _converted_anthology() -> bytes:
    """The anthology after calibre made a Kindle book of it and back: no file names,
    no FanFicFare classes; chapter note boxes are a bold label over a paragraph."""

    def chapter(title: str, paras: list[str], notes: bool) -> str:
        head = foot = ""
        if notes:
            head = (
                "<p><b>Author’s Note:</b></p><p>Thanks to my beta.</p>"
                "<p><b>Summary for the Chapter:</b></p><p>Mara counts.</p>"
            )
            foot = "<p><b>Notes for the Chapter:</b></p><p>More soon.</p>"
        body = f"<h3>{title}</h3>{head}" + "".join(_p(t) for t in paras) + foot
        return sb._xhtml(body, title)

    part1 = [("Category", "Lighthouse Keepers (TV)"), ("Rating", "Teen And Up Audiences")]
    part1 += [("Warnings", "No Archive Warnings Apply"), ("Status", "Completed")]
    part2 = [("Fandom", "Lighthouse Keepers (TV)"), ("Warnings", "Major Character Death")]
    part2 += [("Status", "In-Progress"), ("Updated", "2021-07-09")]
    pages = [
        ("page1.xhtml", _fff_title_page(1, part1)),
        ("page2.xhtml", chapter("1. Counting", STORY_1 * 3, True)),
        ("page3.xhtml", _fff_title_page(2, part2)),
        ("page4.xhtml", chapter("1. Winter", STORY_2 * 3, False)),
    ]
    return sb.epub(pages, title="Gulls Anthology", authors=("wren_c",))


def test_a_converted_anthology_reads_every_works_title_page_as_a_card() -> None:
    w = _work(_converted_anthology())
    assert [c.title for c in w.chapters] == ["1. Counting", "1. Winter"]
    assert {"No Archive Warnings Apply", "Major Character Death"} <= set(_names(w, "warning"))
    assert not any("Fandom:" in c.text for c in w.chapters)


def test_converted_chapter_note_boxes_are_notes_and_summary() -> None:
    first = _work(_converted_anthology()).chapters[0]
    assert (first.notes_begin, first.summary, first.notes_end) == (
        "Thanks to my beta.",
        "Mara counts.",
        "More soon.",
    )
    assert first.text.startswith("The lighthouse keeper")
