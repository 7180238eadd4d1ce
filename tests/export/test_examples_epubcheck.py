"""Every example work (examples/), imported and exported, passes epubcheck and reads back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fandex.clean import clean
from fandex.export.epub import build_epub
from fandex.export.tags import exportable_tags
from fandex.importer import ImportSession
from fandex.library import Library
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes


@pytest.fixture(scope="module")
def example_works(tmp_path_factory: pytest.TempPathFactory) -> list[Work]:
    examples = Path(__file__).resolve().parents[2] / "examples"
    lib = Library.open(tmp_path_factory.mktemp("examples") / "lib.db")
    try:
        ImportSession(lib, jobs=1).run([examples])
        works = list(lib.iter_works(with_text=True))
    finally:
        lib.close()
    assert len(works) >= len([p for p in examples.iterdir() if p.is_file()]) - 1
    return works


def test_every_example_reads_back_with_its_title_chapters_and_tags(
    example_works: list[Work],
) -> None:
    for work in example_works:
        back = build_work(clean(read_bytes(build_epub(work), "x.epub")))
        assert back.title == work.title, work.title
        assert back.authors == work.authors, work.title
        assert [c.text for c in back.chapters] == [c.text for c in work.chapters], work.title
        sent = {(t.type, t.name) for t in exportable_tags(work)}
        assert {(t.type, t.name) for t in back.tags} == sent, work.title


@pytest.mark.epubcheck
def test_every_example_passes_epubcheck(
    example_works: list[Work], tmp_path: Path, epubcheck: Callable[..., str]
) -> None:
    paths = []
    for work in example_works:
        path = tmp_path / f"{work.id}.epub"
        path.write_bytes(build_epub(work))
        paths.append(path)
    epubcheck(*paths)
