"""Reading state: what each reader has read, how far, marked for later, rated, noted.

A row per (reader, work) in ``reading`` (see :class:`fandex.readstate.ReadState`).
The *reader* is a user name (``fandex users add``); the library's own reader, whom
the CLI and the web pages act for, is the first user added, or "" while there are
none (the first user added takes over that state). An e-reader signed in as another
user reads and writes that user's state (:func:`as_reader`).

>>> from fandex.test.helper import make_work, memory_library
>>> lib = memory_library()
>>> wid = lib.save(make_work("Ink", chapters=["One.", "Two.", "Three."])).work_id
>>> mark(lib, wid, "toread").toread
True
>>> record_position(lib, wid, chapter=2, position=0.5).summary()
'In progress, 50%'
>>> lib.get(wid).reading.chapter
2
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, literal, select, update

from fandex.errors import LibraryError
from fandex.library import schema, store
from fandex.library.migrations import now
from fandex.library.store import Library
from fandex.model import Work
from fandex.readstate import ReadState

# Progress at or past this share of the text counts as finished (an e-reader's last
# page seldom reports exactly 100%).
FINISHED_AT = 99.0
MARKS: tuple[str, ...] = ("read", "reading", "toread", "notoread", "unread")

_CURRENT: ContextVar[str | None] = ContextVar("fandex_reader", default=None)


@contextmanager
def as_reader(name: str | None) -> Iterator[None]:
    """Within the block, queries (``read:``, ``toread:``) and loaded works use ``name``'s
    state instead of the library's own reader's (None: the library's own)."""
    token = _CURRENT.set(name)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current_reader() -> str | None:
    """The reader set by :func:`as_reader`, or None for the library's own."""
    return _CURRENT.get()


def owner_sql() -> ColumnElement[str]:
    """SQL for the library's own reader: the first user added, or ""."""
    u = schema.users
    first = select(u.c.name).order_by(u.c.id).limit(1).scalar_subquery()
    return func.coalesce(first, literal(""))


def reader_sql() -> ColumnElement[str]:
    """SQL for the reader queries use now (:func:`as_reader`, else the owner)."""
    name = current_reader()
    return literal(name) if name is not None else owner_sql()


def owner(lib: Library) -> str:
    """The library's own reader's name ("" while there are no users)."""
    with lib.engine.connect() as conn:
        return _reader_name(conn, None)


def _reader_name(conn: Connection, reader: str | None) -> str:
    if reader is not None:
        return reader
    name = current_reader()
    if name is not None:
        return name
    return str(conn.execute(select(owner_sql())).scalar() or "")


# -- reading -------------------------------------------------------------------------------


def _state(row: Any) -> ReadState:
    return ReadState(
        status=row.status,
        progress=float(row.progress or 0.0),
        chapter=row.chapter,
        position=row.position,
        started_at=row.started_at,
        finished_at=row.finished_at,
        last_viewed=row.last_viewed,
        view_count=int(row.view_count or 0),
        toread=bool(row.toread),
        rating=row.rating,
        notes=row.notes,
        reader=row.reader,
    )


def get(lib: Library, work_id: str, reader: str | None = None) -> ReadState:
    """``reader``'s state of ``work_id`` (an empty state when nothing is recorded)."""
    r = schema.reading
    with lib.engine.connect() as conn:
        name = _reader_name(conn, reader)
        row = conn.execute(select(r).where(r.c.reader == name, r.c.work_id == work_id)).first()
    return _state(row) if row is not None else ReadState(reader=name)


def _attach(conn: Connection, works: list[Work]) -> None:
    """Load hook: every loaded work carries the current reader's state. One statement
    (the reader's name joined with their rows), as it runs for every page of works."""
    if not works:
        return
    r = schema.reading
    who = select(reader_sql().label("name")).subquery("who")
    on = and_(r.c.reader == who.c.name, r.c.work_id.in_([w.id for w in works]))
    rows = conn.execute(select(who.c.name, r).select_from(who.outerjoin(r, on))).all()
    name = str(rows[0].name) if rows else ""
    found = {row.work_id: _state(row) for row in rows if row.work_id is not None}
    for work in works:
        work.reading = found.get(work.id) or ReadState(reader=name)


# -- writing -------------------------------------------------------------------------------


def _change(lib: Library, work_id: str, reader: str | None, **values: Any) -> ReadState:
    """Create the row if needed, then set ``values``; returns the new state."""
    r = schema.reading
    with lib.engine.begin() as conn:
        exists = conn.execute(
            select(func.count()).select_from(schema.works).where(schema.works.c.id == work_id)
        ).scalar()
        if not exists:
            raise LibraryError(f"no work with id {work_id}")
        name = _reader_name(conn, reader)
        _ensure_row(conn, name, work_id)
        values = {k: (v(conn, name) if inspect.isfunction(v) else v) for k, v in values.items()}
        conn.execute(
            update(r)
            .where(r.c.reader == name, r.c.work_id == work_id)
            .values(**values, updated_at=now())
        )
        row = conn.execute(select(r).where(r.c.reader == name, r.c.work_id == work_id)).one()
    return _state(row)


def _ensure_row(conn: Connection, reader: str, work_id: str) -> None:
    """Insert an empty row unless there is one (safe against a concurrent insert)."""
    r = schema.reading
    values = {
        "reader": reader,
        "work_id": work_id,
        "status": "never",
        "progress": 0.0,
        "view_count": 0,
        "toread": False,
        "updated_at": now(),
    }
    # The dialects' insert modules load here, on a first reading mark, not with every
    # library (the PostgreSQL one alone costs a listing 60 ms of start-up).
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        conn.execute(postgresql.insert(r).values(**values).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects import sqlite

        conn.execute(sqlite.insert(r).values(**values).on_conflict_do_nothing())


def mark(lib: Library, work_id: str, what: str, reader: str | None = None) -> ReadState:
    """``read`` (finished now), ``reading`` (started), ``toread`` / ``notoread``
    (Marked for Later or not), ``unread`` (forget progress and the mark)."""
    stamp = now()
    if what == "read":
        return _change(
            lib,
            work_id,
            reader,
            status="finished",
            progress=100.0,
            finished_at=stamp,
            toread=False,
            started_at=func.coalesce(schema.reading.c.started_at, stamp),
        )
    if what == "reading":
        return _change(
            lib,
            work_id,
            reader,
            status="progress",
            finished_at=None,
            started_at=func.coalesce(schema.reading.c.started_at, stamp),
        )
    if what in ("toread", "notoread"):
        return _change(lib, work_id, reader, toread=what == "toread")
    if what == "unread":
        return _change(
            lib,
            work_id,
            reader,
            status="never",
            progress=0.0,
            chapter=None,
            position=None,
            started_at=None,
            finished_at=None,
            toread=False,
        )
    raise ValueError(f"unknown mark {what!r} (one of: {', '.join(MARKS)})")


def set_rating(
    lib: Library, work_id: str, rating: int | None, reader: str | None = None
) -> ReadState:
    """A personal rating from 1 to 5 (None clears it)."""
    if rating is not None and not 1 <= rating <= 5:
        raise ValueError("a rating is a whole number from 1 to 5")
    return _change(lib, work_id, reader, rating=rating)


def set_notes(
    lib: Library, work_id: str, notes: str | None, reader: str | None = None
) -> ReadState:
    """Private notes (None or blank clears them)."""
    return _change(lib, work_id, reader, notes=(notes or "").strip() or None)


def record_view(lib: Library, work_id: str, reader: str | None = None) -> ReadState:
    """The reader opened the work: ``view_count`` + 1, ``last_viewed`` now."""
    r = schema.reading
    return _change(lib, work_id, reader, view_count=r.c.view_count + 1, last_viewed=now())


def record_progress(
    lib: Library,
    work_id: str,
    percent: float,
    *,
    chapter: int | None = None,
    position: float | None = None,
    reader: str | None = None,
) -> ReadState:
    """The reader is ``percent`` through the work (at ``chapter``/``position`` when
    known). A finished work stays finished (looking back into it is not a re-read);
    reaching :data:`FINISHED_AT` finishes it."""
    percent = max(0.0, min(100.0, float(percent)))
    r = schema.reading
    stamp = now()
    status = "finished" if percent >= FINISHED_AT else "progress"

    def new_status(conn: Connection, name: str) -> str:
        old = conn.execute(
            select(r.c.status).where(r.c.reader == name, r.c.work_id == work_id)
        ).scalar()
        return "finished" if old == "finished" else status

    values: dict[str, Any] = {
        "status": new_status,
        "progress": percent,
        "started_at": func.coalesce(r.c.started_at, stamp),
        "last_viewed": stamp,
    }
    if status == "finished":
        values["finished_at"] = func.coalesce(r.c.finished_at, stamp)
    if chapter is not None:
        values["chapter"] = chapter
        values["position"] = None if position is None else max(0.0, min(1.0, float(position)))
    return _change(lib, work_id, reader, **values)


def record_position(
    lib: Library, work_id: str, *, chapter: int, position: float, reader: str | None = None
) -> ReadState:
    """The web reader's report: ``position`` (0..1) into chapter ``chapter``; the
    percent is worked out from the chapters' word counts."""
    work = lib.find(work_id)
    if work is None:
        raise LibraryError(f"no work with id {work_id}")
    percent = percent_at(work, chapter, position)
    return record_progress(lib, work.id, percent, chapter=chapter, position=position, reader=reader)


# -- where in the text ---------------------------------------------------------------------


def percent_at(work: Work, chapter: int, position: float) -> float:
    """How far through ``work`` (percent of its words) ``position`` into ``chapter`` is.

    >>> from fandex.model import Chapter
    >>> w = Work(chapters=[Chapter(1, text="a b"), Chapter(2, text="c d e f g h i j")])
    >>> round(percent_at(w, 2, 0.5), 1)
    60.0
    """
    counts = [(c.index, max(1, c.words)) for c in work.chapters]
    total = sum(n for _, n in counts)
    if not total:
        return 0.0
    before = 0
    for index, n in counts:
        if index == chapter:
            return 100.0 * (before + n * max(0.0, min(1.0, position))) / total
        before += n
    return 0.0


def place_of(work: Work, percent: float) -> tuple[int, float] | None:
    """The chapter and position (0..1) ``percent`` of the way through ``work``.

    >>> from fandex.model import Chapter
    >>> w = Work(chapters=[Chapter(1, text="a b"), Chapter(2, text="c d e f g h i j")])
    >>> place_of(w, 60.0)
    (2, 0.5)
    """
    counts = [(c.index, max(1, c.words)) for c in work.chapters]
    total = sum(n for _, n in counts)
    if not total:
        return None
    target = total * max(0.0, min(100.0, percent)) / 100.0
    before = 0
    for index, n in counts:
        if target <= before + n:
            return index, round((target - before) / n, 4)
        before += n
    return counts[-1][0], 1.0


# -- users come and go ---------------------------------------------------------------------


def adopt(conn: Connection, name: str) -> None:
    """The first user takes over the state recorded before there were users."""
    r = schema.reading
    conn.execute(update(r).where(r.c.reader == "").values(reader=name))


def forget(conn: Connection, name: str, *, heir: str | None) -> None:
    """A user is removed: their state goes to ``heir`` when they were the library's
    own reader and no one else is left (so the owner never loses their history),
    otherwise it is deleted."""
    r = schema.reading
    if heir is not None:
        conn.execute(update(r).where(r.c.reader == name).values(reader=heir))
    else:
        conn.execute(r.delete().where(r.c.reader == name))


if _attach not in store.LOAD_HOOKS:
    store.LOAD_HOOKS.append(_attach)

__all__ = [
    "FINISHED_AT",
    "MARKS",
    "adopt",
    "as_reader",
    "current_reader",
    "forget",
    "get",
    "mark",
    "owner",
    "owner_sql",
    "percent_at",
    "place_of",
    "reader_sql",
    "record_position",
    "record_progress",
    "record_view",
    "set_notes",
    "set_rating",
]
