"""One work, many copies: snapshots, format changes and light edits grouped; stated
ids first; a person's split and merge kept on every later import."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from versions_story import AUTHOR as AUTHOR_NAME
from versions_story import CHAPTERS, INTERLUDE, SUMMARY, txt, write_copies

from fandex.importer import ImportSession
from fandex.library import Library, versions
from fandex.search import search


@pytest.fixture
def copies(tmp_path: Path) -> dict[str, Path]:
    return write_copies(tmp_path / "fics")


def _import(lib: Library, *paths: Path) -> None:
    report = ImportSession(lib).run(list(paths))
    assert not report.failed, report.failed


def _id_of(lib: Library, path: Path) -> str:
    found = lib.source(str(path))
    assert found is not None
    return found[0]


def test_snapshots_formats_and_edits_are_one_work(
    library: Library, copies: dict[str, Path]
) -> None:
    _import(library, copies["full"].parent)
    shown = search(library, "", per_page=50).works
    assert sorted(w.title for w in shown) == ["Harbour Accounts", "The Lamplighter's Road"]
    story = next(w for w in shown if w.title == "The Lamplighter's Road")
    # The most complete copy is the one read by default: the 5-chapter EPUB.
    assert story.id == _id_of(library, copies["full"])
    assert story.source is not None and story.source.format == "epub"
    members = {v.work_id: v for v in story.versions}
    assert set(members) == {
        _id_of(library, copies[k]) for k in ("full", "edited", "snap1", "snap3")
    }
    assert [v.role for v in story.versions].count("primary") == 1
    snap3 = members[_id_of(library, copies["snap3"])]
    assert (snap3.format, snap3.chapters) == ("html", 3)
    # The interlude the author deleted later exists only in the 3-chapter snapshot.
    assert [c["index"] for c in snap3.only_here] == [3]
    assert "The Gull" in snap3.only_here[0]["title"]
    assert members[_id_of(library, copies["edited"])].only_here == []


def test_unrelated_story_sharing_the_summary_stays_apart(
    library: Library, copies: dict[str, Path]
) -> None:
    _import(library, copies["full"].parent)
    other = library.get(_id_of(library, copies["unrelated"]))
    assert other.summary == SUMMARY and other.versions == [] and other.version_of is None


def test_a_copy_names_the_work_it_belongs_to(library: Library, copies: dict[str, Path]) -> None:
    _import(library, copies["full"].parent)
    snap = library.get(_id_of(library, copies["snap1"]))
    record = snap.to_dict()
    assert record["version_of"] == _id_of(library, copies["full"])
    assert {v["role"] for v in record["versions"]} == {"primary", "version"}
    assert {"series", "source_ids", "versions"} <= set(record)
    # listings skip it; asking for every copy shows it
    assert snap.id not in [w.id for w in search(library, "", per_page=50).works]
    assert snap.id in [w.id for w in search(library, "", per_page=50, versions=True).works]


def test_stated_tags_of_every_copy_count_for_the_work(
    library: Library, copies: dict[str, Path]
) -> None:
    _import(library, copies["full"].parent)
    primary = library.get(_id_of(library, copies["full"]))
    fandom = primary.find_tag("fandom", "Original Work")
    # The EPUB states no fandom; the text copies do, and the tag says which copy.
    assert fandom is not None and fandom.source == "stated" and fandom.tagger == "versions"
    assert fandom.evidence[0].field is not None and fandom.evidence[0].field.startswith("version:")
    assert fandom.attrs["via"] in {v.work_id for v in primary.versions}
    hits = search(library, 'fandom:"Original Work"', per_page=50).works
    assert primary.id in [w.id for w in hits]


def test_a_split_is_kept_when_the_copy_is_imported_again(
    library: Library, copies: dict[str, Path]
) -> None:
    _import(library, copies["full"].parent)
    snap1 = _id_of(library, copies["snap1"])
    versions.split(library, snap1)
    assert library.get(snap1).versions == []
    # The file changes a little and is imported again: still apart.
    copies["snap1"].write_text(txt(CHAPTERS[:1]) + "\nEnd of part one.\n", encoding="utf-8")
    _import(library, copies["snap1"])
    assert library.get(snap1).versions == []
    assert len(library.get(_id_of(library, copies["full"])).versions) == 3
    versions.group(library)  # a full rescan keeps it too
    assert library.get(snap1).version_of is None


def test_a_merge_is_kept_on_rescan(library: Library, copies: dict[str, Path]) -> None:
    _import(library, copies["full"].parent)
    unrelated = _id_of(library, copies["unrelated"])
    primary = versions.merge(library, unrelated, _id_of(library, copies["snap1"]))
    assert primary == _id_of(library, copies["full"])
    versions.group(library)
    work = library.get(unrelated)
    assert work.version_of == primary
    assert next(v for v in work.versions if v.work_id == unrelated).decided_by == "user"


def test_different_ao3_ids_are_never_one_work(library: Library, tmp_path: Path) -> None:
    body = txt(CHAPTERS)
    (tmp_path / "in").mkdir()
    a, b = tmp_path / "in" / "a.txt", tmp_path / "in" / "b.txt"
    a.write_text("URL: https://archiveofourown.org/works/111\n" + body, encoding="utf-8")
    b.write_text("URL: https://archiveofourown.org/works/222\n" + body, encoding="utf-8")
    _import(library, tmp_path / "in")
    assert all(not w.versions for w in library.iter_works())
    near = versions.near_pairs(library)
    assert len(near) == 1 and "different ao3 ids" in near[0].reason


def test_the_same_ao3_id_groups_even_different_texts(library: Library, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    a, b = tmp_path / "in" / "a.txt", tmp_path / "in" / "b.txt"
    a.write_text(
        "Source: https://archiveofourown.org/works/77/chapters/5\n" + txt(CHAPTERS[:2]),
        encoding="utf-8",
    )
    b.write_text(
        "Source: http://archiveofourown.org/works/77\n" + txt([INTERLUDE]), encoding="utf-8"
    )
    _import(library, tmp_path / "in")
    works = list(library.iter_works())
    assert all(w.source_ids.get("ao3") == "77" for w in works)
    assert {len(w.versions) for w in works} == {2}


def test_removing_the_read_copy_promotes_the_next(
    library: Library, copies: dict[str, Path]
) -> None:
    _import(library, copies["full"].parent)
    library.remove(_id_of(library, copies["full"]))
    edited = library.get(_id_of(library, copies["edited"]))
    assert edited.version_of is None and len(edited.versions) == 3
    assert next(v for v in edited.versions if v.work_id == edited.id).role == "primary"


def test_stats_count_a_work_held_as_copies_once(library: Library, copies: dict[str, Path]) -> None:
    _import(library, copies["full"].parent)
    stats = library.stats()
    shown = search(library, "", per_page=50)
    assert stats["works"] == shown.total == 2
    assert stats["copies"] == len(copies) - 2  # every copy of the story but the one read


def test_a_copy_that_names_its_author_is_shown_over_a_longer_one_that_does_not(
    library: Library, tmp_path: Path
) -> None:
    # A converter's copy that kept its tool's front matter in the text is a few words
    # longer than the author's own file, and knows neither the author nor the title:
    # the work is shown from the author's file.
    folder = tmp_path / "fics"
    folder.mkdir()
    named = folder / "lamplighter.txt"
    named.write_text(txt(CHAPTERS), encoding="utf-8")
    front = (
        "Converted for a reading device. Contents: the first lamp, the widow at the toll "
        "house, salt on the glass, the council meeting, the last winter. Page one of many."
    )
    body = "\n\n".join(f"Chapter {i}: {t}\n\n{p}" for i, (t, p) in enumerate(CHAPTERS, 1))
    bare = folder / "book0001.txt"
    bare.write_text(front + "\n\n" + body + "\n", encoding="utf-8")
    _import(library, folder)
    shown = search(library, "", per_page=50).works
    assert len(shown) == 1
    assert shown[0].id == _id_of(library, named)
    assert shown[0].authors == [AUTHOR_NAME]
    bare_copy = next(v for v in shown[0].versions if v.work_id == _id_of(library, bare))
    assert bare_copy.role == "version"
