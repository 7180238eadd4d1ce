"""One work, many copies: the library's grouping layer.

Every copy stays stored as the work it was imported as (its own id, text, tags and
source), so nothing a file said is lost and a wrong group is undone by deleting rows.
Groups are rows of ``work_versions`` (every member, its role and who decided); the
*primary* is the most complete copy (of those about as long as the longest, one that
names its author, then most words, then chapters, then the latest date)
and is the one listings and search show (:class:`fandex.query.versions.NotAVersion`)
and the reader opens by default. The primary's stated tags gain the stated tags of
its versions (``tagger: "versions"``, evidence naming the copy), so a filter on a tag
only one copy states still finds the work.

Grouping is incremental: an import's new signatures are looked up in the
``signature_keys`` index (:mod:`.lookup`) and verified on the chapters' text
(:mod:`.grouping`); a person's split or merge (``version_decisions``) outranks
everything on every later import.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, delete, func, insert, or_, select

from fandex.errors import FandexError
from fandex.library import schema, store, tagrows
from fandex.library.groupstate import Decisions, decisions_of, group_members, group_of
from fandex.library.migrations import now
from fandex.library.store import Library
from fandex.model import Evidence, Tag, Version, Work

if TYPE_CHECKING:
    from fandex.library.grouping import Verdict

# The grouping machinery (text signatures, numpy, rapidfuzz) loads when a pass groups or
# a save signs works, not with every library: listings only read the groups.

TAGGER = "versions"
# A chapter of a copy counts as missing from the primary when fewer than this share
# of its anchors occur anywhere in the primary's text.
ONLY_HERE_SHARE = 0.3


@dataclass
class GroupReport:
    """What a grouping pass did."""

    examined: int = 0
    compared: int = 0
    groups: list[list[str]] = field(default_factory=list)
    near: int = 0


# -- reading groups into records ----------------------------------------------------------


def _on_load(conn: Connection, works: list[Work]) -> None:
    """Fill ``versions`` and ``version_of`` of loaded works (one query per batch)."""
    if not works:
        return
    v = schema.work_versions
    ids = [w.id for w in works]
    rows = conn.execute(select(v.c.work_id, v.c.primary_id).where(v.c.work_id.in_(ids))).all()
    if not rows:
        return
    primary_of = {r.work_id: r.primary_id for r in rows}
    members = _versions_of(conn, sorted(set(primary_of.values())))
    for work in works:
        primary = primary_of.get(work.id)
        if primary is None:
            continue
        work.versions = members.get(primary, [])
        if primary != work.id:
            work.version_of = primary


def _versions_of(conn: Connection, primaries: list[str]) -> dict[str, list[Version]]:
    v, w, s = schema.work_versions, schema.works, schema.sources
    stmt = (
        select(
            v.c.work_id,
            v.c.primary_id,
            v.c.role,
            v.c.decided_by,
            v.c.only_here_json,
            w.c.title,
            w.c.words,
            w.c.chapter_count,
            w.c.updated,
            w.c.published,
            w.c.imported_at,
        )
        .join(w, w.c.id == v.c.work_id)
        .where(v.c.primary_id.in_(primaries))
    )
    rows = conn.execute(stmt).all()
    paths: dict[str, tuple[str, str]] = {}
    member_ids = [r.work_id for r in rows]
    for src in conn.execute(
        select(s.c.work_id, s.c.path, s.c.format)
        .where(s.c.work_id.in_(member_ids))
        .order_by(s.c.imported_at)
    ):
        paths.setdefault(src.work_id, (src.path, src.format))
    out: dict[str, list[Version]] = {}
    for r in rows:
        path, fmt = paths.get(r.work_id, (None, None))
        out.setdefault(r.primary_id, []).append(
            Version(
                work_id=r.work_id,
                role=r.role,
                path=path,
                format=fmt,
                chapters=r.chapter_count,
                words=r.words,
                date=r.updated or r.published or (r.imported_at or "")[:10] or None,
                title=r.title,
                decided_by=r.decided_by,
                only_here=json.loads(r.only_here_json),
            )
        )
    for versions in out.values():
        versions.sort(key=lambda x: (x.role != "primary", -x.words, x.work_id))
    return out


# -- grouping -------------------------------------------------------------------------------


# Works whose stored items a grouping pass reads at a time.
_PRELOAD = 500


def group(
    lib: Library,
    ids: Iterable[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> GroupReport:
    """Group the works ``ids`` (every work when None) with the copies already stored."""
    from fandex.library.grouping import UnionFind
    from fandex.library.lookup import Lookup

    report = GroupReport()
    with lib.engine.begin() as conn:
        everything = ids is None
        todo = list(lib.ids() if everything else dict.fromkeys(ids or []))
        if everything:
            conn.execute(delete(schema.work_versions))
            conn.execute(delete(schema.near_duplicates))
        reader = Lookup(conn)
        decisions = decisions_of(conn)
        uf = UnionFind()
        members: dict[str, set[str]] = {}
        touched: set[str] = set()
        judged: set[tuple[str, str]] = set()
        near: list[tuple[str, str, Verdict]] = []

        def join(a: str, b: str) -> None:
            ra, rb = uf.find(a), uf.find(b)
            if ra == rb:
                return
            ma, mb = members.get(ra, {ra}), members.get(rb, {rb})
            if any(frozenset((x, y)) in decisions.apart for x in ma for y in mb):
                return  # a person kept one of each side apart: never via a third copy
            uf.union(a, b)
            members[uf.find(a)] = ma | mb

        examined = set(todo)
        touched |= group_members(conn, todo)
        # Existing groups stay together, less the works examined again now.
        for member in sorted(touched - examined):
            for other in group_of(conn, member):
                if other not in examined:
                    join(member, other)
        # A person's merges hold whatever the text says (works since removed aside).
        existing = set(reader.preload_ids(sorted({x for p in decisions.together for x in p})))
        for pair in sorted(decisions.together, key=sorted):
            a, b = sorted(pair)
            if (a in examined or b in examined) and a in existing and b in existing:
                touched |= {a, b}
                join(a, b)
        for n, work_id in enumerate(todo, start=1):
            report.examined += 1
            if progress:
                progress(n)
            if n % _PRELOAD == 1:  # the next works' items and keys in a few queries each
                window = todo[n - 1 : n - 1 + _PRELOAD]
                reader.preload(window)
                reader.prefetch_keys([reader.item(i) for i in window])
            item = reader.item(work_id)
            if item is None:
                continue
            touched.add(work_id)
            cands = reader.candidates(item)
            reader.preload(cands)
            for other_id in cands:
                key = (min(work_id, other_id), max(work_id, other_id))
                if key in judged or uf.find(work_id) == uf.find(other_id):
                    continue  # already judged, or already one work by other copies
                judged.add(key)
                candidate = reader.item(other_id)
                if candidate is None:
                    continue
                report.compared += 1
                v = reader.judge(item, candidate, decisions)
                if v.same:
                    touched.add(other_id)
                    join(work_id, other_id)
                    for member in group_of(conn, other_id):
                        touched.add(member)
                        if member not in examined:
                            join(other_id, member)
                elif v.near:
                    near.append((work_id, other_id, v))
        for tid in touched:
            uf.find(tid)
        comps = uf.groups()
        grouped = {m for g in comps for m in g}
        _record_near(conn, near)
        _dissolve_many(conn, sorted(touched - grouped))
        for comp in comps:
            write_group(conn, comp, decisions)
        report.groups = comps
        report.near = int(
            conn.execute(select(func.count()).select_from(schema.near_duplicates)).scalar() or 0
        )
    return report


def _record_near(conn: Connection, found: list[tuple[str, str, Verdict]]) -> None:
    """Store the near-duplicate pairs a pass found (each pair once), replacing what
    was stored for them."""
    nd = schema.near_duplicates
    rows = []
    for a, b, v in found:
        lo, hi = sorted((a, b))
        rows.append({"a": lo, "b": hi, "score": v.score, "reason": v.reason})
    if not rows:
        return
    conn.execute(
        delete(nd).where(nd.c.a == bindparam("lo"), nd.c.b == bindparam("hi")),
        [{"lo": r["a"], "hi": r["b"]} for r in rows],
    )
    conn.execute(insert(nd), rows)


def _dissolve(conn: Connection, work_id: str) -> None:
    v = schema.work_versions
    conn.execute(delete(v).where(v.c.work_id == work_id))
    _clear_merged_tags(conn, [work_id])


def _dissolve_many(conn: Connection, ids: list[str]) -> None:
    """:func:`_dissolve` each of ``ids`` that is in a group or holds merged tags; the
    others (a pass examines mostly works that never were in a group) have nothing to
    undo, and their tags did not change."""
    v, t = schema.work_versions, schema.tags
    for lo in range(0, len(ids), 500):
        chunk = ids[lo : lo + 500]
        held = set(conn.execute(select(v.c.work_id).where(v.c.work_id.in_(chunk))).scalars())
        held |= set(
            conn.execute(
                select(t.c.work_id).where(t.c.work_id.in_(chunk), t.c.tagger == TAGGER)
            ).scalars()
        )
        for work_id in sorted(held):
            _dissolve(conn, work_id)


def _clear_merged_tags(conn: Connection, ids: list[str]) -> None:
    t = schema.tags
    conn.execute(delete(t).where(t.c.work_id.in_(ids), t.c.tagger == TAGGER))
    for work_id in ids:
        for hook in store.TAG_HOOKS:
            hook(conn, work_id)


# Copies whose word counts are this close hold the same story: a copy's count differs by
# what its reader left in (an AO3 preface read as text is a tenth of a short work's
# words, a contents page) as much as by story. A chapter only a shorter copy has is
# listed on it either way (``only_here``).
SAME_LENGTH = 0.15


def _completeness(row: Any) -> tuple[int, int, str, str]:
    return (
        int(row.words or 0),
        int(row.chapter_count or 0),
        row.updated or row.published or "",
        row.imported_at or "",
    )


def choose_primary(rows: list[Any], named: set[str]) -> str:
    """The id of the copy read by default: the most complete. Of the copies within
    :data:`SAME_LENGTH` of the longest, one whose file named its author (``named``: the
    ids that have one), then the longest, the one with most chapters, the latest and
    the last imported. Without the first step a calibre PDB whose reader left the AO3
    preface in the text (1,302 words, no author, its title the file's name) was shown
    for the FB2 and HTMLZ of the same work (1,180 words, title, author and tags); and a
    converter's front matter, read as a chapter of its own, outranks on chapters too."""
    longest = max(int(r.words or 0) for r in rows)
    close = [r for r in rows if int(r.words or 0) >= (1 - SAME_LENGTH) * longest]
    return str(
        max(
            close,
            key=lambda r: (r.id in named, _completeness(r), r.id),
        ).id
    )


def write_group(conn: Connection, ids: list[str], decisions: Decisions) -> str:
    """Store ``ids`` as one group: choose the primary, find chapters only one copy
    has, and give the primary its versions' stated tags. Returns the primary's id."""
    w, v, sg = schema.works, schema.work_versions, schema.signatures
    rows = conn.execute(
        select(
            w.c.id, w.c.words, w.c.chapter_count, w.c.updated, w.c.published, w.c.imported_at
        ).where(w.c.id.in_(ids))
    ).all()
    if len(rows) < 2:
        for work_id in ids:
            _dissolve(conn, work_id)
        return ids[0] if ids else ""
    au = schema.authors
    named = set(conn.execute(select(au.c.work_id).where(au.c.work_id.in_(ids))).scalars())
    primary = choose_primary(list(rows), named)
    chapter_anchors = {
        r.work_id: json.loads(r.chapter_json)
        for r in conn.execute(select(sg.c.work_id, sg.c.chapter_json).where(sg.c.work_id.in_(ids)))
    }
    in_primary = {a for ch in chapter_anchors.get(primary, []) for a in ch}
    titles = _chapter_titles(conn, ids)
    conn.execute(delete(v).where(v.c.work_id.in_(ids)))
    user_pairs = {p for p in decisions.together if p <= set(ids)}
    out = []
    for r in rows:
        only_here = []
        if r.id != primary and in_primary:
            for idx, anchors in enumerate(chapter_anchors.get(r.id, []), start=1):
                if len(anchors) >= 3:
                    share = sum(1 for a in anchors if a in in_primary) / len(anchors)
                    if share < ONLY_HERE_SHARE:
                        title, words = titles.get((r.id, idx), (None, 0))
                        only_here.append({"index": idx, "title": title, "words": words})
        by_user = any(r.id in p for p in user_pairs)
        out.append(
            {
                "work_id": r.id,
                "primary_id": primary,
                "role": "primary" if r.id == primary else "version",
                "decided_by": "user" if by_user else "auto",
                "score": 1.0,
                "reason": "",
                "only_here_json": json.dumps(only_here),
            }
        )
    conn.execute(insert(v), out)
    _merge_stated_tags(conn, primary, [i for i in ids if i != primary])
    return primary


def _chapter_titles(
    conn: Connection, ids: list[str]
) -> dict[tuple[str, int], tuple[str | None, int]]:
    c = schema.chapters
    rows = conn.execute(
        select(c.c.work_id, c.c.idx, c.c.title, c.c.words).where(c.c.work_id.in_(ids))
    )
    return {(r.work_id, r.idx): (r.title, r.words) for r in rows}


def _merge_stated_tags(conn: Connection, primary: str, versions: list[str]) -> None:
    """Give the primary the stated tags only its versions hold, each with its copy's
    evidence and ``attrs.via`` naming the copy."""
    t, s = schema.tags, schema.sources
    _clear_merged_tags(conn, [primary, *versions])
    have = {
        (r.type, r.name.casefold())
        for r in conn.execute(select(t.c.type, t.c.name).where(t.c.work_id == primary))
    }
    paths = dict(conn.execute(select(s.c.work_id, s.c.path).where(s.c.work_id.in_(versions))).all())
    new = []
    for r in conn.execute(
        select(t)
        .where(t.c.work_id.in_(versions), t.c.source.in_(("stated", "user")))
        .order_by(t.c.work_id, t.c.id)
    ):
        if r.source == "user" and '"rejected": true' in r.attrs_json:
            continue
        key = (r.type, r.name.casefold())
        if key in have:
            continue
        have.add(key)
        evidence = [Evidence.from_dict(e) for e in json.loads(r.evidence_json)]
        evidence.insert(
            0, Evidence(field=f"version:{paths.get(r.work_id, r.work_id)}", quote=r.name)
        )
        tag = Tag(
            r.type,
            r.name,
            source="stated",
            evidence=evidence,
            tagger=TAGGER,
            attrs={"via": r.work_id},
        )
        new.append(tagrows.tag_row(primary, tag))
    if new:
        conn.execute(insert(t), new)
    for hook in store.TAG_HOOKS:
        hook(conn, primary)


# -- a person's decisions -------------------------------------------------------------------


def _decide(conn: Connection, a: str, b: str, decision: str) -> None:
    lo, hi = sorted((a, b))
    d = schema.version_decisions
    conn.execute(delete(d).where(d.c.a == lo, d.c.b == hi))
    conn.execute(insert(d), {"a": lo, "b": hi, "decision": decision, "decided_at": now()})


def split(lib: Library, work_id: str) -> list[str]:
    """Take ``work_id`` out of its group, for good: the decision is kept, so no later
    import groups it with those copies again. Returns the copies it was with."""
    work_id = lib.resolve(work_id)
    with lib.engine.begin() as conn:
        group_ids = group_of(conn, work_id)
        if not group_ids:
            raise FandexError(f"{work_id} is not grouped with any other copy")
        rest = [i for i in group_ids if i != work_id]
        for other in rest:
            _decide(conn, work_id, other, "apart")
        _dissolve(conn, work_id)
        write_group(conn, rest, decisions_of(conn))
        conn.execute(
            delete(schema.near_duplicates).where(
                or_(schema.near_duplicates.c.a == work_id, schema.near_duplicates.c.b == work_id)
            )
        )
    return rest


def merge(lib: Library, first: str, second: str) -> str:
    """Group two works (and the copies each is already grouped with), for good.
    Returns the primary of the merged group."""
    a, b = lib.resolve(first), lib.resolve(second)
    if a == b:
        raise FandexError("give two different works to merge")
    with lib.engine.begin() as conn:
        _decide(conn, a, b, "together")
        ids = sorted({a, b, *group_of(conn, a), *group_of(conn, b)})
        decisions = decisions_of(conn)
        for x in ids:
            for y in ids:
                if x < y and frozenset((x, y)) in decisions.apart:
                    # The person's newer word: these copies belong together after all.
                    conn.execute(
                        delete(schema.version_decisions).where(
                            schema.version_decisions.c.a == x, schema.version_decisions.c.b == y
                        )
                    )
        nd = schema.near_duplicates
        conn.execute(delete(nd).where(nd.c.a.in_(ids), nd.c.b.in_(ids)))
        return write_group(conn, ids, decisions_of(conn))


def _on_remove(conn: Connection, work_id: str) -> None:
    rest = [i for i in group_of(conn, work_id) if i != work_id]
    _dissolve(conn, work_id)
    if rest:
        write_group(conn, rest, decisions_of(conn))


# -- listings for ``fandex dupes`` ----------------------------------------------------------


def groups(lib: Library) -> list[list[Version]]:
    """Every group, its primary first, largest groups first."""
    with lib.engine.connect() as conn:
        primaries = sorted(set(conn.execute(select(schema.work_versions.c.primary_id)).scalars()))
        found = _versions_of(conn, primaries) if primaries else {}
    return sorted(found.values(), key=lambda g: (-len(g), g[0].title.casefold(), g[0].work_id))


@dataclass
class NearPair:
    a: Version
    b: Version
    score: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "score": round(self.score, 3),
            "reason": self.reason,
        }


