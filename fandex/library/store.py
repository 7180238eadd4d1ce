"""The library: works, chapters, authors, tags and sources in SQLite or PostgreSQL.

One :class:`Library` wraps a SQLAlchemy engine. Every write of a work happens in one
transaction, so an interrupted import leaves each work either fully stored or not
at all. Re-saving a work keeps every tag a person set (``source: user``).

>>> lib = Library.open(":memory:")
>>> lib.save(Work(title="A", id="abc123")).status
'imported'
>>> lib.get("abc").title
'A'
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from fandex.errors import LibraryError, NotFound
from fandex.library import loading, schema, tagrows
from fandex.library.driver import driver_rows, insert_rows
from fandex.library.migrations import migrate, now
from fandex.model import Source, Tag, Work
from fandex.tag.reconcile import reconcile

_BATCH = 500


def default_location() -> Path:
    """``$XDG_DATA_HOME/fandex/library.db`` (``~/.local/share`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "fandex" / "library.db"


def engine_url(location: str | os.PathLike[str] | None) -> str:
    """Turn a path, ``:memory:`` or database URL into a SQLAlchemy URL."""
    if location is None:
        location = default_location()
    loc = str(location)
    if loc.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + loc.split("://", 1)[1]
    if "://" in loc:
        return loc
    if loc == ":memory:":
        return "sqlite://"
    path = Path(loc).expanduser()
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a library file")
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _mark(conn: Connection) -> str:
    """The driver's parameter mark on ``conn``."""
    return "%s" if conn.dialect.name == "postgresql" else "?"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    # WAL lets a reader (the web UI) run while an import writes.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # Search reads index pages at random: map the file and keep more pages cached
    # (both are upper bounds; a small library uses what it needs).
    cur.execute("PRAGMA mmap_size=1073741824")
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


@dataclass
class SaveResult:
    work_id: str
    status: str  # "imported" | "updated" | "unchanged"


class Library:
    """A fandex library on one database."""

    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @classmethod
    def open(
        cls, location: str | os.PathLike[str] | None = None, *, pool_size: int | None = None
    ) -> Library:
        """Open (creating and migrating as needed) the library at ``location``.

        ``pool_size``: connections kept for threads that use the library at once (a web
        server sizes it to its request threads, see :mod:`fandex.web.app`); None keeps
        SQLAlchemy's default of 5, and 10 more on demand. Every caller holds at most one
        connection at a time, so a full pool only ever makes a thread wait its turn.
        """
        url = engine_url(location)
        sized: dict[str, Any] = {}
        if pool_size is not None:
            sized = {"pool_size": pool_size, "max_overflow": max(4, pool_size // 4)}
        try:
            if url.startswith("sqlite"):
                # One shared connection for :memory:, or every thread (the web
                # server's) would see its own empty database.
                memory = url == "sqlite://"
                engine = create_engine(
                    url,
                    poolclass=StaticPool if memory else None,
                    connect_args={"check_same_thread": False} if memory else {},
                    **({} if memory else sized),
                )
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True, **sized)
            with engine.begin() as conn:
                migrate(conn)
        except SQLAlchemyError as exc:
            raise LibraryError(f"cannot open library {location or url}: {_one_line(exc)}") from exc
        except ImportError as exc:  # a URL for a database whose driver is not installed
            raise LibraryError(
                f"cannot open library {location or url}: its database driver is not "
                f"installed ({exc.name or exc})"
            ) from exc
        return cls(engine, str(location) if location else str(default_location()))

    def close(self) -> None:
        self.engine.dispose()

    def release_memory(self) -> None:
        """Hand back what the database connections hold in memory, after a big write.

        An SQLite connection keeps its page cache (up to 64 MB, ``cache_size``) and the
        full-text index's buffers once a big work is stored: measured after a 45 MB text,
        the importer held some 200 MB over its baseline until it ended, beside a worker
        reading the next big file. The pooled connections are closed (each opens again on
        first use; one a thread holds now is closed when given back); an in-memory
        database, which lives in its one connection, is only asked to shrink. Other
        databases keep their memory in the server: nothing to do here."""
        if self.dialect != "sqlite":
            return
        if isinstance(self.engine.pool, StaticPool):
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA shrink_memory")
            return
        self.engine.dispose()

    # -- sources: what the importer asks before doing any work -------------------------

    def source(self, path: str) -> tuple[str, str] | None:
        """``(work_id, sha256)`` of the work imported from ``path``, if any."""
        # Asked once per file an import looks at: through the driver, since building
        # the statement cost several times the indexed lookup.
        with self.engine.connect() as conn:
            rows = driver_rows(
                conn, f"SELECT work_id, sha256 FROM sources WHERE path = {_mark(conn)}", [path]
            )
        return (rows[0][0], rows[0][1]) if rows else None

    def work_for_sha(self, sha256: str) -> str | None:
        with self.engine.connect() as conn:
            sql = f"SELECT work_id FROM sources WHERE sha256 = {_mark(conn)} LIMIT 1"
            rows = driver_rows(conn, sql, [sha256])
        return str(rows[0][0]) if rows else None

    def add_source(self, work_id: str, source: Source) -> None:
        """Record another file that holds an already-stored work (a duplicate copy)."""
        with self.engine.begin() as conn:
            conn.execute(delete(schema.sources).where(schema.sources.c.path == source.path))
            conn.execute(schema.sources.insert(), _source_row(work_id, source))

    # -- writing -----------------------------------------------------------------------

    def save(self, work: Work) -> SaveResult:
        """Store ``work`` (insert or replace), keeping user tags already in the library."""
        return self.save_many([work])[0]

    def save_many(
        self, works: Sequence[Work], prepared: Sequence[Mapping[str, Any]] | None = None
    ) -> list[SaveResult]:
        """Store ``works`` in one transaction (all or none), each as :meth:`save` would:
        inserted or replaced, keeping the user tags already in the library.

        One statement per table for the whole batch, not one per work: an import stores
        its works a few hundred at a time. ``prepared[i]`` (default: ``works[i].prepared``)
        holds what :func:`prepare` computed for ``works[i]`` where the work was made (an
        import worker), so the writer does not compute it again.
        """
        if prepared is None:
            prepared = [w.prepared for w in works]
        for work in works:
            if not work.id:
                raise LibraryError("a work needs an id before it is stored")
        out: list[SaveResult] = []
        start = 0
        # A batch naming one work twice is stored in runs of distinct works, in order,
        # so the later copy replaces the earlier exactly as two saves would.
        while start < len(works):
            seen: set[str] = set()
            stop = start
            while stop < len(works) and works[stop].id not in seen:
                seen.add(works[stop].id)
                stop += 1
            part = prepared[start:stop] if prepared is not None else None
            out += self._save_run(works[start:stop], part)
            start = stop
        return out

    def _save_run(
        self, works: Sequence[Work], prepared: Sequence[Mapping[str, Any]] | None
    ) -> list[SaveResult]:
        w = schema.works
        counts = [
            _chapter_words(work, prepared[i] if prepared else None) for i, work in enumerate(works)
        ]
        ids = [work.id for work in works]
        try:
            with self.engine.begin() as conn:
                existing: set[str] = set()
                for lo in range(0, len(ids), _BATCH):
                    chunk = ids[lo : lo + _BATCH]
                    existing.update(conn.execute(select(w.c.id).where(w.c.id.in_(chunk))).scalars())
                old = [i for i in ids if i in existing]
                if old:
                    stored = tagrows.load_tags(conn, old)
                    for work in works:
                        if work.id in existing:
                            _merge_user_tags(work, stored.get(work.id, []))
                for work in works:
                    # Stated wins whatever wrote the work: a guess that contradicts the
                    # author's rating or warnings is stored as a flag, not a tag.
                    reconcile(work)
                if old:
                    _delete_children(conn, old)
                stamp = now()
                updates = [
                    {**_work_row(work, n), "b_id": work.id, "modified_at": stamp}
                    for work, n in zip(works, counts, strict=True)
                    if work.id in existing
                ]
                if updates:
                    conn.execute(
                        update(w)
                        .where(w.c.id == bindparam("b_id"))
                        .values({k: bindparam(k) for k in updates[0] if k != "b_id"}),
                        updates,
                    )
                inserts = [
                    {**_work_row(work, n), "id": work.id, "imported_at": stamp}
                    | {"modified_at": stamp}
                    for work, n in zip(works, counts, strict=True)
                    if work.id not in existing
                ]
                insert_rows(conn, w, inserts)
                _insert_children(conn, works, counts)
                fresh = set(ids) - existing
                for batch_hook in SAVE_BATCH_HOOKS:
                    batch_hook(conn, works, prepared, fresh)
                for work in works:
                    for hook in SAVE_HOOKS:
                        hook(conn, work)
        except SQLAlchemyError as exc:
            what = repr(works[0].title) if len(works) == 1 else f"{len(works)} works"
            raise LibraryError(f"cannot store {what}: {_one_line(exc)}") from exc
        for work in works:
            work.prepared = {}  # used: a later change to the work is indexed afresh
        return [SaveResult(i, "updated" if i in existing else "imported") for i in ids]

    def set_tag(self, work_id: str, tag: Tag) -> None:
        """Add or replace one tag of a stored work (a person's decision, usually)."""
        self.set_tags([(work_id, tag)])

    def set_tags(self, changes: Iterable[tuple[str, Tag]]) -> None:
        """Add or replace many tags of stored works in one transaction: all or none.

        Each work's guesses are reconciled with its new tags: a rating or warning a
        person gives decides that type, so the guesses beside it become flags (and come
        back when a person rejects the stated one)."""
        by_work: dict[str, list[Tag]] = {}
        for work_id, tag in changes:
            by_work.setdefault(work_id, []).append(tag)
        with self.engine.begin() as conn:
            for work_id, new in by_work.items():
                work = Work(id=work_id, tags=tagrows.load_tags(conn, [work_id]).get(work_id, []))
                work.flags = tagrows.load_flags(conn, work_id)
                for tag in new:
                    existing = work.find_tag(tag.type, tag.name)
                    if existing is not None:
                        work.tags[work.tags.index(existing)] = tag
                    else:
                        work.tags.append(tag)
                reconcile(work)
                tagrows.write_tags(conn, work)
                conn.execute(
                    update(schema.works)
                    .where(schema.works.c.id == work_id)
                    .values(modified_at=now())
                )
                for hook in TAG_HOOKS:
                    hook(conn, work_id)

    def set_flags(self, work_id: str, flags: list[dict[str, Any]]) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.works)
                .where(schema.works.c.id == work_id)
                .values(flags_json=json.dumps(flags, ensure_ascii=False), modified_at=now())
            )
            conn.execute(delete(schema.flags).where(schema.flags.c.work_id == work_id))
            tagrows.insert_flags(conn, Work(id=work_id, flags=flags))

    def remove(self, work_id: str) -> None:
        with self.engine.begin() as conn:
            for hook in REMOVE_HOOKS:
                hook(conn, work_id)
            _delete_children(conn, work_id)
            conn.execute(delete(schema.sources).where(schema.sources.c.work_id == work_id))
            conn.execute(delete(schema.works).where(schema.works.c.id == work_id))

    # -- reading -----------------------------------------------------------------------

    def resolve(self, prefix: str) -> str:
        """The one work id starting with ``prefix``; :class:`NotFound` otherwise."""
        prefix = prefix.strip().lower()
        if not prefix or not all(c in "0123456789abcdef" for c in prefix):
            raise NotFound(f"{prefix!r} is not a work id")
        with self.engine.connect() as conn:
            # A whole id is one index lookup; a prefix scans (LIKE ignores case on SQLite,
            # so it cannot use the index).
            if conn.execute(select(schema.works.c.id).where(schema.works.c.id == prefix)).first():
                return prefix
            ids = (
                conn.execute(
                    select(schema.works.c.id).where(schema.works.c.id.startswith(prefix)).limit(2)
                )
                .scalars()
                .all()
            )
        if not ids:
            raise NotFound(f"no work with id {prefix}")
        if len(ids) > 1:
            raise NotFound(f"{prefix} matches more than one work; give more of the id")
        return str(ids[0])

    def get(self, id_or_prefix: str, *, with_text: bool = True) -> Work:
        work_id = self.resolve(id_or_prefix)
        return next(self.iter_works([work_id], with_text=with_text))

    def find(self, work_id: str, *, with_text: bool = False) -> Work | None:
        """The work with exactly this id (an index lookup, unlike a prefix), or None."""
        return next(self.iter_works([work_id], with_text=with_text), None)

    def ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(
                conn.execute(select(schema.works.c.id).order_by(schema.works.c.id)).scalars()
            )

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.works)).scalar() or 0)

    def iter_works(
        self, ids: Iterable[str] | None = None, *, with_text: bool = False
    ) -> Iterator[Work]:
        """Works in the order of ``ids`` (all works by title when None), loaded in batches."""
        all_ids = list(ids) if ids is not None else self._ids_by_title()
        for i in range(0, len(all_ids), _BATCH):
            batch = all_ids[i : i + _BATCH]
            with self.engine.connect() as conn:
                yield from loading.load_batch(conn, batch, with_text=with_text)

    def _ids_by_title(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(schema.works.c.id).order_by(
                        func.lower(schema.works.c.title), schema.works.c.id
                    )
                ).scalars()
            )

    def stats(self) -> dict[str, Any]:
        """Counts for ``fandex stats`` and the web stats page."""
        w, t, v = schema.works, schema.tags, schema.work_versions
        # A work held as several copies counts once, as listings show it: the copies
        # that are not the one read by default are counted apart.
        copy_ids = select(v.c.work_id).where(v.c.work_id != v.c.primary_id)
        with self.engine.connect() as conn:
            works_n, words = conn.execute(
                select(func.count(), func.coalesce(func.sum(w.c.words), 0)).where(
                    w.c.id.not_in(copy_ids)
                )
            ).one()
            copies = conn.execute(select(func.count()).select_from(copy_ids.subquery())).scalar()
            by_type = {
                row[0]: {"stated": 0, "inferred": 0, "learned": 0, "user": 0}
                for row in conn.execute(select(t.c.type).distinct())
            }
            for type_, source, n in conn.execute(
                select(t.c.type, t.c.source, func.count()).group_by(t.c.type, t.c.source)
            ):
                by_type.setdefault(type_, {})[source] = n

            def top(type_: str, limit: int = 10) -> list[tuple[str, int]]:
                q = (
                    select(t.c.name, func.count(func.distinct(t.c.work_id)).label("n"))
                    .where(t.c.type == type_)
                    .group_by(t.c.name)
                    .order_by(func.count(func.distinct(t.c.work_id)).desc(), t.c.name)
                    .limit(limit)
                )
                return [(r[0], int(r[1])) for r in conn.execute(q)]

            formats: dict[str, int] = dict(
                conn.execute(
                    select(schema.sources.c.format, func.count()).group_by(schema.sources.c.format)
                ).all()
            )
            failures = conn.execute(
                select(func.count()).select_from(w).where(w.c.failures_json != "[]")
            ).scalar()
            flagged = conn.execute(
                select(func.count()).select_from(w).where(w.c.flags_json != "[]")
            ).scalar()
            return {
                "works": int(works_n),
                "copies": int(copies or 0),
                "words": int(words),
                "formats": {k: int(v) for k, v in formats.items()},
                "tags": by_type,
                "fandoms": top("fandom"),
                "ratings": top("rating"),
                "relationships": top("relationship"),
                "flagged": int(flagged or 0),
                "tagger_failures": int(failures or 0),
            }


# Backend extensions (full-text indexes and the like) hook into writes here, so the
# core store stays ignorant of search. Each hook runs inside the write transaction.
SAVE_HOOKS: list[Any] = []  # (conn, work) -> None
# Hooks that write a whole batch at once: (conn, works, prepared or None, ids of the
# works new to the library) -> None. They run before the per-work SAVE_HOOKS.
SAVE_BATCH_HOOKS: list[Any] = []
# What a batch hook wants computed where a work is made rather than in the writer:
# (work, dialect) -> (key, value), gathered by prepare() into the work's ``prepared``.
PREPARE_HOOKS: list[Any] = []
TAG_HOOKS: list[Any] = []  # (conn, work_id) -> None
REMOVE_HOOKS: list[Any] = []  # (conn, work_id) -> None
# Extensions that add to loaded works (a reader's state) run once per batch
# (fandex/library/loading.py holds the list: it is the same list here).
LOAD_HOOKS = loading.LOAD_HOOKS  # (conn, works: list[Work]) -> None


def prepare(work: Work, dialect: str) -> dict[str, Any]:
    """What the library's save hooks want computed for ``work`` ahead of storing it on a
    ``dialect`` ("sqlite" or "postgresql") library: run it where the work is made (an
    import worker) and pass the result to :meth:`Library.save_many`."""
    out = dict(hook(work, dialect) for hook in PREPARE_HOOKS)
    out[_CHAPTER_WORDS] = [c.words for c in work.chapters]  # counting long texts is slow
    return out


_CHAPTER_WORDS = "chapter_words"


def _chapter_words(work: Work, prepared: Mapping[str, Any] | None) -> list[int]:
    counts = prepared.get(_CHAPTER_WORDS) if prepared else None
    if isinstance(counts, list) and len(counts) == len(work.chapters):
        return counts
    return [c.words for c in work.chapters]


def dialect_of(location: str | os.PathLike[str] | None) -> str:
    """The database a library location names: "sqlite" or "postgresql".

    >>> dialect_of("postgresql://db/fics"), dialect_of("lib.db"), dialect_of(None)
    ('postgresql', 'sqlite', 'sqlite')
    """
    loc = str(location or "")
    return "postgresql" if loc.startswith(("postgresql", "postgres:")) else "sqlite"


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _merge_user_tags(work: Work, stored: list[Tag]) -> None:
    """A person's decisions (``source: user``) replace whatever the new parse says."""
    for tag in stored:
        if tag.source != "user":
            continue
        existing = work.find_tag(tag.type, tag.name)
        if existing is not None:
            work.tags.remove(existing)
        work.tags.append(tag)


def _work_row(work: Work, counts: list[int]) -> dict[str, Any]:
    return {
        "title": work.title,
        "summary": work.summary,
        "notes_begin": work.notes_begin,
        "notes_end": work.notes_end,
        "disclaimer": work.disclaimer,
        "spoilers": work.spoilers,
        "dedication": work.dedication,
        "language": work.language,
        "status": work.status,
        "published": work.published,
        "updated": work.updated,
        # The first place as text ("Name, part 2"), for what reads the old column.
        "series": work.series[0].label if work.series else None,
        "words": sum(counts),
        "chapter_count": len(work.chapters),
        "header_json": tagrows.json_text(work.header),
        "footnotes_json": tagrows.json_text([f.to_dict() for f in work.footnotes]),
        "flags_json": tagrows.json_text(work.flags),
        "failures_json": tagrows.json_text(work.failures),
    }


def _source_row(work_id: str, source: Source) -> dict[str, Any]:
    return {
        "path": source.path,
        "work_id": work_id,
        "format": source.format,
        "sha256": source.sha256,
        "imported_at": source.imported or now(),
    }


def _delete_children(conn: Connection, work_ids: str | Sequence[str]) -> None:
    ids = [work_ids] if isinstance(work_ids, str) else list(work_ids)
    for lo in range(0, len(ids), _BATCH):
        chunk = ids[lo : lo + _BATCH]
        for table in (
            schema.tags,
            schema.flags,
            schema.chapters,
            schema.authors,
            schema.work_series,
            schema.source_ids,
        ):
            conn.execute(delete(table).where(table.c.work_id.in_(chunk)))


def _insert_children(conn: Connection, works: Sequence[Work], counts: Sequence[list[int]]) -> None:
    """The authors, chapters, tags, flags, series places, source ids and source rows of
    ``works``: a statement per table for the batch."""
    authors = [
        {"work_id": w.id, "position": i, "name": a} for w in works for i, a in enumerate(w.authors)
    ]
    insert_rows(conn, schema.authors, authors)
    chapters = [
        {
            "work_id": w.id,
            "idx": c.index,
            "title": c.title,
            "text": c.text,
            "html": c.html,
            "summary": c.summary,
            "notes_begin": c.notes_begin,
            "notes_end": c.notes_end,
            "words": n,
        }
        for w, ns in zip(works, counts, strict=True)
        for c, n in zip(w.chapters, ns, strict=True)
    ]
    insert_rows(conn, schema.chapters, chapters)
    insert_rows(conn, schema.tags, [tagrows.tag_row(w.id, t) for w in works for t in w.tags])
    for w in works:
        tagrows.insert_flags(conn, w)
    series = [row for w in works if w.series for row in schema.series_rows(w.id, w.series)]
    if series:
        conn.execute(schema.work_series.insert(), series)
    ids = [{"work_id": w.id, "kind": k, "value": v} for w in works for k, v in w.source_ids.items()]
    if ids:
        conn.execute(schema.source_ids.insert(), ids)
    sources = [_source_row(w.id, w.source) for w in works if w.source]
    if sources:
        paths = [row["path"] for row in sources]
        for lo in range(0, len(paths), _BATCH):
            conn.execute(
                delete(schema.sources).where(schema.sources.c.path.in_(paths[lo : lo + _BATCH]))
            )
        insert_rows(conn, schema.sources, sources)
