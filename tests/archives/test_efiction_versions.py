"""eFiction dumps as real archives made them: eFiction's own backup (no CREATE TABLE, no
column lists, a settings row shorter than the 3.5.x table), Unix-timestamp dates, a
story-file folder named anything, eFiction 1.x/2.x layouts, co-author flags."""

from __future__ import annotations

from pathlib import Path

from archive_helpers import import_paths, sql_dump

from fandex.library import Library
from fandex.model import Work
from fandex.read.archives.efiction_schema import default_columns

STORY = default_columns("fanfiction_stories", 21) or []
CHAPTER = default_columns("fanfiction_chapters", 13) or []
SETTINGS = default_columns("fanfiction_settings", 55) or []
AUTHOR = default_columns("fanfiction_authors", 10) or []


def author(uid: int, penname: str) -> tuple[object, ...]:
    row: dict[str, object] = {c: "" for c in AUTHOR}
    row.update(uid=uid, penname=penname, email=f"{penname.lower()}@example.org")
    return tuple(row[c] for c in AUTHOR)


def story(sid: int, title: str, uid: int = 1, **values: object) -> tuple[object, ...]:
    row: dict[str, object] = {c: "" for c in STORY}
    row.update(sid=sid, title=title, uid=uid, rid="1", catid="0", charid="0", classes="")
    row.update(date="2004-03-01 10:00:00", updated="2004-03-02 10:00:00", completed="1")
    row.update(values)
    return tuple(row[c] for c in STORY)


def chapter(chapid: int, sid: int, text: str, uid: int = 1, inorder: int = 1) -> tuple[object, ...]:
    row: dict[str, object] = {c: "" for c in CHAPTER}
    row.update(chapid=chapid, sid=sid, uid=uid, inorder=inorder, storytext=text)
    row.update(title=f"Part {inorder}", wordcount=len(text.split()))
    return tuple(row[c] for c in CHAPTER)


def settings(**values: object) -> tuple[object, ...]:
    row: dict[str, object] = {c: "0" for c in SETTINGS}
    row.update(sitename="Tidewater", language="en", storiespath="stories", version="3.5.3")
    row.update(values)
    return tuple(row[c] for c in SETTINGS)


def only_work(lib: Library) -> Work:
    works = list(lib.iter_works(with_text=True))
    assert len(works) == 1
    return works[0]


def test_own_backup_with_a_short_settings_row_keeps_site_name_and_story_folder(
    tmp_path: Path,
) -> None:
    # eFiction's backup page: bare INSERTs; the settings row has the 55 columns of a
    # 3.5.x site without the challenge module's four.
    text = sql_dump(
        {
            "fanfiction_settings": (SETTINGS, [settings(storiespath="texts")]),
            "fanfiction_authors": (AUTHOR, [author(1, "Wren")]),
            "fanfiction_stories": (STORY, [story(1, "Lamp")]),
            "fanfiction_chapters": (CHAPTER, [chapter(10, 1, "")]),
        },
        create=False,
        column_lists=False,
    )
    site = tmp_path / "site"
    (site / "texts" / "1").mkdir(parents=True)
    (site / "texts" / "1" / "10.txt").write_text("The lamp burned all night.")
    (site / "backup.sql").write_text(text)
    lib = Library.open(tmp_path / "lib.db")
    report = import_paths(lib, site)
    assert report.summary()["imported"] == 1 and not report.failed
    work = only_work(lib)
    assert work.header["Archive"] == "Tidewater" and "lamp burned" in work.chapters[0].text


def test_story_folder_is_found_by_its_shape_when_not_named(tmp_path: Path) -> None:
    text = sql_dump(
        {
            "fanfiction_stories": (STORY, [story(1, "Lamp", uid=7)]),
            "fanfiction_chapters": (CHAPTER, [chapter(10, 1, "", uid=7)]),
        }
    )
    site = tmp_path / "site"
    (site / "old_site_files" / "7").mkdir(parents=True)
    (site / "images").mkdir()
    (site / "old_site_files" / "7" / "10.htm").write_text("<p>Salt on the glass.</p>")
    (site / "dump.sql").write_text(text)
    lib = Library.open(tmp_path / "lib.db")
    # The dump itself, not its folder: no --files, no folder named stories.
    assert import_paths(lib, site / "dump.sql").summary()["imported"] == 1
    assert only_work(lib).chapters[0].text == "Salt on the glass."


