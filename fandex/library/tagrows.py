"""A work's tags and flags as rows of the ``tags`` and ``flags`` tables, and back.

Shared by the store (every write) and the migration that brought "stated wins" to older
libraries: both reconcile a work's guesses with its author's word
(:mod:`fandex.tag.reconcile`) before writing its tags.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Select, delete, select, update

from fandex.library import schema
from fandex.model import TAG_TYPES, Evidence, Tag, Work
from fandex.tag.reconcile import reconcile

__all__ = [
    "flag_columns",
    "insert_flags",
    "json_text",
    "load_flags",
    "load_tags",
    "rewrite_tags",
    "tag_row",
    "tags_of_rows",
    "tags_query",
    "write_tags",
]


def json_text(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``; most tags' evidence and attributes are
    empty, and a batch of works writes tens of thousands of them."""
    if isinstance(value, list) and not value:
        return "[]"
    if isinstance(value, dict) and not value:
        return "{}"
    return json.dumps(value, ensure_ascii=False)


def tag_row(work_id: str, tag: Tag) -> dict[str, Any]:
    return {
        "work_id": work_id,
        "type": tag.type,
        "name": tag.name,
        "source": tag.source,
        "confidence": tag.confidence,
        "tagger": tag.tagger,
        "evidence_json": json_text([e.to_dict() for e in tag.evidence]),
        "attrs_json": json_text(tag.attrs),
    }


def flag_columns(flag: dict[str, Any]) -> tuple[str, str | None, str | None, float]:
    """``(kind, type, name, confidence)`` of a flag as the ``flags`` table holds it (the
    query layer and the review queue read a work's flags the same way in Python).

    The name a flag proposes is under ``warning``, ``name`` or ``tag`` (flags have been
    written all three ways); a named flag without a known type proposes a warning.
    """
    kind = str(flag.get("kind") or "flag")[:64]
    raw = flag.get("warning") or flag.get("name") or flag.get("tag")
    name = raw if isinstance(raw, str) and raw else None
    type_ = flag.get("type") if flag.get("type") in TAG_TYPES else None
    if type_ is None and name is not None:
        type_ = "warning"
    try:
        confidence = min(1.0, max(0.0, float(flag.get("confidence", 1.0))))
    except (TypeError, ValueError):
        confidence = 1.0
    return kind, type_, name, confidence


def insert_flags(conn: Connection, work: Work) -> None:
    rows = []
    for flag in work.flags:
        kind, type_, name, confidence = flag_columns(flag)
        row = {"kind": kind, "type": type_, "name": name, "confidence": confidence}
        rows.append({"work_id": work.id, **row})
    if rows:
        conn.execute(schema.flags.insert(), rows)


def write_tags(conn: Connection, work: Work) -> None:
    """Replace a stored work's tags and flags with ``work``'s."""
    for table in (schema.tags, schema.flags):
        conn.execute(delete(table).where(table.c.work_id == work.id))
    if work.tags:
        conn.execute(schema.tags.insert(), [tag_row(work.id, t) for t in work.tags])
    insert_flags(conn, work)
    conn.execute(
        update(schema.works)
        .where(schema.works.c.id == work.id)
        .values(flags_json=json.dumps(work.flags, ensure_ascii=False))
    )


def rewrite_tags(conn: Connection, work_id: str, tags: list[Tag], flags_json: str) -> bool:
    """Reconcile a stored work's ``tags`` and flags and store the result (the migration
    that brought "stated wins" to older libraries). True when its tags changed."""
    work = Work(id=work_id, tags=tags, flags=json.loads(flags_json))
    changed = reconcile(work)
    if changed:
        write_tags(conn, work)
    else:
        conn.execute(delete(schema.flags).where(schema.flags.c.work_id == work_id))
        insert_flags(conn, work)
    return changed


def load_flags(conn: Connection, work_id: str) -> list[dict[str, Any]]:
    raw = conn.execute(
        select(schema.works.c.flags_json).where(schema.works.c.id == work_id)
    ).scalar()
    flags: list[dict[str, Any]] = json.loads(raw) if raw else []
    return flags


def load_tags(conn: Connection, ids: list[str]) -> dict[str, list[Tag]]:
    """The tags of the works ``ids``, by work id, in stored order."""
    return tags_of_rows(conn.execute(tags_query(ids)))


def tags_query(ids: list[str]) -> Select[Any]:
    """The select :func:`load_tags` reads (for a caller reading several tables at once)."""
    t = schema.tags
    return select(t).where(t.c.work_id.in_(ids)).order_by(t.c.work_id, t.c.id)


def tags_of_rows(rows: Iterable[Any]) -> dict[str, list[Tag]]:
    """:func:`load_tags`'s answer from the rows of :func:`tags_query`."""
    out: dict[str, list[Tag]] = {}
    for r in rows:
        out.setdefault(r.work_id, []).append(
            Tag(
                type=r.type,
                name=r.name,
                source=r.source,
                confidence=r.confidence,
                tagger=r.tagger,
                evidence=[Evidence.from_dict(e) for e in json.loads(r.evidence_json)],
                attrs=json.loads(r.attrs_json),
            )
        )
    return out
