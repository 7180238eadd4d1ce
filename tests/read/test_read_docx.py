"""DOCX drafts: headings from styles, italic runs as spans, bad files refused clearly."""

from __future__ import annotations

import io
from typing import Any

import pytest
import storybuilders as sb

from fandex.clean import clean
from fandex.errors import ReadError
from fandex.parse import build_work
from fandex.read import read_bytes


def test_docx_paragraphs_and_headings() -> None:
    doc = read_bytes(sb.docx_bytes(), "draft.docx")
    assert doc.format == "docx"
    assert doc.blocks[0].text == f"Title: {sb.TITLE}"
    headings = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert headings == [("Chapter 1: Storm Warning", 2), ("Chapter 2: Morning", 2)]


def test_docx_italic_runs_become_spans() -> None:
    doc = read_bytes(sb.docx_bytes(), "draft.docx")
    first = next(b for b in doc.blocks if b.text.startswith("The wind"))
    assert [(s.kind, first.text[s.start : s.end]) for s in first.spans] == [("em", "The")]


def test_docx_core_properties_are_a_fallback_title() -> None:
    import docx

    d = docx.Document()
    d.core_properties.title = "Property Title"
    d.core_properties.author = "Pen Name"
    d.add_paragraph("Some text.")
    buf = io.BytesIO()
    d.save(buf)
    meta = read_bytes(buf.getvalue(), "x.docx").metadata
    assert meta["fallback_title"] == "Property Title"
    assert meta["fallback_authors"] == ["Pen Name"]
    assert build_work(clean(read_bytes(buf.getvalue(), "x.docx"))).title == "Property Title"


def _draft(core_title: str, lines: list[tuple[str, str | None]]) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = core_title
    for text, style in lines:
        d.add_paragraph(text, style=style)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


STORY = [
    ("The ferry did not run that week; the river was too high for the rope.", None),
    ("Ila waited on the bank with her pack and counted the boats that passed.", None),
    ("Nobody came for her, and at dusk she walked back up the lane.", None),
]


def test_docx_title_line_wins_over_the_core_properties() -> None:
    data = _draft("Property Title", [("The Ford", "Title"), ("by Wren Calloway", None), *STORY])
    w = build_work(clean(read_bytes(data, "x.docx")))
    assert (w.title, w.authors) == ("The Ford", ["Wren Calloway"])


@pytest.mark.parametrize("heading", ["Chapter 1", "Chapter One: The Ford"])
def test_docx_core_title_copied_from_chapter_one_is_not_the_works(heading: str) -> None:
    # Word fills the title property with the first line: here chapter one's heading.
    lines = [(heading, "Heading 1"), *STORY, ("Chapter 2", "Heading 1"), *STORY]
    w = build_work(clean(read_bytes(_draft(heading, lines), "the_ford.docx")))
    assert w.title == "Untitled"  # left for the importer's file-name fallback
    assert [c.title for c in w.chapters] == [heading, "Chapter 2"]


@pytest.mark.parametrize("placeholder", ["Document1", "Microsoft Word - draft3.doc", "Untitled"])
def test_docx_placeholder_core_title_is_no_title(placeholder: str) -> None:
    assert "fallback_title" not in read_bytes(_draft(placeholder, STORY), "x.docx").metadata


def test_docx_core_title_copied_from_the_first_sentence_is_not_the_works() -> None:
    w = build_work(clean(read_bytes(_draft(STORY[0][0], STORY), "x.docx")))
    assert w.title == "Untitled"


def test_docx_default_author_is_ignored() -> None:
    meta = read_bytes(sb.docx_bytes(), "draft.docx").metadata
    assert "fallback_authors" not in meta  # python-docx's template says "python-docx"


def test_empty_docx_is_a_read_error() -> None:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with pytest.raises(ReadError, match="no text"):
        read_bytes(buf.getvalue(), "empty.docx")


