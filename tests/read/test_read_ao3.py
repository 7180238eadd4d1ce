"""AO3 downloads: the HTML and the EPUB carry the same typed tags and structure."""

from __future__ import annotations

import storybuilders as sb

from fandex.read import read_bytes
from fandex.read.document import RawDocument


def _html() -> RawDocument:
    return read_bytes(sb.ao3_html(), "The_Lighthouse_Keeper.html")


def _epub() -> RawDocument:
    return read_bytes(sb.ao3_epub(), "The_Lighthouse_Keeper.epub")


def test_ao3_html_is_chosen_by_content() -> None:
    assert _html().metadata["producer"] == "ao3"
    # named .txt, it is still an AO3 download
    assert read_bytes(sb.ao3_html(), "download.txt").metadata["producer"] == "ao3"


def test_ao3_typed_tags_become_type_name_pairs() -> None:
    assert sorted(_html().metadata["tags"]) == sb.TYPED_TAGS


def test_ao3_title_authors_summary_notes() -> None:
    meta = _html().metadata
    assert meta["title"] == sb.TITLE
    assert meta["authors"] == [sb.AUTHOR]
    assert meta["summary"] == sb.SUMMARY
    assert meta["notes_begin"] == "Written for a prompt about weather."
    assert meta["notes_end"] == "Thank you for reading."
    assert meta["url"] == "http://archiveofourown.org/works/1000001"


def test_ao3_stats_become_fields_and_dates() -> None:
    meta = _html().metadata
    assert meta["published"] == "2020-03-01"
    assert meta["updated"] == "2020-03-08"
    assert meta["status"] == "complete"
    assert meta["fields"]["Words"] == f"{sb.story_words():,}"
    assert meta["fields"]["Chapters"] == "2/2"
    assert meta["language"] == "en"
    assert meta["series"] == "Coastal Tales"
    assert meta["fields"]["Series"] == "Part 1 of Coastal Tales"


def test_ao3_chapters_with_their_own_summary_and_notes() -> None:
    chapters = _html().chapters
    assert [c.title for c in chapters] == ["Storm Warning", "Morning"]
    assert chapters[0].summary == "Part 1 of the night."
    assert chapters[0].notes_begin == "First chapter note."
    assert chapters[0].notes_end == "More soon."
    assert chapters[1].notes_end is None
    assert [b.text for b in chapters[1].blocks] == sb.CHAPTERS[1][1]
    assert chapters[0].html and "<p>" in chapters[0].html


def test_ao3_preface_text_is_not_story_text() -> None:
    doc = _html()
    assert doc.blocks == []
    assert "Posted originally" not in doc.text
    assert "drop by the archive" not in doc.text


def test_ao3_wip_status_from_chapter_count() -> None:
    data = (
        sb.ao3_html()
        .replace(b"Chapters: 2/2", b"Chapters: 2/?")
        .replace(b"Completed: 2020-03-08", b"Updated: 2020-03-08")
    )
    meta = read_bytes(data, "w.html").metadata
    assert meta["status"] == "wip"
    assert meta["updated"] == "2020-03-08"


def test_ao3_single_chapter_work_is_one_chapter() -> None:
    page = sb.ao3_html().decode()
    start = page.index('<div id="chapters" class="userstuff">')
    end = page.index('<div id="afterword">')
    single = (
        page[:start]
        + '<div id="chapters" class="userstuff"><p>Only one short chapter here.</p></div>\n'
        + page[end:]
    )
    doc = read_bytes(single.encode(), "one.html")
    assert len(doc.chapters) == 1
    assert doc.chapters[0].title is None
    assert doc.chapters[0].blocks[0].text == "Only one short chapter here."


def test_ao3_multiple_authors() -> None:
    data = sb.ao3_html().replace(
        b"</a></div>", b'</a>, <a rel="author" href="/users/Second">Second Hand</a></div>', 1
    )
    assert read_bytes(data, "two.html").metadata["authors"] == [sb.AUTHOR, "Second Hand"]


def test_ao3_epub_recovers_types_from_the_preface() -> None:
    doc = _epub()
    assert doc.format == "epub"
    assert sorted(doc.metadata["tags"]) == sb.TYPED_TAGS


def test_ao3_epub_matches_the_html_download() -> None:
    html, epub = _html(), _epub()
    for key in ("title", "authors", "summary", "notes_begin", "notes_end", "published", "status"):
        assert epub.metadata[key] == html.metadata[key], key
    assert [c.title for c in epub.chapters] == [c.title for c in html.chapters]
    assert [[b.text for b in c.blocks] for c in epub.chapters] == [
        [b.text for b in c.blocks] for c in html.chapters
    ]
    assert epub.chapters[0].notes_end == "More soon."


def test_ao3_epub_whose_preface_lost_its_id_still_gives_typed_tags() -> None:
    preface = sb.ao3_preface().replace('<div id="preface">', '<div class="preface">', 1)
    pages = [("preface.xhtml", sb._xhtml(preface))]
    pages += [(f"c{i}.xhtml", sb._xhtml(sb.ao3_chapter(i))) for i in (1, 2)]
    doc = read_bytes(sb.epub(pages), "x.epub")
    assert sorted(doc.metadata["tags"]) == sb.TYPED_TAGS
    assert doc.metadata["summary"] == sb.SUMMARY
    assert [c.title for c in doc.chapters] == ["Storm Warning", "Morning"]


def test_ao3_landmark_headings_are_not_story_text() -> None:
    data = sb.ao3_html().replace(
        b'<div class="userstuff">\n',
        b'<div class="userstuff">\n<h3 class="landmark heading">Chapter Text</h3>\n',
        1,
    )
    doc = read_bytes(data, "w.html")
    assert [b.text for b in doc.chapters[0].blocks] == sb.CHAPTERS[0][1]


def test_ao3_download_byline_of_a_pseud_names_the_pseud() -> None:
    # "Pseud (account)" linked to /users/account/pseuds/Pseud is the pseud's byline.
    page = sb.ao3_html().replace(
        f'QuillWriter/pseuds/QuillWriter">{sb.AUTHOR}</a>'.encode(),
        b'QuillWriter/pseuds/Ink%20Well">Ink Well (QuillWriter)</a>',
    )
    assert read_bytes(page, "story.html").metadata["authors"] == ["Ink Well"]
