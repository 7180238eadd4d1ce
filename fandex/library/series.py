"""Series in the library: their parts in order, and the parts the library lacks.

A part's place comes from what its file or catalogue states (``work_series``); a
copy grouped under another work (a non-primary version) is not a part of its own.
The missing parts are the whole positions from 1 to the highest known (or the
stated total, "part 2 of 4") that no work holds.

>>> from fandex.test.helper import make_work, memory_library
>>> from fandex.model import SeriesEntry
>>> lib = memory_library()
>>> for n in (1, 3):
...     _ = lib.save(make_work(f"Part {n}", series=[SeriesEntry("Tide", float(n), 4)]))
>>> view = series_view(lib, "tide")
>>> [p.position for p in view.parts], view.missing
([1.0, 3.0], [2, 4])
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from fandex.errors import NotFound
from fandex.library import schema
from fandex.library.store import Library

MAX_GAP_LIST = 500  # a stated "part 3 of 9999" names no more than this many gaps


@dataclass
class Part:
    """One work's place in a series."""

    position: float | None
    work_id: str
    title: str
    authors: list[str]
    words: int

    def to_dict(self) -> dict[str, Any]:
        pos: float | int | None = self.position
        if pos is not None and float(pos).is_integer():
            pos = int(pos)
        return {
            "position": pos,
            "id": self.work_id,
            "title": self.title,
            "authors": self.authors,
            "words": self.words,
        }


@dataclass
class SeriesView:
    """A series: its parts in order (unnumbered ones last) and the missing positions."""

    name: str
    parts: list[Part] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)
    total: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "total": self.total,
            "parts": [p.to_dict() for p in self.parts],
            "missing": self.missing,
        }


def _not_a_version() -> Any:
    v = schema.work_versions
    return schema.work_series.c.work_id.not_in(select(v.c.work_id).where(v.c.role == "version"))


def all_series(lib: Library) -> list[tuple[str, int]]:
    """Every series name with its number of works, by name."""
    s = schema.work_series
    with lib.engine.connect() as conn:
        rows = conn.execute(select(s.c.name, s.c.work_id).where(_not_a_version())).all()
    counts: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for name, _work in rows:
        key = name.casefold()
        counts[key] += 1
        spelling.setdefault(key, Counter())[name] += 1
    return sorted(
        ((spelling[k].most_common(1)[0][0], n) for k, n in counts.items()),
        key=lambda x: x[0].casefold(),
    )


def series_view(lib: Library, name: str) -> SeriesView:
    """The parts of the series called ``name`` (any case); NotFound if none."""
    s, w, a = schema.work_series, schema.works, schema.authors
    with lib.engine.connect() as conn:
        rows = conn.execute(
            select(s.c.name, s.c.position, s.c.total, w.c.id, w.c.title, w.c.words)
            .join(w, w.c.id == s.c.work_id)
            .where(func.lower(s.c.name) == name.strip().lower(), _not_a_version())
        ).all()
        if not rows:
            # lower() is ASCII-only on SQLite: compare in Python for other letters.
            rows = [
                r
                for r in conn.execute(
                    select(s.c.name, s.c.position, s.c.total, w.c.id, w.c.title, w.c.words)
                    .join(w, w.c.id == s.c.work_id)
                    .where(_not_a_version())
                ).all()
                if r.name.casefold() == name.strip().casefold()
            ]
        ids = [r.id for r in rows]
        authors: dict[str, list[str]] = {}
        for r in conn.execute(select(a).where(a.c.work_id.in_(ids)).order_by(a.c.position)):
            authors.setdefault(r.work_id, []).append(r.name)
    if not rows:
        raise NotFound(f"no series called {name!r}")
    shown = Counter(r.name for r in rows).most_common(1)[0][0]
    parts = [Part(r.position, r.id, r.title, authors.get(r.id, []), r.words) for r in rows]
    parts.sort(key=lambda p: (p.position is None, p.position or 0.0, p.title.casefold()))
    totals = [int(r.total) for r in rows if r.total]
    total = max(totals) if totals else None
    have = {int(p.position) for p in parts if p.position is not None and p.position.is_integer()}
    highest = max([int(p.position) for p in parts if p.position is not None] + [total or 0, 0])
    missing = [n for n in range(1, min(highest, MAX_GAP_LIST) + 1) if n not in have]
    return SeriesView(shown, parts, missing, total)
