"""How the web asks for a page of works: through :func:`fandex.search.search`, the one
entry point the CLI, the web and the API share (same grammar, same blocklist).

Facet counts cost more than the page itself on a big library (they group every tag
of every matching work), and a person paging or re-sorting a listing asks for the
same facets again and again. So facets are never counted in a page request's own
time: one background thread counts them, cached per (query, blocklist on/off,
blocklist entries), and a page waits for them only briefly (:data:`FACET_WAIT`).

A cached count goes stale when this process writes to any library (the store's write
hooks) and after :data:`FACET_TTL` seconds, which bounds how stale it can be when
another process (``fandex import``) writes. While that process writes, listings and
counts are made from an in-memory tag index up to :data:`INDEX_LAG` seconds old rather
than one rebuilt (or bypassed) at every write: the web may lag another process's writes
by that much, never this process's own (an upload, a tag decision).
Stale counts are not thrown away: a page asking for them gets them at once, marked
``refreshing``, while they are counted again in the background; only a query never
counted before has to wait (``pending``), and then the listing shows its works without
the sidebar, which fills in from ``/facets``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Literal

from fandex.library import Library, blocklist, store
from fandex.query import facets as facet_index
from fandex.search import SORTS, SearchResult, search

__all__ = [
    "API_FACET_WAIT",
    "FACET_TTL",
    "FACET_WAIT",
    "SORTS",
    "FacetState",
    "clear_facet_cache",
    "facets_for",
    "search_page",
]

FACET_TTL = 60.0
# How long a listing page waits for its facet counts before showing the works without
# them (the sidebar then fills in from /facets when the counting is done).
FACET_WAIT = 0.05
# How long the JSON API and /facets wait for a count under way before answering with
# the last known counts (or none): long enough for any count on a library that is not
# being written to, short enough that a slow one never holds a request thread.
API_FACET_WAIT = 2.0
_MAX_ENTRIES = 128
# Seconds listings and counts may lag writes by another process (well inside FACET_TTL).
INDEX_LAG = 10.0

Facets = dict[str, list[tuple[str, int]]]
# ready: counted since the library last changed; refreshing: the last counts, being
# counted again; pending: never counted, counting now.
FacetState = Literal["ready", "refreshing", "pending"]


class _FacetCache:
    """Counts by key, each with the epoch it was counted in; a write starts a new epoch,
    which makes every entry stale without forgetting it."""

    def __init__(self) -> None:
        self._data: OrderedDict[tuple[Any, ...], tuple[float, int, Facets]] = OrderedDict()
        self._lock = threading.Lock()
        self.epoch = 0

    def get(self, key: tuple[Any, ...]) -> tuple[Facets, bool] | None:
        """``(counts, fresh)``, or None when ``key`` was never counted."""
        with self._lock:
            hit = self._data.get(key)
            if hit is None:
                return None
            self._data.move_to_end(key)
            stamp, epoch, facets = hit
            return facets, epoch == self.epoch and time.monotonic() - stamp <= FACET_TTL

    def put(self, key: tuple[Any, ...], facets: Facets, epoch: int) -> None:
        """Keep counts made from the library as it was at ``epoch``."""
        with self._lock:
            self._data[key] = (time.monotonic(), epoch, facets)
            while len(self._data) > _MAX_ENTRIES:
                self._data.popitem(last=False)

    def clear(self, *_args: Any) -> None:
        with self._lock:
            self.epoch += 1

    def forget(self) -> None:
        with self._lock:
            self._data.clear()
            self.epoch += 1


_CACHE = _FacetCache()
# Facet counting runs beside the page query (SQLite readers do not block each other), one
# count at a time so page queries keep a core; counts nobody started yet are dropped when
# newer ones queue up behind them (a person clicking on through the sidebar).
_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fandex-facets")
_MAX_QUEUED = 2
_INFLIGHT: dict[tuple[Any, ...], Future[Facets]] = {}
_INFLIGHT_LOCK = threading.RLock()
for _hooks in (store.SAVE_HOOKS, store.TAG_HOOKS, store.REMOVE_HOOKS):
    if _CACHE.clear not in _hooks:
        _hooks.append(_CACHE.clear)


def clear_facet_cache() -> None:
    """Forget every cached facet count (flags and other writes without a hook)."""
    _CACHE.forget()


def _compute(lib: Library, query: str, apply_blocklist: bool, key: tuple[Any, ...]) -> Facets:
    epoch = _CACHE.epoch  # before reading: a write meanwhile leaves these counts stale
    # Counts only: finding a page (ranking a text search) would be wasted work here. While
    # another process imports, the tag index is not rebuilt for every count.
    with facet_index.tolerate_stale_index(INDEX_LAG):
        result = search(
            lib, query, per_page=1, apply_blocklist=apply_blocklist, facets=True, with_works=False
        )
    _CACHE.put(key, result.facets, epoch)
    return result.facets


def _forget(key: tuple[Any, ...], done: Future[Facets]) -> None:
    # Runs in the counting thread (or in the thread cancelling it, holding the lock, which
    # is why it is reentrant): never while another thread walks _INFLIGHT.
    with _INFLIGHT_LOCK:
        if _INFLIGHT.get(key) is done:
            del _INFLIGHT[key]


def _counting(
    lib: Library, query: str, apply_blocklist: bool, key: tuple[Any, ...]
) -> Future[Facets]:
    """The count of ``key`` in progress, or one started now."""
    with _INFLIGHT_LOCK:
        fut = _INFLIGHT.get(key)
        if fut is None:
            fut = _EXECUTOR.submit(_compute, lib, query, apply_blocklist, key)
            _INFLIGHT[key] = fut
            fut.add_done_callback(lambda done: _forget(key, done))
            queued = [f for f in _INFLIGHT.values() if not f.running() and not f.done()]
            for stale in queued[:-_MAX_QUEUED]:
                stale.cancel()  # a /facets request for it will count afresh
    return fut


def _lookup(
    lib: Library, query: str, apply_blocklist: bool
) -> tuple[Facets | None, FacetState, Future[Facets] | None]:
    """What is known of ``query``'s counts now, and the count under way if any."""
    blocks = tuple(e.query for e in blocklist.entries(lib)) if apply_blocklist else ()
    key = (lib.location, query, apply_blocklist, blocks)
    hit = _CACHE.get(key)
    if hit is not None and hit[1]:
        return hit[0], "ready", None
    future = _counting(lib, query, apply_blocklist, key)
    if hit is not None:
        return hit[0], "refreshing", future
    return None, "pending", future


