"""The blocklist: saved queries whose works every listing hides unless asked.

Entries are stored in the library (table ``blocklist``), so the CLI, the web and the
API all apply the same list. An entry is checked as a query when it is added, so a
malformed one never reaches the table.

>>> from fandex.library import Library
>>> lib = Library.open(":memory:")
>>> add(lib, 'warning:"Rape/Non-Con"').query
'warning:"Rape/Non-Con"'
>>> [e.query for e in entries(lib)]
['warning:"Rape/Non-Con"']
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, select

from fandex.errors import NotFound, QueryError
from fandex.library import schema
from fandex.library.migrations import now
from fandex.library.store import Library


@dataclass(frozen=True)
class BlockEntry:
    """One blocked query; ``id`` is the number ``block rm`` takes."""

    id: int
    query: str
    created_at: str


def entries(lib: Library, conn: Connection | None = None) -> list[BlockEntry]:
    """Every entry, oldest first (read on ``conn`` when given: a search reads them in
    its own transaction)."""
    b = schema.blocklist
    if conn is None:
        with lib.engine.connect() as own:
            return entries(lib, own)
    rows = conn.execute(select(b).order_by(b.c.id)).all()
    return [BlockEntry(r.id, r.query, r.created_at) for r in rows]


def as_suspected(query: str) -> str:
    """``query`` with its ``warning:`` and ``rating:`` terms as ``suspect:`` terms, which
    also select works where fandex guessed the value against the author's word.

    >>> as_suspected('warning:"Underage Sex" -rating:E fandom:Naruto')
    'suspect:"Underage Sex" -suspect:E fandom:Naruto'
    """
    from fandex.query import FIELDS
    from fandex.query.lexer import tokenize

    out = query
    for tok in reversed(tokenize(query, FIELDS)):
        if tok.kind == "FIELD" and tok.text in ("warning", "rating"):
            out = out[: tok.pos] + "suspect" + out[tok.pos + len(tok.text) :]
    return out


def add(lib: Library, query: str, *, suspected: bool = False) -> BlockEntry:
    """Block the works ``query`` selects; raises :class:`QueryError` if it is malformed.

    A warning or rating blocks only where it counts (never against the author's word);
    ``suspected`` widens it to works where fandex guessed it anyway (:func:`as_suspected`).
    """
    from fandex.query import All, parse

    query = query.strip()
    if suspected:
        query = as_suspected(query)
    if isinstance(parse(query), All):
        raise QueryError("a blocklist entry must select something", 0, query)
    b = schema.blocklist
    stamp = now()
    with lib.engine.begin() as conn:
        existing = conn.execute(select(b.c.id).where(b.c.query == query)).scalar()
        if existing is not None:
            return BlockEntry(int(existing), query, stamp)
        result = conn.execute(b.insert().values(query=query, created_at=stamp))
        new_id = result.inserted_primary_key[0] if result.inserted_primary_key else None
    return BlockEntry(int(new_id or 0), query, stamp)


def remove(lib: Library, entry_id: int) -> BlockEntry:
    """Remove entry ``entry_id``; :class:`NotFound` when there is none."""
    b = schema.blocklist
    if not 0 < entry_id < 2**63:  # no such row, and past what the database can compare
        raise NotFound(f"no blocklist entry {entry_id} (see: fandex block list)")
    with lib.engine.begin() as conn:
        row = conn.execute(select(b).where(b.c.id == entry_id)).first()
        if row is None:
            raise NotFound(f"no blocklist entry {entry_id} (see: fandex block list)")
        conn.execute(delete(b).where(b.c.id == entry_id))
    return BlockEntry(row.id, row.query, row.created_at)


__all__ = ["BlockEntry", "add", "as_suspected", "entries", "remove"]
