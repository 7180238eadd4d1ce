"""What the library holds about groups of copies, read without the grouping machinery:
a person's decisions (``version_decisions``) and the members of a work's group
(``work_versions``). Listings read these on every load, so this module stays light
(no numpy, no text signatures).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from fandex.library import schema


@dataclass
class Decisions:
    """A person's decisions, as unordered pairs of work ids."""

    apart: set[frozenset[str]] = field(default_factory=set)
    together: set[frozenset[str]] = field(default_factory=set)


def decisions_of(conn: Connection) -> Decisions:
    """Every split (``apart``) and merge (``together``) a person made."""
    d = Decisions()
    for r in conn.execute(select(schema.version_decisions)):
        pair = frozenset((r.a, r.b))
        (d.apart if r.decision == "apart" else d.together).add(pair)
    return d


def group_of(conn: Connection, work_id: str) -> list[str]:
    """The ids of the group ``work_id`` belongs to (itself included), or []."""
    v = schema.work_versions
    primary = conn.execute(select(v.c.primary_id).where(v.c.work_id == work_id)).scalar()
    if primary is None:
        return []
    return sorted(conn.execute(select(v.c.work_id).where(v.c.primary_id == primary)).scalars())


def group_members(conn: Connection, ids: list[str]) -> set[str]:
    """Every member of the groups any of ``ids`` belongs to (one query per 500 ids)."""
    v = schema.work_versions
    mine = v.alias("mine")
    out: set[str] = set()
    for lo in range(0, len(ids), 500):
        chunk = ids[lo : lo + 500]
        out.update(
            conn.execute(
                select(v.c.work_id)
                .join(mine, mine.c.primary_id == v.c.primary_id)
                .where(mine.c.work_id.in_(chunk))
            ).scalars()
        )
    return out
