"""Query fields over the reader's state: ``read:``, ``progress:`` and ``toread:``.

They read the state of the current reader (:func:`fandex.library.reading.as_reader`,
else the library's own), in SQL per backend and in Python (a work loaded from a
library carries its reader's state in ``work.reading``).

>>> parse_value("read", "no").describe()
'never read'
>>> parse_value("progress", "<50").describe()
'read less than 50%'
>>> parse_value("toread", "yes").describe()
'marked for later'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, not_, select, true

from fandex.library import schema
from fandex.library.reading import current_reader, reader_sql
from fandex.model import Work
from fandex.query.nodes import Context, Not, Query
from fandex.readstate import ReadState

FIELDS: tuple[str, ...] = ("read", "progress", "toread")

_READ_VALUES = {
    "no": "never",
    "never": "never",
    "unread": "never",
    "progress": "progress",
    "reading": "progress",
    "started": "progress",
    "finished": "finished",
    "yes": "finished",
    "done": "finished",
}
_YES = ("yes", "y", "true", "1")
_NO = ("no", "n", "false", "0")


def _state(work: Work) -> ReadState:
    """The work's state for the current reader (empty when it carries another's)."""
    state = work.reading
    name = current_reader()
    if state is None or (name is not None and state.reader != name):
        return ReadState(reader=name or "")
    return state


def _rows(ctx: Context, *conds: ColumnElement[bool]) -> ColumnElement[bool]:
    """``works.id IN`` the current reader's rows meeting ``conds``."""
    r = schema.reading
    sub = select(r.c.work_id).where(r.c.reader == reader_sql(), *conds)
    return ctx.work_id().in_(sub)


@dataclass(frozen=True)
class ReadIs(Query):
    """``read:no`` (never started), ``read:progress`` or ``read:finished``."""

    status: str

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        r = schema.reading
        if self.status == "never":
            return not_(_rows(ctx, r.c.status != "never"))
        return _rows(ctx, r.c.status == self.status)

    def match(self, work: Work, ctx: Context) -> bool:
        return _state(work).status == self.status

    def describe(self) -> str:
        return {"never": "never read", "progress": "in progress", "finished": "finished"}[
            self.status
        ]


@dataclass(frozen=True)
class ProgressIn(Query):
    """Started works read from ``low`` to ``high`` percent (inclusive; None is open)."""

    low: float | None
    high: float | None
    label: str = ""

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        r = schema.reading
        conds = [r.c.status != "never"]
        if self.low is not None:
            conds.append(r.c.progress >= self.low)
        if self.high is not None:
            conds.append(r.c.progress <= self.high)
        return and_(true(), _rows(ctx, *conds))

    def match(self, work: Work, ctx: Context) -> bool:
        state = _state(work)
        return (
            state.started
            and (self.low is None or state.progress >= self.low)
            and (self.high is None or state.progress <= self.high)
        )

    def describe(self) -> str:
        return f"read {self.label}"


@dataclass(frozen=True)
class ToRead(Query):
    """Works marked for later (AO3's "Mark for Later")."""

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        return _rows(ctx, schema.reading.c.toread.is_(True))

    def match(self, work: Work, ctx: Context) -> bool:
        return _state(work).toread

    def describe(self) -> str:
        return "marked for later"


_PERCENT = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%?\s*")


def _percent(text: str) -> float:
    m = _PERCENT.fullmatch(text)
    if not m or float(m.group(1)) > 100:
        raise ValueError(f"'{text}' is not a percentage (0 to 100)")
    return float(m.group(1))


def _progress(text: str) -> ProgressIn:
    """``<50``, ``>=90``, ``20..60``, ``100`` (percent read; ``%`` allowed)."""
    if ".." in text:
        a, _, b = text.partition("..")
        low, high = (_percent(a) if a else None), (_percent(b) if b else None)
        return ProgressIn(low, high, f"{low or 0:g}% to {100 if high is None else high:g}%")
    m = re.fullmatch(r"(<=|>=|<|>|=)?(.*)", text.strip())
    op, rest = (m.group(1) if m else None), (m.group(2) if m else text)
    n = _percent(rest)
    eps = 1e-9
    low, high, words = {
        None: (n, n, "exactly"),
        "=": (n, n, "exactly"),
        ">": (n + eps, None, "more than"),
        ">=": (n, None, "at least"),
        "<": (None, n - eps, "less than"),
        "<=": (None, n, "at most"),
    }[op]
    return ProgressIn(low, high, f"{words} {n:g}%")


def parse_value(name: str, text: str) -> Query:
    """The query for ``name:text``; :class:`ValueError` with a message when the
    value makes no sense (the parser turns it into a :class:`QueryError`)."""
    value = text.strip().lower()
    if name == "read":
        if value not in _READ_VALUES:
            raise ValueError("read: takes no, progress or finished")
        return ReadIs(_READ_VALUES[value])
    if name == "toread":
        if value in _YES:
            return ToRead()
        if value in _NO:
            return Not(ToRead())
        raise ValueError("toread: takes yes or no")
    if name == "progress":
        return _progress(value)
    raise ValueError(f"unknown field '{name}'")


__all__ = ["FIELDS", "ProgressIn", "ReadIs", "ToRead", "parse_value"]
