"""Series as the catalog shows them: a name and a place, read from what the file said.

A work's ``series`` holds what its header or page said: a name ("Harbour Tales"),
a place and a name ("Part 2 of Harbour Tales"), or a name and a place ("Harbour
Tales, Book 2", "Harbour Tales #2"). AO3 pages keep the place in the ``Series``
header field ("Part 2 of Harbour Tales") and the name in ``series``.

>>> series_place("Part 2 of Harbour Tales")
('Harbour Tales', 2)
>>> series_place("Harbour Tales, Book 3")
('Harbour Tales', 3)
>>> series_place("Harbour Tales")
('Harbour Tales', None)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from sqlalchemy import ColumnElement, Connection, select

from fandex.library import schema
from fandex.model import SeriesEntry

_ORDINAL = r"(?:part|book|story|volume|vol\.?|no\.?|episode|installment|#)"
_PLACE_FIRST = re.compile(
    rf"^\s*(?:{_ORDINAL}\s*)?(\d{{1,4}})\s+(?:of|in)\s+(?:the\s+series\s+)?(.+?)\s*$",
    re.IGNORECASE,
)
_NAME_FIRST = re.compile(
    rf"^\s*(.+?)\s*(?:[,:;\-–—(\[]\s*)?{_ORDINAL}\s*(\d{{1,4}})(?:\s*(?:of|/)\s*\d+)?\s*[)\]]?\s*$",
    re.IGNORECASE,
)
_OF_TOTAL = re.compile(r"\s*\(?(?:of\s+)?\d+\)?\s*$")


def series_place(
    value: str | Sequence[SeriesEntry] | None, header: Mapping[str, str] | None = None
) -> tuple[str, int | None]:
    """``(name, position)`` from a work's ``series`` (its first place, when a work
    holds a list; and its header's ``Series`` field); the name is "" when there is none."""
    if not isinstance(value, str) and value is not None:
        value = value[0].label if value else None
    name, place = _split(value or "")
    if place is None and header:
        for key, field in header.items():
            if key.casefold() == "series":
                other_name, other_place = _split(field.split(";")[0])
                if other_place is not None and (not name or _key(other_name) == _key(name)):
                    name, place = name or other_name, other_place
    return name, place


def _split(value: str) -> tuple[str, int | None]:
    value = " ".join(value.split())
    m = _PLACE_FIRST.match(value)
    if m:
        return _OF_TOTAL.sub("", m.group(2)).strip(" .,"), int(m.group(1))
    m = _NAME_FIRST.match(value)
    if m and m.group(1).strip(" ,:;-"):
        return m.group(1).strip(" ,:;-–—"), int(m.group(2))
    return value.strip(), None


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def series_key(name: str) -> str:
    """How two spellings of a series name are known to be the same series."""
    return _key(name)


def all_series(conn: Connection, visible: ColumnElement[bool]) -> dict[str, tuple[str, int]]:
    """Series key -> (a name as written, number of works) among the ``visible`` works."""
    w = schema.works
    found: dict[str, tuple[str, int]] = {}
    rows = conn.execute(select(w.c.series).where(w.c.series.is_not(None), visible))
    for (value,) in rows:
        name, _ = series_place(value)
        if not name:
            continue
        key = _key(name)
        shown, n = found.get(key, (name, 0))
        found[key] = (shown, n + 1)
    return found


def works_in(conn: Connection, key: str, visible: ColumnElement[bool]) -> list[str]:
    """Ids of the ``visible`` works of the series ``key``, in series order (unplaced
    works last, then by title)."""
    w = schema.works
    words = [part for part in re.split(r"\W+", key) if part]
    pattern = "%" + "%".join(words) + "%" if words else "%"
    rows = conn.execute(
        select(w.c.id, w.c.title, w.c.series, w.c.header_json).where(
            w.c.series.is_not(None), w.c.series.ilike(pattern), visible
        )
    )
    placed: list[tuple[int, str, str]] = []
    for work_id, title, value, header_json in rows:
        name, place = series_place(value, json.loads(header_json or "{}"))
        if _key(name) == key:
            placed.append((place if place is not None else 10**6, title.casefold(), work_id))
    return [work_id for _, _, work_id in sorted(placed)]


__all__ = ["all_series", "series_key", "series_place", "works_in"]
