"""eFiction dumps import story by story, with every stated field, idempotently."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from archive_helpers import EFICTION, import_paths

from fandex.importer import ImportReport
from fandex.library import Library
from fandex.model import Work


def by_title(lib: Library) -> dict[str, Work]:
    return {w.title: w for w in lib.iter_works(with_text=True)}


def stated(work: Work) -> set[tuple[str, str]]:
    return {(t.type, t.name) for t in work.tags if t.source == "stated"}


def test_folder_with_dump_and_story_files_imports_each_story(
    efiction_lib: tuple[Library, ImportReport],
) -> None:
    lib, report = efiction_lib
    assert report.summary()["imported"] == 4
    failed = {r.path.rsplit("!", 1)[1]: r.reason for r in report.failed}
    assert list(failed) == ["story/5"]
    assert "missing story file stories/3/51.txt" in str(failed["story/5"])
    assert {w.title for w in lib.iter_works()} == {
        "The Lamp Room", "Salt Letters", "It's Only Fog", "Night Shift"
    }  # fmt: skip


def test_story_fields_chapters_authors_and_series(
    efiction_lib: tuple[Library, ImportReport],
) -> None:
    works = by_title(efiction_lib[0])
    lamp = works["The Lamp Room"]
    assert lamp.authors == ["Wren Calloway"]
    assert [c.title for c in lamp.chapters] == ["The First Night", "The Second Night"]
    assert lamp.chapters[0].notes_begin == "Chapter notes: set before the storm."
    assert lamp.chapters[1].notes_end == "Thank you for reading."
    assert (lamp.published, lamp.updated, lamp.status) == ("2004-03-01", "2004-03-08", "complete")
    assert [s.to_dict() for s in lamp.series] == [{"name": "Harbour Lights", "position": 1}]
    assert lamp.header["Series"] == "Harbour Lights (part 1)"
    assert works["Night Shift"].header["Series"] == "Harbour Lights (part 2)"
    assert lamp.header["Archive"] == "Harbour Archive" and lamp.header["Story ID"] == "1"
    salt = works["Salt Letters"]
    assert salt.authors == ["Ila Marsh", "Wren Calloway"]  # owner, then the co-author
    assert salt.status == "wip"
    assert "harbour froze" in salt.chapters[0].text  # from stories/2/21.txt


def test_stated_tags_from_ratings_categories_classes_and_characters(
    efiction_lib: tuple[Library, ImportReport],
) -> None:
    works = by_title(efiction_lib[0])
    assert stated(works["The Lamp Room"]) >= {
        ("rating", "Mature"),  # rating id 3, "R"
        ("warning", "Major Character Death"),  # class "Character Death" of type Warnings
        ("freeform", "Angst"),  # a Genres class
        ("character", "Mara Quill"),
        ("character", "Old Benn"),
        ("fandom", "Lighthouse Keepers"),
    }
    assert ("rating", "Teen And Up Audiences") in stated(works["Salt Letters"])  # rid "PG-13"
    assert ("rating", "Explicit") in stated(works["Night Shift"])
    assert ("fandom", "Buffy the Vampire Slayer (TV)") in stated(works["Night Shift"])


def test_odd_escapes_survive(efiction_lib: tuple[Library, ImportReport]) -> None:
    fog = by_title(efiction_lib[0])["It's Only Fog"]
    assert fog.summary is not None and 'Odd "quotes", a back\\slash' in fog.summary
    assert "didn't lift" in fog.chapters[0].text and "swore at it\\" in fog.chapters[0].text


def test_reimport_is_unchanged(efiction_lib: tuple[Library, ImportReport]) -> None:
    lib, _ = efiction_lib
    again = import_paths(lib, EFICTION)
    assert again.summary()["unchanged"] == 4 and again.summary()["imported"] == 0


def test_dump_with_story_files_given_apart(tmp_path: Path) -> None:
    dump = tmp_path / "dump" / "backup.sql"
    dump.parent.mkdir()
    shutil.copy(EFICTION / "archive.sql", dump)
    lib = Library.open(tmp_path / "lib.db")
    without = import_paths(lib, dump)
    salt = [r for r in without.failed if r.path.endswith("story/2")]
    assert salt and "give it with --files" in str(salt[0].reason)
    with_files = import_paths(lib, dump, files=EFICTION)
    assert with_files.summary()["imported"] == 1  # Salt Letters; the rest unchanged


def test_any_table_prefix_and_backup_without_create_table(tmp_path: Path) -> None:
    text = (EFICTION / "archive.sql").read_text(encoding="utf-8")
    text = text.replace("fanfiction_", "efic_")
    # eFiction's own backup page writes no CREATE TABLE and no column lists.
    text = re.sub(r"CREATE TABLE .*?;\n", "", text, flags=re.S)
    text = re.sub(r"INSERT INTO `(\w+)` \([^)]*\) VALUES", r"INSERT INTO `\1` VALUES", text)
    text = re.sub(r"INSERT INTO `efic_settings` VALUES.*?;\n", "", text, flags=re.S)
    folder = tmp_path / "site"
    shutil.copytree(EFICTION / "stories", folder / "stories")
    (folder / "site.sql").write_text(text, encoding="utf-8")
    lib = Library.open(tmp_path / "lib.db")
    report = import_paths(lib, folder)
    assert report.summary()["imported"] == 4
    lamp = by_title(lib)["The Lamp Room"]
    assert ("warning", "Major Character Death") in stated(lamp)
    assert lamp.header["Archive"] == "site"


def test_truncated_dump_names_the_stories_it_cut(tmp_path: Path) -> None:
    text = (EFICTION / "archive.sql").read_bytes()
    cut = text[: text.index(b"(31,'Fog'")]  # inside the chapters INSERT
    folder = tmp_path / "cut"
    shutil.copytree(EFICTION / "stories", folder / "stories")
    (folder / "archive.sql").write_bytes(cut)
    lib = Library.open(tmp_path / "lib.db")
    report = import_paths(lib, folder)
    reasons = {r.path.rsplit("!", 1)[-1]: str(r.reason) for r in report.failed}
    assert "truncated dump" in reasons[str(folder / "archive.sql")]
    assert "no chapters in the dump (the dump is truncated)" in reasons["story/3"]
    assert {w.title for w in lib.iter_works()} == {"The Lamp Room", "Salt Letters"}


def test_unknown_schema_is_one_line(tmp_path: Path) -> None:
    dump = tmp_path / "shop.sql"
    dump.write_text("CREATE TABLE `orders` (`id` int);\nINSERT INTO `orders` VALUES (1);\n")
    report = import_paths(Library.open(tmp_path / "lib.db"), dump)
    assert len(report.failed) == 1
    assert str(report.failed[0].reason).startswith("unknown schema: no eFiction stories table")


def test_archive_record_keeps_originals_for_the_tag_sheet(
    efiction_lib: tuple[Library, ImportReport],
) -> None:
    lamp = by_title(efiction_lib[0])["The Lamp Room"]
    info = json.loads(lamp.header["fandex:archive"])
    assert {"type": "class", "id": "4", "name": "Character Death", "parent": "Warnings"} in info[
        "originals"
    ]
    assert info["authors"][0] == {"id": "1", "name": "Wren Calloway", "email": "wren@example.org"}
