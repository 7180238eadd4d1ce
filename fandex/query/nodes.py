"""Query objects: each renders SQL for a dialect, matches a work in Python, and says
in words what it selects (beets' ``dbcore/query.py``, datasette's filter descriptions).

Every leaf is a definite true/false for every work (a missing date or language is
"no", never SQL's NULL), so negation means the same in SQL and in Python.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    exists,
    false,
    literal_column,
    not_,
    or_,
    select,
    true,
)

from fandex.library import fts, schema
from fandex.library.tagrows import flag_columns
from fandex.model import Tag, Work
from fandex.query.values import ascii_lower
from fandex.tag.reconcile import AUTHORITY, DECIDED_TYPES, OPT_OUTS, contradicted, decided_types

# attrs_json is always written by json.dumps with default separators.
_REJECTED = '%"rejected": true%'


@dataclass
class Context:
    """How a query runs: the SQL dialect and the confidence each tag type needs."""

    dialect: str = "sqlite"
    thresholds: Mapping[str, float] = field(default_factory=dict)
    # SQLite only: keep tag lookups from driving the query, so that a listing walks
    # the index of its sort order and stops after one page (see search._page_query).
    follow_order: bool = False
    _columns: dict[int, dict[str, list[str]]] = field(default_factory=dict, repr=False)

    def work_id(self) -> ColumnElement[str]:
        """``works.id`` for ``IN (...)`` tests (``+works.id`` when following an order)."""
        if self.follow_order and self.dialect == "sqlite":
            return literal_column("+works.id")
        return schema.works.c.id

    def threshold(self, type_: str) -> float:
        return float(self.thresholds.get(type_, 0.0))

    def columns(self, work: Work) -> dict[str, list[str]]:
        """The work's indexed tokens, computed once per work object."""
        key = id(work)
        if key not in self._columns:
            if len(self._columns) > 256:
                self._columns.clear()
            self._columns[key] = fts.work_columns(work)
        return self._columns[key]

    def fold(self, column: Any) -> ColumnElement[str]:
        """ASCII ``lower()`` of a column on either backend (see ``values.ascii_lower``)."""
        from sqlalchemy import func

        if self.dialect == "postgresql":
            return func.lower(column.collate("C"))
        return func.lower(column)

    def tag_counts(self, tag: Tag) -> bool:
        """Whether ``tag`` counts on its own: stated or user, or a guess above its
        type's threshold; never a tag a person rejected. (Whether the author's word
        overrules a guess is :meth:`counting`'s business.)"""
        if tag.source == "user" and tag.attrs.get("rejected") is True:
            return False
        return tag.source in AUTHORITY or tag.confidence >= self.threshold(tag.type)

    def counting(self, work: Work) -> list[Tag]:
        """The tags of ``work`` that count (Python twin of :meth:`tag_counts_sql`):
        those :meth:`tag_counts` accepts, less any guess of a rating or warning where
        the author's word decides that type (:mod:`fandex.tag.reconcile`)."""
        decided = decided_types(work)
        return [t for t in work.tags if self.tag_counts(t) and not contradicted(t, decided)]

    def tag_counts_sql(
        self, type_: str | None = None, *, stated_wins: bool = True
    ) -> ColumnElement[bool]:
        """Tags that count: stated or user tags, inferred/learned ones above the
        threshold of their type, never a tag a person rejected; and (``stated_wins``)
        never a guessed rating or warning where the author's word decides the type."""
        t = schema.tags
        if type_ is not None:
            confident: ColumnElement[bool] = t.c.confidence >= self.threshold(type_)
        else:
            confident = or_(
                *[
                    and_(t.c.type == k, t.c.confidence >= float(v))
                    for k, v in sorted(self.thresholds.items())
                ],
                false(),
            )
        allowed = self.guess_allowed_sql(type_) if stated_wins else true()
        rejected = and_(t.c.source == "user", t.c.attrs_json.like(_REJECTED))
        return and_(or_(t.c.source.in_(AUTHORITY), and_(confident, allowed)), not_(rejected))

    def guess_allowed_sql(self, type_: str | None = None) -> ColumnElement[bool]:
        """Whether a guess in ``tags`` (of ``type_``, or of any type) may count: the
        author's word does not decide its type for its work (SQL twin of
        :func:`fandex.tag.reconcile.decided_types`). A probe of the work's own tags
        (by the ``work_id`` index), so a selective query stays cheap."""
        t = schema.tags
        if type_ is None:
            return or_(
                t.c.type.not_in(DECIDED_TYPES),
                *[and_(t.c.type == k, self.guess_allowed_sql(k)) for k in DECIDED_TYPES],
            )
        if type_ not in DECIDED_TYPES:
            return true()
        said = schema.tags.alias("said")
        name = self.fold(said.c.name)
        # SQLite: a probe of the work's few tags (ix_tags_work), never a scan of every
        # tag of the type through the type-led index ("+" keeps the column off indexes).
        said_type = literal_column("+said.type") if self.dialect == "sqlite" else said.c.type
        base = (
            said.c.work_id == t.c.work_id,
            said_type == type_,
            said.c.source.in_(AUTHORITY),
            not_(said.c.attrs_json.like(_REJECTED)),
        )
        deciding = exists().where(*base, name.not_in(OPT_OUTS[type_]))
        opting_out = exists().where(*base, name.in_(OPT_OUTS[type_]))
        return or_(not_(deciding), opting_out)

    def flag_counts(self, flag: dict[str, Any]) -> bool:
        """Whether a flag is sure enough to act on: at its type's threshold."""
        _kind, type_, _name, confidence = flag_columns(flag)
        return type_ is None or confidence >= self.threshold(type_)

    def flag_counts_sql(self) -> ColumnElement[bool]:
        """SQL twin of :meth:`flag_counts`, over the ``flags`` table."""
        f = schema.flags
        return or_(
            f.c.type.is_(None),
            f.c.type.not_in(sorted(self.thresholds)),
            *[
                and_(f.c.type == k, f.c.confidence >= float(v))
                for k, v in sorted(self.thresholds.items())
            ],
        )