def test_unix_timestamp_dates_and_eFiction_35_schema_quirks(tmp_path: Path) -> None:
    # eFiction 3.5's own tables.sql: int(10) dates, a trailing comma, REPLACE=MyISAM.
    dump = tmp_path / "a.sql"
    dump.write_text(
        "CREATE TABLE `fanfiction_coauthors` (\n  `sid` int(11) NOT NULL default '0',\n"
        "  `uid` int(11) NOT NULL default '0',\n  PRIMARY KEY  (`sid`,`uid`),\n) REPLACE=MyISAM;\n"
        + sql_dump(
            {
                "fanfiction_stories": (STORY, [story(1, "Lamp", date=1078135200, updated="0")]),
                "fanfiction_chapters": (CHAPTER, [chapter(10, 1, "The lamp burned.")]),
            }
        )
    )
    lib = Library.open(tmp_path / "lib.db")
    assert import_paths(lib, dump).summary()["imported"] == 1
    work = only_work(lib)
    assert work.published == "2004-03-01" and work.updated is None


def test_latin1_archive_story_file_is_read_as_windows_1252(tmp_path: Path) -> None:
    # A short French text that encoding detection alone takes for Central European.
    words = "Noël à Zoë: « où êtes-vous? » Déjà, l'âme s'éteint; naïve, ça va. Œuvre complète."
    text = sql_dump(
        {
            "fanfiction_stories": (STORY, [story(1, "Noël")]),
            "fanfiction_chapters": (CHAPTER, [chapter(10, 1, "")]),
        },
        charset="latin1",
    )
    site = tmp_path / "site"
    (site / "stories" / "1").mkdir(parents=True)
    (site / "stories" / "1" / "10.txt").write_bytes(words.encode("cp1252"))
    (site / "a.sql").write_text(text)
    lib = Library.open(tmp_path / "lib.db")
    import_paths(lib, site)
    assert only_work(lib).chapters[0].text == words


def test_eFiction_1_stories_rows_are_chapters_and_genres_are_names(tmp_path: Path) -> None:
    old = default_columns("fanfiction_stories", 22) or []
    old_authors = default_columns("fanfiction_authors", 18) or []

    def row(sid: int, psid: int, inorder: int, chapter_title: str, text: str) -> tuple[object, ...]:
        values: dict[str, object] = {c: "0" for c in old}
        values.update(sid=sid, psid=psid, inorder=inorder, chapter=chapter_title, uid=3)
        values.update(title="Fog", summary="Fog comes in.", storytext=text, gid="Angst, Drama")
        values.update(wid="2", rid="1", date="2001-05-01 00:00:00", catid="1", charid="1")
        values.update(wordcount=len(text.split()), completed="1")
        return tuple(values[c] for c in old)

    text = sql_dump(
        {
            "fanfiction_stories": (
                old,
                [row(5, 5, 0, "Morning", "Grey at dawn."), row(9, 5, 1, "Noon", "Still grey.")],
            ),
            "fanfiction_genres": (["gid", "genre"], [(1, "Angst"), (2, "Drama")]),
            "fanfiction_warnings": (["wid", "warning"], [(2, "Character Death")]),
            "fanfiction_ratings": (
                ["rid", "rating", "ratingwarning", "warningtext"],
                [(1, "PG", 0, "")],
            ),
            "fanfiction_characters": (["charid", "catid", "charname"], [(1, 1, "Mara Quill")]),
            "fanfiction_authors": (
                old_authors,
                [tuple(3 if c == "uid" else "Ila" if c == "penname" else "" for c in old_authors)],
            ),
        },
        create=False,
        column_lists=False,
    )
    dump = tmp_path / "v1.sql"
    dump.write_text(text)
    lib = Library.open(tmp_path / "lib.db")
    assert import_paths(lib, dump).summary()["imported"] == 1  # one story, two chapters
    work = only_work(lib)
    assert [c.title for c in work.chapters] == ["Morning", "Noon"]
    assert work.authors == ["Ila"] and work.published == "2001-05-01"
    stated = {(t.type, t.name) for t in work.tags if t.source == "stated"}
    assert {("freeform", "Angst"), ("freeform", "Drama"), ("character", "Mara Quill")} <= stated
    assert ("warning", "Major Character Death") in stated


def test_coauthor_flag_of_eFiction_35_is_not_an_author_id(tmp_path: Path) -> None:
    text = sql_dump(
        {
            "fanfiction_settings": (SETTINGS, [settings()]),
            "fanfiction_authors": (AUTHOR, [author(1, "Wren"), author(2, "Ila")]),
            "fanfiction_stories": (STORY, [story(1, "Lamp", uid=2, coauthors="1")]),
            "fanfiction_chapters": (CHAPTER, [chapter(10, 1, "Text.", uid=2)]),
        }
    )
    dump = tmp_path / "a.sql"
    dump.write_text(text)
    lib = Library.open(tmp_path / "lib.db")
    import_paths(lib, dump)
    assert only_work(lib).authors == ["Ila"]
