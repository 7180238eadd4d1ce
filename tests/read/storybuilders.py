"""One short, tame, invented story, written out in every format the readers take.

Each builder returns bytes shaped like the real thing (AO3's download and EPUB
structure, FanFicFare's title page, a legacy archive page, a Word draft) so the
reader tests and the cross-format test share a single source of truth.
"""

from __future__ import annotations

import html
import io
import zipfile

TITLE = "The Lighthouse Keeper"
AUTHOR = "Quill Writer"
SUMMARY = "A keeper and a visitor wait out a storm."
CHAPTERS: list[tuple[str, list[str]]] = [
    (
        "Storm Warning",
        [
            "The wind came in from the west just after four, and Mara climbed the stairs "
            "to check the lamp for the third time that afternoon.",
            "Below, the sea had turned the colour of slate. A small boat was making for the "
            "harbour, rowing hard against the swell, and she watched it until it vanished "
            "behind the breakwater.",
            "When the knock came at the door she was already putting the kettle on. The man "
            "outside was soaked through and apologised twice before she could say a word.",
            "\u201cYou had better come in,\u201d she said. \u201cThe storm will not pass "
            "before morning, and the road to the village is already under water.\u201d",
        ],
    ),
    (
        "Morning",
        [
            "By dawn the wind had dropped to a steady breeze. Tom sat by the window with a "
            "mug of tea and watched the gulls return to the rocks one by one.",
            "Mara wrote the night's entry in the log: wind, rain, one visitor, lamp steady. "
            "It was the shortest entry of the week and somehow the one she liked best.",
            "They walked down to the harbour together at nine. The boat was tied up safe, "
            "and the village bell was ringing for the market as if nothing had happened.",
        ],
    ),
]
AO3_TAGS: list[tuple[str, str, list[str]]] = [
    ("Rating", "rating", ["General Audiences"]),
    ("Archive Warning", "warning", ["No Archive Warnings Apply"]),
    ("Category", "category", ["Gen"]),
    ("Fandom", "fandom", ["Original Work"]),
    ("Characters", "character", ["Mara Vance", "Tom Reed"]),
    ("Additional Tags", "freeform", ["Friendship", "Storms"]),
]
TYPED_TAGS = sorted((t, n) for _label, t, names in AO3_TAGS for n in names)


def story_words() -> int:
    from fandex.model import count_words

    return sum(count_words(p) for _t, paras in CHAPTERS for p in paras)