def _settle(
    known: Facets | None, state: FacetState, future: Future[Facets] | None, wait: float | None
) -> tuple[Facets | None, FacetState]:
    """Wait up to ``wait`` seconds (None: as long as it takes) for the count under way;
    what is known when the wait ends."""
    if future is None:
        return known, state
    try:
        return future.result(timeout=wait), "ready"
    except (FutureTimeout, CancelledError):
        return known, state


def facets_for(
    lib: Library, query: str, *, apply_blocklist: bool = True, wait: float | None = None
) -> tuple[Facets | None, FacetState]:
    """Facet counts for ``query`` and how current they are. Waits up to ``wait`` seconds
    (None: until counted) for a count under way, then gives the last known counts
    (``refreshing``) or None (``pending``); the count goes on in the background."""
    known, state, future = _lookup(lib, query, apply_blocklist)
    for _attempt in range(3):
        known, state = _settle(known, state, future, wait)
        if state == "ready" or future is None or not future.cancelled():
            break
        # Dropped from the queue by newer counts before it started: ask again.
        known, state, future = _lookup(lib, query, apply_blocklist)
    return known, state


def search_page(
    lib: Library,
    query: str,
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    apply_blocklist: bool = True,
    facet_wait: float | None = None,
) -> tuple[SearchResult, FacetState]:
    """A page of results and how current its facet counts are.

    Facets are counted alongside the page (another thread); the page waits at most
    ``facet_wait`` seconds for them (None: as long as it takes), counted from when the
    page query started. ``ready`` or ``refreshing``: ``result.facets`` holds counts
    (refreshing: the last known ones, being counted again). ``pending``: none yet,
    ``result.facets`` is empty; the listing shows the works at once and fetches the
    sidebar when it is counted. Raises :class:`fandex.errors.QueryError` on a bad query.
    """
    known, state, future = _lookup(lib, query, apply_blocklist)
    started = time.monotonic()
    # The page too, while another process writes: otherwise every write sends it past
    # the in-memory index to SQL (several times slower on a broad query).
    with facet_index.tolerate_stale_index(INDEX_LAG):
        result = search(
            lib,
            query,
            sort=sort,
            page=page,
            per_page=per_page,
            apply_blocklist=apply_blocklist,
            facets=False,
        )
    left = None if facet_wait is None else max(0.0, facet_wait - (time.monotonic() - started))
    facets, state = _settle(known, state, future, left)
    result.facets = facets or {}
    return result, state
