"""Catalogue metadata overlays: what a catalogue says about a file, merged as stated.

A calibre library (or an archive dump) holds a story's file *and* what the collector
or the archive recorded about it: series and index, typed tags in custom columns,
the story URL. Discovery hands that along with the file as an overlay (a plain dict,
picklable for the worker processes); the import's ``overlay`` stage merges it into
the parsed work here, after the file's own header is read:

``{"source": "calibre", "title": str, "authors": [str], "summary": str,
"published": iso, "updated": iso, "language": str, "status": "complete"|"wip",
"series": [{"name", "position"}], "source_ids": {kind: id}, "url": str,
"tags": [[type, name, field]], "fields": {label: value}}``

Every tag becomes ``stated`` with evidence ``{"field": "calibre:#ships"}``; the
catalogue's rating replaces a rating the file states (the collector's record is the
later word); other scalar fields fill or replace what the file said.

>>> from fandex.model import Work
>>> w = Work(title="Untitled")
>>> apply_overlay(w, {"source": "calibre", "title": "Dawn",
...     "tags": [["relationship", "Ada/Bea", "calibre:#ships"]]})
>>> w.title, w.tags[0].source, w.tags[0].evidence[0].field
('Dawn', 'stated', 'calibre:#ships')
"""

from __future__ import annotations

import json
from typing import Any

from fandex.model import TAG_TYPES, Evidence, Tag, Work, series_entries
from fandex.parse.sourceids import ids_from_url, merge_ids

_SCALARS = ("summary", "published", "updated", "language", "status")


def overlay_bytes(overlay: dict[str, Any] | None) -> bytes:
    """A stable encoding of an overlay, so a change in the catalogue (a tag edited in
    calibre, the file untouched) is a change the import sees."""
    if not overlay:
        return b""
    return json.dumps(overlay, sort_keys=True, ensure_ascii=False, default=str).encode()


def apply_overlay(work: Work, overlay: dict[str, Any] | None) -> None:
    """Merge ``overlay`` into ``work`` (in place)."""
    if not overlay:
        return
    source = str(overlay.get("source") or "catalogue")
    if overlay.get("title"):
        work.title = str(overlay["title"])
    if overlay.get("authors"):
        work.authors = [str(a) for a in overlay["authors"] if str(a).strip()]
    for name in _SCALARS:
        if overlay.get(name):
            setattr(work, name, overlay[name])
    series = series_entries(overlay.get("series"))
    if series:
        rest = [
            e for e in work.series if all(e.name.casefold() != s.name.casefold() for s in series)
        ]
        work.series = series + rest
    ids = {str(k): str(v) for k, v in (overlay.get("source_ids") or {}).items() if v}
    url_ids = ids_from_url(str(overlay["url"])) if overlay.get("url") else {}
    work.source_ids = merge_ids(ids, url_ids, work.source_ids)
    for label, value in (overlay.get("fields") or {}).items():
        work.header[f"{source}:{label}"] = str(value)
    tags = [t for t in overlay.get("tags") or [] if len(t) >= 2 and t[0] in TAG_TYPES]
    if any(t[0] == "rating" for t in tags):
        work.tags = [t for t in work.tags if not (t.type == "rating" and t.source == "stated")]
    for item in tags:
        type_, name = str(item[0]), str(item[1]).strip()
        field = str(item[2]) if len(item) > 2 and item[2] else f"{source}:tags"
        if not name:
            continue
        existing = work.find_tag(type_, name)
        evidence = Evidence(field=field, quote=name)
        if existing is not None and existing.source == "stated":
            existing.evidence.append(evidence)
            continue
        work.add_tag(Tag(type_, name, source="stated", evidence=[evidence]))