def _p(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>"


# -- plain text and legacy HTML ------------------------------------------------------------


def txt(encoding: str = "utf-8") -> bytes:
    lines = [f"Title: {TITLE}", f"Author: {AUTHOR}", "Rating: G", f"Summary: {SUMMARY}", ""]
    for i, (name, paras) in enumerate(CHAPTERS, 1):
        lines += [f"Chapter {i}: {name}", ""]
        for para in paras:
            lines += [para, ""]
    return "\n".join(lines).encode(encoding)


def legacy_html() -> bytes:
    body = [
        '<table width="100%"><tr><td><a href="index.html">Back to Stories</a> | '
        '<a href="../index.html">Home</a></td></tr></table>',
        f'<center><font size="+2" face="Georgia">{TITLE}</font></center>',
        f"<p><b>Title:</b> {TITLE}<br>\n<b>Author:</b> {AUTHOR}<br>\n<b>Rating:</b> G<br>"
        f"\n<b>Summary:</b> {SUMMARY}</p>",
        '<hr size="1">',
    ]
    for i, (name, paras) in enumerate(CHAPTERS, 1):
        body.append(f"<h3>Chapter {i}: {name}</h3>")
        body.extend(f"<font face='Verdana'>{_p(p)}</font>" for p in paras)
    body.append('<div id="footer"><a href="index.html">Back</a> | Powered by eFiction</div>')
    page = (
        "<html><head><title>Stories - The Lighthouse Keeper</title>"
        "<script>var hits = 1;</script></head>\n<body bgcolor='#ffffff'>\n"
        + "\n".join(body)
        + "\n</body></html>"
    )
    return page.encode("cp1252")


# -- AO3 -----------------------------------------------------------------------------------


def _ao3_dl() -> str:
    rows = []
    for label, _type, names in AO3_TAGS:
        links = ", ".join(f'<a href="https://archiveofourown.org/tags/{n}">{n}</a>' for n in names)
        rows.append(f"<dt>{label}:</dt>\n<dd>{links}</dd>")
    rows.append("<dt>Language:</dt>\n<dd>English</dd>")
    rows.append(
        '<dt>Series:</dt>\n<dd>Part 1 of <a href="https://archiveofourown.org/series/1">'
        "Coastal Tales</a></dd>"
    )
    rows.append(
        "<dt>Stats:</dt>\n<dd>Published: 2020-03-01\nCompleted: 2020-03-08\n"
        f"Words: {story_words():,}\nChapters: {len(CHAPTERS)}/{len(CHAPTERS)}</dd>"
    )
    return '<dl class="tags">\n' + "\n".join(rows) + "\n</dl>"


def ao3_preface() -> str:
    return (
        '<div id="preface">\n<h2 class="toc-heading">Preface</h2>\n'
        '<p class="message"><b>' + TITLE + "</b><br/>\n"
        'Posted originally on the <a href="http://archiveofourown.org/">Archive of Our Own</a>'
        ' at <a href="http://archiveofourown.org/works/1000001">'
        "http://archiveofourown.org/works/1000001</a>.</p>\n"
        '<div class="meta">\n' + _ao3_dl() + f"\n<h1>{TITLE}</h1>\n"
        f'<div class="byline">by <a rel="author" href="http://archiveofourown.org/users/'
        f'QuillWriter/pseuds/QuillWriter">{AUTHOR}</a></div>\n'
        f'<p>Summary</p>\n<blockquote class="userstuff">{_p(SUMMARY)}</blockquote>\n'
        '<p>Notes</p>\n<blockquote class="userstuff"><p>Written for a prompt about '
        'weather.</p></blockquote>\n<div class="endnote-link">See the end of the work for '
        'more <a href="#endnotes">notes</a></div>\n</div>\n</div>'
    )


def ao3_chapter(i: int) -> str:
    name, paras = CHAPTERS[i - 1]
    notes = (
        '<p>Chapter Notes</p>\n<blockquote class="userstuff"><p>First chapter note.</p>'
        "</blockquote>\n"
        if i == 1
        else ""
    )
    end = (
        f'<div class="meta" id="endnotes{i}">\n<p>Chapter End Notes</p>\n'
        '<blockquote class="userstuff"><p>More soon.</p></blockquote>\n</div>\n'
        if i == 1
        else ""
    )
    return (
        f'<div class="meta group">\n<h2 class="heading">Chapter {i}: {name}</h2>\n'
        f'<p>Chapter Summary</p>\n<blockquote class="userstuff"><p>Part {i} of the night.'
        f"</p></blockquote>\n{notes}</div>\n"
        "<!--chapter content-->\n"
        '<div class="userstuff">\n' + "\n".join(_p(p) for p in paras) + "\n</div>\n"
        "<!--/chapter content-->\n" + end
    )


def ao3_afterword() -> str:
    return (
        '<div id="afterword">\n<h2 class="toc-heading">Afterword</h2>\n<div class="meta">\n'
        '<div id="endnotes">\n<p>End Notes</p>\n'
        '<blockquote class="userstuff"><p>Thank you for reading.</p></blockquote>\n</div>\n'
        "</div>\n"
        '<p class="message">Please <a href="http://archiveofourown.org/works/1000001/kudos">'
        "drop by the archive and comment</a> to let the creator know if you enjoyed their "
        "work!</p>\n</div>"
    )


def ao3_html() -> bytes:
    chapters = "\n".join(ao3_chapter(i) for i in range(1, len(CHAPTERS) + 1))
    page = (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="UTF-8"/>\n'
        f"<title>{TITLE} - {AUTHOR} - Original Work [Archive of Our Own]</title>\n"
        "<style>body { font-family: serif; }</style>\n</head>\n<body>\n"
        + ao3_preface()
        + '\n<div id="chapters" class="userstuff">\n'
        + chapters
        + "\n</div>\n"
        + ao3_afterword()
        + "\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _xhtml(body: str, title: str = TITLE) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head><title>'
        + html.escape(title)
        + "</title></head>\n<body>\n"
        + body
        + "\n</body>\n</html>\n"
    )


def epub(
    pages: list[tuple[str, str]],
    *,
    title: str = TITLE,
    authors: tuple[str, ...] = (AUTHOR,),
    subjects: tuple[str, ...] = (),
    extra_meta: str = "",
    description: str | None = None,
    spine_skip: tuple[str, ...] = (),
) -> bytes:
    """A minimal valid EPUB 2 with ``pages`` (file name, xhtml) in spine order."""
    manifest = "\n".join(
        f'<item id="p{i}" href="{name}" media-type="application/xhtml+xml"/>'
        for i, (name, _x) in enumerate(pages)
    )
    nonlinear = ' linear="no"'
    spine = "\n".join(
        f'<itemref idref="p{i}"{nonlinear if name in spine_skip else ""}/>'
        for i, (name, _x) in enumerate(pages)
    )
    dc = [f"<dc:title>{html.escape(title)}</dc:title>"]
    dc += [f'<dc:creator opf:role="aut">{html.escape(a)}</dc:creator>' for a in authors]
    dc += ["<dc:language>en</dc:language>", '<dc:identifier id="id">urn:x:1</dc:identifier>']
    dc += [f"<dc:subject>{html.escape(s)}</dc:subject>" for s in subjects]
    if description:
        dc.append(f"<dc:description>{html.escape(description)}</dc:description>")
    opf = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" '
        'version="2.0" unique-identifier="id">\n<metadata xmlns:dc="http://purl.org/dc/elements/'
        '1.1/" xmlns:opf="http://www.idpf.org/2007/opf">\n'
        + "\n".join(dc)
        + extra_meta
        + "\n</metadata>\n<manifest>\n"
        + manifest
        + '\n<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>\n'
        '</manifest>\n<spine toc="ncx">\n' + spine + "\n</spine>\n</package>\n"
    )
    ncx = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ncx xmlns="http://www.daisy.org/z3986/2005/'
        'ncx/" version="2005-1"><navMap>'
        + "".join(
            f'<navPoint id="n{i}"><navLabel><text>Page {i}</text></navLabel>'
            f'<content src="{name}"/></navPoint>'
            for i, (name, _x) in enumerate(pages)
        )
        + "</navMap></ncx>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        zf.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:'
            'opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>',
            compress_type=zipfile.ZIP_DEFLATED,
        )
        zf.writestr("OEBPS/content.opf", opf, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("OEBPS/toc.ncx", ncx, compress_type=zipfile.ZIP_DEFLATED)
        for name, xhtml in pages:
            zf.writestr(f"OEBPS/{name}", xhtml, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def ao3_epub() -> bytes:
    """AO3's EPUB: subjects flattened in the OPF, typed tags only on the preface page."""
    pages = [("preface.xhtml", _xhtml(ao3_preface()))]
    pages += [
        (f"chapter{i}.xhtml", _xhtml(ao3_chapter(i), f"Chapter {i}"))
        for i in range(1, len(CHAPTERS) + 1)
    ]
    pages.append(("afterword.xhtml", _xhtml(ao3_afterword())))
    subjects = tuple(n for _l, _t, names in AO3_TAGS for n in names)
    return epub(
        pages,
        subjects=subjects,
        extra_meta="<dc:publisher>Archive of Our Own</dc:publisher>",
        description=SUMMARY,
    )


# -- FanFicFare ----------------------------------------------------------------------------

FFF_FIELDS = [
    ("Category", "Original Work"),
    ("Genre", "Friendship, Storms"),
    ("Characters", "Mara Vance, Tom Reed"),
    ("Relationships", "Mara Vance & Tom Reed"),
    ("Status", "Completed"),
    ("Published", "2020-03-01"),
    ("Updated", "2020-03-08"),
    ("Words", f"{story_words():,}"),
    ("Chapters", str(len(CHAPTERS))),
    ("Rating", "General Audiences"),
    ("Warnings", "No Archive Warnings Apply"),
    ("Summary", SUMMARY),
]


def fff_epub(source: str = "https://archiveofourown.org/works/1000001") -> bytes:
    lines = "\n".join(f"<b>{k}:</b> {html.escape(v)}<br />" for k, v in FFF_FIELDS)
    title_page = _xhtml(
        f'<h3><a href="{source}">{TITLE}</a> by <a class="authorlink" '
        f'href="https://example.org/u/1">{AUTHOR}</a></h3>\n<div>\n{lines}\n</div>'
    )
    pages = [("title_page.xhtml", title_page)]
    for i, (name, paras) in enumerate(CHAPTERS, 1):
        body = f"<h3>{name}</h3>\n" + "\n".join(_p(p) for p in paras)
        pages.append((f"file{i:04d}.xhtml", _xhtml(body, name)))
    extra = (
        '<dc:contributor opf:role="bkp">FanFicFare [https://github.com/JimmXinu/FanFicFare]'
        f"</dc:contributor><dc:source>{source}</dc:source>"
    )
    return epub(pages, extra_meta=extra, subjects=("Original Work",))


def generic_epub() -> bytes:
    cover = _xhtml('<div><img src="cover.jpg" alt="cover"/></div>')
    pages = [("cover.xhtml", cover)]
    for i, (name, paras) in enumerate(CHAPTERS, 1):
        body = f"<h1>{name}</h1>\n" + "\n".join(_p(p) for p in paras)
        pages.append((f"ch{i}.xhtml", _xhtml(body, name)))
    return epub(pages)


# -- DOCX ----------------------------------------------------------------------------------


def docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph(f"Title: {TITLE}")
    d.add_paragraph(f"Author: {AUTHOR}")
    d.add_paragraph("Rating: G")
    d.add_paragraph(f"Summary: {SUMMARY}")
    for i, (name, paras) in enumerate(CHAPTERS, 1):
        d.add_heading(f"Chapter {i}: {name}", level=2)
        for j, para in enumerate(paras):
            p = d.add_paragraph()
            if j == 0:
                first, rest = para.split(" ", 1)
                p.add_run(first).italic = True
                p.add_run(" " + rest)
            else:
                p.add_run(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
