"""RTF: code pages and \\u escapes, paragraphs, emphasis, headings, footnotes, hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fandex.errors import ReadError
from fandex.importer import ImportSession
from fandex.library import Library
from fandex.read import choose_reader, read_bytes
from fandex.read.rtf import RtfReader, read_rtf

# Laid out as WordPad and Word write it: tables first, an \info group, then the body.
HEADER = (
    r"{\rtf1\ansi\ansicpg1252\deff0\nouicompat"
    r"{\fonttbl{\f0\fnil\fcharset0 Calibri;}{\f1\froman\fcharset204 Times New Roman;}}"
    "\n"
    r"{\colortbl ;\red0\green0\blue0;}"
    r"{\stylesheet{\ql Normal;}{\s1\ql\outlinelevel0\b heading 1;}"
    r"{\s2\ql\b Title;}{\*\cs10 Default Paragraph Font;}}"
    "\n"
    r"{\info{\title Snow Day}{\author Fern Hollow}{\operator someone}}"
    r"{\*\generator Riched20 10.0.19041}\viewkind4\uc1"
    "\n"
)
BODY = "\n".join(
    [
        r"\pard\s1\outlinelevel0\b\f0\fs32 Chapter One\b0\par",
        r"\pard\fs22 The snow fell on the caf\'e9. \i She\i0  smiled \u8212\'97 then left.\par",
        r"\ldblquote Wait,\rdblquote  he said.{\cs16\super \chftn}"
        r"{\footnote\pard\plain{\cs16\super \chftn} A note on waiting.}\par",
        r"{\f1 \'cf\'f0\'e8\'e2\'e5\'f2}\line next line\par",
        r"{\pict\wmetafile8\picw100 0101ffff0a0b}{\*\bkmkstart anchor}{\v hidden words}",
        r"\pard\s1 Chapter Two\par",
        r"\pard It was \b very\b0  late.\par",
    ]
)


def rtf(body: str = BODY, header: str = HEADER) -> bytes:
    return (header + body + "\n}").encode("utf-8")  # ASCII but for the raw UTF-8 test


def _blocks(data: bytes) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in read_bytes(data, "story.rtf").blocks]


def test_rtf_is_chosen_by_content_whatever_its_name() -> None:
    assert choose_reader(rtf(), "story.rtf").name == "rtf"
    assert choose_reader(rtf(), "story.txt").name == "rtf"
    assert choose_reader(b"\xef\xbb\xbf  " + rtf(), "story").name == "rtf"
    assert read_bytes(b"\xef\xbb\xbf  " + rtf(), "story").blocks[0].text == "Chapter One"
    assert RtfReader().sniff(b"Title: not rtf at all", "fake.rtf") == 0.0


def test_rtf_paragraphs_and_headings_from_outline_level_and_style_names() -> None:
    blocks = _blocks(rtf())
    assert blocks[0] == ("heading", 1, "Chapter One")
    assert ("heading", 1, "Chapter Two") in blocks  # style \s1 is named "heading 1"
    title = _blocks(rtf(r"\pard\s2 My Title\par\pard Body.\par"))
    assert title[0] == ("heading", 1, "My Title")
    assert title[1] == ("paragraph", 0, "Body.")


def test_rtf_code_page_bytes_and_unicode_escapes() -> None:
    texts = [t for _k, _l, t in _blocks(rtf())]
    assert texts[1] == "The snow fell on the café. She smiled — then left."  # fallback skipped
    assert texts[2].startswith("“Wait,” he said.")
    assert texts[3] == "Привет\nnext line"  # font 1 is \fcharset204 (Cyrillic)


def test_rtf_uc0_surrogate_pairs_and_raw_utf8() -> None:
    body = r"\uc0 caf\u233 \par Smile \uc1\u-10179?\u-8704? done.\par " + "naïve\\par"
    texts = [t for _k, _l, t in _blocks(rtf(body))]
    assert texts == ["café", "Smile \U0001f600 done.", "naïve"]


def test_textedit_rtf_with_backslash_newline_paragraphs() -> None:
    cocoa = (
        b"{\\rtf1\\ansi\\ansicpg1252\\cocoartf2580\n"
        b"{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
        b"{\\colortbl;\\red255\\green255\\blue255;}\n"
        b"{\\*\\expandedcolortbl;;}\n"
        b"\\pard\\tx566\\pardirnatural\\partightenfactor0\n\n"
        b"\\f0\\fs24 \\cf0 First line of the draft.\\\n"
        b"\\uc0\\u8220 Quoted,\\u8221  she said.\\\n"
        b"}"
    )
    assert [t for _k, _l, t in _blocks(cocoa)] == [
        "First line of the draft.",
        "“Quoted,” she said.",
    ]


def test_rtf_double_byte_code_page_and_escapes_that_look_like_utf8() -> None:
    shift_jis = rtf(r"\pard \'82\'b1\'82\'f1\par", header=r"{\rtf1\ansi\ansicpg932 ")
    assert _blocks(shift_jis)[0][2] == "こん"
    # \'c3\'a9 is "Ã©" in cp1252, even though the two bytes are also UTF-8 for "é"
    assert _blocks(rtf(r"\pard \'c3\'a9\par", header=r"{\rtf1\ansi "))[0][2] == "Ã©"


def test_rtf_mac_code_page() -> None:
    data = rtf(r"\pard caf\'8e\par", header=r"{\rtf1\mac ")
    assert _blocks(data)[0][2] == "café"


def test_rtf_italic_and_bold_become_spans() -> None:
    doc = read_bytes(rtf(), "story.rtf")
    smiled = doc.blocks[1]
    late = next(b for b in doc.blocks if b.text.startswith("It was"))
    assert [(s.kind, smiled.text[s.start : s.end]) for s in smiled.spans] == [("em", "She")]
    assert [(s.kind, late.text[s.start : s.end]) for s in late.spans] == [("strong", "very")]


def test_rtf_footnote_becomes_a_mark_and_a_closing_legend() -> None:
    texts = [t for _k, _l, t in _blocks(rtf())]
    assert texts[2] == "“Wait,” he said.[1]"
    assert texts[-1] == "[1] A note on waiting."


def test_rtf_starred_footnote_as_pandoc_writes_it() -> None:
    body = (
        r"{\pard Luck.{\super\chftn}{\*\footnote\chftn\~\plain\pard {\pard Seventeen.\par}"
        "\n"
        r"}\par}{\*\unknowndest secret}{\pard After.\par}"
    )
    texts = [t for _k, _l, t in _blocks(rtf(body, header="{\\rtf1\\ansi "))]
    assert texts == ["Luck.[1]", "After.", "[1] Seventeen."]


def test_rtf_tables_pictures_hidden_text_and_generator_stay_out() -> None:
    text = read_bytes(rtf(), "story.rtf").text
    for chrome in ("Calibri", "Times", "Normal", "Riched20", "0101ff", "hidden", "anchor"):
        assert chrome not in text
    assert "Snow Day" not in text and "Fern Hollow" not in text


def test_rtf_info_is_title_and_author() -> None:
    meta = read_bytes(rtf(), "story.rtf").metadata
    # Fallbacks: the text's own title line and byline win.
    assert meta == {"fallback_title": "Snow Day", "fallback_authors": ["Fern Hollow"]}
    placeholder = HEADER.replace("Fern Hollow", "User")
    assert "fallback_authors" not in read_bytes(rtf(header=placeholder), "s.rtf").metadata


def test_rtf_binary_data_is_jumped_over() -> None:
    blob = "{\\*\\blipuid x}{\\pict\\bin6 \\par{}}"
    assert _blocks(rtf(blob + r"After.\par")) == [("paragraph", 0, "After.")]


def test_truncated_rtf_reads_what_is_there_with_a_notice() -> None:
    data = rtf()
    cut = data[: data.index(b"Chapter Two")]
    doc = read_bytes(cut, "cut.rtf")
    assert doc.blocks[0].text == "Chapter One"
    assert doc.notices and "ends early" in doc.notices[0]


def test_deep_nesting_does_not_crash() -> None:
    data = b"{\\rtf1 " + b"{" * 200_000 + b"deep text" + b"}" * 200_000 + b"}"
    assert read_bytes(data, "deep.rtf").blocks[0].text == "deep text"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}}", "no text"),
        (b"{\\rtf1 {\\*\\generator only}\\par\\par}", "no text"),
        (b"Just some text pretending.", "not an RTF document"),
        (b"{\\rtx1 close but no}", "not an RTF document"),
    ],
)
def test_bad_rtf_is_a_one_line_read_error(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError, match=reason) as err:
        RtfReader().read(data, "bad.rtf")
    assert "\n" not in str(err.value)


def test_not_really_rtf_named_rtf_is_read_as_what_it_is() -> None:
    with pytest.raises(ReadError) as err:
        read_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "picture.rtf")
    assert "PNG" in str(err.value)


TOKENS = st.sampled_from(
    [
        "{",
        "}",
        "\\par ",
        "\\i ",
        "\\i0 ",
        "\\b ",
        "\\u-10179?",
        "\\u8212\\'97",
        "\\'e9",
        "\\'zz",
        "\\uc0",
        "\\uc5 ",
        "{\\*\\x ",
        "{\\footnote ",
        "\\chftn ",
        "{\\info{\\title ",
        "{\\fonttbl{\\f1\\fcharset128 ",
        "\\f1 ",
        "\\bin5 ",
        "\\bin-3 ",
        "\\s1 ",
        "\\outlinelevel9 ",
        "\\",
        "text ",
        "é",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(TOKENS, max_size=40))
def test_any_rtf_token_soup_reads_or_fails_in_one_line(parts: list[str]) -> None:
    data = ("{\\rtf1 " + "".join(parts)).encode("utf-8")
    try:
        doc = read_bytes(data, "soup.rtf")
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert any(b.text for b in doc.blocks)


def test_import_of_an_rtf_stores_title_author_and_chapters(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "snow.rtf").write_bytes(rtf())
    report = ImportSession(library).run([folder])
    assert report.summary()["imported"] == 1, report.failed
    work = next(library.iter_works(with_text=True))
    assert work.title == "Snow Day"
    assert work.authors == ["Fern Hollow"]
    assert len(work.chapters) == 2
    assert "café" in work.chapters[0].text
    assert [(f.mark, f.text) for f in work.footnotes] == [("1", "A note on waiting.")]


def test_calibres_picture_placeholders_are_no_text() -> None:
    # calibre's RTF of a saved page: "SPECIAL_IMAGE-<address>-REPLACE_ME" where a
    # picture (a site's logo, an author's avatar) was.
    data = (
        rb"{\rtf1\ansi {\pard SPECIAL_IMAGE-//cdn.example.org/image/12/75/-REPLACE_ME "
        rb"The Lighthouse Keeper\par}{\pard Mara climbed the stairs.\par}}"
    )
    texts = [b.text for b in read_rtf(data).blocks]
    assert texts == ["The Lighthouse Keeper", "Mara climbed the stairs."]


def test_calibres_block_opening_tab_starts_a_paragraph() -> None:
    # calibre's RTF opens each of the page's blocks with "{" and a raw tab, and a text
    # broken by <br> has no \par before the next block: the tab is the break.
    rtf = (
        b"{\\rtf1\\ansi {\t\nThe boats came in at dusk.{\\line }\nThe nets were empty. {\t\n"
        b"Post a new comment\\par\\pard\\plain\\hyphpar} {\\b Tide} and {\\i\tfoam}\\par}"
    )
    assert [b.text for b in read_rtf(rtf).blocks] == [
        "The boats came in at dusk.\nThe nets were empty.",
        "Post a new comment",
        "Tide and \tfoam",  # a tab inside a group's text is the text's own
    ]


def test_an_empty_line_inside_a_paragraph_parts_it() -> None:
    # calibre writes a page's "<br><br>" as two \line marks in one paragraph: a blank
    # line between paragraphs, as in plain text. Of a heading so parted (a page's menu
    # run into its title's paragraph), only the last part is the heading.
    rtf = (
        b"{\\rtf1\\ansi{\\stylesheet{\\s1 heading 1;}}"
        b"{\\s1 Home{\\line}{\\line}Gulls\\par}"
        b"{Title: Gulls{\\line}Rating: G{\\line}\n{\\line}\nThe boats came in at {\\i dusk}."
        b"{\\line}{\\line}The nets were empty.{\\line}{\\line}\\par}}"
    )
    blocks = read_rtf(rtf).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Home"),
        ("heading", "Gulls"),
        ("paragraph", "Title: Gulls\nRating: G"),
        ("paragraph", "The boats came in at dusk."),
        ("paragraph", "The nets were empty."),
    ]
    assert [blocks[3].text[s.start : s.end] for s in blocks[3].spans] == ["dusk"]
