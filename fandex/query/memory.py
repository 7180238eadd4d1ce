"""Evaluate a query over the in-memory tag index: the fast path for big libraries.

Counting the works a broad tag filter selects (``rating:E``, ``-warning:noncon``)
means, in SQL, probing the works table once per tagged work: a tenth of a second at
100,000 works. The facet index (:mod:`fandex.query.facets`) already holds, for every
counting tag, the works that have it; a query whose leaves are tags evaluates there
as boolean arrays. Leaves the index does not hold (dates, authors...) are asked of
the database with their own SQL (one ``SELECT key ... WHERE leaf``), so every leaf
keeps exactly its SQL meaning; the parity suite checks both paths agree. Numbers and
status are works columns loaded once; on SQLite, text is read from the FTS5 table
alone (its rowids are the works' keys), and a relevance listing takes its best bm25
ranks from there too (:func:`top_ranked`) instead of joining and sorting every match.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from sqlalchemy import Connection, literal_column, select

try:  # numpy is a dependency; without it search answers in SQL alone
    import numpy as np
except ImportError:  # pragma: no cover
    np = None  # type: ignore[assignment]

from fandex.library import fts, schema
from fandex.query import broad
from fandex.query.facets import Index, keys_where
from fandex.query.nodes import (
    All,
    And,
    Complete,
    Context,
    Not,
    Number,
    Or,
    Query,
    TagIs,
    Text,
    _wild,
)
from fandex.query.reach import answers_text, helps
from fandex.query.values import ascii_lower


def available() -> bool:
    """Whether numpy (and so this path) is there."""
    return np is not None


def int_array(values: list[int]) -> Any:
    """``values`` as an int64 array."""
    return np.array(values, dtype=np.int64)


def everything(idx: Index) -> Any:
    """The mask of every stored work."""
    mask = np.zeros(idx.size, dtype=bool)
    mask[idx.all_keys] = True
    return mask


def evaluate(conn: Connection, idx: Index, q: Query, ctx: Context) -> Any:
    """A boolean array over work keys: True where ``q`` selects the work."""
    if isinstance(q, All):
        return everything(idx)
    if isinstance(q, And):
        out = evaluate(conn, idx, q.parts[0], ctx)
        for part in q.parts[1:]:
            out &= evaluate(conn, idx, part, ctx)
        return out
    if isinstance(q, Or):
        out = evaluate(conn, idx, q.parts[0], ctx)
        for part in q.parts[1:]:
            out |= evaluate(conn, idx, part, ctx)
        return out
    if isinstance(q, Not):
        return everything(idx) & ~evaluate(conn, idx, q.part, ctx)
    if isinstance(q, TagIs):
        return _tag_mask(idx, q)
    if isinstance(q, Number):
        values = _column(conn, idx, "words" if q.field_name == "words" else "chapter_count")
        mask = everything(idx)
        if q.low is not None:
            mask &= values >= q.low
        if q.high is not None:
            mask &= values <= q.high
        return mask
    if isinstance(q, Complete):
        return everything(idx) & _column(conn, idx, "complete")
    if isinstance(q, Text):
        return _text_mask(conn, idx, q)
    mask = np.zeros(idx.size, dtype=bool)
    keys = keys_where(conn, idx, q.sql(ctx), ctx)
    mask[keys[keys < idx.size]] = True
    return mask


def _text_mask(conn: Connection, idx: Index, q: Text) -> Any:
    """The works ``q`` matches: the text index's rows among the stored works' keys
    (exactly ``q.sql()``: ``works.rowid IN (SELECT rowid FROM works_fts WHERE ...)`` on
    SQLite, ``works.id IN (SELECT work_id FROM works_fts WHERE ...)`` on PostgreSQL)."""
    return _key_mask(idx, _matches(conn, idx, [q.search])) & everything(idx)


def _key_mask(idx: Index, keys: Any) -> Any:
    """The mask of ``keys`` (those outside the index left out)."""
    mask = np.zeros(idx.size, dtype=bool)
    mask[keys[(keys >= 0) & (keys < idx.size)]] = True
    return mask


_MAX_CACHED = 16
_CACHE_LOCK = threading.Lock()
# (index, expression) -> the matches another thread is reading from the FTS table now:
# a listing and its facet counts run at once and want the same matches.
_PENDING: dict[tuple[int, str], Future[Any]] = {}
_PENDING_WAIT = 10.0


def _remember(cache: dict[str, Any], expr: str, value: Any) -> None:
    with _CACHE_LOCK:
        while len(cache) >= _MAX_CACHED:
            cache.pop(next(iter(cache)), None)
        cache[expr] = value


def _matches(conn: Connection, idx: Index, queries: list[fts.FtsQuery]) -> Any:
    """The keys of the FTS matches of ``queries``: cached with the index, being read by
    another thread (waited for), or read now."""
    expr = fts.fts5_expression(queries)
    key = (id(idx), expr)
    with _CACHE_LOCK:
        hit = idx.matches.get(expr)
        if hit is not None:
            return hit
        pending = _PENDING.get(key)
        if pending is None:
            mine: Future[Any] = Future()
            _PENDING[key] = mine
    if pending is not None:
        try:
            return pending.result(timeout=_PENDING_WAIT)
        except Exception:  # the other read failed or stalled: read here instead
            return _read_matches(conn, idx, queries, expr)
    try:
        keys = _read_matches(conn, idx, queries, expr)
    except BaseException as exc:
        with _CACHE_LOCK:
            _PENDING.pop(key, None)
        mine.set_exception(exc)
        raise
    _remember(idx.matches, expr, keys)
    with _CACHE_LOCK:
        _PENDING.pop(key, None)
    mine.set_result(keys)
    return keys


def _read_matches(conn: Connection, idx: Index, queries: list[fts.FtsQuery], expr: str) -> Any:
    if idx.positions is None:
        joined = fts.match_rowids(conn, queries)
        if not joined:
            return np.zeros(0, dtype=np.int64)
        return np.fromstring(joined, dtype=np.int64, sep=",")
    # PostgreSQL: the same read brings every match's rank, kept for a relevance page.
    pos = idx.positions
    keys_parts, rank_parts = [], []
    for rank, joined in fts.matches_and_ranks(conn, queries):
        ids = joined.split(",")
        keys_parts.append(
            np.fromiter((pos.get(i, -1) for i in ids), dtype=np.int64, count=len(ids))
        )
        rank_parts.append(np.full(len(ids), rank, dtype=np.float64))
    keys = np.concatenate(keys_parts) if keys_parts else np.zeros(0, dtype=np.int64)
    ranks = np.concatenate(rank_parts) if rank_parts else np.zeros(0, dtype=np.float64)
    known = (keys >= 0) & (keys < idx.size)
    keys, ranks = keys[known], ranks[known]
    _remember(idx.pg_ranks, expr, (keys, ranks))
    return keys


# The best ranks read at least (a first page, and the next few, from one read).
_FIRST_READ = 200


def read_best(conn: Connection, idx: Index, queries: list[fts.FtsQuery], need: int) -> None:
    """Read (and cache) the best ranks of ``queries``, enough for the first ``need``
    works when nothing else filters them; :func:`top_ranked` then starts from these."""
    if _broad(conn, idx, queries):
        return  # not ranked: :func:`top_ranked` reads what it needs
    _best_ranks(conn, idx, queries, max(_FIRST_READ, 2 * need + 1))


def _best_ranks(conn: Connection, idx: Index, queries: list[fts.FtsQuery], wanted: int) -> Any:
    """The cached best ranks of ``queries``, read again when fewer than ``wanted`` were
    read and the read was cut off."""
    expr = fts.fts5_expression(queries)
    hit = idx.ranks.get(expr)
    if hit is None or (hit[2] != math.inf and hit[3] < wanted):
        hit = _read_ranks(conn, queries, wanted)
        _remember(idx.ranks, expr, hit)
    return hit


def top_ranked(
    conn: Connection,
    idx: Index,
    queries: list[fts.FtsQuery],
    mask: Any,
    offset: int,
    limit: int,
    default_order: Callable[[], Any] | None = None,
) -> list[str]:
    """SQLite: ids of the ``mask``-selected works matching ``queries`` in relevance
    order, from ``offset``, at most ``limit``. A search too broad to rank
    (:mod:`fandex.query.broad`) is ordered by that rule, with ``default_order`` (every
    key in the listing's default order) for what it does not rank; otherwise by
    :func:`_ranked`."""
    if default_order is not None and _broad(conn, idx, queries):
        return _broad_page(conn, idx, queries, mask, offset, limit, default_order)
    return _ranked(conn, idx, queries, mask, offset, limit)


def _broad(conn: Connection, idx: Index, queries: list[fts.FtsQuery]) -> bool:
    """Whether ``queries`` are too broad to rank every match (SQLite)."""
    return broad.applies("sqlite", queries) and broad.is_broad(len(_matches(conn, idx, queries)))


def _broad_page(
    conn: Connection,
    idx: Index,
    queries: list[fts.FtsQuery],
    mask: Any,
    offset: int,
    limit: int,
    default_order: Callable[[], Any],
) -> list[str]:
    """A page of a broad search: the title-or-summary matches first (ranked when there
    are few enough), then the others, in the default order."""
    need = offset + limit
    heads = broad.heads(queries)
    head_keys = _matches(conn, idx, heads)
    head = _key_mask(idx, head_keys) & mask
    n_head = int(head.sum())
    head_broad = broad.is_broad(len(head_keys))
    # Every key in the default order: a sort of the whole library, done once a page.
    order: Any = default_order() if (offset < n_head and head_broad) or need > n_head else None
    ids: list[str] = []
    if offset < n_head:
        if head_broad:
            chosen = order[head[order]][offset:need]
            ids = [str(i) for i in idx.id_of_key[chosen]]
        else:
            ids = _ranked(conn, idx, heads, head, offset, limit)
    if need > n_head:
        rest = mask & ~head
        chosen = order[rest[order]][max(0, offset - n_head) : need - n_head]
        ids += [str(i) for i in idx.id_of_key[chosen]]
    return ids


def _ranked(
    conn: Connection,
    idx: Index,
    queries: list[fts.FtsQuery],
    mask: Any,
    offset: int,
    limit: int,
) -> list[str]:
    """SQLite: ids of the ``mask``-selected works matching ``queries``, best bm25 rank
    first, ties by id (the order of ``ORDER BY rank, works.id``), from ``offset``, at
    most ``limit``.

    Ranking is the slow part of a text search. SQLite keeps only the best ranks while
    it ranks (``ORDER BY rank LIMIT n``, all in C), so the best few hundred are read,
    and more only when the mask leaves too few of them. The reads are cached with the
    index, so paging on through a search does not rank it again.
    """
    need = offset + limit
    if need <= 0:
        return []
    wanted = max(_FIRST_READ, 2 * need + 1)
    while True:
        keys, ranks, bound, _n = _best_ranks(conn, idx, queries, wanted)
        complete = bound == math.inf
        ok = (keys >= 0) & (keys < idx.size)
        usable = ok.copy()
        usable[ok] = mask[keys[ok]]
        if not complete:
            # Rows ranked like the last one read may have company not read yet; every
            # row ranked strictly better is here.
            usable &= ranks < bound
        if complete or int(usable.sum()) >= need:
            break
        wanted *= 8
    keys, ranks = keys[usable], ranks[usable]
    if not len(keys):
        return []
    if need < len(keys):
        # Every work of the first ``need`` ranks no worse than the need-th rank; ties at
        # that rank all stay in, so sorting them by id below is exact.
        cutoff = np.partition(ranks, need - 1)[need - 1]
        near = ranks <= cutoff
        keys, ranks = keys[near], ranks[near]
    ids = [str(i) for i in idx.id_of_key[keys]]
    rank_list = ranks.tolist()
    order = sorted(range(len(ids)), key=lambda i: (rank_list[i], ids[i]))
    return [ids[i] for i in order[offset:need]]


def top_ranked_pg(
    conn: Connection,
    idx: Index,
    queries: list[fts.FtsQuery],
    mask: Any,
    offset: int,
    limit: int,
) -> list[str]:
    """PostgreSQL: ids of the ``mask``-selected works matching ``queries``, in the
    order of the SQL page query (rank, then id in byte order), from ``offset``, at most
    ``limit``. The ranks come from the read that found the matches (cached with the
    index: :func:`_matches`), so the page costs the database nothing more.
    """
    need = offset + limit
    if need <= 0 or not len(mask):
        return []
    expr = fts.fts5_expression(queries)
    hit = idx.pg_ranks.get(expr)
    if hit is None:  # dropped from the cache since the mask was made: read again
        _read_matches(conn, idx, queries, expr)
        hit = idx.pg_ranks[expr]
    keys, ranks = hit
    chosen = mask[keys]
    keys, ranks = keys[chosen], ranks[chosen]
    id_rank = _id_rank(idx)
    if need < len(keys):
        # The first ``need`` by (rank, id): every key ranked better than the need-th
        # rank, then the smallest ids among those tied with it.
        cutoff = np.partition(ranks, need - 1)[need - 1]
        better, tied = ranks < cutoff, keys[ranks == cutoff]
        room = need - int(better.sum())
        if room < len(tied):
            tied = tied[np.argpartition(id_rank[tied], room - 1)[:room]]
        keys = np.concatenate([keys[better], tied])
        ranks = np.concatenate([ranks[better], np.full(len(tied), cutoff)])
    order = np.lexsort((id_rank[keys], ranks))
    return [str(i) for i in idx.id_of_key[keys[order][offset:need]]]


def _id_rank(idx: Index) -> Any:
    """Every key's place in the order of work ids (byte order, as ``COLLATE "C"``)."""
    if "id_rank" in idx.columns:
        return idx.columns["id_rank"]
    with idx.lock:
        if "id_rank" not in idx.columns:
            ids = np.array(["" if i is None else i for i in idx.id_of_key], dtype=str)
            rank = np.empty(len(ids), dtype=np.int64)
            # Code point order is UTF-8 byte order.
            rank[np.argsort(ids, kind="stable")] = np.arange(len(ids), dtype=np.int64)
            idx.columns["id_rank"] = rank
    return idx.columns["id_rank"]


def _read_ranks(
    conn: Connection, queries: list[fts.FtsQuery], wanted: int
) -> tuple[Any, Any, float, int]:
    """``(keys, ranks, bound, wanted)``: best-ranked matches, best first; every match
    ranked better than ``bound`` is there (``bound`` is infinity when all are)."""
    pairs = fts.ranked_rowids(conn, queries, wanted)
    # When the read was cut off, rows ranked like its last one may have company not
    # read; every row ranked strictly better is here.
    bound = pairs[-1][1] if len(pairs) >= wanted else math.inf
    keys = np.fromiter((r[0] for r in pairs), dtype=np.int64, count=len(pairs))
    ranks = np.fromiter((r[1] for r in pairs), dtype=np.float64, count=len(pairs))
    return keys, ranks, bound, wanted


def warm(conn: Connection, idx: Index) -> None:
    """Load the works columns number and status filters read, ahead of first use."""
    for name in ("words", "chapter_count", "complete"):
        _column(conn, idx, name)
    if idx.positions is not None:
        _id_rank(idx)


def _column(conn: Connection, idx: Index, name: str) -> Any:
    """A works column as an array by key (loaded once per index)."""
    if name in idx.columns:
        return idx.columns[name]
    with idx.lock:
        if name not in idx.columns:
            idx.columns[name] = _load_column(conn, idx, name)
    return idx.columns[name]


def _load_column(conn: Connection, idx: Index, name: str) -> Any:
    if idx.positions is None and conn.dialect.name == "sqlite":
        # Straight from the driver: a row per work through SQLAlchemy costs more here.
        value_sql = "coalesce(status = 'complete', 0)" if name == "complete" else name
        found = fts.driver_rows(conn, f"SELECT rowid, {value_sql} FROM works")
        out = np.zeros(idx.size, dtype=bool if name == "complete" else np.int64)
        pairs = np.array(found, dtype=np.int64).reshape(-1, 2)
        fine = (pairs[:, 0] >= 0) & (pairs[:, 0] < idx.size)
        out[pairs[fine, 0]] = pairs[fine, 1].astype(out.dtype)
        return out
    w = schema.works
    key = literal_column("works.rowid") if idx.positions is None else w.c.id
    expr = (w.c.status == "complete") if name == "complete" else w.c[name]
    rows = conn.execute(select(key, expr).select_from(w)).all()
    keys = [r[0] if idx.positions is None else idx.positions.get(r[0], -1) for r in rows]
    values = np.zeros(idx.size, dtype=bool if name == "complete" else np.int64)
    karr = np.array(keys, dtype=np.int64)
    varr = np.array([bool(r[1]) if name == "complete" else r[1] for r in rows])
    ok = (karr >= 0) & (karr < idx.size)
    if len(karr):
        values[karr[ok]] = varr[ok]
    return values


def _tag_mask(idx: Index, q: TagIs) -> Any:
    wanted = {ascii_lower(n) for n in q.names}
    patterns: list[re.Pattern[str]] = [_wild(ascii_lower(p)) for p in q.patterns]
    mask = np.zeros(idx.size, dtype=bool)
    for number in idx.by_type.get(q.type, []):
        lowered = ascii_lower(idx.names[number][1])
        if lowered in wanted or any(p.fullmatch(lowered) for p in patterns):
            mask[idx.key_of_row[idx.starts[number] : idx.starts[number + 1]]] = True
    return mask


__all__ = [
    "answers_text",
    "available",
    "evaluate",
    "everything",
    "helps",
    "int_array",
    "read_best",
    "top_ranked",
    "top_ranked_pg",
    "warm",
]
