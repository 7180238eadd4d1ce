"""The review queue: tags a machine guessed, waiting for a person's yes or no.

Possible missing warnings come first (they are the safety feature), then ratings that
disagree with the author's (a guess held in a flag, :mod:`fandex.tag.reconcile`), then
inferred and learned tags from the least sure upwards. Every decision is stored as a ``source:
"user"`` tag, which the library keeps through any re-import or re-tag:

- accept: the tag, as it was, now with ``source: "user"`` (confidence 1).
- reject: a ``source: "user"`` tag with ``attrs["rejected"] = True``, so the guess
  never comes back.
- edit: the old name rejected, the new name accepted.

A rating or warning a person accepts overrules what it contradicts: the work's other
rating, or "No Archive Warnings Apply" beside an archive warning, is marked rejected.

The CLI (``fandex review``) and the web queue share this module.

>>> from fandex.library import Library
>>> from fandex.model import Tag, Work
>>> lib = Library.open(":memory:")
>>> w = Work(title="A", id="ab12")
>>> _ = w.add_tag(Tag("fandom", "Buffy", source="inferred", confidence=0.7, tagger="fandom"))
>>> _ = lib.save(w)
>>> [i.tag.name for i in queue(lib)]
['Buffy']
>>> decide(lib, "ab12", "fandom", "Buffy", "accept").source
'user'
>>> queue(lib)
[]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select

from fandex.errors import FandexError
from fandex.library import Library, schema
from fandex.library.tagrows import flag_columns
from fandex.model import TAG_SOURCES, TAG_TYPES, Evidence, Tag, Work
from fandex.tag.reconcile import MISSING_WARNING, RATING_DISAGREES
from fandex.vocab import ao3

__all__ = [
    "DECISIONS",
    "MISSING_WARNING",
    "RATING_DISAGREES",
    "ReviewError",
    "ReviewItem",
    "bulk_accept",
    "decide",
    "flag_tag",
    "items_for",
    "pending",
    "queue",
    "reviewable",
    "taggers",
]

DECISIONS = ("accept", "reject", "edit")
# Flag kinds the queue lists, in its order, and the item kind each becomes.
_FLAG_ITEMS = {MISSING_WARNING: "missing-warning", RATING_DISAGREES: "rating-disagrees"}


class ReviewError(FandexError):
    """A review decision that cannot be applied (unknown tag, bad decision)."""


@dataclass
class ReviewItem:
    """One thing a person should look at.

    ``kind`` is ``"missing-warning"`` (a flag: the text suggests an archive warning the
    work does not carry), ``"rating-disagrees"`` (a flag: the text reads as another
    rating than the author's) or ``"tag"`` (an inferred/learned tag). Each carries a
    :class:`Tag` to accept or reject; for a flag it is the guess proposed.
    """

    kind: str
    work_id: str
    work_title: str
    tag: Tag
    reason: str = ""
    flag: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "work_id": self.work_id,
            "work_title": self.work_title,
            "tag": self.tag.to_dict(),
        }
        if self.reason:
            out["reason"] = self.reason
        return out


def reviewable(tag: Tag) -> bool:
    """True for a machine's guess a person has not yet decided on."""
    return tag.source in ("inferred", "learned")


def flag_tag(flag: dict[str, Any]) -> Tag | None:
    """The guess a flag proposes, as the tag it would be (inferred unless the flag says)."""
    _kind, type_, name, confidence = flag_columns(flag)
    if type_ is None or name is None:
        return None
    if "confidence" not in flag:
        confidence = 0.5
    evidence = [Evidence.from_dict(e) for e in flag.get("evidence", []) if isinstance(e, dict)]
    source = flag.get("source") if flag.get("source") in TAG_SOURCES else "inferred"
    return Tag(
        type_,
        name,
        source=str(source),
        confidence=confidence,
        evidence=evidence,
        tagger=flag.get("tagger") if isinstance(flag.get("tagger"), str) else None,
    )


def _flag_reason(flag: dict[str, Any]) -> str:
    for key in ("message", "reason", "note"):
        value = flag.get(key)
        if isinstance(value, str) and value:
            return value
    return "the text suggests a warning the work does not carry"


def open_flags(
    work: Work, kinds: tuple[str, ...] = (MISSING_WARNING,)
) -> list[tuple[Tag, dict[str, Any]]]:
    """Flags of ``kinds`` (possible missing warnings, by default) that no person has
    ruled on, with the tags they propose."""
    out: list[tuple[Tag, dict[str, Any]]] = []
    for flag in work.flags:
        if flag.get("kind") not in kinds:
            continue
        tag = flag_tag(flag)
        if tag is None:
            continue
        decided = work.find_tag(tag.type, tag.name)
        if decided is None or decided.source != "user":
            out.append((tag, flag))
    return out


def items_for(work: Work) -> list[ReviewItem]:
    """The review items of one work: missing warnings, disagreeing ratings, then guesses."""
    out: list[ReviewItem] = [
        ReviewItem(_FLAG_ITEMS[flag["kind"]], work.id, work.title, tag, _flag_reason(flag), flag)
        for tag, flag in open_flags(work, tuple(_FLAG_ITEMS))
    ]
    out.sort(key=lambda i: list(_FLAG_ITEMS.values()).index(i.kind))
    for tag in work.tags:
        if reviewable(tag):
            out.append(ReviewItem("tag", work.id, work.title, tag))
    return out


def _tag_filters(
    tagger: str | None, type_: str | None, max_confidence: float | None
) -> list[ColumnElement[bool]]:
    t = schema.tags
    conds: list[ColumnElement[bool]] = [t.c.source.in_(("inferred", "learned"))]
    if type_:
        conds.append(t.c.type == type_)
    if tagger:
        conds.append(t.c.tagger.is_(None) if tagger == "unknown" else t.c.tagger == tagger)
    if max_confidence is not None:
        conds.append(t.c.confidence <= max_confidence)
    return conds


def _flag_items(lib: Library, type_: str | None) -> list[ReviewItem]:
    w = schema.works
    with lib.engine.connect() as conn:
        ids = list(conn.execute(select(w.c.id).where(w.c.flags_json != "[]")).scalars())
    order = list(_FLAG_ITEMS.values())
    items = [
        item
        for work in lib.iter_works(ids)
        for item in items_for(work)
        if item.kind in order and (not type_ or item.tag.type == type_)
    ]
    items.sort(key=lambda i: (order.index(i.kind), -i.tag.confidence, i.work_title.casefold()))
    return items


def queue(
    lib: Library,
    *,
    tagger: str | None = None,
    type_: str | None = None,
    max_confidence: float | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ReviewItem]:
    """What waits for review: missing warnings first, then guesses from the least sure.

    ``tagger`` (``"unknown"`` for tags without one), ``type_`` and ``max_confidence``
    narrow the tag items; missing-warning flags are kept unless ``type_`` excludes
    warnings. ``limit``/``offset`` page through the queue in SQL, so a big library's
    queue is not loaded whole.
    """
    flags = _flag_items(lib, type_)
    items = flags[offset : offset + limit if limit is not None else None]
    room = None if limit is None else limit - len(items)
    if room == 0:
        return items
    t, w = schema.tags, schema.works
    stmt = (
        select(t, w.c.title)
        .join(w, w.c.id == t.c.work_id)
        .where(*_tag_filters(tagger, type_, max_confidence))
        .order_by(t.c.confidence, func.lower(w.c.title), t.c.type, t.c.name, t.c.id)
        .offset(max(0, offset - len(flags)))
    )
    if room is not None:
        stmt = stmt.limit(room)
    with lib.engine.connect() as conn:
        for r in conn.execute(stmt):
            tag = Tag(
                r.type,
                r.name,
                source=r.source,
                confidence=r.confidence,
                tagger=r.tagger,
                evidence=[Evidence.from_dict(e) for e in json.loads(r.evidence_json)],
                attrs=json.loads(r.attrs_json),
            )
            items.append(ReviewItem("tag", r.work_id, r.title, tag))
    return items


def pending(
    lib: Library,
    *,
    tagger: str | None = None,
    type_: str | None = None,
    max_confidence: float | None = None,
) -> int:
    """How many items :func:`queue` holds with the same filters."""
    t = schema.tags
    with lib.engine.connect() as conn:
        n = conn.execute(
            select(func.count()).select_from(t).where(*_tag_filters(tagger, type_, max_confidence))
        ).scalar()
    return int(n or 0) + len(_flag_items(lib, type_))


def taggers(lib: Library, *, type_: str | None = None) -> list[tuple[str, int]]:
    """Pending guesses per tagger (``"unknown"`` when none is named), most first."""
    t = schema.tags
    stmt = (
        select(t.c.tagger, func.count())
        .where(*_tag_filters(None, type_, None))
        .group_by(t.c.tagger)
    )
    with lib.engine.connect() as conn:
        counts = [(name or "unknown", int(n)) for name, n in conn.execute(stmt)]
    return sorted(counts, key=lambda kv: (-kv[1], kv[0]))


def _proposed(work: Work, type_: str, name: str) -> Tag | None:
    tag = work.find_tag(type_, name)
    if tag is not None:
        return tag
    for flag in work.flags:
        if flag.get("kind") in _FLAG_ITEMS:
            proposed = flag_tag(flag)
            if proposed is not None and proposed.key == (type_, name.casefold()):
                return proposed
    return None


def _drop_flag(lib: Library, work_id: str, tag: Tag) -> None:
    """Once a person decided on a proposed guess, its flag has done its job."""
    work = lib.get(work_id, with_text=False)  # as the decision left it
    kept = []
    for flag in work.flags:
        proposed = flag_tag(flag) if flag.get("kind") in _FLAG_ITEMS else None
        if proposed is None or proposed.key != tag.key:
            kept.append(flag)
    if len(kept) != len(work.flags):
        lib.set_flags(work.id, kept)
        work.flags = kept


def decide(
    lib: Library,
    work_id: str,
    type_: str,
    name: str,
    decision: str,
    *,
    new_name: str | None = None,
) -> Tag:
    """Apply one decision to a work's tag and return the stored ``user`` tag.

    ``decision`` is ``accept``, ``reject`` or ``edit`` (``edit`` needs ``new_name``:
    the old name is rejected and the new one accepted). A tag a person adds that no
    machine proposed may be accepted too (``accept`` on an unknown name adds it).
    """
    if decision not in DECISIONS:
        raise ReviewError(f"unknown decision {decision!r}; use accept, reject or edit")
    if type_ not in TAG_TYPES:
        raise ReviewError(f"unknown tag type {type_!r}")
    name = name.strip()
    fixed = (new_name or "").strip()
    if not name:
        raise ReviewError("a tag needs a name")
    if decision == "edit" and not fixed:
        raise ReviewError("an edit needs the new tag name")
    work = lib.get(work_id, with_text=False)
    old = _proposed(work, type_, name)
    evidence = list(old.evidence) if old else []
    tagger = old.tagger if old else None
    if decision == "accept":
        tag = Tag(type_, old.name if old else name, source="user", evidence=evidence, tagger=tagger)
    else:
        rejected = Tag(
            type_,
            old.name if old else name,
            source="user",
            evidence=evidence,
            tagger=tagger,
            attrs={"rejected": True},
        )
        lib.set_tag(work.id, rejected)
        tag = rejected
        if decision == "edit":
            tag = Tag(type_, fixed, source="user", evidence=evidence, tagger=tagger)
    if decision != "reject":
        for overruled in _overruled(work, tag):
            lib.set_tag(work.id, overruled)
        lib.set_tag(work.id, tag)
    _drop_flag(lib, work.id, old or tag)
    return tag


def _overruled(work: Work, tag: Tag) -> list[Tag]:
    """What a person's new rating or warning says is wrong, as rejections: the other
    rating (a work has one), or "No Archive Warnings Apply" beside a warning."""
    if tag.type == "rating":
        wrong = [t for t in work.tags_of("rating") if t.key != tag.key]
    elif tag.type == "warning" and tag.name.casefold() != ao3.WARNING_NONE.casefold():
        wrong = [
            t for t in work.tags_of("warning") if t.name.casefold() == ao3.WARNING_NONE.casefold()
        ]
    else:
        return []
    return [
        Tag(t.type, t.name, source="user", evidence=list(t.evidence), attrs={"rejected": True})
        for t in wrong
        if t.source in ("stated", "user") and not t.attrs.get("rejected")
    ]


def bulk_accept(
    lib: Library,
    *,
    tagger: str | None,
    min_confidence: float,
    type_: str | None = None,
) -> int:
    """Accept every pending guess of ``tagger`` (None: any) at or above ``min_confidence``.

    Flags (missing warnings, disagreeing ratings) are never bulk accepted: each needs a
    person's look.
    Returns the number of tags accepted.
    """
    t = schema.tags
    stmt = select(t.c.work_id, t.c.type, t.c.name).where(
        *_tag_filters(tagger, type_, None), t.c.confidence >= min_confidence
    )
    with lib.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    for work_id, type_name, name in rows:
        decide(lib, work_id, type_name, name, "accept")
    return len(rows)
