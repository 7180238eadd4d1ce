"""EPUBs from awkward works pass Debian's epubcheck (and the check itself can fail)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from fandex.export.epub import build_epub
from fandex.model import Chapter, Footnote, Tag, Work

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def awkward_work() -> Work:
    """No authors, a language name fandex cannot map, an undated date, HTML chapters with
    tables and links, a bare-symbol footnote, an empty chapter, odd characters."""
    work = Work(
        title='\x01 <Odd> & "quoted" title \u202e',
        language="Klingon",
        published="sometime in 2003",
        chapters=[
            Chapter(
                1,
                None,
                html='<table><tr><td>cell</td></tr></table><p>a<br>b <a href="#x">in</a>'
                ' <a href="https://example.org/">out</a></p><div><p>nested</p></div>',
            ),
            Chapter(2, "Two", text="Star mark*.\n\n* * *\n\nAfter the break."),
            Chapter(3, "", text=""),
            Chapter(
                4,
                "Tag soup",
                html="<i><p>slanted</p><p>twice</p></i><span>x<div>y</div></span><li>orphan</li>"
                "<h2>head<blockquote>quote</blockquote></h2><b><ul><li>item</li></ul></b>"
                "<font color=red><center>old</center></font><p>a &nbsp; b</p><dd>loose</dd>",
            ),
        ],
        footnotes=[Footnote("*", "The star note."), Footnote("", "blank mark")],
        summary="Summary with <tags> & ampersands.",
    )
    work.add_tag(Tag("freeform", "Tag, with comma"))
    return work


@pytest.mark.epubcheck
def test_rich_awkward_and_minimal_works_pass_epubcheck(
    work: Work, tmp_path: Path, epubcheck: Callable[..., str]
) -> None:
    books = {
        "rich.epub": build_epub(work, cover=PNG_1PX),
        "awkward.epub": build_epub(awkward_work()),
        "minimal.epub": build_epub(Work()),
    }
    paths = []
    for name, data in books.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    epubcheck(*paths)


@pytest.mark.epubcheck
def test_the_check_fails_a_broken_epub(
    work: Work, tmp_path: Path, epubcheck: Callable[..., str]
) -> None:
    # A content document dropped from the zip but still in the manifest is an error.
    good = tmp_path / "good.epub"
    good.write_bytes(build_epub(work))
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            if info.filename != "OEBPS/chapter-002.xhtml":
                dst.writestr(info, src.read(info))
    with pytest.raises(AssertionError):
        epubcheck(broken)
    with pytest.raises(AssertionError):
        epubcheck(good, broken)