def test_truncated_docx_is_a_read_error() -> None:
    data = sb.docx_bytes()
    with pytest.raises(ReadError):
        read_bytes(data[: len(data) // 3], "cut.docx")


def test_docx_bold_runs_hyperlinks_and_line_breaks() -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Loud").bold = True
    run = p.add_run(" line")
    run.add_break()
    run.add_text("next line ")
    rid = p.part.relate_to("https://example.org/", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "site"
    r.append(t)
    link.append(r)
    p._p.append(link)
    buf = io.BytesIO()
    d.save(buf)
    (block,) = read_bytes(buf.getvalue(), "b.docx").blocks
    assert block.text == "Loud line\nnext line site"
    got = [(s.kind, block.text[s.start : s.end], s.href) for s in block.spans]
    assert got == [("strong", "Loud", None), ("link", "site", "https://example.org/")]


def _with_footnote(note: str) -> bytes:
    """A DOCX whose first paragraph cites footnote 2 (Word numbers after two separators)."""
    import zipfile

    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    d = docx.Document()
    p = d.add_paragraph("The river ran north.")
    run = etree.SubElement(p._p, qn("w:r"))
    ref = etree.SubElement(run, qn("w:footnoteReference"))
    ref.set(qn("w:id"), "2")
    d.add_paragraph("They crossed at dawn.")
    buf = io.BytesIO()
    d.save(buf)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = (
        f'<w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="1"><w:p/></w:footnote>'
        f'<w:footnote w:id="2"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/footnotes.xml", notes)
    return out.getvalue()


def test_docx_footnotes_become_marks_and_footnotes() -> None:
    from fandex.parse.build import build_work

    doc = read_bytes(_with_footnote("The Asha, in the old maps."), "notes.docx")
    assert doc.blocks[0].text == "The river ran north.[1]"
    assert doc.blocks[-1].text == "[1] The Asha, in the old maps."
    work = build_work(doc)
    assert [(f.mark, f.text) for f in work.footnotes] == [("1", "The Asha, in the old maps.")]
    assert "[1] The Asha" not in work.chapters[0].text


def _with_contents_field(entries: list[str], lines: list[tuple[str, str | None]]) -> bytes:
    """A draft that opens with a "Table of Contents" heading over a TOC field whose
    entries are one paragraph each (as calibre's DOCX output writes it)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def mark(p: object, kind: str) -> None:
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        run.append(fld)
        p._p.append(run)  # type: ignore[attr-defined]

    d = docx.Document()
    d.add_paragraph("Table of Contents", style="Heading 1")
    for k, entry in enumerate(entries):
        p = d.add_paragraph()
        if k == 0:
            mark(p, "begin")
            run = OxmlElement("w:r")
            instr = OxmlElement("w:instrText")
            instr.text = " TOC \\h "
            run.append(instr)
            p._p.append(run)
            mark(p, "separate")
        p.add_run(entry)
        if k == len(entries) - 1:
            mark(p, "end")
    for text, style in lines:
        d.add_paragraph(text, style=style)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_generated_contents_list_is_not_read_as_text() -> None:
    data = _with_contents_field(
        ["Page 0", "Page 1"],
        [("The Ford by Wren Calloway", None), ("Rating: General", None), *STORY],
    )
    doc = read_bytes(data, "x.docx")
    assert [b.text for b in doc.blocks[:2]] == ["The Ford by Wren Calloway", "Rating: General"]
    w = build_work(clean(doc))
    assert (w.title, w.authors) == ("The Ford", ["Wren Calloway"])
    assert "Page 0" not in (w.notes_begin or "")


def test_docx_contents_words_without_a_field_stay() -> None:
    # A heading that merely reads "Contents" over ordinary paragraphs is the author's.
    data = _draft("", [("Contents", "Heading 1"), ("Page 0", None), *STORY])
    assert [b.text for b in read_bytes(data, "x.docx").blocks[:2]] == ["Contents", "Page 0"]


def test_docx_author_styled_paragraph_is_the_byline() -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    d.styles.add_style("Author", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("The Ford", style="Title")
    d.add_paragraph("Wren Calloway", style="Author")
    for text, _style in STORY:
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    w = build_work(clean(read_bytes(buf.getvalue(), "x.docx")))
    assert (w.title, w.authors) == ("The Ford", ["Wren Calloway"])
    assert not w.notes_begin
    assert w.chapters[0].text.startswith("The ferry did not run")


def _bordered(sides: tuple[str, ...]) -> Any:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    bdr = OxmlElement("w:pBdr")
    for side in sides:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "5")
        bdr.append(el)
    return bdr


def test_docx_empty_paragraph_with_a_line_over_it_is_a_scene_break() -> None:
    # calibre writes a page's <hr> as an empty paragraph with a top border (Word's
    # "---" gives a bottom one); a box drawn round a page's panel is no break.
    import docx

    d = docx.Document()
    d.add_paragraph("Rain fell on the harbour all night.")
    d.add_paragraph()._p.get_or_add_pPr().append(_bordered(("top",)))
    d.add_paragraph("By morning the boats were gone.")
    d.add_paragraph()._p.get_or_add_pPr().append(_bordered(("top", "bottom", "left", "right")))
    d.add_paragraph("Only the gulls stayed.")
    buf = io.BytesIO()
    d.save(buf)
    blocks = read_bytes(buf.getvalue(), "rule.docx").blocks
    assert [b.kind for b in blocks] == ["paragraph", "rule", "paragraph", "paragraph"]
