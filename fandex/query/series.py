"""``series:NAME``: works in a series (``*`` wildcards; any case).

>>> from fandex.model import SeriesEntry, Work
>>> q = InSeries(("frost cycle",))
>>> q.match(Work(series=[SeriesEntry("Frost Cycle", 2.0)]), Context()), q.describe()
(True, 'in series frost cycle')
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, or_, select

from fandex.library import schema
from fandex.model import Work
from fandex.query.nodes import Context, Query, _like, _wild
from fandex.query.values import ascii_lower


@dataclass(frozen=True)
class InSeries(Query):
    """Works with a place in a series named any of ``names`` or matching ``patterns``."""

    names: tuple[str, ...]
    patterns: tuple[str, ...] = ()

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        s = schema.work_series
        name = ctx.fold(s.c.name)
        choices = []
        if self.names:
            choices.append(name.in_(sorted({ascii_lower(n) for n in self.names})))
        choices += [name.like(_like(ascii_lower(p)), escape="\\") for p in self.patterns]
        return ctx.work_id().in_(select(s.c.work_id).where(or_(*choices, false())))

    def match(self, work: Work, ctx: Context) -> bool:
        wanted = {ascii_lower(n) for n in self.names}
        regexes = [_wild(ascii_lower(p)) for p in self.patterns]
        return any(
            ascii_lower(e.name) in wanted or any(r.fullmatch(ascii_lower(e.name)) for r in regexes)
            for e in work.series
        )

    def describe(self) -> str:
        return "in series " + " or ".join([*self.names, *self.patterns])


def series_query(text: str, *, quoted: bool) -> Query:
    """The node for ``series:TEXT`` (a ``*`` is a wildcard unless quoted)."""
    if not quoted and "*" in text:
        return InSeries((), (text,))
    return InSeries((text,))
