"""calibre's metadata.opf beside a book it saved to disk: read as the book's record."""

from __future__ import annotations

from pathlib import Path

from fandex.importer import ImportSession
from fandex.library import Library
from fandex.read.calibre_opf import opf_overlay

_OPF = """<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="uuid_id" version="2.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:identifier opf:scheme="calibre" id="calibre_id">12</dc:identifier>
    <dc:title>Ferry Weather</dc:title>
    <dc:creator opf:file-as="Reed, Tamsin" opf:role="aut">Tamsin Reed</dc:creator>
    <dc:contributor opf:role="bkp">calibre (5.0) [https://calibre-ebook.com]</dc:contributor>
    <dc:date>2015-05-06T00:00:00+00:00</dc:date>
    <dc:description>&lt;p&gt;Two strangers wait out a low tide.&lt;/p&gt;</dc:description>
    <dc:identifier opf:scheme="url">https://example.org/works/77</dc:identifier>
    <dc:language>eng</dc:language>
    <dc:subject>Slow Burn</dc:subject>
    <meta name="calibre:series" content="River Stories"/>
    <meta name="calibre:series_index" content="2"/>
    <meta name="calibre:user_metadata:#ships" content="{&quot;datatype&quot;: &quot;text&quot;,
      &quot;name&quot;: &quot;Ships&quot;, &quot;#value#&quot;: [&quot;Ilse/Tobin&quot;]}"/>
  </metadata>
</package>
"""
_TEXT = "The river fell all afternoon.\n\nThe boat leaned in the mud like a tired dog.\n"


def _saved(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "Tamsin Reed" / "Ferry Weather (12)"
    folder.mkdir(parents=True)
    (folder / "metadata.opf").write_text(_OPF, encoding="utf-8")
    for name in names:
        (folder / name).write_text(_TEXT, encoding="utf-8")
    return folder


def test_the_record_beside_a_saved_book_is_its_overlay(tmp_path: Path) -> None:
    folder = _saved(tmp_path, "Ferry Weather - Tamsin Reed.txt")
    overlay = opf_overlay(folder / "Ferry Weather - Tamsin Reed.txt")
    assert overlay is not None
    assert (overlay["title"], overlay["authors"]) == ("Ferry Weather", ["Tamsin Reed"])
    assert overlay["summary"] == "Two strangers wait out a low tide."
    assert overlay["series"] == [{"name": "River Stories", "position": 2.0}]
    assert (overlay["published"], overlay["language"]) == ("2015-05-06", "en")
    assert overlay["url"] == "https://example.org/works/77"
    assert ["freeform", "Slow Burn", "calibre:tags"] in overlay["tags"]


def test_importing_the_saved_folder_gives_the_record_as_stated(
    library: Library, tmp_path: Path
) -> None:
    folder = _saved(tmp_path, "Ferry Weather - Tamsin Reed.txt")
    ImportSession(library).run([tmp_path])
    (work,) = list(library.iter_works())
    assert (work.title, work.authors) == ("Ferry Weather", ["Tamsin Reed"])
    assert [s.name for s in work.series] == ["River Stories"]
    assert work.summary == "Two strangers wait out a low tide."
    assert folder.is_dir()


def test_a_folder_of_two_books_or_a_damaged_record_gives_no_overlay(tmp_path: Path) -> None:
    folder = _saved(tmp_path, "Ferry Weather - Tamsin Reed.txt", "Another Tale.txt")
    assert opf_overlay(folder / "Another Tale.txt") is None  # the record is not its
    (folder / "Another Tale.txt").unlink()
    (folder / "metadata.opf").write_text("<package><metadata>", encoding="utf-8")
    assert opf_overlay(folder / "Ferry Weather - Tamsin Reed.txt") is None
