"""Which queries the in-memory index (:mod:`fandex.query.memory`) answers better than
SQL: decided from the query alone, without loading the index (or numpy), so a search
that will not use it never pays for importing it."""

from __future__ import annotations

from fandex.query.nodes import And, Complete, Context, Not, Number, Or, Query, TagIs, Text


def helps(q: Query) -> bool:
    """Whether ``q`` has a leaf the in-memory path answers (tags, numbers, status)."""
    if isinstance(q, And | Or):
        return any(helps(p) for p in q.parts)
    if isinstance(q, Not):
        return helps(q.part)
    return isinstance(q, TagIs | Number | Complete)


def answers_text(q: Query, ctx: Context) -> bool:
    """Whether ``q`` has a text search the in-memory path answers from the text index
    alone (SQLite's FTS5 table, keyed by rowid; PostgreSQL's vectors' table, with the
    ranks in the same read): cheaper than the database's own count, which looks every
    match up in ``works``."""
    return has_text(q)


def has_text(q: Query) -> bool:
    """Whether ``q`` has a text search anywhere (even negated)."""
    if isinstance(q, And | Or):
        return any(has_text(p) for p in q.parts)
    if isinstance(q, Not):
        return has_text(q.part)
    return isinstance(q, Text)


__all__ = ["answers_text", "has_text", "helps"]