def near_pairs(lib: Library) -> list[NearPair]:
    """Pairs that look alike but were not grouped, most alike first."""
    nd, w = schema.near_duplicates, schema.works
    with lib.engine.connect() as conn:
        rows = conn.execute(select(nd).order_by(nd.c.score.desc(), nd.c.a, nd.c.b)).all()
        ids = sorted({r.a for r in rows} | {r.b for r in rows})
        info = {
            r.id: r
            for r in conn.execute(
                select(w.c.id, w.c.title, w.c.words, w.c.chapter_count).where(w.c.id.in_(ids))
            )
        }
    out = []
    for r in rows:
        if r.a in info and r.b in info:
            va, vb = (
                Version(
                    x,
                    "candidate",
                    title=info[x].title,
                    words=info[x].words,
                    chapters=info[x].chapter_count,
                )
                for x in (r.a, r.b)
            )
            out.append(NearPair(va, vb, r.score, r.reason))
    return out


def _save_signatures(conn: Connection, works: list[Work], prepared: Any, fresh: set[str]) -> None:
    from fandex.library.sigrows import save_signatures

    save_signatures(conn, works, prepared, fresh)


def register() -> None:
    """Hook signatures and groups into the library's writes and reads (idempotent)."""
    for hooks, fn in (
        (store.SAVE_BATCH_HOOKS, _save_signatures),
        (store.REMOVE_HOOKS, _on_remove),
        (store.LOAD_HOOKS, _on_load),
    ):
        if fn not in hooks:
            hooks.append(fn)


register()
