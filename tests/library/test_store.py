from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from fandex.errors import LibraryError, NotFound
from fandex.library import Library, default_location, schema
from fandex.library.migrations import MIGRATIONS
from fandex.model import Source, Tag
from fandex.test.helper import make_work


def test_save_and_get_round_trip(library: Library) -> None:
    work = make_work("Round Trip", chapters=["Alpha beta.", "Gamma."], tags=[("rating", "Mature")])
    work.source = Source("x.txt", "txt", "f" * 64)
    assert library.save(work).status == "imported"
    again = library.get(work.id)
    assert again.to_dict(with_text=True) | {"source": None} == work.to_dict(with_text=True) | {
        "source": None
    }
    assert again.source is not None and again.source.path == "x.txt"


def test_listing_without_text_keeps_word_counts(library: Library) -> None:
    work = make_work(chapters=["one two three", "four"])
    library.save(work)
    listed = next(library.iter_works())
    assert listed.chapters[0].text == ""
    assert listed.words == 4


def test_prefix_resolves_and_ambiguity_is_reported(library: Library) -> None:
    a, b = make_work("A"), make_work("B")
    a.id, b.id = "aaaa1111", "aaaa2222"
    library.save(a)
    library.save(b)
    assert library.get("aaaa1").title == "A"
    with pytest.raises(NotFound, match="more than one"):
        library.get("aaaa")
    with pytest.raises(NotFound, match="no work"):
        library.get("bbbb")
    with pytest.raises(NotFound, match="not a work id"):
        library.get("'; drop table works; --")


def test_resaving_keeps_user_tags_and_replaces_the_rest(library: Library) -> None:
    work = make_work(tags=[("rating", "Teen And Up Audiences")])
    library.save(work)
    library.set_tag(work.id, Tag("freeform", "Found Family", source="user"))
    library.set_tag(work.id, Tag("rating", "Mature", source="user"))
    fresh = make_work(tags=[("rating", "Teen And Up Audiences"), ("fandom", "Merlin (TV)")])
    assert library.save(fresh).status == "updated"
    tags = {(t.type, t.name): t.source for t in library.get(work.id).tags}
    assert tags[("freeform", "Found Family")] == "user"
    assert tags[("rating", "Mature")] == "user"
    assert tags[("fandom", "Merlin (TV)")] == "stated"
    assert tags[("rating", "Teen And Up Audiences")] == "stated"


def test_remove_deletes_everything_of_the_work(library: Library) -> None:
    work = make_work(tags=[("rating", "Mature")])
    work.source = Source("x.txt", "txt", "e" * 64)
    library.save(work)
    library.remove(work.id)
    assert library.count() == 0
    assert library.source("x.txt") is None
    with library.engine.connect() as conn:
        assert conn.execute(select(schema.tags)).first() is None
        assert conn.execute(select(schema.chapters)).first() is None


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    Library.open(path).close()
    lib = Library.open(path)
    with lib.engine.connect() as conn:
        names = conn.execute(select(schema.migrations_table.c.name)).scalars().all()
    assert sorted(names) == sorted(n for n, _ in MIGRATIONS)
    lib.close()


def test_default_location_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_location() == tmp_path / "fandex" / "library.db"
    lib = Library.open()
    assert (tmp_path / "fandex" / "library.db").exists()
    lib.close()


def test_a_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="folder"):
        Library.open(tmp_path)


def test_stats_count_works_and_tags(library: Library) -> None:
    library.save(make_work("One", tags=[("fandom", "Merlin (TV)")]))
    library.save(make_work("Two", tags=[("fandom", "Merlin (TV)")]))
    stats = library.stats()
    assert stats["works"] == 2
    assert stats["fandoms"] == [("Merlin (TV)", 2)]
    assert stats["tags"]["fandom"]["stated"] == 2


def test_release_memory_keeps_the_library_usable(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib.db")
    work = make_work("Kept")
    lib.save(work)
    lib.release_memory()  # connections closed: the next use opens one again
    assert lib.get(work.id).title == "Kept"
    lib.close()


def test_release_memory_keeps_an_in_memory_library() -> None:
    # Its database lives in its one connection: closing it would lose every work.
    lib = Library.open(":memory:")
    work = make_work("Kept")
    lib.save(work)
    lib.release_memory()
    assert lib.get(work.id).title == "Kept"