class Query(ABC):
    """A node of a parsed query."""

    @abstractmethod
    def sql(self, ctx: Context) -> ColumnElement[bool]:
        """A WHERE clause over the ``works`` table."""

    @abstractmethod
    def match(self, work: Work, ctx: Context) -> bool:
        """Whether ``work`` (loaded with its chapter text) is selected."""

    @abstractmethod
    def describe(self) -> str:
        """What the query selects, in words."""

    def text_queries(self) -> list[fts.FtsQuery]:
        """Text searches that make a work *more* relevant (not under a negation)."""
        return []


@dataclass(frozen=True)
class All(Query):
    """Every work (the empty query)."""

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        return true()

    def match(self, work: Work, ctx: Context) -> bool:
        return True

    def describe(self) -> str:
        return "all works"


@dataclass(frozen=True)
class And(Query):
    parts: tuple[Query, ...]

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        return and_(*[p.sql(ctx) for p in self.parts])

    def match(self, work: Work, ctx: Context) -> bool:
        return all(p.match(work, ctx) for p in self.parts)

    def describe(self) -> str:
        return " and ".join(_group(p) for p in self.parts)

    def text_queries(self) -> list[fts.FtsQuery]:
        return [q for p in self.parts for q in p.text_queries()]


@dataclass(frozen=True)
class Or(Query):
    parts: tuple[Query, ...]

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        return or_(*[p.sql(ctx) for p in self.parts])

    def match(self, work: Work, ctx: Context) -> bool:
        return any(p.match(work, ctx) for p in self.parts)

    def describe(self) -> str:
        return " or ".join(_group(p) for p in self.parts)

    def text_queries(self) -> list[fts.FtsQuery]:
        return [q for p in self.parts for q in p.text_queries()]


@dataclass(frozen=True)
class Not(Query):
    part: Query

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        return not_(self.part.sql(ctx))

    def match(self, work: Work, ctx: Context) -> bool:
        return not self.part.match(work, ctx)

    def describe(self) -> str:
        return "not " + _group(self.part)


def _group(q: Query) -> str:
    return f"({q.describe()})" if isinstance(q, And | Or) and len(q.parts) > 1 else q.describe()


@dataclass(frozen=True)
class Text(Query):
    """Words and phrases in the text (every one must occur); ``column`` limits where."""

    search: fts.FtsQuery
    typed: tuple[str, ...]

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        return fts.match_sql(ctx.dialect, [self.search])

    def match(self, work: Work, ctx: Context) -> bool:
        return self.search.matches(ctx.columns(work))

    def describe(self) -> str:
        where = "the title" if self.search.column == "title" else "the text"
        return f"{where} contains " + " and ".join(f"“{t}”" for t in self.typed)

    def text_queries(self) -> list[fts.FtsQuery]:
        return [self.search]


def _like(pattern: str) -> str:
    """A ``*`` wildcard pattern as a LIKE pattern (``\\`` escapes % and _)."""
    escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%")


