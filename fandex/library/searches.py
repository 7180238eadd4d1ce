"""Saved searches: named queries for the web sidebar, the OPDS catalog and the CLI.

A query is checked when it is saved, so a malformed one never reaches the table.

>>> from fandex.library import Library
>>> lib = Library.open(":memory:")
>>> save(lib, "Long Spuffy", "ship:Spuffy words:>50000").query
'ship:Spuffy words:>50000'
>>> [s.name for s in entries(lib)]
['Long Spuffy']
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update

from fandex.errors import LibraryError, NotFound
from fandex.library import schema
from fandex.library.migrations import now
from fandex.library.store import Library

MAX_NAME = 128


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str
    created_at: str


def entries(lib: Library) -> list[SavedSearch]:
    """Every saved search, by name."""
    s = schema.saved_searches
    with lib.engine.connect() as conn:
        rows = conn.execute(select(s).order_by(s.c.name, s.c.id)).all()
    return [SavedSearch(r.id, r.name, r.query, r.created_at) for r in rows]


def get(lib: Library, key: str | int) -> SavedSearch:
    """The saved search with this id or name; :class:`NotFound` otherwise."""
    s = schema.saved_searches
    where = s.c.id == key if isinstance(key, int) else s.c.name == key
    with lib.engine.connect() as conn:
        r = conn.execute(select(s).where(where)).first()
    if r is None:
        raise NotFound(f"no saved search {key!r} (see: fandex search list)")
    return SavedSearch(r.id, r.name, r.query, r.created_at)


def save(lib: Library, name: str, query: str) -> SavedSearch:
    """Save ``query`` as ``name`` (replacing the query of a search of that name);
    :class:`~fandex.errors.QueryError` when the query is malformed."""
    from fandex.query import parse

    name, query = " ".join(name.split()), query.strip()
    if not name or len(name) > MAX_NAME:
        raise LibraryError(f"a saved search needs a name of 1 to {MAX_NAME} characters")
    parse(query)
    s = schema.saved_searches
    stamp = now()
    with lib.engine.begin() as conn:
        old = conn.execute(select(s.c.id).where(s.c.name == name)).scalar()
        if old is not None:
            conn.execute(update(s).where(s.c.id == old).values(query=query))
            new_id = old
        else:
            result = conn.execute(s.insert().values(name=name, query=query, created_at=stamp))
            new_id = result.inserted_primary_key[0] if result.inserted_primary_key else 0
    return SavedSearch(int(new_id or 0), name, query, stamp)


def remove(lib: Library, key: str | int) -> SavedSearch:
    """Remove the saved search with this id or name."""
    found = get(lib, key)
    s = schema.saved_searches
    with lib.engine.begin() as conn:
        conn.execute(delete(s).where(s.c.id == found.id))
    return found


__all__ = ["SavedSearch", "entries", "get", "remove", "save"]
