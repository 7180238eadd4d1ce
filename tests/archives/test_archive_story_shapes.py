"""What real archives hold in a story: chapters that are only a link, inline markup
without paragraphs, summaries with entities, pairing categories, ratings by name,
whole-page story files; and what the archivist's exports and sheet make of them."""

from __future__ import annotations

import csv
from pathlib import Path

from archive_helpers import import_paths, sql_dump
from test_efiction_versions import CHAPTER, STORY, chapter, story

from fandex.export.batch import export_works, open_sink
from fandex.export.emails import find_emails
from fandex.export.opendoors_batch import with_default_fandoms
from fandex.export.select import select_works
from fandex.export.tags import is_rejected
from fandex.export.tagsheet_apply import apply_sheet
from fandex.library import Library
from fandex.model import Work
from fandex.read.archives.originals import archive_info

CATEGORIES = ["catid", "parentcatid", "category", "description"]
RATINGS = ["rid", "rating", "ratingwarning", "warningtext"]


def import_dump(
    tmp_path: Path, tables: dict[str, tuple[list[str], list[tuple[object, ...]]]]
) -> Library:
    dump = tmp_path / "site.sql"
    dump.write_text(sql_dump(tables))
    lib = Library.open(tmp_path / "lib.db")
    report = import_paths(lib, dump)
    assert not report.failed, [str(r.reason) for r in report.failed]
    return lib


def import_one(tmp_path: Path, title: str, text: str, **values: object) -> Work:
    """A dump of one story of one chapter, imported; the work."""
    stories = (STORY, [story(1, title, **values)])
    lib = import_dump(
        tmp_path,
        {"fanfiction_stories": stories, "fanfiction_chapters": (CHAPTER, [chapter(10, 1, text)])},
    )
    return next(iter(lib.iter_works(with_text=True)))


def works_by_title(lib: Library) -> dict[str, Work]:
    return {w.title: w for w in lib.iter_works(with_text=True)}


def stated(work: Work) -> set[tuple[str, str]]:
    return {(t.type, t.name) for t in work.tags if t.source == "stated"}


def test_story_whose_text_is_one_link_is_an_offsite_link(tmp_path: Path) -> None:
    link = 'You can read it here: <a href="http://elsewhere.example/s/9.html">Tide</a>'
    lib = import_dump(
        tmp_path,
        {
            "fanfiction_stories": (STORY, [story(1, "Tide"), story(2, "Bells")]),
            "fanfiction_chapters": (
                CHAPTER,
                [chapter(10, 1, link), chapter(20, 2, "The bells rang <b>all</b> night.")],
            ),
        },
    )
    works = works_by_title(lib)
    tide = works["Tide"]
    assert tide.chapters[0].text == "You can read it here: Tide"  # no literal markup
    assert tide.header["URL"] == "http://elsewhere.example/s/9.html"
    assert (archive_info(tide) or {}).get("link") is True
    assert not (archive_info(works["Bells"]) or {}).get("link")


def test_inline_markup_without_paragraphs_keeps_the_line_breaks(tmp_path: Path) -> None:
    letter = "From: <a href='mailto:ila@example.org'>Ila</a>\nTo: Wren\n\nDear Wren,\n<hr>\nIla"
    text = import_one(tmp_path, "Letters", letter).chapters[0].text
    assert text.startswith("From: Ila\nTo: Wren\n\nDear Wren,")


def test_summary_and_notes_markup_read_as_text(tmp_path: Path) -> None:
    summary = "&nbsp;<p> &nbsp;</p>Salt <i>on</i> glass."
    work = import_one(tmp_path, "Salt &amp; Glass", "Text.", summary=summary)
    assert (work.title, work.summary) == ("Salt & Glass", "Salt on glass.")


def test_pairing_category_states_the_relationship_as_written(tmp_path: Path) -> None:
    lib = import_dump(
        tmp_path,
        {
            "fanfiction_categories": (
                CATEGORIES,
                [(2, -1, "Femslash Pairings", ""), (6, 2, "Wren / Ila", ""), (7, -1, "Gen", "")],
            ),
            "fanfiction_stories": (
                STORY,
                [story(1, "Tide", catid="6"), story(2, "Bells", catid="7")],
            ),
            "fanfiction_chapters": (CHAPTER, [chapter(10, 1, "Text."), chapter(20, 2, "Text.")]),
        },
    )
    works = works_by_title(lib)
    assert ("relationship", "Wren/Ila") in stated(works["Tide"])
    assert not any(t == "freeform" for t, _ in stated(works["Tide"]))
    assert ("category", "Gen") in stated(works["Bells"])


