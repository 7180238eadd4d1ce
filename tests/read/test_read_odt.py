"""ODT: headings, emphasis through styles, footnotes, metadata; bad files refused clearly."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fandex.errors import ReadError
from fandex.importer import ImportSession
from fandex.library import Library
from fandex.read import choose_reader, read_bytes
from fandex.read.discover import discover
from fandex.read.odt import OdtReader
from fandex.read.sniff import zip_kind

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
)
# Named styles as LibreOffice writes them in styles.xml: "Emphasis" is italic by
# inheritance only, "Heading 2" is where chapter headings get their look.
NAMED_STYLES = """<office:styles>
  <style:style style:name="Heading" style:family="paragraph"/>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
    style:parent-style-name="Heading"/>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"/>
  <style:style style:name="Emphasis" style:family="text">
    <style:text-properties fo:font-style="italic"/></style:style>
</office:styles>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}>{NAMED_STYLES}</office:document-styles>"""
# Automatic styles as in content.xml: T1 bold by itself, T2 italic through "Emphasis".
AUTO = """<office:automatic-styles>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
  <style:style style:name="T1" style:family="text">
    <style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="T2" style:family="text" style:parent-style-name="Emphasis"/>
</office:automatic-styles>"""
BODY = """
<text:sequence-decls>
  <text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
<text:table-of-content text:name="Contents"><text:index-body>
  <text:p>Chapter One: Frost ........ 1</text:p></text:index-body></text:table-of-content>
<text:p text:style-name="P1">Winter Garden</text:p>
<text:p>by Fern Hollow</text:p>
<text:h text:style-name="Heading_20_2" text:outline-level="2">Chapter One: Frost</text:h>
<text:p>The frost came early that year.   <text:span text:style-name="T2">Too early</text:span>,
  said the gardener.<text:note text:id="ftn1" text:note-class="footnote">
    <text:note-citation>1</text:note-citation>
    <text:note-body><text:p>An old saying in the valley.</text:p></text:note-body>
  </text:note></text:p>
<text:p>She wrapped the roses in <text:span text:style-name="T1">burlap</text:span>
 and<text:s text:c="2"/>waited.<text:line-break/>Nothing moved.</text:p>
<text:p><draw:frame><draw:text-box>
  <text:p>Caption of a picture</text:p></draw:text-box></draw:frame></text:p>
<office:annotation><text:p>Remember to fix this scene.</text:p></office:annotation>
<text:h text:outline-level="2">Chapter Two: Thaw</text:h>
<text:list><text:list-item><text:p>The snow melted <text:a xlink:href="https://example.org/">slowly</text:a>.</text:p></text:list-item></text:list>
"""
META = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NS}><office:meta>
  <dc:title>Winter Garden</dc:title><meta:initial-creator>Fern Hollow</meta:initial-creator>
  <dc:creator>Someone Else</dc:creator><dc:language>en-GB</dc:language>
</office:meta></office:document-meta>"""
MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def content_xml(body: str = BODY) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS}>{AUTO}'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )


