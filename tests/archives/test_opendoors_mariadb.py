"""The Open Doors tables load into a real MariaDB server and read back right."""

from __future__ import annotations

from pathlib import Path

from archive_helpers import MariaDB

from fandex.export.batch import export_works, open_sink
from fandex.export.select import select_works
from fandex.importer import ImportReport
from fandex.library import Library


def export_odap(lib: Library, out: Path) -> Path:
    sink = open_sink(out, as_zip=False, fmt="opendoors")
    export_works(select_works(lib, [], all_works=True).works(), "opendoors", sink)
    sink.close()
    return out


def test_odap_dump_loads_into_mariadb_unchanged(
    efiction_lib: tuple[Library, ImportReport], mariadb: MariaDB, tmp_path: Path
) -> None:
    out = export_odap(efiction_lib[0], tmp_path / "od")
    mariadb.client("-e", "DROP DATABASE IF EXISTS od_harbour; CREATE DATABASE od_harbour")
    mariadb.client("od_harbour", stdin=(out / "opendoors.sql").read_bytes())
    counts = mariadb.sql(
        "od_harbour",
        "SELECT (SELECT COUNT(*) FROM authors), (SELECT COUNT(*) FROM stories), "
        "(SELECT COUNT(*) FROM chapters), (SELECT COUNT(*) FROM story_links)",
    )
    assert counts == [["3", "4", "5", "0"]]
    story = mariadb.sql(
        "od_harbour",
        "SELECT s.title, s.rating, s.warnings, s.tags, s.characters, s.fandoms, a.name, a.email, "
        "DATE(s.date), s.language_code FROM stories s JOIN authors a ON a.id = s.author_id "
        "WHERE s.id = 1",
    )
    assert story == [
        [
            "The Lamp Room", "Mature", "Major Character Death", "Angst",
            "Mara Quill, Old Benn", "Lighthouse Keepers", "Wren Calloway",
            "wren@example.org", "2004-03-01", "en",
        ]
    ]  # fmt: skip
    chapters = mariadb.sql(
        "od_harbour",
        "SELECT position, title, text FROM chapters WHERE story_id = 1 ORDER BY position",
    )
    assert [c[:2] for c in chapters] == [["1", "The First Night"], ["2", "The Second Night"]]
    assert "Keep it bright" in chapters[0][2] and "Thank you for reading." in chapters[1][2]
    fog = mariadb.sql("od_harbour", "SELECT title, summary FROM stories WHERE id = 3")
    assert fog[0][0] == "It's Only Fog"
    coauthor = mariadb.sql(
        "od_harbour",
        "SELECT a.name FROM stories s JOIN authors a ON a.id = s.coauthor_id WHERE s.id = 2",
    )
    assert coauthor == [["Wren Calloway"]]
    # Loading twice replaces the tables rather than failing or doubling them.
    mariadb.client("od_harbour", stdin=(out / "opendoors.sql").read_bytes())
    assert mariadb.sql("od_harbour", "SELECT COUNT(*) FROM stories") == [["4"]]


def test_overlong_tag_lists_are_cut_at_tags_and_reported(tmp_path: Path, mariadb: MariaDB) -> None:
    from fandex.model import Chapter, Tag, Work

    lib = Library.open(tmp_path / "lib.db")
    work = Work(id="abcd", title="Many", authors=["A"], chapters=[Chapter(1, text="Words here.")])
    for i in range(30):
        work.add_tag(Tag("fandom", f"Fandom Number {i:02d} (TV)"))
    lib.save(work)
    out = export_odap(lib, tmp_path / "od")
    mariadb.client("-e", "DROP DATABASE IF EXISTS od_many; CREATE DATABASE od_many")
    mariadb.client("od_many", stdin=(out / "opendoors.sql").read_bytes())
    fandoms = mariadb.sql("od_many", "SELECT fandoms FROM stories")[0][0]
    assert fandoms.endswith("(TV)") and len(fandoms) <= 255
    report = (out / "limits-report.csv").read_text()
    assert "odap_fandoms" in report and "left out: Fandom Number" in report


def test_offsite_story_is_a_story_link_and_authors_keep_archive_ids(
    tmp_path: Path, mariadb: MariaDB
) -> None:
    from archive_helpers import import_paths, sql_dump
    from test_efiction_versions import CHAPTER, STORY, chapter, story

    link = 'Posted on my own site: <a href="http://wren.example/lamp.html">The Lamp</a>'
    dump = tmp_path / "site.sql"
    dump.write_text(
        sql_dump(
            {
                "fanfiction_authors": (
                    ["uid", "penname", "email"],
                    [(14, "Wren", "Wren.C@Example.org"), (23, "Ila", "ila@example.org")],
                ),
                "fanfiction_coauthors": (["sid", "uid"], [(8, 14)]),
                "fanfiction_stories": (
                    STORY,
                    [story(7, "The Lamp", uid=14), story(8, "Fog", uid=23)],
                ),
                "fanfiction_chapters": (
                    CHAPTER,
                    [chapter(70, 7, link, uid=14), chapter(80, 8, "Fog came in.", uid=23)],
                ),
            }
        )
    )
    lib = Library.open(tmp_path / "lib.db")
    import_paths(lib, dump)
    out = export_odap(lib, tmp_path / "od")
    mariadb.client("-e", "DROP DATABASE IF EXISTS od_links; CREATE DATABASE od_links")
    mariadb.client("od_links", stdin=(out / "opendoors.sql").read_bytes())
    assert mariadb.sql("od_links", "SELECT id, title, url, author_id FROM story_links") == [
        ["7", "The Lamp", "http://wren.example/lamp.html", "14"]
    ]
    assert mariadb.sql("od_links", "SELECT id, author_id, coauthor_id FROM stories") == [
        ["8", "23", "14"]
    ]
    assert mariadb.sql("od_links", "SELECT id, name, email FROM authors ORDER BY id") == [
        ["14", "Wren", "Wren.C@Example.org"], ["23", "Ila", "ila@example.org"]
    ]  # fmt: skip
    assert mariadb.sql("od_links", "SELECT COUNT(*) FROM chapters") == [["1"]]