def test_rating_stored_by_name_is_the_same_original_as_by_id(tmp_path: Path) -> None:
    lib = import_dump(
        tmp_path,
        {
            "fanfiction_ratings": (RATINGS, [(4, "Mature", 0, ""), (5, "Adult", 0, "")]),
            "fanfiction_stories": (
                STORY,
                [story(1, "Tide", rid="4"), story(2, "Bells", rid="Mature")],
            ),
            "fanfiction_chapters": (CHAPTER, [chapter(10, 1, "Text."), chapter(20, 2, "Text.")]),
        },
    )
    originals = [
        [o for o in (archive_info(w) or {})["originals"] if o["type"] == "rating"]
        for w in lib.iter_works()
    ]
    assert originals == [[{"type": "rating", "id": "4", "name": "Mature"}]] * 2


def test_whole_page_story_file_keeps_only_its_body(tmp_path: Path) -> None:
    folder = tmp_path / "aa"
    (folder / "archive" / "ana").mkdir(parents=True)
    (folder / "ARCHIVE_DB.pl").write_text(
        "%FILES = (\n 7 => {\n  Title => 'Tide',\n  Author => 'Ana',\n"
        "  Location => 'ana/tide',\n  FileType => 'html',\n },\n 8 => {\n"
        "  Title => 'Away',\n  Author => 'Ana',\n"
        "  LocationURL => 'http://ana.example/away.html',\n },\n);\n1;\n"
    )
    (folder / "archive" / "ana" / "tide.html").write_text(
        "<html><head><title>Tide - the page</title></head><body><p>Low water.</p></body></html>"
    )
    lib = Library.open(tmp_path / "lib.db")
    assert import_paths(lib, folder).summary()["imported"] == 2
    works = works_by_title(lib)
    html = works["Tide"].chapters[0].html or ""
    assert "Low water." in html and "the page" not in html
    away = works["Away"]
    assert (archive_info(away) or {}).get("link") is True
    assert away.header["URL"] == "http://ana.example/away.html"


def test_addresses_only_the_markup_holds_are_listed(tmp_path: Path) -> None:
    broken = 'From: <a href="mailto:bo@example.org>Bo</a>\nTo: Ila\n\nHello.'
    found = find_emails(import_one(tmp_path, "Letters", broken))
    assert [(f.where, f.address) for f in found] == [("chapter 1 markup", "bo@example.org")]


def test_sheet_without_tag_types_matches_by_name_not_by_its_own_ids(tmp_path: Path) -> None:
    lib = import_dump(
        tmp_path,
        {
            "fanfiction_categories": (CATEGORIES, [(1, -1, "Harbour", "")]),
            "fanfiction_characters": (["charid", "catid", "charname"], [(1, 1, "Mara Quill")]),
            "fanfiction_stories": (STORY, [story(1, "Tide", catid="1", charid="1")]),
            "fanfiction_chapters": (CHAPTER, [chapter(10, 1, "Text.")]),
        },
    )
    sheet = tmp_path / "filled.csv"
    with sheet.open("w", newline="") as fh:
        w = csv.writer(fh)  # Open Doors' step 03 export: its own row ids, no type column
        w.writerow(["Original Tag ID", "Original Tag Name", "Recommended AO3 Tag",
                    "Recommended AO3 Type"])  # fmt: skip
        w.writerow(["1", "Mara Quill", "Mara Quill (Harbour)", "characters"])
    result = apply_sheet(lib, sheet)
    tide = works_by_title(lib)["Tide"]
    tags = {(t.type, t.name) for t in tide.tags if t.source == "user" and not is_rejected(t)}
    assert result.works == 1 and tags == {("character", "Mara Quill (Harbour)")}
    # Category 1 ("Harbour") shares the row's id, not its name: its fandom stays.
    assert result.tags_rejected == 1
    assert not any(is_rejected(t) and t.type == "fandom" for t in tide.tags)


def test_default_fandom_lets_a_single_fandom_archive_pass_ao3_limits(tmp_path: Path) -> None:
    lib = import_dump(
        tmp_path,
        {
            "fanfiction_stories": (STORY, [story(1, "Tide")]),
            "fanfiction_chapters": (CHAPTER, [chapter(10, 1, "Text.")]),
        },
    )

    def export(fandoms: tuple[str, ...]) -> list[str]:
        sink = open_sink(tmp_path / f"od{len(fandoms)}", as_zip=False, fmt="opendoors")
        works = with_default_fandoms(select_works(lib, [], all_works=True).works(), fandoms)
        result = export_works(works, "opendoors", sink)
        sink.close()
        return [b.limit for b in result.breaches]

    assert "fandom" in export(())
    assert "fandom" not in export(("Harbour Town",))
    assert not any(t.type == "fandom" for t in next(iter(lib.iter_works())).tags)
