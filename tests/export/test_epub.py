"""EPUB export: container rules, OPF metadata, AO3 preface, chapters, nav, footnotes."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from io import BytesIO

import pytest
from lxml import etree

from fandex.export.epub import book_identifier, build_epub
from fandex.model import Chapter, Footnote, Tag, Work

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def test_mimetype_is_first_and_stored(work: Work) -> None:
    with zipfile.ZipFile(BytesIO(build_epub(work))) as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert zf.read("mimetype") == b"application/epub+zip"


def test_every_content_document_is_well_formed_xml(work: Work) -> None:
    for name, data in members(build_epub(work)).items():
        if name.endswith((".xhtml", ".opf", ".xml")):
            xml(data)  # raises on malformed XML


def test_opf_carries_title_authors_language_subjects_series(work: Work) -> None:
    opf = xml(members(build_epub(work))["OEBPS/content.opf"])
    assert opf.findtext(".//dc:title", namespaces=NS) == "The Lighthouse Ledger"
    assert [e.text for e in opf.findall(".//dc:creator", NS)] == ["Quill Marsh", "Second Pen"]
    assert opf.findtext(".//dc:language", namespaces=NS) == "en"
    subjects = {e.text for e in opf.findall(".//dc:subject", NS)}
    assert {"Harbour Town", "Ada Keeper/Bea Pilot", "Bea Pilot", "Lighthouses"} <= subjects
    assert opf.findtext(".//dc:date", namespaces=NS) == "2009-05-01"
    series = opf.find(".//opf:meta[@property='belongs-to-collection']", NS)
    assert series is not None and series.text == "Harbour Stories"
    place = opf.find(".//opf:meta[@property='group-position']", NS)
    assert place is not None and place.text == "2"
    # calibre reads its own pair: the series and its index.
    metas = {m.get("name"): m.get("content") for m in opf.findall(".//opf:meta[@name]", NS)}
    assert (metas["calibre:series"], float(metas["calibre:series_index"])) == (
        "Harbour Stories",
        2.0,
    )


def test_spine_is_preface_then_chapters_then_afterword(work: Work) -> None:
    opf = xml(members(build_epub(work))["OEBPS/content.opf"])
    spine = [i.get("idref") for i in opf.findall(".//opf:spine/opf:itemref", NS)]
    assert spine == ["preface", "chapter1", "chapter2", "chapter3", "afterword"]


def test_identifier_is_stable_for_the_same_work(work: Work) -> None:
    assert book_identifier(work) == book_identifier(work)
    other = Work(id="fedcba9876543210", title=work.title)
    assert book_identifier(other) != book_identifier(work)


def _preface_tags(data: bytes, dl_class: str = "tags") -> list[tuple[str, list[str]]]:
    """The title page's tag list: the author's (``tags``) or fandex's (``fandex-tags``)."""
    page = xml(members(data)["OEBPS/preface.xhtml"])
    dl = page.find(f".//x:div[@id='preface']//x:dl[@class='{dl_class}']", NS)
    if dl is None:
        return []
    out: list[tuple[str, list[str]]] = []
    label = ""
    for el in dl:
        if el.tag.endswith("dt"):
            label = "".join(el.itertext()).strip()
        else:
            names = el.findall("x:a", NS) + el.findall("x:span", NS)
            out.append((label, ["".join(a.itertext()) for a in names]))
    return out


def _noticed(data: bytes) -> dict[str, list[str]]:
    return dict(_preface_tags(data, "fandex-tags"))


def test_preface_lists_typed_tags_in_ao3_order_and_labels(work: Work) -> None:
    tags = dict(_preface_tags(build_epub(work)))
    assert list(tags)[:7] == [
        "Rating:",
        "Archive Warning:",
        "Category:",
        "Fandom:",
        "Relationship:",
        "Character:",
        "Additional Tags:",
    ]
    assert tags["Character:"] == ["Ada Keeper"]
    assert tags["Additional Tags:"] == ["Lighthouses"]


