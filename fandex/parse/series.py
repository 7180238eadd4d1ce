"""Series places as files state them, in the shapes the archives used.

- AO3: ``Part 2 of The Workshop Stories`` (several joined by ``;`` or lines);
- headers: ``Series: Frost Cycle, part 2 of 4``, ``Frost Cycle (part 3)``,
  ``Frost Cycle #3``, ``Book 2 of Frost Cycle``, ``Frost Cycle - Book 2``;
- calibre: ``Frost Cycle [2]`` (how calibre prints a series and its index); the OPF's
  ``calibre:series`` / ``calibre:series_index`` pair arrives from the EPUB reader as
  ``{name, position}`` (``fandex.read.epub_opf.opf_series``);
- FanFicFare / eFiction metadata: a plain name, with the index when one is known.

A bare ``Part 1 of 2`` names no series, so it gives none (the raw header keeps it).

>>> [e.to_dict() for e in parse_series("Part 2 of The Workshop Stories; Frost Cycle [1.5]")]
[{'name': 'The Workshop Stories', 'position': 2}, {'name': 'Frost Cycle', 'position': 1.5}]
"""

from __future__ import annotations

import re
from typing import Any

from fandex.model import SeriesEntry, series_entries

_NUM = r"(\d+(?:\.\d+)?)"
_WORD = r"(?:part|book|story|volume|vol\.?|episode|installment|no\.?|number)"
_TOTAL = r"(?:\s*(?:of|/)\s*(\d+))?"
# "Part 2 of Name" (but not "Part 2 of 3").
_PART_OF = re.compile(rf"^{_WORD}\s*{_NUM}\s+of\s+(?!\d+\s*$)(.+)$", re.IGNORECASE)
# "Name, part 2 (of 4)", "Name - Book 2", "Name (part 3)", "Name: part 3".
_NAME_PART = re.compile(
    rf"^(.+?)\s*(?:[,:;-]|--|–|—)?\s*\(?\s*{_WORD}\s*#?\s*{_NUM}{_TOTAL}\s*\)?\.?$",
    re.IGNORECASE,
)
# "Name #3", "Name [2]", "Name [1.5]" (calibre), "Name (3)".
_NAME_NUMBER = re.compile(rf"^(.+?)\s*(?:#\s*{_NUM}|\[\s*{_NUM}\s*\]|\(\s*{_NUM}\s*\)){_TOTAL}$")
_BARE_PART = re.compile(rf"^{_WORD}\s*{_NUM}{_TOTAL}$", re.IGNORECASE)
# What an archive prints in an empty Series field ("Series: None", "Series: N/A").
_NO_SERIES = re.compile(r"^(?:none|n/?a|-+|not (?:part of )?a series|standalone)$", re.I)


def parse_one(text: str) -> SeriesEntry | None:
    """One series place from ``text``; None when it names no series.

    >>> parse_one("Frost Cycle, part 2 of 4")
    SeriesEntry(name='Frost Cycle', position=2.0, total=4)
    >>> parse_one("Part 1 of 2") is None
    True
    >>> parse_one("None") is None
    True
    >>> parse_one("Book 3 of the Harbour Stories").name
    'the Harbour Stories'
    """
    value = " ".join(text.split()).strip(" .;,")
    if not value or _BARE_PART.fullmatch(value) or _NO_SERIES.fullmatch(value):
        return None
    m = _PART_OF.match(value)
    if m:
        return SeriesEntry(_clean_name(m.group(2)), float(m.group(1)))
    m = _NAME_PART.match(value)
    if m and _clean_name(m.group(1)):
        total = int(m.group(3)) if m.group(3) else None
        return SeriesEntry(_clean_name(m.group(1)), float(m.group(2)), total)
    m = _NAME_NUMBER.match(value)
    if m and _clean_name(m.group(1)):
        num = m.group(2) or m.group(3) or m.group(4)
        total = int(m.group(5)) if m.group(5) else None
        return SeriesEntry(_clean_name(m.group(1)), float(num), total)
    return SeriesEntry(_clean_name(value))


def _clean_name(name: str) -> str:
    return name.strip(" \t\"'“”‘’.,;:-–—")


def parse_series(text: str) -> list[SeriesEntry]:
    """Every series place in ``text`` (joined by ``;`` or new lines)."""
    found = [parse_one(part) for part in re.split(r"\s*(?:;|\n)\s*", text or "")]
    return series_entries([e for e in found if e is not None])


def series_from_metadata(meta: dict[str, Any]) -> list[SeriesEntry]:
    """A reader's ``series`` metadata (a string, or a list of ``{name, position}``),
    with positions filled from AO3's ``Series`` field (``Part 2 of Name``) when the
    name came alone.

    >>> [e.to_dict() for e in series_from_metadata(
    ...     {"series": "Coastal Tales", "fields": {"Series": "Part 3 of Coastal Tales"}})]
    [{'name': 'Coastal Tales', 'position': 3}]
    """
    value = meta.get("series")
    entries = parse_series(value) if isinstance(value, str) else series_entries(value)
    field = (meta.get("fields") or {}).get("Series")
    if isinstance(field, str):
        stated = {e.name.casefold(): e for e in parse_series(field)}
        for entry in entries:
            known = stated.pop(entry.name.casefold(), None)
            if entry.position is None and known is not None:
                entry.position = known.position
        if entries:
            entries += [e for e in stated.values() if e.position is not None]
    return series_entries(entries)