def odt_bytes(body: str = BODY, *, meta: str | None = META, manifest: str = MANIFEST) -> bytes:
    """An ODT laid out as LibreOffice writes it: an uncompressed mimetype member first."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        zf.writestr("META-INF/manifest.xml", manifest)
        zf.writestr("content.xml", content_xml(body))
        zf.writestr("styles.xml", STYLES)
        if meta is not None:
            zf.writestr("meta.xml", meta)
    return buf.getvalue()


def _texts(data: bytes) -> list[str]:
    return [b.text for b in read_bytes(data, "story.odt").blocks]


def test_odt_is_chosen_by_content_whatever_its_name() -> None:
    assert choose_reader(odt_bytes(), "story.odt").name == "odt"
    assert choose_reader(odt_bytes(), "story.zip").name == "odt"
    assert OdtReader().sniff(b"PK\x03\x04" + b"\x00" * 60, "story.docx") == 0.0


def test_odt_paragraphs_and_headings() -> None:
    doc = read_bytes(odt_bytes(), "story.odt")
    assert doc.format == "odt"
    headings = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        ("Winter Garden", 1),
        ("Chapter One: Frost", 2),
        ("Chapter Two: Thaw", 2),
    ]
    assert doc.blocks[1].text == "by Fern Hollow"


def test_odt_whitespace_collapses_but_explicit_spaces_and_breaks_stay() -> None:
    texts = _texts(odt_bytes())
    assert texts[3].startswith("The frost came early that year. Too early, said the gardener.")
    assert "burlap and  waited.\nNothing moved." in texts[4]


def test_odt_italic_and_bold_through_inherited_styles() -> None:
    doc = read_bytes(odt_bytes(), "story.odt")
    frost, roses = doc.blocks[3], doc.blocks[4]
    assert [(s.kind, frost.text[s.start : s.end]) for s in frost.spans] == [("em", "Too early")]
    assert [(s.kind, roses.text[s.start : s.end]) for s in roses.spans] == [("strong", "burlap")]
    link = next(b for b in doc.blocks if b.text.startswith("The snow"))
    assert [(s.kind, s.href, link.text[s.start : s.end]) for s in link.spans] == [
        ("link", "https://example.org/", "slowly")
    ]


def test_odt_whole_paragraph_italic_from_its_style() -> None:
    body = '<text:p text:style-name="Emphasis">A letter, all in italics.</text:p>'
    block = read_bytes(odt_bytes(body), "x.odt").blocks[0]
    assert [(s.kind, s.start, s.end) for s in block.spans] == [("em", 0, len(block.text))]


def test_odt_heading_style_names_work_without_styles_xml() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        body = '<text:p text:style-name="Heading_20_1">Part One</text:p><text:p>Text.</text:p>'
        zf.writestr("content.xml", content_xml(body))
    blocks = read_bytes(buf.getvalue(), "x.odt").blocks
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "Part One"),
        ("paragraph", 0, "Text."),
    ]


def test_odt_footnote_becomes_a_mark_and_a_closing_legend() -> None:
    texts = _texts(odt_bytes())
    assert "gardener.[1]" in texts[3]
    assert texts[-1] == "[1] An old saying in the valley."
    assert sum("old saying" in t for t in texts) == 1


def test_odt_drops_contents_tables_comments_and_text_boxes() -> None:
    text = "\n".join(_texts(odt_bytes()))
    assert "........" not in text
    assert "Remember to fix" not in text
    assert "Caption of a picture" not in text


def test_odt_metadata_is_title_initial_author_and_language() -> None:
    meta = read_bytes(odt_bytes(), "story.odt").metadata
    # Title and author are fallbacks: the text's own title line and byline win.
    assert meta == {
        "fallback_title": "Winter Garden",
        "fallback_authors": ["Fern Hollow"],
        "language": "en-GB",
    }
    assert read_bytes(odt_bytes(meta=None), "story.odt").metadata == {}


def test_flat_fodt_reads_like_the_zipped_file() -> None:
    flat = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f"{NAMED_STYLES}"
        f"{AUTO}<office:body><office:text>{BODY}</office:text></office:body></office:document>"
    ).encode()
    assert choose_reader(flat, "story.fodt").name == "odt"
    flat_doc, zipped = read_bytes(flat, "story.fodt"), read_bytes(odt_bytes(), "story.odt")
    assert [(b.kind, b.text, b.spans) for b in flat_doc.blocks] == [
        (b.kind, b.text, b.spans) for b in zipped.blocks
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (odt_bytes()[:300], "damaged or truncated"),
        (odt_bytes("<text:p>   </text:p>"), "no text"),
        (odt_bytes("<text:p>unclosed"), "content.xml is damaged"),
        (odt_bytes(manifest=MANIFEST.replace("/>\n", "><encryption-data/></x>", 1)), "password"),
    ],
)
def test_bad_odt_is_a_one_line_read_error(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError, match=re.escape(reason)) as err:
        read_bytes(data, "bad.odt")
    assert "\n" not in str(err.value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=3000), flip=st.integers(min_value=0))
def test_damaged_odt_reads_or_fails_in_one_line(cut: int, flip: int) -> None:
    data = odt_bytes()
    damaged = bytearray(data[: max(1, len(data) - cut)])
    damaged[flip % len(damaged)] ^= 0xFF
    try:
        doc = read_bytes(bytes(damaged), "a.odt")
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert any(b.text for b in doc.all_blocks())


def test_odt_without_content_xml_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(ReadError, match=r"no content\.xml"):
        OdtReader().read(buf.getvalue(), "x.odt")


def test_entity_expansion_is_not_performed() -> None:
    body = "<text:p>Before &lol; after.</text:p>"
    bomb = content_xml(body).replace(
        "<office:document-content",
        '<!DOCTYPE d [<!ENTITY lol "lollollollollollollollollollol">]><office:document-content',
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", bomb)
    doc = read_bytes(buf.getvalue(), "bomb.odt")
    assert doc.text.startswith("Before")
    assert "lol" not in doc.text


def test_odt_in_a_folder_is_a_document_not_an_archive(tmp_path: Path) -> None:
    assert zip_kind(odt_bytes()) == "odt"
    assert zip_kind(odt_bytes()[:400]) == "odt"  # directory lost: told by its first bytes
    (tmp_path / "story.odt").write_bytes(odt_bytes())
    found = list(discover([tmp_path]))
    assert [Path(c.path).name for c in found] == ["story.odt"]


def test_import_of_an_odt_stores_title_author_and_chapters(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "winter.odt").write_bytes(odt_bytes())
    report = ImportSession(library).run([folder])
    assert report.summary()["imported"] == 1, report.failed
    work = next(library.iter_works(with_text=True))
    assert work.title == "Winter Garden"
    assert work.authors == ["Fern Hollow"]
    assert len(work.chapters) == 2
    assert "The frost came early" in work.chapters[0].text
    assert "snow melted" in work.chapters[1].text
    assert [(f.mark, f.text) for f in work.footnotes] == [("1", "An old saying in the valley.")]


def test_odt_author_styled_paragraph_is_the_byline() -> None:
    # pandoc writes a document's author as an "Author" paragraph under the title.
    body = (
        '<text:p text:style-name="P1">Winter Garden</text:p>'
        '<text:p text:style-name="Author">Fern Hollow</text:p>'
        "<text:p>The frost came early that year, and the gardener wrapped the roses.</text:p>"
    )
    doc = read_bytes(odt_bytes(body), "story.odt")
    assert doc.metadata["authors"] == ["Fern Hollow"]
    assert [b.text for b in doc.blocks][:1] == ["Winter Garden"]
    assert "Fern Hollow" not in [b.text for b in doc.blocks]


def test_odt_plain_name_line_is_left_to_the_parser() -> None:
    body = (
        '<text:p text:style-name="P1">Winter Garden</text:p>'
        "<text:p>Fern Hollow</text:p>"
        "<text:p>The frost came early that year, and the gardener wrapped the roses.</text:p>"
    )
    doc = read_bytes(odt_bytes(body), "story.odt")
    assert "authors" not in doc.metadata
    assert [b.text for b in doc.blocks][1] == "Fern Hollow"
