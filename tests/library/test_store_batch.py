"""Saving works in batches: one transaction per batch, the same library as one save
per work, user tags kept, prepared index entries used by the writer."""

from __future__ import annotations

import pytest

from fandex.errors import LibraryError
from fandex.library import Library, fts
from fandex.library.store import dialect_of, prepare
from fandex.model import Source, Tag
from fandex.search import search
from fandex.test.helper import make_work


def _works(n: int, prefix: str = "Work") -> list:
    out = []
    for i in range(n):
        w = make_work(
            f"{prefix} {i}", chapters=[f"text number{i} lantern"], tags=[("rating", "Mature")]
        )
        w.source = Source(f"/f/{prefix}-{i}.txt", "txt", f"{i:064x}")
        out.append(w)
    return out


def _records(lib: Library) -> list[dict]:
    out = []
    for w in lib.iter_works(lib.ids(), with_text=True):
        rec = w.to_dict(with_text=True)
        rec["source"].pop("imported", None)
        out.append(rec)
    return out


def test_a_batch_stores_what_one_save_per_work_stores(tmp_path) -> None:
    one, many = Library.open(tmp_path / "one.db"), Library.open(tmp_path / "many.db")
    for w in _works(30):
        one.save(w)
    results = many.save_many(_works(30))
    assert {r.status for r in results} == {"imported"}
    assert _records(one) == _records(many)
    assert search(many, "number7").total == 1 and search(many, "lantern").total == 30


def test_a_batch_updates_stored_works_and_keeps_what_a_person_set(library: Library) -> None:
    works = _works(5)
    library.save_many(works)
    library.set_tag(works[2].id, Tag("freeform", "Kept By Me", source="user"))
    again = _works(5)
    again[2].chapters[0].text = "rewritten with a kettle"
    results = library.save_many(again)
    assert [r.status for r in results] == ["updated"] * 5
    stored = library.get(works[2].id)
    assert stored.find_tag("freeform", "Kept By Me") is not None
    assert search(library, "kettle").total == 1 and search(library, "number2").total == 0


def test_the_same_work_twice_in_a_batch_is_stored_as_two_saves_would(library: Library) -> None:
    first, second = _works(1)[0], _works(1)[0]
    second.chapters[0].text = "the second copy"
    results = library.save_many([first, second])
    assert [r.status for r in results] == ["imported", "updated"]
    assert library.count() == 1
    assert library.get(first.id, with_text=True).chapters[0].text == "the second copy"


def test_a_failing_batch_stores_nothing(library: Library) -> None:
    works = _works(3)
    works[1].id = ""
    with pytest.raises(LibraryError):
        library.save_many(works)
    assert library.count() == 0


def test_the_writer_stores_the_index_entry_prepared_for_it(library: Library) -> None:
    works = _works(2)
    prepared = [prepare(w, "sqlite") for w in works]
    # What the writer stores is the prepared entry, not a tokenizing of its own.
    prepared[0]["fts"] = fts.IndexDoc("sqlite", ("", "", "prepared elsewhere"))
    library.save_many(works, prepared)
    assert search(library, "elsewhere").total == 1
    # An entry made for the other backend is not used.
    other = [prepare(w, "postgresql") for w in _works(1, "Other")]
    library.save_many(_works(1, "Other"), other)
    assert search(library, "lantern").total == 2


def test_dialect_of_a_location() -> None:
    assert dialect_of("postgres://h/db") == "postgresql"
    assert dialect_of("/tmp/x.db") == "sqlite"
