"""Fic files that are not site pages, in layouts their tools write (fixtures invented
here, each in the shape of one tool's output): FanFicFare's EPUB 3 and table title page,
EPUB 3 navigation without an NCX, broken package paths, calibre's size-split
conversions, TextEdit's Mac Roman RTF, Hugo's TOML front matter, and fandom headers
labelled in German and Spanish."""

from __future__ import annotations

import html
import io
import zipfile

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

LINES_1 = [
    "The tide had gone out before breakfast, and the harbour smelled of rope and salt.",
    "Ivy folded the first paper boat from a page of her notebook and set it on the sand.",
]
LINES_2 = [
    "By noon there were eleven boats in a row along the harbour wall.",
    "Bram counted them twice and declared the fleet ready for inspection.",
]
LINES_3 = [
    "In the evening the boats went out on the last of the tide.",
    "Nobody waved, but both of them watched until the light went.",
]
META = (
    '<dc:title>Paper Boats</dc:title><dc:creator opf:role="aut">Tallow Finch</dc:creator>'
    '<dc:language>en</dc:language><dc:identifier id="uid">urn:x:paper-boats</dc:identifier>'
)


def _work(data: bytes, name: str) -> Work:
    return build_work(clean(read_bytes(data, name)))


def _names(work: Work, type_: str) -> list[str]:
    return [t.name for t in work.tags if t.type == type_]


def _page(body: str, title: str = "Page", body_class: str = "") -> str:
    cls = f' class="{body_class}"' if body_class else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>{html.escape(title)}</title></head><body{cls}>{body}</body></html>"
    )


def _ps(lines: list[str], cls: str = "calibre1") -> str:
    return "".join(f'<p class="{cls}">{t}</p>' for t in lines)