def test_fandex_guesses_are_listed_apart_from_the_authors_tags_with_confidence(
    work: Work,
) -> None:
    data = build_epub(work)
    assert _noticed(data) == {"Character:": ["Bea Pilot"], "Additional Tags:": ["Learned Tag"]}
    page = members(data)["OEBPS/preface.xhtml"].decode()
    assert "fandex noticed" in page
    assert 'data-fandex-source="inferred" data-fandex-confidence="0.9"' in page
    assert "Bea Pilot</span> (90%)" in page and "Learned Tag</span> (learned, 70%)" in page


def test_rejected_and_low_confidence_tags_never_leave(work: Work) -> None:
    data = build_epub(work)
    everything = b"".join(members(data).values())
    assert b"Rejected Trope" not in everything
    assert b"Low Confidence Person" not in everything


def test_min_confidence_decides_which_inferred_tags_leave(work: Work) -> None:
    strict = _noticed(build_epub(work, min_confidence=0.95))
    assert "Character:" not in strict
    loose_data = build_epub(work, min_confidence=0.1)
    loose = _noticed(loose_data)
    assert "Low Confidence Person" in loose["Characters:"]
    assert "Rejected Trope" not in dict(_preface_tags(loose_data))["Additional Tags:"]


def test_rejection_hides_the_inferred_tag_it_overrides() -> None:
    work = Work(title="T", chapters=[Chapter(1, text="x")])
    work.add_tag(Tag("character", "Someone", source="inferred", confidence=0.99))
    work.add_tag(Tag("character", "Someone", source="user", attrs={"rejected": True}))
    assert b"Someone" not in b"".join(members(build_epub(work)).values())


def test_preface_has_title_byline_summary_and_notes(work: Work) -> None:
    page = xml(members(build_epub(work))["OEBPS/preface.xhtml"])
    preface = page.find(".//x:div[@id='preface']", NS)
    assert preface is not None
    assert preface.findtext(".//x:h1", namespaces=NS) == "The Lighthouse Ledger"
    authors = [a.text for a in preface.findall(".//x:div[@class='byline']/x:a[@rel='author']", NS)]
    assert authors == ["Quill Marsh", "Second Pen"]
    quotes = ["".join(q.itertext()) for q in preface.findall(".//x:blockquote", NS)]
    assert "A keeper counts ships." in quotes[0]
    assert "Written for a prompt" in quotes[1]


def test_chapters_have_ao3_headings_notes_and_end_notes(work: Work) -> None:
    files = members(build_epub(work))
    first = xml(files["OEBPS/chapter-001.xhtml"])
    assert first.findtext(".//x:h2[@class='heading']", namespaces=NS) == "Chapter 1: Arrival"
    end = first.find(".//x:div[@id='endnotes1']//x:blockquote", NS)
    assert end is not None and "Chapter one end note." in "".join(end.itertext())
    second = xml(files["OEBPS/chapter-002.xhtml"])
    paras = second.findall(".//x:div[@class='userstuff']/x:p", NS)
    assert [len(p.findall("x:br", NS)) for p in paras] == [0, 1]


def test_nav_lists_every_chapter_in_order(work: Work) -> None:
    nav = xml(members(build_epub(work))["OEBPS/nav.xhtml"])
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    assert toc is not None
    entries = [(a.get("href"), a.text) for a in toc.findall(".//x:a", NS)]
    assert entries[1:4] == [
        ("chapter-001.xhtml", "Chapter 1: Arrival"),
        ("chapter-002.xhtml", "Chapter 2: Ledger"),
        ("chapter-003.xhtml", "Chapter 3: Departure"),
    ]


def _ids(files: dict[str, bytes]) -> dict[str, set[str]]:
    return {
        name.removeprefix("OEBPS/"): {e.get("id") for e in xml(data).iter() if e.get("id")}
        for name, data in files.items()
        if name.endswith(".xhtml")
    }


def test_footnotes_link_both_ways_to_existing_targets(work: Work) -> None:
    files = members(build_epub(work))
    ids = _ids(files)
    refs = xml(files["OEBPS/chapter-002.xhtml"]).findall(".//x:a[@epub:type='noteref']", NS)
    assert [a.text for a in refs] == ["[2]"]
    file, anchor = refs[0].get("href").split("#")
    assert anchor in ids[file]
    note = xml(files["OEBPS/" + file]).find(f".//x:aside[@id='{anchor}']", NS)
    assert note is not None and "Some pages were blank." in "".join(note.itertext())
    back = note.find(".//x:a[@role='doc-backlink']", NS)
    assert back is not None
    back_file, back_anchor = back.get("href").split("#")
    assert back_file == "chapter-002.xhtml" and back_anchor == refs[0].get("id")


