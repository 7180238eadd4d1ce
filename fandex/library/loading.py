"""Reading stored works back: the row of each table a work spans, a batch at a time.

:func:`load_works` is what listings, searches and exports read works with; extensions
(a reader's state, the versions of a grouped work) add to each loaded batch through
:data:`LOAD_HOOKS`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, select

from fandex.library import schema, tagrows
from fandex.library.driver import rows_of_all
from fandex.model import Chapter, Footnote, SeriesEntry, Source, Work

_BATCH = 500

# Extensions that add to loaded works (a reader's state) run once per batch.
LOAD_HOOKS: list[Any] = []  # (conn, works: list[Work]) -> None


def load_works(conn: Connection, ids: Sequence[str], *, with_text: bool) -> Iterator[Work]:
    """The works ``ids`` (in that order; ids not stored are skipped), read on ``conn``."""
    for i in range(0, len(ids), _BATCH):
        yield from load_batch(conn, list(ids[i : i + _BATCH]), with_text=with_text)


def load_batch(conn: Connection, ids: list[str], *, with_text: bool) -> Iterator[Work]:
    """The works ``ids`` (at most a few hundred; in that order, those not stored
    skipped), read on ``conn`` with one query per table."""
    w, a, c, s = schema.works, schema.authors, schema.chapters, schema.sources
    ws, si = schema.work_series, schema.source_ids
    cols = [c.c.work_id, c.c.idx, c.c.title, c.c.summary, c.c.notes_begin, c.c.notes_end, c.c.words]
    if with_text:
        cols += [c.c.text, c.c.html]
    # Every table in one go (one round trip on PostgreSQL: driver.rows_of_all).
    work_rows, author_rows, chapter_rows, source_rows, tag_rows, series_rows, id_rows = rows_of_all(
        conn,
        [
            select(w).where(w.c.id.in_(ids)),
            select(a).where(a.c.work_id.in_(ids)).order_by(a.c.work_id, a.c.position),
            select(*cols).where(c.c.work_id.in_(ids)).order_by(c.c.work_id, c.c.idx),
            select(s).where(s.c.work_id.in_(ids)).order_by(s.c.imported_at),
            tagrows.tags_query(ids),
            select(ws).where(ws.c.work_id.in_(ids)).order_by(ws.c.work_id, ws.c.idx),
            select(si).where(si.c.work_id.in_(ids)).order_by(si.c.kind),
        ],
    )
    rows = {r.id: r for r in work_rows}
    authors: dict[str, list[str]] = {}
    for r in author_rows:
        authors.setdefault(r.work_id, []).append(r.name)
    chapters: dict[str, list[Chapter]] = {}
    for r in chapter_rows:
        ch = Chapter(
            index=r.idx,
            title=r.title,
            text=r.text if with_text else "",
            html=r.html if with_text else None,
            summary=r.summary,
            notes_begin=r.notes_begin,
            notes_end=r.notes_end,
            word_count=r.words,
        )
        chapters.setdefault(r.work_id, []).append(ch)
    sources: dict[str, Source] = {}
    for r in source_rows:
        sources.setdefault(
            r.work_id, Source(path=r.path, format=r.format, sha256=r.sha256, imported=r.imported_at)
        )
    tags = tagrows.tags_of_rows(tag_rows)
    series: dict[str, list[SeriesEntry]] = {}
    for r in series_rows:
        series.setdefault(r.work_id, []).append(SeriesEntry(r.name, r.position, r.total))
    stated_ids: dict[str, dict[str, str]] = {}
    for r in id_rows:
        stated_ids.setdefault(r.work_id, {})[r.kind] = r.value
    loaded: list[Work] = []
    for work_id in ids:
        row = rows.get(work_id)
        if row is None:
            continue
        work = Work(
            id=row.id,
            title=row.title,
            authors=authors.get(work_id, []),
            summary=row.summary,
            notes_begin=row.notes_begin,
            notes_end=row.notes_end,
            disclaimer=row.disclaimer,
            spoilers=row.spoilers,
            dedication=row.dedication,
            language=row.language,
            status=row.status,
            published=row.published,
            updated=row.updated,
            series=series.get(work_id, []),
            source_ids=stated_ids.get(work_id, {}),
            chapters=chapters.get(work_id, []),
            footnotes=[Footnote(**f) for f in json.loads(row.footnotes_json)],
            source=sources.get(work_id),
            header=json.loads(row.header_json),
            tags=tags.get(work_id, []),
            flags=json.loads(row.flags_json),
            failures=json.loads(row.failures_json),
        )
        loaded.append(work)
    for hook in LOAD_HOOKS:
        hook(conn, loaded)
    yield from loaded
