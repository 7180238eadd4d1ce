"""The same story as txt, legacy HTML, AO3 HTML, AO3 EPUB and DOCX reads the same:
title, authors, chapters and word count (within 1%), and the AO3 forms the same tags."""

from __future__ import annotations

import pytest
import storybuilders as sb

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

FORMATS = {
    "txt": (sb.txt, "story.txt"),
    "txt-cp1252-crlf": (lambda: sb.txt("cp1252").replace(b"\n", b"\r\n"), "story.txt"),
    "html": (sb.legacy_html, "story.html"),
    "ao3-html": (sb.ao3_html, "story.html"),
    "ao3-epub": (sb.ao3_epub, "story.epub"),
    "docx": (sb.docx_bytes, "story.docx"),
    "fff-epub": (sb.fff_epub, "story.epub"),
}


def _work(fmt: str) -> Work:
    build, name = FORMATS[fmt]
    return build_work(clean(read_bytes(build(), name)))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_same_title_authors_chapters_and_words(fmt: str) -> None:
    work = _work(fmt)
    assert work.title == sb.TITLE
    assert work.authors == [sb.AUTHOR]
    assert len(work.chapters) == len(sb.CHAPTERS)
    expected = sb.story_words()
    assert abs(work.words - expected) <= 0.01 * expected, (work.words, expected)
    for chapter, (_name, paras) in zip(work.chapters, sb.CHAPTERS, strict=True):
        assert paras[-1].split()[-1].strip('“”"') in chapter.text


def test_ao3_html_and_epub_state_the_same_typed_tags() -> None:
    def typed(w: Work) -> list[tuple[str, str]]:
        return sorted((t.type, t.name) for t in w.tags if t.source == "stated")

    html, epub = _work("ao3-html"), _work("ao3-epub")
    assert typed(html) == typed(epub)
    assert set(sb.TYPED_TAGS) <= set(typed(html))
