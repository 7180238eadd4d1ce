"""Keeping the full-text index up to date: creating it, writing works into it in
batches, and a generation number that says when the library changed.

Index entries (:class:`~fandex.library.fts.tokens.IndexDoc`) are prepared where a work
is made (an import worker asks :func:`fandex.library.store.prepare`), so the library's
one writer stores text it does not have to tokenize; a work saved without one is
tokenized here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Connection, select, text

from fandex.library import loading, migrations, store
from fandex.library.fts import postgres, sqlite
from fandex.library.fts.tokens import IndexDoc, index_doc
from fandex.model import Work

PREPARED_KEY = "fts"


def _backend(conn: Connection) -> Any:
    return sqlite if conn.dialect.name == "sqlite" else postgres


def _dialect(conn: Connection) -> str:
    return "sqlite" if conn.dialect.name == "sqlite" else "postgresql"


def index_works(
    conn: Connection,
    works: Sequence[Work],
    prepared: Sequence[Mapping[str, Any]] | None = None,
    fresh: set[str] | frozenset[str] = frozenset(),
) -> None:
    """(Re-)index stored works in one go, inside the caller's write transaction; an
    entry in ``prepared[i]["fts"]`` made for this backend is used as it is. Ids in
    ``fresh`` are new works (never indexed)."""
    dialect = _dialect(conn)
    entries: list[tuple[str, IndexDoc]] = []
    for i, work in enumerate(works):
        doc = prepared[i].get(PREPARED_KEY) if prepared else None
        if not isinstance(doc, IndexDoc) or doc.dialect != dialect:
            doc = index_doc(work, dialect)
        entries.append((work.id, doc))
    _backend(conn).write(conn, entries, set(fresh))


def index_work(conn: Connection, work: Work) -> None:
    """(Re-)index one stored work; runs inside the library's write transaction."""
    index_works(conn, [work])


def unindex_work(conn: Connection, work_id: str) -> None:
    """Drop one work from the index (before its row is deleted)."""
    _backend(conn).delete(conn, work_id)


def _table_exists(conn: Connection, name: str) -> bool:
    if conn.dialect.name == "sqlite":
        q = "SELECT 1 FROM sqlite_master WHERE name = :n"
    else:
        q = "SELECT 1 FROM pg_class WHERE relname = :n AND relkind IN ('r', 'p')"
    return conn.execute(text(q), {"n": name}).first() is not None


def ensure_index(conn: Connection) -> None:
    """Create the full-text table (and the tag-name index) if missing; fill it for old works.

    Runs on every open through :data:`fandex.library.migrations.POST_CREATE`.
    """
    created = False
    if not _table_exists(conn, "works_fts"):
        created = True
        _backend(conn).create(conn)
    # Only missing indexes are created: CREATE INDEX locks the table even when the
    # index exists, which would deadlock against another process's import.
    is_sqlite = conn.dialect.name == "sqlite"

    def folded(col: str) -> str:
        # Names compare ASCII-case-insensitively on both backends (query.values).
        return f"lower({col})" if is_sqlite else f'lower({col} COLLATE "C")'

    # Tag lookups read only this index: the name, the work, and what decides whether
    # the tag counts (source, confidence).
    tag_cols = f"type, {folded('name')}, work_id"
    wanted = {
        "ix_tags_lookup": (
            f"tags ({tag_cols}, source, confidence)"
            if is_sqlite
            else f"tags ({tag_cols}) INCLUDE (source, confidence)"
        ),
        "ix_authors_lname": f"authors ({folded('name')})",
        # Listings sort on these without reading every row.
        "ix_works_imported": "works (imported_at, id)",
        "ix_works_title": f"works ({folded('title')}, id)",
        "ix_works_words": "works (words, id)",
    }

    if is_sqlite:
        have_q = "SELECT name FROM sqlite_master WHERE type = 'index'"
    else:
        have_q = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
    have = set(conn.execute(text(have_q)).scalars())
    if "ix_tags_type_lname" in have:  # its narrower predecessor
        conn.execute(text("DROP INDEX ix_tags_type_lname"))
    for name, target in wanted.items():
        if name not in have:
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {target}"))
    if not _table_exists(conn, "fandex_search_state"):
        # One row counting writes: caches of search data (facets) compare it to know
        # when the library changed, across processes and on both backends.
        conn.execute(
            text("CREATE TABLE fandex_search_state (id INTEGER PRIMARY KEY, generation BIGINT)")
        )
        conn.execute(text("INSERT INTO fandex_search_state VALUES (1, 0)"))
    if created:
        reindex_all(conn)


def reindex_all(conn: Connection) -> int:
    """Index every stored work (a library made before search existed); returns the count."""
    from fandex.library import schema

    ids = list(conn.execute(select(schema.works.c.id)).scalars())
    n = 0
    for i in range(0, len(ids), 200):
        works = list(loading.load_batch(conn, ids[i : i + 200], with_text=True))
        index_works(conn, works)
        n += len(works)
    return n


def generation(conn: Connection) -> int:
    """A number that changes whenever a work or a tag is written or removed (read once
    per :func:`one_generation` block on ``conn``)."""
    held = _HELD.get()
    if held is not None and held[0] is conn:
        return held[1]
    return int(
        conn.execute(text("SELECT generation FROM fandex_search_state WHERE id = 1")).scalar() or 0
    )


# (connection, its generation) inside a one_generation block.
_HELD: ContextVar[tuple[Connection, int] | None] = ContextVar("fandex_generation", default=None)


@contextmanager
def one_generation(conn: Connection) -> Iterator[None]:
    """Within this block :func:`generation` reads the number once on ``conn``: a search
    asks for it in several places (each cache it checks), one round trip each on
    PostgreSQL, and one answer for the whole search is also the consistent one."""
    token = _HELD.set((conn, generation(conn)))
    try:
        yield
    finally:
        _HELD.reset(token)


def _bump(conn: Connection) -> None:
    conn.execute(text("UPDATE fandex_search_state SET generation = generation + 1 WHERE id = 1"))


def _prepare(work: Work, dialect: str) -> tuple[str, IndexDoc]:
    return PREPARED_KEY, index_doc(work, dialect)


def _on_save_many(
    conn: Connection,
    works: Sequence[Work],
    prepared: Sequence[Mapping[str, Any]] | None,
    fresh: set[str],
) -> None:
    index_works(conn, works, prepared, fresh)
    _bump(conn)


def _on_tag(conn: Connection, work_id: str) -> None:
    _bump(conn)


def _on_remove(conn: Connection, work_id: str) -> None:
    unindex_work(conn, work_id)
    _bump(conn)


def register() -> None:
    """Hook index upkeep into the library's writes (idempotent)."""
    if ensure_index not in migrations.POST_CREATE:
        migrations.POST_CREATE.append(ensure_index)
    hooks: list[Any]
    for hooks, hook in (
        (store.PREPARE_HOOKS, _prepare),
        (store.SAVE_BATCH_HOOKS, _on_save_many),
        (store.TAG_HOOKS, _on_tag),
        (store.REMOVE_HOOKS, _on_remove),
    ):
        if hook not in hooks:
            hooks.append(hook)


__all__ = [
    "PREPARED_KEY",
    "ensure_index",
    "generation",
    "index_work",
    "index_works",
    "one_generation",
    "register",
    "reindex_all",
    "unindex_work",
]
