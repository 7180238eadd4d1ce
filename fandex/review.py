"""The review queue: tags a machine guessed, waiting for a person's yes or no.

Possible missing warnings come first (they are the safety feature), then inferred and
learned tags from the least sure upwards. Every decision is stored as a ``source:
"user"`` tag, which the library keeps through any re-import or re-tag:

- accept: the tag, as it was, now with ``source: "user"`` (confidence 1).
- reject: a ``source: "user"`` tag with ``attrs["rejected"] = True``, so the guess
  never comes back.
- edit: the old name rejected, the new name accepted.

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

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from fandex.errors import FandexError
from fandex.library import Library
from fandex.model import TAG_TYPES, Evidence, Tag, Work

__all__ = [
    "DECISIONS",
    "MISSING_WARNING",
    "ReviewError",
    "ReviewItem",
    "bulk_accept",
    "decide",
    "queue",
    "reviewable",
    "taggers",
]

MISSING_WARNING = "possible-missing-warning"
DECISIONS = ("accept", "reject", "edit")


class ReviewError(FandexError):
    """A review decision that cannot be applied (unknown tag, bad decision)."""


@dataclass
class ReviewItem:
    """One thing a person should look at.

    ``kind`` is ``"missing-warning"`` (a flag raised by a tagger: the text suggests an
    archive warning the work does not carry) or ``"tag"`` (an inferred/learned tag).
    Both carry a :class:`Tag` to accept or reject; for a flag it is the warning proposed.
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
    """The warning a possible-missing-warning flag proposes, as an inferred tag."""
    name = flag.get("warning") or flag.get("name") or flag.get("tag")
    if not isinstance(name, str) or not name:
        return None
    type_ = flag.get("type") if flag.get("type") in TAG_TYPES else "warning"
    try:
        confidence = min(1.0, max(0.0, float(flag.get("confidence", 0.5))))
    except (TypeError, ValueError):
        confidence = 0.5
    evidence = [Evidence.from_dict(e) for e in flag.get("evidence", []) if isinstance(e, dict)]
    return Tag(
        str(type_),
        name,
        source="inferred",
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


def items_for(work: Work) -> list[ReviewItem]:
    """The review items of one work, missing warnings first."""
    out: list[ReviewItem] = []
    for flag in work.flags:
        if flag.get("kind") != MISSING_WARNING:
            continue
        tag = flag_tag(flag)
        if tag is None:
            continue
        decided = work.find_tag(tag.type, tag.name)
        if decided is not None and decided.source == "user":
            continue
        out.append(
            ReviewItem("missing-warning", work.id, work.title, tag, _flag_reason(flag), flag)
        )
    for tag in work.tags:
        if reviewable(tag):
            out.append(ReviewItem("tag", work.id, work.title, tag))
    return out


def queue(
    lib: Library,
    *,
    tagger: str | None = None,
    type_: str | None = None,
    max_confidence: float | None = None,
    limit: int | None = None,
    works: Iterable[Work] | None = None,
) -> list[ReviewItem]:
    """Everything waiting for review: missing warnings first, then guesses by confidence.

    ``tagger``, ``type_`` and ``max_confidence`` narrow the tag items (missing-warning
    flags are always kept unless ``type_`` excludes warnings).
    """
    flags: list[ReviewItem] = []
    tags: list[ReviewItem] = []
    for work in works if works is not None else lib.iter_works():
        for item in items_for(work):
            if type_ and item.tag.type != type_:
                continue
            if item.kind == "missing-warning":
                flags.append(item)
                continue
            if tagger and (item.tag.tagger or "unknown") != tagger:
                continue
            if max_confidence is not None and item.tag.confidence > max_confidence:
                continue
            tags.append(item)
    flags.sort(key=lambda i: (-i.tag.confidence, i.work_title.casefold()))
    tags.sort(key=lambda i: (i.tag.confidence, i.work_title.casefold(), i.tag.type, i.tag.name))
    items = flags + tags
    return items[:limit] if limit is not None else items


def _proposed(work: Work, type_: str, name: str) -> Tag | None:
    tag = work.find_tag(type_, name)
    if tag is not None:
        return tag
    for flag in work.flags:
        if flag.get("kind") == MISSING_WARNING:
            proposed = flag_tag(flag)
            if proposed is not None and proposed.key == (type_, name.casefold()):
                return proposed
    return None


def _drop_flag(lib: Library, work: Work, tag: Tag) -> None:
    """Once a person decided on a proposed warning, the flag has done its job."""
    kept = []
    for flag in work.flags:
        proposed = flag_tag(flag) if flag.get("kind") == MISSING_WARNING else None
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
        lib.set_tag(work.id, tag)
    _drop_flag(lib, work, old or tag)
    return tag


def bulk_accept(
    lib: Library,
    *,
    tagger: str | None,
    min_confidence: float,
    type_: str | None = None,
) -> int:
    """Accept every pending guess of ``tagger`` (None: any) at or above ``min_confidence``.

    Missing-warning flags are never bulk accepted: each needs a person's look.
    Returns the number of tags accepted.
    """
    count = 0
    for item in queue(lib, tagger=tagger, type_=type_):
        if item.kind != "tag" or item.tag.confidence < min_confidence:
            continue
        accepted = Tag(
            item.tag.type,
            item.tag.name,
            source="user",
            evidence=list(item.tag.evidence),
            tagger=item.tag.tagger,
        )
        lib.set_tag(item.work_id, accepted)
        count += 1
    return count


def taggers(items: Iterable[ReviewItem]) -> list[tuple[str, int]]:
    """Pending tag items per tagger, for the bulk-accept controls."""
    counts: dict[str, int] = {}
    for item in items:
        if item.kind == "tag":
            key = item.tag.tagger or "unknown"
            counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
