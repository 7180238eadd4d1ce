"""Listings show one work per group of copies: the primary (see
:mod:`fandex.library.versions`). :class:`NotAVersion` is the condition search adds.

>>> from fandex.model import Work
>>> NotAVersion().match(Work(version_of="abc"), Context())
False
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, select

from fandex.library import schema
from fandex.model import Work
from fandex.query.nodes import Context, Query


@dataclass(frozen=True)
class NotAVersion(Query):
    """Works that are not a non-primary copy of another work."""

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        v = schema.work_versions
        return ctx.work_id().not_in(select(v.c.work_id).where(v.c.role == "version"))

    def match(self, work: Work, ctx: Context) -> bool:
        return work.version_of is None

    def describe(self) -> str:
        return "not a copy of another work"
