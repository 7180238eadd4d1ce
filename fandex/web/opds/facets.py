"""A feed's facets (``opds:facetGroup``): rating, fandom and completion, with counts.

Each link narrows the feed's query by one term, or, when the term is already there
(``opds:activeFacet``), takes it out again. The counts are the same for every page of
a query, and a reader pages on through a feed, so they are kept for a minute per
query, reader and blocklist, and forgotten whenever this process writes to a library
(as the web listing's sidebar counts are).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from fandex.library import Library, blocklist, reading, store
from fandex.search import search
from fandex.web import querystate
from fandex.web.base import url_with
from fandex.web.opds import atom

FACET_NAMES = 12  # fandoms (and ratings) offered as facets of a feed
TTL = 60.0
_COMPLETION = (("yes", "Complete"), ("no", "Not complete"))
_MAX = 256


@dataclass(frozen=True)
class Counts:
    """The facet counts of one query."""

    tags: dict[str, list[tuple[str, int]]]
    complete: int  # works of the query without its completion term that are complete
    base: int  # works of the query without its completion term


class _Cache:
    def __init__(self) -> None:
        self._data: OrderedDict[tuple[Any, ...], tuple[float, Counts]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Counts | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is None or time.monotonic() - hit[0] > TTL:
                return None
            self._data.move_to_end(key)
            return hit[1]

    def put(self, key: tuple[Any, ...], counts: Counts) -> None:
        with self._lock:
            self._data[key] = (time.monotonic(), counts)
            while len(self._data) > _MAX:
                self._data.popitem(last=False)

    def clear(self, *_args: Any) -> None:
        with self._lock:
            self._data.clear()


_CACHE = _Cache()
for _hooks in (store.SAVE_HOOKS, store.TAG_HOOKS, store.REMOVE_HOOKS):
    if _CACHE.clear not in _hooks:
        _hooks.append(_CACHE.clear)


def _split(query: str) -> tuple[list[str], str | None]:
    """The query's terms without its completion term, and that term's value."""
    terms = querystate.terms(query)
    rest = [t.raw for t in terms if t.field != "complete"]
    current = next((t for t in terms if t.field == "complete"), None)
    value = None
    if current is not None and not current.negated and current.value.lower() in ("yes", "no"):
        value = current.value.lower()
    return rest, value


def counts(lib: Library, query: str) -> Counts:
    """The counts for ``query`` (cached)."""
    blocks = tuple(e.query for e in blocklist.entries(lib))
    key = (lib.location, reading.current_reader(), query, blocks)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    found = search(lib, query, facets=True, with_works=False, facet_limit=FACET_NAMES)
    rest, value = _split(query)
    # complete:yes and complete:no split the works the rest of the query selects (every
    # leaf is true or false): the query's own count is one of the numbers when it has
    # no completion term or "yes", so one more count at most gives the others.
    if len(rest) == len(querystate.terms(query)):
        base = found.total
    else:
        base = search(lib, " ".join(rest), facets=False, with_works=False).total
    if value == "yes":
        done = found.total
    else:
        done = search(lib, " ".join([*rest, "complete:yes"]), facets=False, with_works=False).total
    result = Counts({k: found.facets.get(k, []) for k in ("rating", "fandom")}, done, base)
    _CACHE.put(key, result)
    return result


def _link(
    feed: Any, group: str, label: str, query: str, sort: str, count: int, active: bool
) -> None:
    href = url_with("/opds/works", {"q": query, "sort": sort if sort != "relevance" else None})
    extra = {"title": label, "opds:facetGroup": group, "thr:count": str(count)}
    if active:
        extra["opds:activeFacet"] = "true"
    link = atom.add_link(feed, atom.FACET, href, atom.ACQUISITION, **extra)
    first = feed.find(f"{{{atom.ATOM}}}entry")
    if first is not None:
        first.addprevious(link)  # Atom puts a feed's own elements before its entries


def add_facets(lib: Library, feed: Any, query: str, sort: str, total: int) -> None:
    """Add the rating, fandom and completion facets of ``query`` to ``feed``."""
    found = counts(lib, query)
    terms = querystate.terms(query)
    for facet, group in (("rating", "Rating"), ("fandom", "Fandom")):
        field = querystate.field_for_facet(facet)
        for name, count in found.tags.get(facet, []):
            active = querystate.state(terms, field, name) == "include"
            target = querystate.toggle(terms, field, name, negated=False)
            _link(feed, group, name, target, sort, count, active)
    rest, value = _split(query)
    numbers = {"yes": found.complete, "no": found.base - found.complete}
    for option, label in _COMPLETION:
        active = value == option
        target = " ".join(rest) if active else " ".join([*rest, f"complete:{option}"])
        _link(feed, "Completion", label, target, sort, numbers[option], active)


__all__ = ["FACET_NAMES", "TTL", "Counts", "add_facets", "counts"]
