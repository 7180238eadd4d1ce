"""Reading state: marks, progress, ratings and notes per reader, carried by loaded works."""

from __future__ import annotations

from pathlib import Path

import pytest

from fandex.errors import LibraryError
from fandex.library import Library, reading
from fandex.test.helper import make_work


def _two(library: Library) -> tuple[str, str]:
    a = library.save(make_work("Alpha", chapters=["One two three.", "Four five six."])).work_id
    b = library.save(make_work("Beta")).work_id
    return a, b


def test_a_work_never_touched_carries_an_empty_state(library: Library) -> None:
    a, _ = _two(library)
    state = library.get(a).reading
    assert state is not None and state.status == "never" and state.empty
    assert "reading" not in library.get(a).to_dict()  # the record says nothing yet
    reading.mark(library, a, "toread")
    assert library.get(a).to_dict()["reading"]["toread"] is True


def test_mark_read_finishes_and_unread_forgets(library: Library) -> None:
    a, _ = _two(library)
    reading.mark(library, a, "toread")
    done = reading.mark(library, a, "read")
    assert done.status == "finished" and done.progress == 100.0 and done.finished_at
    assert not done.toread  # finishing a work takes it off the for-later list
    gone = reading.mark(library, a, "unread")
    assert gone.status == "never" and gone.progress == 0.0 and gone.finished_at is None


def test_progress_from_a_chapter_position_uses_word_counts(library: Library) -> None:
    a, _ = _two(library)
    state = reading.record_position(library, a, chapter=2, position=0.5)
    assert state.status == "progress" and state.progress == pytest.approx(75.0)
    assert (state.chapter, state.position) == (2, 0.5)
    assert state.started_at and state.last_viewed


def test_reaching_the_end_finishes_and_finished_stays_finished(library: Library) -> None:
    a, _ = _two(library)
    assert reading.record_progress(library, a, 99.5).status == "finished"
    again = reading.record_progress(library, a, 10.0)
    assert again.status == "finished" and again.progress == 10.0


def test_views_count_and_rating_and_notes_are_kept(library: Library) -> None:
    a, _ = _two(library)
    reading.record_view(library, a)
    assert reading.record_view(library, a).view_count == 2
    assert reading.set_rating(library, a, 4).rating == 4
    assert reading.set_notes(library, a, "  reread the ending  ").notes == "reread the ending"
    with pytest.raises(ValueError):
        reading.set_rating(library, a, 9)


def test_each_reader_has_their_own_state(library: Library) -> None:
    a, _ = _two(library)
    reading.mark(library, a, "read", reader="ana")
    assert reading.get(library, a, reader="bo").status == "never"
    with reading.as_reader("ana"):
        assert library.get(a).reading.status == "finished"  # type: ignore[union-attr]
    assert library.get(a).reading.status == "never"  # type: ignore[union-attr]


def test_marking_a_missing_work_is_an_error(library: Library) -> None:
    with pytest.raises(LibraryError):
        reading.mark(library, "0" * 16, "read")


def test_removing_a_work_removes_its_reading_state(library: Library) -> None:
    a, _ = _two(library)
    reading.mark(library, a, "read")
    library.remove(a)
    library.save(make_work("Alpha", chapters=["One two three.", "Four five six."]))
    assert reading.get(library, a).status == "never"


def test_an_older_library_gains_the_reading_tables(tmp_path: Path) -> None:
    from sqlalchemy import inspect, text

    path = tmp_path / "old.db"
    Library.open(path).close()
    old = Library.open(path)
    with old.engine.begin() as conn:  # as a library made before these migrations
        for table in ("reading", "users", "saved_searches", "sync_progress", "documents"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("DELETE FROM fandex_migrations WHERE name LIKE '0005_%'"))
    old.close()
    lib = Library.open(path)
    try:
        tables = set(inspect(lib.engine).get_table_names())
        assert {"reading", "users", "saved_searches", "sync_progress", "documents"} <= tables
        with lib.engine.connect() as conn:
            names = set(conn.execute(text("SELECT name FROM fandex_migrations")).scalars())
        assert {"0005_reading_state", "0005_users", "0005_documents"} <= names
        wid = lib.save(make_work("After")).work_id
        assert reading.mark(lib, wid, "read").status == "finished"
    finally:
        lib.close()
