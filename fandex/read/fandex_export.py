"""Reading fandex's own exports back with their provenance.

A fandex EPUB or HTML export has AO3's title page, whose tag list (``dl.tags``) holds
the author's tags, and beside it a "fandex noticed" section (``div.fandex-noticed``)
listing fandex's guesses, each a ``span.fandex-tag`` with ``data-fandex-type``,
``data-fandex-source`` and ``data-fandex-confidence``, and the guesses held against the
author's word (``span.fandex-flag``). A tag a person set carries
``data-fandex-source="user"`` in the tag list. The AO3 reader reads the tag list as
stated; :func:`recognise` (called by it) corrects what these marks say, and
:func:`restore` (called by the parse stage) gives the work those tags and flags, so
an export read back has the same tag sources and confidences as the library it left.

A title page without these marks (AO3's own, another tool's) is untouched: its tags
stay stated. The marks come from an untrusted file, so they are bounded and checked:
a known type and source, a confidence in [0, 1], at most :data:`MAX_MARKS` of them.
"""

from __future__ import annotations

from typing import Any

from fandex.model import TAG_TYPES, Tag, Work
from fandex.read.sitepage import classes as _classes

MAX_MARKS = 2000
_GUESSES = ("inferred", "learned")
# Metadata keys the parse stage reads (fandex.read.document lists the others).
RECORDS = "fandex_tags"
FLAGS = "fandex_flags"


def _text(el: Any) -> str:
    return " ".join(el.text_content().split())


def _confidence(el: Any) -> float | None:
    try:
        value = float(el.get("data-fandex-confidence", ""))
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None


def _guess(el: Any) -> dict[str, Any] | None:
    """A ``span.fandex-tag`` or ``span.fandex-flag`` as a tag record, if its marks hold."""
    type_, source = el.get("data-fandex-type"), el.get("data-fandex-source")
    confidence, name = _confidence(el), _text(el)
    if type_ not in TAG_TYPES or source not in _GUESSES or confidence is None or not name:
        return None
    record = {"type": type_, "name": name, "source": source, "confidence": confidence}
    tagger = el.get("data-fandex-tagger")
    if tagger:
        record["tagger"] = tagger[:64]
    return record


def _flag(el: Any, record: dict[str, Any]) -> dict[str, Any]:
    """A held guess (see :mod:`fandex.tag.reconcile`) from a ``span.fandex-flag``."""
    kind = (el.get("data-fandex-kind") or "possible-missing-warning")[:64]
    return {
        "kind": kind,
        "type": record["type"],
        "tag": record["name"],
        "confidence": record["confidence"],
        "source": record["source"],
        "evidence": [],
        "reconciled": {"merged": False},
    }


def recognise(root: Any | None, meta: dict[str, Any]) -> None:
    """Correct ``meta`` (an AO3 title page's metadata) where ``root`` (the title page,
    None when there is none) is a fandex export:
    tags a person set move from ``meta["tags"]`` to :data:`RECORDS` as ``user`` tags;
    fandex's guesses go to :data:`RECORDS` with their source and confidence, the flags
    to :data:`FLAGS`. Anything else is left as it is."""
    if root is None:
        return
    marks = 0
    users: list[tuple[str, str]] = []
    records: list[dict[str, Any]] = []
    flags: list[dict[str, Any]] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.get("data-fandex-source") is None:
            continue
        marks += 1
        if marks > MAX_MARKS:
            break
        classes = _classes(el)
        if "fandex-tag" in classes:
            record = _guess(el)
            if record is not None:
                records.append(record)
        elif "fandex-flag" in classes:
            record = _guess(el)
            if record is not None:
                flags.append(_flag(el, record))
        elif "tag" in classes and el.get("data-fandex-source") == "user":
            users.append((el.get("data-fandex-type") or "", _text(el)))
    if users:
        stated = list(meta.get("tags", []))
        for pair in users:
            if pair in stated:  # the tag list read it as stated: a person set it
                stated.remove(pair)
                records.append({"type": pair[0], "name": pair[1], "source": "user"})
        meta["tags"] = stated
    if records:
        meta[RECORDS] = records
    if flags:
        meta[FLAGS] = flags


def restore(work: Work, meta: dict[str, Any]) -> None:
    """Give ``work`` the tags and flags :func:`recognise` found (no-op for other files)."""
    for record in meta.get(RECORDS, []):
        work.add_tag(
            Tag(
                record["type"],
                record["name"],
                source=record["source"],
                confidence=float(record.get("confidence", 1.0)),
                tagger=record.get("tagger"),
            )
        )
    work.flags.extend(dict(f) for f in meta.get(FLAGS, []))


__all__ = ["FLAGS", "MAX_MARKS", "RECORDS", "recognise", "restore"]