def test_every_internal_link_resolves(work: Work) -> None:
    files = members(build_epub(work))
    ids = _ids(files)
    for name, data in files.items():
        if not name.endswith(".xhtml"):
            continue
        for a in xml(data).iter("{http://www.w3.org/1999/xhtml}a"):
            href = a.get("href")
            if not href or href.startswith("http"):
                continue
            file, _, anchor = href.partition("#")
            file = file or name.removeprefix("OEBPS/")
            assert file in ids, (name, href)
            assert not anchor or anchor in ids[file], (name, href)


def test_a_footnote_whose_mark_is_missing_is_listed_without_a_link() -> None:
    work = Work(title="T", chapters=[Chapter(1, text="No marks here.")])
    work.footnotes = [Footnote("7", "An orphan note.")]
    files = members(build_epub(work))
    after = xml(files["OEBPS/afterword.xhtml"])
    assert "An orphan note." in "".join(after.itertext())
    assert after.find(".//x:a[@role='doc-backlink']", NS) is None


def test_control_characters_and_markup_in_titles_are_escaped() -> None:
    work = Work(
        title="<b>Bold</b> & \x07bell",
        authors=["A <script>"],
        chapters=[Chapter(1, "<i>x</i>", text="Less < more & \x0bso on.")],
    )
    files = members(build_epub(work))
    page = xml(files["OEBPS/preface.xhtml"])
    assert page.findtext(".//x:h1", namespaces=NS) == "<b>Bold</b> & bell"
    assert "Less < more & so on." in "".join(xml(files["OEBPS/chapter-001.xhtml"]).itertext())


def test_chapter_html_is_sanitised() -> None:
    html = '<p onclick="x()">Kept <em>words</em><script>alert(1)</script><img src="http://e/x.png"></p>'
    work = Work(title="T", chapters=[Chapter(1, text="Kept words", html=html)])
    chapter = members(build_epub(work))["OEBPS/chapter-001.xhtml"]
    assert b"<em>words</em>" in chapter
    assert b"script" not in chapter and b"onclick" not in chapter and b"img" not in chapter


def test_cover_is_declared_as_cover_image() -> None:
    work = Work(title="T", chapters=[Chapter(1, text="x")])
    files = members(build_epub(work, cover=PNG_1PX))
    opf = xml(files["OEBPS/content.opf"])
    item = opf.find(".//opf:item[@properties='cover-image']", NS)
    assert item is not None and files["OEBPS/" + item.get("href")] == PNG_1PX


def test_a_cover_that_is_not_an_image_is_refused() -> None:
    with pytest.raises(ValueError, match="PNG or JPEG"):
        build_epub(Work(title="T"), cover=b"GIF89a")


def test_modified_stamp_can_be_pinned_for_reproducible_files(work: Work) -> None:
    when = datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    opf = members(build_epub(work, modified=when))["OEBPS/content.opf"]
    assert b"2020-01-02T03:04:05Z" in opf


def test_ncx_lists_the_same_entries_as_the_nav_for_older_readers(work: Work) -> None:
    files = members(build_epub(work))
    ncx = xml(files["OEBPS/toc.ncx"])
    ns = {"n": "http://www.daisy.org/z3986/2005/ncx/"}
    labels = [t.text for t in ncx.findall(".//n:navPoint/n:navLabel/n:text", ns)]
    assert labels == [
        "Preface",
        "Chapter 1: Arrival",
        "Chapter 2: Ledger",
        "Chapter 3: Departure",
        "Afterword",
    ]
    uid = ncx.find(".//n:meta[@name='dtb:uid']", ns)
    opf = xml(files["OEBPS/content.opf"])
    assert uid is not None and uid.get("content") == opf.findtext(".//dc:identifier", namespaces=NS)
