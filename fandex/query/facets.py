"""Facet counts (tags per type over a result set), fast enough for 100,000 works.

Counting tags with SQL means touching every tag row of every matching work: seconds
for a broad query on a big library. Instead the library's counting tags are loaded
once into two numpy arrays (tag number, work position), cached until the library
changes (:func:`fandex.library.fts.generation`; a background count may reuse it a few
seconds past a change made by another process, :func:`tolerate_stale_index`), and a
result set is counted with one
gather and one ``bincount``. The SQL version (:func:`sql_counts`) is kept as the
reference (and the fallback without numpy); a test checks the two agree.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, distinct, func, literal_column, not_, select

from fandex.library import fts, schema, store
from fandex.query.nodes import Context

try:  # numpy is a dependency; the SQL path keeps search working without it
    import numpy as np
except ImportError:  # pragma: no cover
    np = None  # type: ignore[assignment]

Facets = dict[str, list[tuple[str, int]]]


def sql_counts(
    conn: Connection, visible: ColumnElement[bool], ctx: Context, types: Sequence[str]
) -> dict[tuple[str, str], int]:
    """``(type, name) -> works`` among the works ``visible`` selects, in SQL."""
    t, w = schema.tags, schema.works
    stmt = (
        select(t.c.type, t.c.name, func.count(distinct(t.c.work_id)))
        .where(t.c.work_id.in_(select(w.c.id).where(visible)), t.c.type.in_(types))
        .where(ctx.tag_counts_sql())
        .group_by(t.c.type, t.c.name)
    )
    return {(r[0], r[1]): int(r[2]) for r in conn.execute(stmt)}


@dataclass
class Index:
    names: list[tuple[str, str]]  # tag number -> (type, name)
    tag_of_row: Any  # np.ndarray[int32]: one entry per (tag, work) pair
    key_of_row: Any  # np.ndarray[int64]: the work's key (SQLite rowid, else position)
    positions: dict[str, int] | None  # PostgreSQL: work id -> key
    size: int
    all_keys: Any  # np.ndarray[int64]: every work's key
    id_of_key: Any  # np.ndarray[object]: key -> work id
    starts: Any  # np.ndarray[int64]: tag t's rows are starts[t]:starts[t + 1]
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> tag numbers
    orders: dict[str, Any] = field(default_factory=dict)  # sort -> keys in that order
    columns: dict[str, Any] = field(default_factory=dict)  # works column -> values by key
    # SQLite, a few recent text searches each: FTS5 expression -> keys of its matches,
    # and -> (keys, bm25 ranks, bound, how many were asked for) of its best ranks.
    matches: dict[str, Any] = field(default_factory=dict)
    ranks: dict[str, tuple[Any, Any, float, int]] = field(default_factory=dict)
    # PostgreSQL, a few recent text searches each: -> (keys, ranks) of every match.
    pg_ranks: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    # Held while filling orders/columns, so two threads never build the same one twice.
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


@dataclass
class _Built:
    generation: int  # the library's (fts.generation) when the index was built
    index: Index
    at: float  # time.monotonic() when built
    local_writes: int  # this process's writes then (see _wrote)


_CACHE: dict[tuple[str, tuple[tuple[str, float], ...]], _Built] = {}
_LOCK = threading.Lock()
# How old an index may be although the library changed since, in this context (see
# tolerate_stale_index); 0: never.
_STALE_OK: ContextVar[float] = ContextVar("fandex_facets_stale_ok", default=0.0)
_LOCAL_WRITES = [0]


def _wrote(*_args: Any) -> None:
    """A write by this process (a store hook): no index built before it is reused."""
    _LOCAL_WRITES[0] += 1


for _hooks in (store.SAVE_HOOKS, store.TAG_HOOKS, store.REMOVE_HOOKS):
    if _wrote not in _hooks:
        _hooks.append(_wrote)


@contextmanager
def tolerate_stale_index(seconds: float) -> Iterator[None]:
    """Within this block, :func:`index_for` reuses an index built up to ``seconds`` ago
    even though another process has written to the library since.

    For the web while an import writes: each write would otherwise mean building the
    whole index again for every count (a tenth of a second for a few thousand works,
    seconds for a hundred thousand), so counts would fall further and further behind,
    and every listing would go past the index to SQL. Results then lag the other
    process by at most ``seconds``; a write by this process is never missed."""
    token = _STALE_OK.set(seconds)
    try:
        yield
    finally:
        _STALE_OK.reset(token)


# One build at a time: a second thread asking meanwhile (the web's start-up warm-up and
# its first facet count) waits for that build instead of making its own.
_BUILD_LOCK = threading.Lock()


def _work_key_sql(dialect: str) -> ColumnElement[Any]:
    return literal_column("works.rowid") if dialect == "sqlite" else schema.works.c.id


def _build(conn: Connection, ctx: Context, types: Sequence[str]) -> Index:
    t, w = schema.tags, schema.works
    key = _work_key_sql(ctx.dialect)
    # PostgreSQL has no rowid: work ids get positions as they are met (one statement,
    # so one snapshot, even while another process writes).
    positions: dict[str, int] | None = None if ctx.dialect == "sqlite" else {}
    # One row per tag with its works' keys joined into a string: far fewer Python
    # objects than one row per (tag, work) pair.
    sep = ","
    agg = func.group_concat(key, sep) if ctx.dialect == "sqlite" else func.string_agg(key, sep)
    stmt = (
        select(t.c.type, t.c.name, agg)
        .select_from(t.join(w, w.c.id == t.c.work_id))
        .where(t.c.type.in_(types), ctx.tag_counts_sql())
        .group_by(t.c.type, t.c.name)
    )
    if positions is None:
        return _build_sqlite(conn, stmt, sep)
    names: list[tuple[str, str]] = []
    by_type: dict[str, list[int]] = {}
    tag_parts: list[Any] = []
    key_parts: list[Any] = []
    for type_, name, joined in conn.execute(stmt):
        if positions is None:
            keys = np.unique(np.array(joined.split(sep), dtype=np.int64))
        else:
            keys = np.unique(
                np.array(
                    [positions.setdefault(k, len(positions)) for k in joined.split(sep)],
                    dtype=np.int64,
                )
            )
        by_type.setdefault(type_, []).append(len(names))
        tag_parts.append(np.full(len(keys), len(names), dtype=np.int32))
        key_parts.append(keys)
        names.append((type_, name))
    pairs = conn.execute(select(key, w.c.id).select_from(w)).all()
    if positions is None:
        all_keys = np.array([p[0] for p in pairs], dtype=np.int64)
    else:
        all_keys = np.array(
            [positions.setdefault(p[1], len(positions)) for p in pairs], dtype=np.int64
        )
    size = int(all_keys.max()) + 1 if len(all_keys) else 0
    id_of_key = np.empty(size, dtype=object)
    id_of_key[all_keys] = [p[1] for p in pairs]
    lengths = [len(k) for k in key_parts]
    return Index(
        id_of_key=id_of_key,
        starts=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
        names=names,
        tag_of_row=np.concatenate(tag_parts) if tag_parts else np.zeros(0, np.int32),
        key_of_row=np.concatenate(key_parts) if key_parts else np.zeros(0, np.int64),
        positions=positions,
        size=size,
        all_keys=all_keys,
        by_type=by_type,
    )


def _build_sqlite(conn: Connection, stmt: Any, sep: str) -> Index:
    """:func:`_build` on SQLite (keys are rowids), parsing every tag's keys in one go:
    the same index, with little Python per tag, so a build in the background (the
    web's warm-up) holds the interpreter lock less while requests are served."""
    rows = conn.execute(stmt).all()
    names = [(r[0], r[1]) for r in rows]
    joined = [r[2] for r in rows]
    per_tag = np.fromiter((j.count(sep) + 1 for j in joined), dtype=np.int64, count=len(rows))
    keys = np.array(sep.join(joined).split(sep) if joined else [], dtype=np.int64)
    tags = np.repeat(np.arange(len(rows), dtype=np.int64), per_tag)
    # Sorted by tag, then key; a key repeated within a tag kept once (np.unique per tag).
    order = np.lexsort((keys, tags))
    tags, keys = tags[order], keys[order]
    keep = np.ones(len(keys), dtype=bool)
    keep[1:] = (tags[1:] != tags[:-1]) | (keys[1:] != keys[:-1])
    tags, keys = tags[keep], keys[keep]
    by_type: dict[str, list[int]] = {}
    for number, (type_, _name) in enumerate(names):
        by_type.setdefault(type_, []).append(number)
    pairs = fts.driver_rows(conn, "SELECT rowid, id FROM works")
    all_keys = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    size = int(all_keys.max()) + 1 if len(all_keys) else 0
    id_of_key = np.empty(size, dtype=object)
    id_of_key[all_keys] = [p[1] for p in pairs]
    lengths = np.bincount(tags, minlength=len(names)) if len(names) else np.zeros(0, np.int64)
    return Index(
        id_of_key=id_of_key,
        starts=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
        names=names,
        tag_of_row=tags.astype(np.int32),
        key_of_row=keys,
        positions=None,
        size=size,
        all_keys=all_keys,
        by_type=by_type,
    )


def cached_index(conn: Connection, url: str, ctx: Context, types: Sequence[str]) -> Index | None:
    """The index if one is cached and the library has not changed since; else None."""
    hit = _CACHE.get(_cache_key(url, ctx, types))
    if hit is not None and _usable(hit, fts.generation(conn)):
        return hit.index
    return None


def _usable(hit: _Built, generation: int) -> bool:
    if hit.generation == generation:
        return True
    lag = _STALE_OK.get()
    return bool(lag) and hit.local_writes == _LOCAL_WRITES[0] and time.monotonic() - hit.at < lag


def _cache_key(
    url: str, ctx: Context, types: Sequence[str]
) -> tuple[str, tuple[tuple[str, float], ...]]:
    return (url + "|" + ",".join(types), tuple(sorted(ctx.thresholds.items())))


def index_for(conn: Connection, url: str, ctx: Context, types: Sequence[str]) -> Index:
    """The in-memory index of ``url``'s counting tags (rebuilt when the library changed)."""
    cache_key = _cache_key(url, ctx, types)
    gen = fts.generation(conn)
    with _LOCK:
        hit = _CACHE.get(cache_key)
    if hit is not None and _usable(hit, gen):
        return hit.index
    with _BUILD_LOCK:
        with _LOCK:
            hit = _CACHE.get(cache_key)
        if hit is not None and _usable(hit, gen):
            return hit.index  # built by another thread while this one waited
        writes = _LOCAL_WRITES[0]
        built = _build(conn, ctx, types)
        with _LOCK:
            if len(_CACHE) > 8:
                _CACHE.clear()
            _CACHE[cache_key] = _Built(gen, built, time.monotonic(), writes)
    return built


def keys_where(conn: Connection, idx: Index, where: ColumnElement[bool], ctx: Context) -> Any:
    """The keys of the works ``where`` selects, as an array."""
    stmt = select(_work_key_sql(ctx.dialect)).select_from(schema.works).where(where)
    values = _driver_scalars(conn, stmt)
    if idx.positions is None:
        return np.fromiter(values, dtype=np.int64, count=len(values))
    pos = idx.positions
    keys = np.fromiter((pos.get(k, -1) for k in values), dtype=np.int64, count=len(values))
    return keys[keys >= 0]


def _driver_scalars(conn: Connection, stmt: Any) -> list[Any]:
    """The first column of ``stmt``'s rows, fetched by the driver itself.

    A broad search selects tens of thousands of keys; SQLAlchemy's result rows would
    cost more than the query. The statement is compiled for this connection's dialect
    and runs on the same connection, so in the same transaction and snapshot.
    """
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params: Any = compiled.params
    if compiled.positional:
        params = tuple(params[name] for name in compiled.positiontup or ())
    return [row[0] for row in fts.driver_rows(conn, str(compiled), params)]


def index_counts(
    conn: Connection,
    url: str,
    visible: ColumnElement[bool],
    ctx: Context,
    types: Sequence[str],
    total: int | None = None,
) -> dict[tuple[str, str], int]:
    """The same counts as :func:`sql_counts`, from the cached in-memory index.

    With ``total`` (how many works ``visible`` selects) a result set larger than half
    the library is read as its complement, which is the smaller of the two.
    """
    idx = index_for(conn, url, ctx, types)
    if total is not None and total > len(idx.all_keys) // 2:
        # Leaves are never NULL, so NOT visible is exactly every other work.
        others = keys_where(conn, idx, not_(visible), ctx)
        size = max(idx.size, int(others.max()) + 1 if len(others) else 0)
        mask = np.zeros(size, dtype=bool)
        mask[idx.all_keys] = True
        mask[others] = False
    else:
        keys = keys_where(conn, idx, visible, ctx)
        mask = np.zeros(max(idx.size, int(keys.max()) + 1 if len(keys) else 0), dtype=bool)
        mask[keys] = True
    return mask_counts(idx, mask)


def mask_counts(idx: Index, mask: Any) -> dict[tuple[str, str], int]:
    """Counts per tag over the works whose keys ``mask`` (a boolean array) marks."""
    if len(mask) < idx.size:
        mask = np.concatenate([mask, np.zeros(idx.size - len(mask), dtype=bool)])
    selected = idx.tag_of_row[mask[idx.key_of_row]]
    counts = np.bincount(selected, minlength=len(idx.names))
    return {idx.names[i]: int(counts[i]) for i in np.flatnonzero(counts)}


def facet_counts(
    conn: Connection,
    url: str,
    visible: ColumnElement[bool],
    ctx: Context,
    types: Sequence[str],
    limit: int | None,
    total: int | None = None,
) -> Facets:
    """Per tag type, the ``limit`` commonest tags among the visible works, with counts
    (ties by name), for an AO3-style filter sidebar."""
    if np is not None:
        counts = index_counts(conn, url, visible, ctx, types, total)
    else:  # pragma: no cover
        counts = sql_counts(conn, visible, ctx, types)
    return group(counts, types, limit)


def group(counts: dict[tuple[str, str], int], types: Sequence[str], limit: int | None) -> Facets:
    """Counts grouped by type, commonest first, ties by name."""
    grouped: Facets = {k: [] for k in types}
    for (type_, name), n in counts.items():
        grouped[type_].append((name, n))
    return {k: sorted(v, key=lambda p: (-p[1], p[0]))[:limit] for k, v in grouped.items()}
