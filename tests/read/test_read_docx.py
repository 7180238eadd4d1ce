"""DOCX drafts: headings from styles, italic runs as spans, bad files refused clearly."""

from __future__ import annotations

import io

import pytest
import storybuilders as sb

from fandex.errors import ReadError
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
    assert meta["title"] == "Property Title"
    assert meta["authors"] == ["Pen Name"]


def test_docx_default_author_is_ignored() -> None:
    meta = read_bytes(sb.docx_bytes(), "draft.docx").metadata
    assert "authors" not in meta  # python-docx's template says "python-docx"


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
