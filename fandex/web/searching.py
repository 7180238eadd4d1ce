"""How the web asks for a page of works: through :func:`fandex.search.search`, the one
entry point the CLI, the web and the API share (same grammar, same blocklist).

Facet counts cost more than the page itself on a big library (they group every tag
of every matching work), and a person paging or re-sorting a listing asks for the
same facets again and again. So facets are counted in a background thread while the
page query runs, the page waits for them only briefly (:data:`FACET_WAIT`), and they are
cached per (query, blocklist on/off,
blocklist entries), and the cache is dropped whenever this process writes to any
library (the store's write hooks) and after :data:`FACET_TTL` seconds, which bounds
how stale the counts can be when another process (``fandex import``) writes.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from fandex.library import Library, blocklist, store
from fandex.search import SORTS, SearchResult, search

__all__ = ["FACET_TTL", "FACET_WAIT", "SORTS", "clear_facet_cache", "facets_for", "search_page"]

FACET_TTL = 60.0
# How long a listing page waits for its facet counts before showing the works without
# them (the sidebar then fills in from /facets when the counting is done).
FACET_WAIT = 0.05
_MAX_ENTRIES = 128

Facets = dict[str, list[tuple[str, int]]]


class _FacetCache:
    def __init__(self) -> None:
        self._data: OrderedDict[tuple[Any, ...], tuple[float, Facets]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Facets | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is None or time.monotonic() - hit[0] > FACET_TTL:
                return None
            self._data.move_to_end(key)
            return hit[1]

    def put(self, key: tuple[Any, ...], facets: Facets) -> None:
        with self._lock:
            self._data[key] = (time.monotonic(), facets)
            while len(self._data) > _MAX_ENTRIES:
                self._data.popitem(last=False)

    def clear(self, *_args: Any) -> None:
        with self._lock:
            self._data.clear()


_CACHE = _FacetCache()
# Facet counting runs beside the page query (SQLite readers do not block each other), one
# count at a time so page queries keep a core; counts nobody started yet are dropped when
# newer ones queue up behind them (a person clicking on through the sidebar).
_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fandex-facets")
_MAX_QUEUED = 2
_INFLIGHT: dict[tuple[Any, ...], Future[Facets]] = {}
_INFLIGHT_LOCK = threading.Lock()
for _hooks in (store.SAVE_HOOKS, store.TAG_HOOKS, store.REMOVE_HOOKS):
    if _CACHE.clear not in _hooks:
        _hooks.append(_CACHE.clear)


def clear_facet_cache() -> None:
    """Forget every cached facet count (flags and other writes without a hook)."""
    _CACHE.clear()


def _compute(lib: Library, query: str, apply_blocklist: bool, key: tuple[Any, ...]) -> Facets:
    # Counts only: finding a page (ranking a text search) would be wasted work here.
    result = search(
        lib, query, per_page=1, apply_blocklist=apply_blocklist, facets=True, with_works=False
    )
    _CACHE.put(key, result.facets)
    return result.facets


def _facet_future(lib: Library, query: str, apply_blocklist: bool) -> Future[Facets]:
    """The facets of ``query``: cached, being counted, or counting from now on."""
    blocks = tuple(e.query for e in blocklist.entries(lib)) if apply_blocklist else ()
    key = (lib.location, query, apply_blocklist, blocks)
    done: Future[Facets] = Future()
    cached = _CACHE.get(key)
    if cached is not None:
        done.set_result(cached)
        return done
    with _INFLIGHT_LOCK:
        fut = _INFLIGHT.get(key)
        if fut is None:
            fut = _EXECUTOR.submit(_compute, lib, query, apply_blocklist, key)
            _INFLIGHT[key] = fut
            fut.add_done_callback(lambda _f: _INFLIGHT.pop(key, None))
            queued = [f for f in _INFLIGHT.values() if not f.running() and not f.done()]
            for stale in queued[:-_MAX_QUEUED]:
                stale.cancel()  # a /facets request for it will count afresh
    return fut


def facets_for(
    lib: Library, query: str, *, apply_blocklist: bool = True, wait: float | None = None
) -> Facets | None:
    """Facet counts for ``query``; None if they take longer than ``wait`` seconds
    (they go on counting in the background and land in the cache)."""
    for _attempt in range(3):
        try:
            return _facet_future(lib, query, apply_blocklist).result(timeout=wait)
        except FutureTimeout:
            return None
        except CancelledError:
            continue  # dropped from the queue by newer counts: ask again
    return None


def search_page(
    lib: Library,
    query: str,
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    apply_blocklist: bool = True,
    facet_wait: float | None = None,
) -> tuple[SearchResult, bool]:
    """A page of results and whether its facets are ready.

    Facets are counted alongside the page (another thread); the page waits at most
    ``facet_wait`` seconds for them (None: as long as it takes). When they are not
    ready, ``result.facets`` is empty and the second value False: the listing then
    shows the works at once and fetches the sidebar when it is counted. Raises
    :class:`fandex.errors.QueryError` on a bad query.
    """
    future = _facet_future(lib, query, apply_blocklist)
    started = time.monotonic()
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
    try:
        result.facets = future.result(timeout=left)
    except (FutureTimeout, CancelledError):
        return result, False
    return result, True