def _wild(pattern: str) -> re.Pattern[str]:
    """The Python twin of :func:`_like`: only ``*`` is special."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.DOTALL)


@dataclass(frozen=True)
class TagIs(Query):
    """A tag of ``type`` named any of ``names`` (or matching a ``*`` pattern)."""

    type: str
    names: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    label: str = ""

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        t = schema.tags
        name = ctx.fold(t.c.name)
        choices = []
        if self.names:
            choices.append(name.in_(sorted({ascii_lower(n) for n in self.names})))
        choices += [name.like(_like(ascii_lower(p)), escape="\\") for p in self.patterns]
        sub = select(t.c.work_id).where(
            t.c.type == self.type, or_(*choices, false()), ctx.tag_counts_sql(self.type)
        )
        return ctx.work_id().in_(sub)

    def match(self, work: Work, ctx: Context) -> bool:
        wanted = {ascii_lower(n) for n in self.names}
        regexes = [_wild(ascii_lower(p)) for p in self.patterns]
        for tag in ctx.counting(work):
            if tag.type != self.type:
                continue
            n = ascii_lower(tag.name)
            if n in wanted or any(r.fullmatch(n) for r in regexes):
                return True
        return False

    def describe(self) -> str:
        label = "tag" if self.type == "freeform" else self.type
        shown = self.label or " or ".join([*self.names[:1], *self.patterns])
        return f"{label} {shown}"


@dataclass(frozen=True)
class AuthorIs(Query):
    names: tuple[str, ...]
    patterns: tuple[str, ...] = ()

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        a = schema.authors
        name = ctx.fold(a.c.name)
        choices = []
        if self.names:
            choices.append(name.in_(sorted({ascii_lower(n) for n in self.names})))
        choices += [name.like(_like(ascii_lower(p)), escape="\\") for p in self.patterns]
        return ctx.work_id().in_(select(a.c.work_id).where(or_(*choices, false())))

    def match(self, work: Work, ctx: Context) -> bool:
        wanted = {ascii_lower(n) for n in self.names}
        regexes = [_wild(ascii_lower(p)) for p in self.patterns]
        return any(
            ascii_lower(a) in wanted or any(r.fullmatch(ascii_lower(a)) for r in regexes)
            for a in work.authors
        )

    def describe(self) -> str:
        return "author " + " or ".join([*self.names, *self.patterns])


@dataclass(frozen=True)
class Number(Query):
    """``words`` or ``chapters`` between ``low`` and ``high`` (inclusive; None is open)."""

    field_name: str
    low: int | None
    high: int | None
    label: str = ""

    def _value(self, work: Work) -> int:
        return work.words if self.field_name == "words" else len(work.chapters)

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        col = schema.works.c.words if self.field_name == "words" else schema.works.c.chapter_count
        conds = []
        if self.low is not None:
            conds.append(col >= self.low)
        if self.high is not None:
            conds.append(col <= self.high)
        return and_(true(), *conds)

    def match(self, work: Work, ctx: Context) -> bool:
        v = self._value(work)
        return (self.low is None or v >= self.low) and (self.high is None or v <= self.high)

    def describe(self) -> str:
        f = self.field_name
        if self.label:
            return f"{self.label} {f}"
        if self.low is not None and self.high is not None:
            if self.low == self.high:
                return f"{self.low:,} {f}"
            return f"{self.low:,} to {self.high:,} {f}"
        if self.low is not None:
            return f"at least {self.low:,} {f}"
        if self.high is not None:
            return f"at most {self.high:,} {f}"
        return f"any number of {f}"


_DATE_COLUMNS = {"imported": "imported_at", "published": "published", "updated": "updated"}


@dataclass(frozen=True)
class DateIn(Query):
    """An ISO date column from ``low`` (inclusive) to ``high`` (exclusive), as strings."""

    field_name: str
    low: str | None
    high: str | None
    label: str = ""

    def _value(self, work: Work) -> str | None:
        if self.field_name == "imported":
            return work.source.imported if work.source else None
        value: str | None = getattr(work, self.field_name)
        return value

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        col = schema.works.c[_DATE_COLUMNS[self.field_name]]
        conds: list[ColumnElement[bool]] = [col.is_not(None)]
        if self.low is not None:
            conds.append(col >= self.low)
        if self.high is not None:
            conds.append(col < self.high)
        return and_(*conds)

    def match(self, work: Work, ctx: Context) -> bool:
        v = self._value(work)
        if v is None:
            return False
        return (self.low is None or v >= self.low) and (self.high is None or v < self.high)

    def describe(self) -> str:
        return f"{self.field_name} {self.label}".strip()


@dataclass(frozen=True)
class Complete(Query):
    """Works marked complete."""

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        s = schema.works.c.status
        return and_(s.is_not(None), s == "complete")

    def match(self, work: Work, ctx: Context) -> bool:
        return work.status == "complete"

    def describe(self) -> str:
        return "complete"


@dataclass(frozen=True)
class Language(Query):
    names: tuple[str, ...]
    prefix: str
    label: str = ""

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        col = schema.works.c.language
        folded = ctx.fold(col)
        return and_(
            col.is_not(None),
            or_(folded.in_(list(self.names)), folded.like(_like(self.prefix) + "%", escape="\\")),
        )

    def match(self, work: Work, ctx: Context) -> bool:
        if work.language is None:
            return False
        v = ascii_lower(work.language)
        return v in self.names or v.startswith(self.prefix)

    def describe(self) -> str:
        return f"language {self.label}"


@dataclass(frozen=True)
class HasSource(Query):
    """Works with at least one counting tag from ``source`` (stated, inferred...)."""

    source: str

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        t = schema.tags
        sub = select(t.c.work_id).where(t.c.source == self.source, ctx.tag_counts_sql())
        return ctx.work_id().in_(sub)

    def match(self, work: Work, ctx: Context) -> bool:
        return any(t.source == self.source for t in ctx.counting(work))

    def describe(self) -> str:
        return f"with {self.source} tags"


@dataclass(frozen=True)
class Suspected(Query):
    """A rating or warning counted as :class:`TagIs` counts it, and also where fandex
    guessed it against the author's word (the guess held in a flag): the opt-in to
    suspicion (``suspect:``)."""

    type: str
    names: tuple[str, ...]
    label: str = ""

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        t, f = schema.tags, schema.flags
        wanted = sorted({ascii_lower(n) for n in self.names})
        guessed = select(t.c.work_id).where(
            t.c.type == self.type,
            ctx.fold(t.c.name).in_(wanted),
            ctx.tag_counts_sql(self.type, stated_wins=False),
        )
        flagged = select(f.c.work_id).where(
            f.c.type == self.type, ctx.fold(f.c.name).in_(wanted), ctx.flag_counts_sql()
        )
        return or_(ctx.work_id().in_(guessed), ctx.work_id().in_(flagged))

    def match(self, work: Work, ctx: Context) -> bool:
        wanted = {ascii_lower(n) for n in self.names}
        if any(
            t.type == self.type and ascii_lower(t.name) in wanted and ctx.tag_counts(t)
            for t in work.tags
        ):
            return True
        for flag in work.flags:
            _kind, type_, name, _conf = flag_columns(flag)
            named = type_ == self.type and name is not None and ascii_lower(name) in wanted
            if named and ctx.flag_counts(flag):
                return True
        return False

    def describe(self) -> str:
        return f"{self.type} {self.label or ' or '.join(self.names)}, stated or suspected"


@dataclass(frozen=True)
class Flagged(Query):
    """Works carrying a flag: of ``kind`` (e.g. ``metadata-only``: a page kept without
    story text, which listings hide by default), and/or naming a guess of ``type``
    (a possible missing warning, a rating that disagrees) sure enough to act on."""

    kind: str | None = None
    type: str | None = None

    def sql(self, ctx: Context) -> ColumnElement[bool]:
        f = schema.flags
        conds = [ctx.flag_counts_sql()]
        if self.kind is not None:
            conds.append(f.c.kind == self.kind)
        if self.type is not None:
            conds.append(f.c.type == self.type)
        return ctx.work_id().in_(select(f.c.work_id).where(*conds))

    def match(self, work: Work, ctx: Context) -> bool:
        for flag in work.flags:
            kind, type_, _name, _conf = flag_columns(flag)
            if self.kind is not None and kind != self.kind:
                continue
            if self.type is not None and type_ != self.type:
                continue
            if ctx.flag_counts(flag):
                return True
        return False

    def describe(self) -> str:
        if self.kind is not None:
            return f"flagged {self.kind}"
        what = {"warning": "a possible missing warning", "rating": "a rating that disagrees"}
        return "flagged for " + what.get(self.type or "", "review")


def conjoin(parts: Sequence[Query]) -> Query:
    """AND of ``parts``, merging plain text searches into one index lookup."""
    flat: list[Query] = []
    for p in parts:
        flat += list(p.parts) if isinstance(p, And) else [p]
    merged: list[Query] = []
    texts: dict[str | None, Text] = {}
    for p in flat:
        if isinstance(p, All):
            continue
        if isinstance(p, Text):
            col = p.search.column
            if col in texts:
                prev = texts[col]
                joined = Text(
                    fts.FtsQuery(prev.search.phrases + p.search.phrases, col),
                    prev.typed + p.typed,
                )
                merged[merged.index(prev)] = joined
                texts[col] = joined
                continue
            texts[col] = p
        merged.append(p)
    if not merged:
        return All()
    return merged[0] if len(merged) == 1 else And(tuple(merged))


def disjoin(parts: Sequence[Query]) -> Query:
    """OR of ``parts`` (an empty alternative matches everything)."""
    if any(isinstance(p, All) for p in parts):
        return All()
    flat: list[Query] = []
    for p in parts:
        flat += list(p.parts) if isinstance(p, Or) else [p]
    return flat[0] if len(flat) == 1 else Or(tuple(flat))
