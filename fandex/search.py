"""Search the library: the one entry point the CLI, the web and the API share.

>>> from fandex.test.helper import make_work, memory_library
>>> lib = memory_library()
>>> _ = lib.save(make_work("Ink", chapters=["He had a tattoo of a dragon."],
...                        tags=[("relationship", "Spike/Wesley Wyndam-Pryce")]))
>>> result = search(lib, 'ship:"Wes/Spike" tattoo')
>>> [w.title for w in result.works], result.total
(['Ink'], 1)

A malformed query raises :class:`fandex.errors.QueryError` with the position of the
problem. The grammar is in ``docs/query.md``.

Two ways to an answer, with the same results (the parity suite runs both on SQLite
and PostgreSQL): the query's SQL, and, once facets have been asked for, an in-memory
index of the library's counting tags (:mod:`fandex.query.memory`) that counts broad
tag filters and pages through sort orders without probing the works table once per
match. The index is rebuilt when the library changes.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
import weakref
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    case,
    func,
    literal_column,
    not_,
    select,
)

from fandex.errors import QueryError
from fandex.library import blocklist, fts, loading, schema
from fandex.library.store import Library
from fandex.model import METADATA_ONLY, TAG_TYPES, Work
from fandex.query import (
    All,
    And,
    Context,
    Query,
    Text,
    broad,
    default_thresholds,
    parse,
    reach,
)
from fandex.query.nodes import Flagged, conjoin, disjoin
from fandex.query.versions import NotAVersion

if TYPE_CHECKING:
    from fandex.query import facets as facet_mod

# The in-memory index (numpy) is imported where it is used: a command that never
# needs it (``fandex ls`` on a small library) does not pay for loading it.

log = logging.getLogger(__name__)

SORTS: tuple[str, ...] = (
    "relevance",
    "title",
    "author",
    "words",
    "imported",
    "published",
    "updated",
)
FACET_TYPES: tuple[str, ...] = TAG_TYPES
FACET_LIMIT = 30
MAX_PER_PAGE = 1000


@dataclass
class SearchResult:
    """One page of results. ``works`` carry no chapter text; ``total`` counts every
    page; ``hidden`` is how many more the blocklist kept out."""

    works: list[Work]
    total: int
    hidden: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    description: str = ""
    query: str = ""
    page: int = 1
    per_page: int = 20

    @property
    def pages(self) -> int:
        """How many pages ``total`` fills (at least 1)."""
        return max(1, -(-self.total // self.per_page))


def context(lib: Library, min_confidence: float | None = None, *, follow: bool = False) -> Context:
    """The query context for ``lib``: its dialect and the tag confidence thresholds."""
    thresholds = default_thresholds()
    if min_confidence is not None:
        if not 0.0 <= min_confidence <= 1.0:
            raise QueryError(f"--min-confidence must be between 0 and 1, not {min_confidence}")
        thresholds = dict.fromkeys(thresholds, float(min_confidence))
    return Context(dialect=lib.dialect, thresholds=thresholds, follow_order=follow)


# library -> (search generation, whether any work is flagged metadata-only)
_METADATA_ONLY_SEEN: dict[str, tuple[int, bool]] = {}


def _has_metadata_only(lib: Library, conn: Connection | None = None) -> bool:
    """Whether the library holds pages kept without story text; asked of the database
    once per change of the library (a scan of every work's flags otherwise). Read on
    ``conn`` when given (a search's own connection)."""
    if conn is None:
        with lib.engine.connect() as own:
            return _has_metadata_only(lib, own)
    key = f"{id(lib.engine)}:{lib.engine.url}"  # in-memory libraries share one URL
    gen = fts.generation(conn)
    seen = _METADATA_ONLY_SEEN.get(key)
    if seen is not None and seen[0] == gen:
        return seen[1]
    flagged = Flagged(METADATA_ONLY).sql(context(lib))
    found = conn.execute(select(schema.works.c.id).where(flagged).limit(1)).first() is not None
    _METADATA_ONLY_SEEN[key] = (gen, found)
    return found


def blocked_query(lib: Library, conn: Connection | None = None) -> Query | None:
    """The blocklist as one query (None when it is empty). An entry that no longer
    parses is skipped with a warning rather than breaking every listing. Pages kept
    without story text (``import --keep-metadata-only``) are hidden the same way."""
    parts: list[Query] = []
    if _has_metadata_only(lib, conn):
        parts.append(Flagged(METADATA_ONLY))
    for entry in blocklist.entries(lib, conn):
        try:
            parts.append(parse(entry.query))
        except QueryError as exc:
            log.warning("blocklist entry %s is not a valid query: %s", entry.id, exc)
    return disjoin(parts) if parts else None


def search(
    lib: Library,
    query: str = "",
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    min_confidence: float | None = None,
    apply_blocklist: bool = True,
    facets: bool = True,
    with_works: bool = True,
    facet_limit: int | None = FACET_LIMIT,
    versions: bool = False,
) -> SearchResult:
    """The works matching ``query``, one page of them, with counts and facets.

    ``with_works=False`` leaves ``works`` empty (counts and facets only) and skips
    finding the page, which for a ranked text search is the expensive part.
    ``facet_limit``: how many tags of each type the facets keep (None: all).
    ``versions=True`` lists every copy of a grouped work, not only the one read by
    default."""
    if sort not in SORTS:
        raise QueryError(f"unknown sort '{sort}' (one of: {', '.join(SORTS)})", 0, query)
    asked = parse(query)
    page = max(1, int(page))
    per_page = min(max(1, int(per_page)), MAX_PER_PAGE)
    ctx = context(lib, min_confidence)
    # One connection (one pool checkout, one liveness check on PostgreSQL) for the whole
    # search, and the library's generation read once on it.
    with lib.engine.connect() as conn, fts.one_generation(conn):
        q = asked if versions or not _has_versions(conn) else conjoin([asked, NotAVersion()])
        with _text_plans(conn, q):
            found = _find(
                conn, lib, q, ctx, sort, page, per_page, apply_blocklist, facets, with_works
            )
            facet_counts: dict[str, list[tuple[str, int]]] = {}
            if facets:
                from fandex.query import facets as facet_mod
            if facets and found.index is not None:
                counts = facet_mod.mask_counts(found.index, found.mask)
                facet_counts = facet_mod.group(counts, FACET_TYPES, facet_limit)
            elif facets:
                assert found.visible is not None  # the SQL path made it
                url = _index_key(lib)
                facet_counts = facet_mod.facet_counts(
                    conn, url, found.visible, ctx, FACET_TYPES, facet_limit, found.total
                )
            # The page's works on the same connection: one checkout (and, on PostgreSQL,
            # one liveness check) per search, not two.
            works = list(loading.load_works(conn, found.ids, with_text=False))
    return SearchResult(
        works=works,
        total=found.total,
        hidden=found.hidden,
        facets=facet_counts,
        description=asked.describe(),
        query=query,
        page=page,
        per_page=per_page,
    )


# In-memory SQLite libraries all have the URL "sqlite://": each engine gets its own name.
_MEMORY_NAMES: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def _index_key(lib: Library) -> str:
    """What the in-memory index cache knows ``lib`` by: its URL (made unique for an
    in-memory SQLite library, whose URL every other one shares)."""
    url = str(lib.engine.url)
    if url != "sqlite://":
        return url
    return _MEMORY_NAMES.setdefault(lib.engine, f"{url}#{uuid.uuid4().hex}")


def _has_versions(conn: Connection) -> bool:
    """Whether any work is a copy grouped under another (listings then hide those)."""
    v = schema.work_versions
    return (
        conn.execute(select(v.c.work_id).where(v.c.role == "version").limit(1)).first() is not None
    )


def _text_plans(conn: Connection, q: Query) -> AbstractContextManager[None]:
    """PostgreSQL: a search with text (even negated) reads the GIN index, not every
    work's vector (:func:`fandex.library.fts.index_scans`); anything else as planned."""
    if conn.dialect.name == "postgresql" and reach.has_text(q):
        # The search's connection (and its transaction) ends with the block.
        return fts.index_scans(conn, restore=False)
    return nullcontext()


def warm_up(lib: Library) -> None:
    """Build what listings of ``lib`` read from memory (the tag index, every sort order,
    the number columns) now, so the first requests do not pay for it. A server calls
    this once at start, in the background."""
    from fandex.query import facets as facet_mod
    from fandex.query import memory

    if not memory.available():
        return
    ctx = context(lib)
    with lib.engine.connect() as conn:
        idx = facet_mod.index_for(conn, _index_key(lib), ctx, FACET_TYPES)
        memory.warm(conn, idx)
        for sort in SORTS:
            _order_keys(conn, idx, sort, ctx)


@dataclass
class _Found:
    ids: list[str]
    total: int
    hidden: int
    visible: ColumnElement[bool] | None  # None when the in-memory path answered
    index: facet_mod.Index | None = None  # set when the in-memory path answered
    mask: Any = None


def _find(
    conn: Connection,
    lib: Library,
    q: Query,
    ctx: Context,
    sort: str,
    page: int,
    per_page: int,
    apply_blocklist: bool,
    want_index: bool = False,
    want_ids: bool = True,
) -> _Found:
    """The query part of a search: one page of ids, the total and the hidden count."""
    fast = _find_in_memory(
        conn, lib, q, ctx, sort, page, per_page, apply_blocklist, want_index, want_ids
    )
    if fast is not None:
        return fast
    w = schema.works
    where = q.sql(ctx)
    visible = where
    blocked = blocked_query(lib, conn) if apply_blocklist else None
    hidden = 0
    unblocked: ColumnElement[bool] | None = None
    matching = int(conn.execute(select(func.count()).select_from(w).where(where)).scalar() or 0)
    if blocked is not None and matching:
        # The blocklist counts tags at the library's thresholds, whatever this
        # search's --min-confidence says, so lowering it never un-hides a work.
        block_sql = blocked.sql(context(lib))
        visible = and_(where, not_(block_sql))
        hidden = int(
            conn.execute(select(func.count()).select_from(w).where(where, block_sql)).scalar() or 0
        )
        unblocked = not_(blocked.sql(context(lib, follow=True)))
    # Leaves are never NULL, so the visible works are exactly the matching minus the
    # hidden ones: two cheap counts instead of one expensive NOT IN over everything.
    total = matching - hidden
    if not want_ids:
        return _Found([], total, hidden, visible)
    follow = dataclasses.replace(ctx, follow_order=True)
    stmt = _broad_page_query(conn, q, sort, follow, unblocked)
    if stmt is None:
        stmt = _page_query(q, sort, follow, unblocked)
    ids = list(conn.execute(stmt.limit(per_page).offset((page - 1) * per_page)).scalars())
    return _Found(ids, total, hidden, visible)


def _broad_page_query(
    conn: Connection, q: Query, sort: str, ctx: Context, unblocked: ColumnElement[bool] | None
) -> Select[Any] | None:
    """The page query of a search too broad to rank every match (the rule of
    :mod:`fandex.query.broad`, as :func:`fandex.query.memory.top_ranked` applies it), or
    None when the rule does not apply."""
    if sort != "relevance":
        return None
    texts = fts.any_of(q.text_queries())
    required = _required_text(q)
    if required is None or fts.any_of([required.search]) != texts:
        return None
    if not broad.applies(ctx.dialect, texts) or not broad.is_broad(fts.sqlite.count(conn, texts)):
        return None
    w = schema.works
    heads = broad.heads(texts)
    stmt = select(w.c.id).where(q.sql(ctx), *([unblocked] if unblocked is not None else []))
    newest = [_sortable(ctx, w.c.imported_at).desc(), _sortable(ctx, w.c.id).desc()]
    if broad.is_broad(fts.sqlite.count(conn, heads)):
        return stmt.order_by(case((fts.match_sql(ctx.dialect, heads), 0), else_=1), *newest)
    rank = fts.rank_subquery(ctx.dialect, heads)
    stmt = stmt.select_from(w.outerjoin(rank, rank.c.work_id == w.c.id))
    ranked_by_id = case((rank.c.rank.is_(None), ""), else_=w.c.id)
    return stmt.order_by(rank.c.rank.asc().nulls_last(), ranked_by_id, *newest)


def _find_in_memory(
    conn: Connection,
    lib: Library,
    q: Query,
    ctx: Context,
    sort: str,
    page: int,
    per_page: int,
    apply_blocklist: bool,
    want_index: bool,
    want_ids: bool = True,
) -> _Found | None:
    """:func:`_find` through the in-memory index, or None when it does not apply."""
    if dict(ctx.thresholds) != default_thresholds():
        return None
    blocked = blocked_query(lib, conn) if apply_blocklist else None
    if not (want_index or blocked is not None or reach.helps(q) or reach.answers_text(q, ctx)):
        return None  # e.g. a date range: the database counts it faster than we could
    from fandex.query import facets as facet_mod
    from fandex.query import memory

    if not memory.available():
        return None
    # Facets need the index anyway; otherwise only a fresh cached one is used, so a
    # one-off command on a big library never waits for the index to be built.
    url = _index_key(lib)
    if want_index:
        idx: facet_mod.Index | None = facet_mod.index_for(conn, url, ctx, FACET_TYPES)
    else:
        idx = facet_mod.cached_index(conn, url, ctx, FACET_TYPES)
    if idx is None:
        return None
    texts = fts.any_of(q.text_queries())
    required = _required_text(q) if texts else None
    # A relevance page of a search whose every text part is required can be ranked from
    # the text index alone and filtered here by the mask (which holds every other
    # condition): on SQLite from the FTS5 table, keyed by rowid; on PostgreSQL by the
    # database, keyed by work id.
    rank_alone = (
        sort == "relevance" and required is not None and fts.any_of([required.search]) == texts
    )
    rank_here = rank_alone and ctx.dialect == "sqlite" and idx.positions is None
    rank_pg = rank_alone and ctx.dialect == "postgresql" and idx.positions is not None
    if rank_here and want_ids:
        # Rank before the other leaves are counted (a search too broad to rank reads
        # only its matches here, which the facet count of another thread shares).
        memory.read_best(conn, idx, texts, page * per_page)
    mask = memory.evaluate(conn, idx, q, ctx)
    hidden = 0
    if blocked is not None:
        blocked_mask = memory.evaluate(conn, idx, blocked, ctx)
        hidden = int((mask & blocked_mask).sum())
        mask &= ~blocked_mask
    total = int(mask.sum())
    offset = (page - 1) * per_page
    if not want_ids:
        ids: list[str] = []
    elif rank_here:
        # Every match has a rank: ranked from the FTS5 table alone (no join with works,
        # no sort of every match in SQL), the page picked here.
        newest = lambda: _order_keys(conn, idx, "relevance", ctx)  # noqa: E731
        ids = memory.top_ranked(conn, idx, texts, mask, offset, per_page, newest)
    elif rank_pg:
        ids = memory.top_ranked_pg(conn, idx, texts, mask, offset, per_page)
    elif sort == "relevance" and texts:
        # Ranked by the text index: the SQL page query, counted here.
        unblocked = None if blocked is None else not_(blocked.sql(context(lib, follow=True)))
        stmt = _page_query(q, sort, dataclasses.replace(ctx, follow_order=True), unblocked)
        ids = list(conn.execute(stmt.limit(per_page).offset(offset)).scalars())
    else:
        order = _order_keys(conn, idx, sort, ctx)
        chosen = order[mask[order]][offset : offset + per_page]
        ids = [str(i) for i in idx.id_of_key[chosen]]
    # No SQL for the visible works: the facets of this answer are counted on the mask.
    return _Found(ids, total, hidden, None, idx, mask)


def _order_keys(conn: Connection, idx: facet_mod.Index, sort: str, ctx: Context) -> Any:
    """Every work's key in ``sort`` order (cached with the index)."""
    if sort in idx.orders:
        return idx.orders[sort]
    with idx.lock:  # one build per order, however many requests want it meanwhile
        if sort not in idx.orders:
            idx.orders[sort] = _build_order(conn, idx, sort, ctx)
    return idx.orders[sort]


def _build_order(conn: Connection, idx: facet_mod.Index, sort: str, ctx: Context) -> Any:
    from fandex.query import memory

    stmt = _page_query(All(), sort, ctx, None)
    if idx.positions is None:
        # SQLite: the keys are rowids; read them in order straight from the driver
        # (100,000 rows through SQLAlchemy would cost more than the sort itself).
        by_rowid: Select[Any] = stmt.with_only_columns(
            literal_column("works.rowid"), maintain_column_froms=True
        )
        compiled = by_rowid.compile(dialect=conn.dialect)
        params = [compiled.params[k] for k in compiled.positiontup or []]
        rows = fts.driver_rows(conn, str(compiled), params)
        arr = memory.int_array([r[0] for r in rows])
        return arr[(arr >= 0) & (arr < idx.size)]
    ids = list(conn.execute(stmt).scalars())
    if idx.positions is not None:
        keys = [idx.positions.get(i, -1) for i in ids]
    else:
        key_of_id = {str(v): k for k, v in enumerate(idx.id_of_key) if v is not None}
        keys = [key_of_id.get(i, -1) for i in ids]
    arr = memory.int_array(keys)
    return arr[(arr >= 0) & (arr < idx.size)]


def _sortable(ctx: Context, col: ColumnElement[str]) -> ColumnElement[str]:
    # Byte order on both backends, whatever collation a PostgreSQL server defaults to.
    return col.collate("C") if ctx.dialect == "postgresql" else col


def _page_query(
    q: Query, sort: str, ctx: Context, unblocked: ColumnElement[bool] | None
) -> Select[Any]:
    """Ids of the visible works in ``sort`` order."""
    w = schema.works
    extra = [unblocked] if unblocked is not None else []
    order: list[Any] = []
    if sort == "relevance":
        texts = fts.any_of(q.text_queries())
        required = _required_text(q)
        if required is not None and fts.any_of([required.search]) == texts:
            # Every match has a rank: drive the query from the full-text index and
            # do not look the words up a second time.
            rank = fts.rank_subquery(ctx.dialect, texts)
            rest = _without(q, required)
            stmt = (
                select(w.c.id)
                .select_from(rank.join(w, w.c.id == rank.c.work_id))
                .where(rest.sql(ctx), *extra)
            )
            return stmt.order_by(rank.c.rank, _sortable(ctx, w.c.id))  # rank: no index
        stmt = select(w.c.id).where(q.sql(ctx), *extra)
        if texts:
            rank = fts.rank_subquery(ctx.dialect, texts)
            stmt = stmt.select_from(w.outerjoin(rank, rank.c.work_id == w.c.id))
            order.append(rank.c.rank.asc().nulls_last())
            return stmt.order_by(*order, _sortable(ctx, w.c.id))
        # Newest first; the id breaks ties in the same direction so the index serves.
        return stmt.order_by(_sortable(ctx, w.c.imported_at).desc(), _sortable(ctx, w.c.id).desc())
    stmt = select(w.c.id).where(q.sql(ctx), *extra)
    if sort == "title":
        order.append(ctx.fold(w.c.title))
    elif sort == "author":
        a = schema.authors
        first = (
            select(ctx.fold(a.c.name))
            .where(a.c.work_id == w.c.id, a.c.position == 0)
            .scalar_subquery()
        )
        order += [first.asc().nulls_last(), ctx.fold(w.c.title)]
    elif sort == "words":
        return stmt.order_by(w.c.words.desc(), _sortable(ctx, w.c.id).desc())
    elif sort == "imported":
        return stmt.order_by(_sortable(ctx, w.c.imported_at).desc(), _sortable(ctx, w.c.id).desc())
    else:
        col = w.c[sort]
        order.append(_sortable(ctx, col).desc().nulls_last())
    return stmt.order_by(*order, _sortable(ctx, w.c.id))


def _required_text(q: Query) -> Text | None:
    """The text search every match must satisfy, when the query has exactly one."""
    if isinstance(q, Text):
        return q
    if isinstance(q, And):
        texts = [p for p in q.parts if isinstance(p, Text)]
        if len(texts) == 1 and len(fts.any_of(q.text_queries())) == 1:
            return texts[0]
    return None


def _without(q: Query, part: Query) -> Query:
    if q is part:
        return All()
    assert isinstance(q, And)
    return conjoin([p for p in q.parts if p is not part])


# stats: the "top" lists and the tag type each counts.
_TOPS = {"fandoms": "fandom", "ratings": "rating", "relationships": "relationship"}


def library_stats(lib: Library, limit: int = 10) -> dict[str, Any]:
    """``Library.stats()`` with its top fandoms, ratings and relationships counted as
    search counts tags (a guess above its threshold, never one against the author's
    word), and how many works hold a guess against the author, for review."""
    stats = lib.stats()
    counted = search(lib, "", per_page=1, apply_blocklist=False, with_works=False).facets
    for key, type_ in _TOPS.items():
        stats[key] = counted.get(type_, [])[:limit]
    stats["suspected"] = {
        kind: search(lib, f"flagged:{kind}", per_page=1, apply_blocklist=False, facets=False).total
        for kind in ("warning", "rating")
    }
    return stats


__all__ = [
    "FACET_LIMIT",
    "FACET_TYPES",
    "SORTS",
    "SearchResult",
    "blocked_query",
    "library_stats",
    "search",
    "warm_up",
]