def _epub(
    pages: list[tuple[str, str]],
    *,
    meta: str = META,
    version: str = "2.0",
    ncx: bool = True,
    nav: dict[str, str] | None = None,
    href_prefix: str = "",
    opf_dir: str = "OEBPS/",
    labels: list[str] | None = None,
) -> bytes:
    """An EPUB with ``pages`` in spine order; ``nav`` (page -> label) adds an EPUB 3
    navigation page; ``href_prefix`` breaks the manifest's paths."""
    items = "".join(
        f'<item id="p{i}" href="{href_prefix}{n}" media-type="application/xhtml+xml"/>'
        for i, (n, _x) in enumerate(pages)
    )
    if ncx:
        items += '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
    if nav is not None:
        items += (
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        )
    spine = "".join(f'<itemref idref="p{i}"/>' for i in range(len(pages)))
    toc = ' toc="ncx"' if ncx else ""
    opf = (
        f'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="{version}" '
        'unique-identifier="uid"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:opf="http://www.idpf.org/2007/opf">{meta}</metadata><manifest>{items}</manifest>'
        f"<spine{toc}>{spine}</spine></package>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:'
            f'xmlns:container"><rootfiles><rootfile full-path="{opf_dir}content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        zf.writestr(f"{opf_dir}content.opf", opf)
        if ncx:
            points = "".join(
                f'<navPoint id="n{i}"><navLabel><text>{label}</text></navLabel>'
                f'<content src="{n}"/></navPoint>'
                for i, ((n, _x), label) in enumerate(
                    zip(pages, labels or [f"Part {i}" for i in range(len(pages))], strict=False)
                )
            )
            zf.writestr(
                f"{opf_dir}toc.ncx",
                '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
                f"<navMap>{points}</navMap></ncx>",
            )
        if nav is not None:
            links = "".join(f'<li><a href="{n}">{t}</a></li>' for n, t in nav.items())
            zf.writestr(
                f"{opf_dir}nav.xhtml",
                _page(
                    '<nav xmlns:epub="http://www.idpf.org/2007/ops" epub:type="toc">'
                    f"<ol>{links}</ol></nav>",
                    "Contents",
                ),
            )
        for name, page in pages:
            zf.writestr(f"{opf_dir}{name}", page)
    return buf.getvalue()


# -- FanFicFare -------------------------------------------------------------------------


def _fff_epub3_table() -> bytes:
    """FanFicFare's EPUB 3 with ``titlepage_use_table``: the story's address only in the
    OPF (``URL:`` identifier), the title page's fields in a two-column table."""
    fields = [
        ("Category", "Original Work"),
        ("Genre", "Gen, Beaches"),
        ("Characters", "Ivy Marsh, Bram Holt"),
        ("Relationships", "Ivy Marsh &amp; Bram Holt"),
        ("Status", "Completed"),
        ("Rating", "General Audiences"),
        ("Warnings", "No Archive Warnings Apply"),
        ("Chapters", "2/2"),
    ]
    rows = "".join(f"<tr><td><b>{k}:</b></td><td>{v}</td></tr>" for k, v in fields)
    rows += '<tr><td colspan="2"><b>Summary:</b> Two friends fold boats.</td></tr>'
    title = _page(
        f'<h3>Paper Boats by Tallow Finch</h3><table class="full">{rows}</table>',
        "Paper Boats by Tallow Finch",
        "fff_titlepage",
    )
    chapters = [
        (
            f"file{i:04d}.xhtml",
            _page(f'<h3 class="fff_chapter_title">{t}</h3>{_ps(lines)}', t, "fff_chapter"),
        )
        for i, (t, lines) in enumerate((("Low Tide", LINES_1), ("The Fleet", LINES_2)), 1)
    ]
    meta = META.replace('opf:role="aut"', 'id="id-1"') + (
        '<dc:contributor id="id-2">FanFicFare [https://github.com/JimmXinu/FanFicFare]'
        "</dc:contributor><dc:identifier>URL:https://archiveofourown.org/works/7654321"
        "</dc:identifier>"
    )
    nav = {n: t for (n, _p), t in zip(chapters, ("Low Tide", "The Fleet"), strict=True)}
    return _epub(
        [("title_page.xhtml", title), *chapters], meta=meta, version="3.0", ncx=False, nav=nav
    )


def test_fanficfare_epub3_url_identifier_marks_an_ao3_work() -> None:
    w = _work(_fff_epub3_table(), "boats.epub")
    assert "Gen" in _names(w, "category")  # AO3's category, not a freeform "Gen"
    assert "Gen" not in _names(w, "freeform")
    assert _names(w, "warning") == ["No Archive Warnings Apply"]
    assert _names(w, "relationship") == ["Ivy Marsh & Bram Holt"]
    assert w.summary == "Two friends fold boats."
    assert [c.title for c in w.chapters] == ["Low Tide", "The Fleet"]


# -- EPUB containers --------------------------------------------------------------------


def test_epub3_navigation_page_gives_chapter_titles_without_an_ncx() -> None:
    pages = [("Text/Section0001.xhtml", _page(_ps(LINES_1), "Section0001"))]
    pages.append(("Text/Section0002.xhtml", _page(_ps(LINES_2), "Section0002")))
    nav = {"Text/Section0001.xhtml": "Low Tide", "Text/Section0002.xhtml": "The Fleet"}
    w = _work(_epub(pages, version="3.0", ncx=False, nav=nav), "boats.epub")
    assert [c.title for c in w.chapters] == ["Low Tide", "The Fleet"]


def test_manifest_paths_missing_a_folder_still_find_their_pages() -> None:
    pages = [("ch1.xhtml", _page("<h1>Low Tide</h1>" + _ps(LINES_1)))]
    pages.append(("ch2.xhtml", _page("<h1>The Fleet</h1>" + _ps(LINES_2))))
    w = _work(_epub(pages, href_prefix="Text/"), "boats.epub")
    assert [c.title for c in w.chapters] == ["Low Tide", "The Fleet"]
    assert w.chapters[1].text.startswith("By noon")


def test_a_spine_naming_no_page_of_the_book_reads_the_pages_by_name() -> None:
    pages = [("a1.xhtml", _page("<h1>Low Tide</h1>" + _ps(LINES_1)))]
    pages.append(("a2.xhtml", _page("<h1>The Fleet</h1>" + _ps(LINES_2))))
    data = _epub(pages, href_prefix="gone-")
    w = _work(data, "boats.epub")
    assert [c.title for c in w.chapters] == ["Low Tide", "The Fleet"]
    notices = read_bytes(data, "boats.epub").notices
    assert any("read pages by name" in n for n in notices)


def test_epub3_creator_roles_stated_by_refining_metas() -> None:
    meta = (
        '<dc:title>Paper Boats</dc:title><dc:creator id="c1">Tallow Finch</dc:creator>'
        '<dc:creator id="c2">Moss Inkwell</dc:creator><dc:language>en</dc:language>'
        '<meta refines="#c1" property="role" scheme="marc:relators">aut</meta>'
        '<meta refines="#c2" property="role" scheme="marc:relators">ill</meta>'
        '<dc:identifier id="uid">urn:x:paper-boats</dc:identifier>'
    )
    pages = [("c1.xhtml", _page("<h1>Low Tide</h1>" + _ps(LINES_1)))]
    w = _work(_epub(pages, meta=meta, version="3.0"), "boats.epub")
    assert w.authors == ["Tallow Finch"]


# -- calibre conversions -----------------------------------------------------------------


def test_calibre_one_file_book_is_split_at_its_chapter_headings() -> None:
    body = "".join(
        f'<h2 class="calibre2">Chapter {i}</h2>' + _ps(lines)
        for i, lines in enumerate((LINES_1, LINES_2, LINES_3), 1)
    )
    w = _work(_epub([("index_split_000.html", _page(body, "Paper Boats"))]), "boats.epub")
    assert [c.title for c in w.chapters] == ["Chapter 1", "Chapter 2", "Chapter 3"]
    assert w.chapters[2].text.startswith("In the evening")


def test_calibre_size_split_pages_with_bold_chapter_lines_are_read_by_chapter() -> None:
    """A MOBI converted by calibre: the title and by-line, then chapters whose headings
    are bold paragraphs, the book split into files by size, mid-chapter."""
    bold = '<p class="calibre5"><span class="bold">{}</span></p>'
    first = (
        bold.format("Paper Boats")
        + '<p class="calibre4">by Tallow Finch</p>'
        + bold.format("Chapter One")
        + _ps(LINES_1)
        + bold.format("Chapter Two")
        + _ps(LINES_2[:1])
    )
    second = _ps(LINES_2[1:]) + bold.format("Chapter Three") + _ps(LINES_3)
    pages = [
        ("index_split_000.html", _page(first, "Unknown")),
        ("index_split_001.html", _page(second, "Unknown")),
    ]
    w = _work(_epub(pages), "boats.epub")
    assert [c.title for c in w.chapters] == ["Chapter One", "Chapter Two", "Chapter Three"]
    assert w.chapters[0].text.startswith("The tide had gone out")
    assert "Bram counted" in w.chapters[1].text  # the chapter runs on over the split
    assert "Tallow Finch" not in w.chapters[0].text


def test_pages_that_each_open_with_their_heading_stay_one_chapter_each() -> None:
    """The author's own "Chapter 1" line under a page's heading is not a second chapter."""
    pages = [
        ("c1.xhtml", _page("<h2>Low Tide</h2><p>Chapter 1: Low Tide</p>" + _ps(LINES_1))),
        ("c2.xhtml", _page("<h2>The Fleet</h2>" + _ps(LINES_2))),
    ]
    w = _work(_epub(pages), "boats.epub")
    assert [c.title for c in w.chapters] == ["Low Tide", "The Fleet"]


def test_calibre_docx_conversion_card_page_and_default_contents_entry() -> None:
    """calibre's conversion of a Word draft: the header on a page of its own, ended by a
    rule of stars, and the one contents entry calibre makes up ("Start")."""
    card = "".join(
        f'<p class="calibre1"><span class="bold">{k}:</span> {v}</p>'
        for k, v in (
            ("Title", "Paper Boats"),
            ("Author", "Tallow Finch"),
            ("Fandom", "Merlin"),
            ("Rating", "PG"),
            ("Summary", "Two friends fold boats."),
        )
    )
    card += '<p class="calibre1">* * *</p>'
    pages = [
        ("index_split_000.html", _page(card, "Paper Boats")),
        ("index_split_001.html", _page(_ps(LINES_1 + LINES_2), "Paper Boats")),
    ]
    w = _work(_epub(pages, labels=["Start"]), "boats.epub")
    assert w.summary == "Two friends fold boats."
    assert _names(w, "rating") == ["General Audiences"]
    assert len(w.chapters) == 1
    assert w.chapters[0].title is None
    assert w.chapters[0].text.startswith("The tide")
    one = _epub([("index.html", _page(_ps(LINES_1), "Paper Boats"))], labels=["Start"])
    assert _work(one, "boats.epub").chapters[0].title is None


def test_the_book_title_over_each_pages_heading_at_the_same_level_keeps_pages_apart() -> None:
    pages = [
        (f"c{n}.xhtml", _page(f"<h2>Paper Boats</h2><h2>{name}</h2>" + _ps(lines)))
        for n, (name, lines) in enumerate((("Low Tide", LINES_1), ("The Fleet", LINES_2)), 1)
    ]
    w = _work(_epub(pages), "boats.epub")
    assert [c.title for c in w.chapters] == ["Low Tide", "The Fleet"]
    assert w.chapters[0].text.startswith("The tide")


def test_scene_breaks_set_as_headings_do_not_split_pages_into_chapters() -> None:
    page = _ps(LINES_1) + "<h3>* * *</h3>" + _ps(LINES_2) + "<h3>~ ~ ~</h3>" + _ps(LINES_3)
    pages = [("a.xhtml", _page(page, "Paper Boats")), ("b.xhtml", _page(_ps(LINES_3), "Coda"))]
    w = _work(_epub(pages, labels=["Low Tide", "Coda"]), "boats.epub")
    assert [c.title for c in w.chapters] == ["Low Tide", "Coda"]
    assert "Bram counted" in w.chapters[0].text


# -- RTF, Markdown, text ----------------------------------------------------------------


def test_textedit_mac_roman_rtf_decodes_its_escapes() -> None:
    rtf = (
        "{\\rtf1\\mac\\ansicpg10000\\cocoartf102\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
        "\\pard\\f0\\fs24 Title: Paper Boats\\\nAuthor: Tallow Finch\\\n\\\n"
        "She said \\'d2ahoy\\'d3 at the caf\\'8e door.\\\nThe boats floated.}"
    )
    w = _work(rtf.encode("ascii"), "boats.rtf")
    assert w.title == "Paper Boats"
    assert "caf\u00e9 door" in w.chapters[0].text
    assert "\u00d2" not in w.chapters[0].text  # not read as Windows-1252


def test_markdown_toml_front_matter_is_the_card() -> None:
    md = (
        '+++\ntitle = "Paper Boats"\nauthor = "Tallow Finch"\nrating = "Teen And Up Audiences"\n'
        'tags = ["beaches"]\n+++\n\n' + "\n\n".join(LINES_1) + "\n"
    )
    w = _work(md.encode(), "boats.md")
    assert (w.title, w.authors) == ("Paper Boats", ["Tallow Finch"])
    assert _names(w, "rating") == ["Teen And Up Audiences"]
    assert w.chapters[0].text.startswith("The tide")
    assert "+++" not in w.chapters[0].text


def test_markdown_chapter_number_leaves_the_title_to_the_heading() -> None:
    md = (
        "---\ntitle: Paper Boats\nauthor: Tallow Finch\nchapter: 2\n---\n\n# The Fleet\n\n"
        + "\n\n".join(LINES_2)
        + "\n"
    )
    w = _work(md.encode(), "boats.md")
    assert [c.title for c in w.chapters] == ["The Fleet"]
    assert w.chapters[0].text.startswith("By noon")


def test_german_header_labels_are_read_as_fields() -> None:
    text = (
        "Titel: Papierboote\nAutor: Graue Feder\nFandom: Merlin\n"
        "Charaktere: Ivy Marsh, Bram Holt\nWarnungen: Charaktertod\n"
        "Kurzbeschreibung: Zwei Freunde falten Boote.\n\n" + "\n\n".join(LINES_1) + "\n"
    )
    w = _work(text.encode("latin-1"), "boote.txt")
    assert (w.title, w.authors) == ("Papierboote", ["Graue Feder"])
    assert sorted(_names(w, "character")) == ["Bram Holt", "Ivy Marsh"]
    assert w.summary == "Zwei Freunde falten Boote."
    assert _names(w, "warning") == ["Major Character Death"]  # warnings.toml maps it
    assert w.chapters[0].text.startswith("The tide")


def test_spanish_utf16_header_labels_are_read_as_fields() -> None:
    text = (
        "\ufeffTítulo: Barcos de papel\nAutora: Pluma Gris\nPersonaje: Ivy Marsh\n"
        "Advertencias: lenguaje fuerte\nSinopsis: Dos amigos doblan barcos.\n\n"
        + "\n\n".join(LINES_1)
        + "\n"
    )
    w = _work(text.encode("utf-16-le"), "barcos.txt")
    assert (w.title, w.authors) == ("Barcos de papel", ["Pluma Gris"])
    assert _names(w, "character") == ["Ivy Marsh"]
    assert w.summary == "Dos amigos doblan barcos."
    assert "Lenguaje Fuerte" in _names(w, "freeform") + _names(w, "warning")
