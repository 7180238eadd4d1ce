"""Looking copies up in the library: stored items, their shingle sets, the SQL
twin of :meth:`fandex.library.grouping.MemoryIndex.candidates`, and a person's
decisions. One :class:`Lookup` serves one grouping pass (it caches what it reads).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection, or_, select

from fandex.library import schema
from fandex.library.driver import driver_rows
from fandex.library.grouping import (
    MAX_CANDIDATES,
    MAX_POSTING,
    STORY_ID_KINDS,
    Item,
    Verdict,
    enough_anchors,
    verdict,
)
from fandex.library.groupstate import Decisions
from fandex.library.signature import (
    KIND_ANCHOR,
    KIND_BAND,
    Signature,
    band_keys,
    compare,
    shingle_set,
)

# The shingle sets of works this process signed and stored lately (work id -> the
# signature's MinHash bytes and the set), so the grouping pass right after an import
# compares texts without reading and cutting them again. A set is used only while the
# stored signature still has the same MinHash and size; the oldest go past the budget.
# The budget is part of what an import holds beside the works it stores (issue 15: the
# whole import under 1 GB at the largest file).
RECENT_BUDGET = 64 << 20  # bytes
_recent: OrderedDict[str, tuple[bytes, np.ndarray]] = OrderedDict()
_recent_bytes = 0
_recent_lock = threading.Lock()


def remember_shingles(work_id: str, sig: Signature) -> None:
    """Keep ``sig``'s shingle set (if it has one) for grouping ``work_id`` soon."""
    global _recent_bytes
    if sig.shingle_set is None or sig.shingle_set.nbytes > RECENT_BUDGET:
        return
    with _recent_lock:
        old = _recent.pop(work_id, None)
        if old is not None:
            _recent_bytes -= old[1].nbytes
        _recent[work_id] = (sig.minhash_bytes(), sig.shingle_set)
        _recent_bytes += sig.shingle_set.nbytes
        while _recent_bytes > RECENT_BUDGET:
            _id, (_mh, dropped) = _recent.popitem(last=False)
            _recent_bytes -= dropped.nbytes


def _recent_shingles(work_id: str, stored: Signature | None) -> np.ndarray | None:
    with _recent_lock:
        found = _recent.get(work_id)
    if found is None or stored is None:
        return None
    minhash, shingles = found
    if minhash != stored.minhash_bytes() or len(shingles) != stored.shingles:
        return None
    return shingles


def read_signature(row: Any) -> Signature:
    chapters = json.loads(row.chapter_json)
    anchors = sorted({a for ch in chapters for a in ch})
    return Signature(
        minhash=np.frombuffer(row.minhash, dtype="<u4").astype(np.uint32),
        anchors=np.array(anchors, dtype=np.int64),
        shingles=row.shingles,
        words=row.words,
        chapters=row.chapters,
        chapter_anchors=chapters,
    )


class Lookup:
    """Items, signatures and shingle sets of stored works, cached for one pass."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.items: dict[str, Item | None] = {}
        self.shingles: dict[str, np.ndarray] = {}
        # Posting lists read ahead by prefetch_keys, per kind: key -> the works holding
        # it (each id one string), an anchor held by more than MAX_POSTING works in
        # ``common`` instead.
        self.postings: dict[int, dict[int, list[str]]] = {}
        self.common: set[int] = set()
        self.anchor_counts: dict[str, int | None] = {}

    def item(self, work_id: str) -> Item | None:
        if work_id not in self.items:
            self.items.update(self._load([work_id]))
        return self.items.get(work_id)

    def preload_ids(self, ids: list[str]) -> list[str]:
        """The ids of ``ids`` that are stored works."""
        self.preload(ids)
        return [i for i in ids if self.items.get(i) is not None]

    def preload(self, ids: list[str]) -> None:
        want = [i for i in ids if i not in self.items]
        for i in range(0, len(want), 500):
            self.items.update(self._load(want[i : i + 500]))

    def _load(self, ids: list[str]) -> dict[str, Item | None]:
        w, a, si, sg = schema.works, schema.authors, schema.source_ids, schema.signatures
        conn = self.conn
        out: dict[str, Item | None] = dict.fromkeys(ids)
        titles = dict(conn.execute(select(w.c.id, w.c.title).where(w.c.id.in_(ids))).all())
        authors: dict[str, list[str]] = {}
        for r in conn.execute(select(a).where(a.c.work_id.in_(ids)).order_by(a.c.position)):
            authors.setdefault(r.work_id, []).append(r.name)
        stated: dict[str, dict[str, str]] = {}
        for r in conn.execute(select(si).where(si.c.work_id.in_(ids))):
            stated.setdefault(r.work_id, {})[r.kind] = r.value
        sigs = {
            r.work_id: read_signature(r)
            for r in conn.execute(select(sg).where(sg.c.work_id.in_(ids)))
        }
        for work_id, title in titles.items():
            out[work_id] = Item(
                work_id,
                title,
                tuple(authors.get(work_id, [])),
                stated.get(work_id, {}),
                sigs.get(work_id),
            )
        return out

    def shingle_set(self, work_id: str) -> np.ndarray:
        item = self.item(work_id)
        recent = _recent_shingles(work_id, item.signature if item else None)
        if recent is not None:
            return recent
        if work_id not in self.shingles:
            if len(self.shingles) > 2000:
                self.shingles.clear()
            c = schema.chapters
            texts = self.conn.execute(
                select(c.c.text).where(c.c.work_id == work_id).order_by(c.c.idx)
            ).scalars()
            self.shingles[work_id] = shingle_set(list(texts))
        return self.shingles[work_id]

    def candidates(self, item: Item) -> list[str]:
        """The SQL twin of :meth:`fandex.library.grouping.MemoryIndex.candidates`.

        The key lookups go through the driver (:func:`driver_rows`): a work's hundreds
        of anchors made SQLAlchemy's statement building cost more than the queries."""
        conn, si = self.conn, schema.source_ids
        found: list[str] = []
        stated = [(kind, v) for kind, v in item.source_ids.items() if kind in STORY_ID_KINDS]
        if stated:
            cond = or_(*[(si.c.kind == kind) & (si.c.value == v) for kind, v in stated])
            found += [
                w for w in conn.execute(select(si.c.work_id).where(cond)).scalars() if w != item.id
            ]
        sig = item.signature
        prefetched = self._candidates_prefetched(item.id, sig) if sig is not None else None
        if prefetched is not None:
            found += prefetched
        elif sig is not None:
            bands = [key for kind, key in sig.lookup_keys() if kind == KIND_BAND]
            m = self._mark
            by_band = {
                r[0]
                for r in self._keys_rows(
                    "SELECT DISTINCT work_id FROM signature_keys WHERE kind = "
                    f"{m} AND {{keys}} AND work_id != {m}",
                    [KIND_BAND],
                    bands,
                    [item.id],
                )
            }
            anchors = self._informative([int(x) for x in sig.anchors])
            shared: list[tuple[str, int]] = []
            for i in range(0, len(anchors), 900):
                shared += [
                    (r[0], int(r[1]))
                    for r in self._keys_rows(
                        f"SELECT work_id, count(*) FROM signature_keys WHERE kind = {m} "
                        f"AND {{keys}} AND work_id != {m} GROUP BY work_id HAVING count(*) >= 2",
                        [KIND_ANCHOR],
                        anchors[i : i + 900],
                        [item.id],
                    )
                ]
            totals: dict[str, int] = {}
            for work_id, n in shared:
                totals[work_id] = totals.get(work_id, 0) + n
            found += self._best_sharing(totals, len(anchors))
            found += sorted(by_band)
        return list(dict.fromkeys(found))[:MAX_CANDIDATES]

    def prefetch_keys(self, items: Sequence[Item | None]) -> None:
        """Read the posting lists of every key of ``items`` (the works a pass examines
        next) in a few queries, for :meth:`candidates`: a key's postings once for the
        batch, instead of a few queries per work that read the widely held keys again
        for each work holding them. What was read for the previous batch is dropped."""
        self.postings = {}
        sigs = [it.signature for it in items if it is not None and it.signature is not None]
        anchors = sorted({int(a) for sig in sigs for a in sig.anchors})
        bands = sorted({k for sig in sigs for k in band_keys(sig.minhash)})
        m = self._mark
        self.common = self._common(anchors)
        wanted = [(KIND_ANCHOR, [a for a in anchors if a not in self.common]), (KIND_BAND, bands)]
        names: dict[str, str] = {}
        for kind, keys in wanted:
            postings: dict[int, list[str]] = {key: [] for key in keys}
            for i in range(0, len(keys), 900):
                for key, work_id in self._keys_rows(
                    f"SELECT key, work_id FROM signature_keys WHERE kind = {m} AND {{keys}}",
                    [kind],
                    keys[i : i + 900],
                    [],
                ):
                    postings[int(key)].append(names.setdefault(work_id, work_id))
            self.postings[kind] = postings

    def _candidates_prefetched(self, work_id: str, sig: Signature) -> list[str] | None:
        """The text candidates :meth:`candidates` finds by its queries, from the
        prefetched posting lists (None when they lack a key of ``sig``): the same
        anchors (the informative ones, 900 to a chunk, a work counted in a chunk only
        when it shares two there), the same order."""
        common = self.common
        by_kind = self.postings
        if not by_kind:
            return None
        bands = list(map(by_kind[KIND_BAND].get, band_keys(sig.minhash)))
        anchors = [a for a in sig.anchors.tolist() if a not in common]
        held = list(map(by_kind[KIND_ANCHOR].get, anchors))
        if any(p is None for p in bands) or any(p is None for p in held):
            return None
        by_band = {w for posting in bands if posting for w in posting if w != work_id}
        totals: dict[str, int] = {}
        for i in range(0, len(held), 900):
            chunk: dict[str, int] = {}
            for posting in held[i : i + 900]:
                for w in posting or ():
                    if w != work_id:
                        chunk[w] = chunk.get(w, 0) + 1
            for w, n in chunk.items():
                if n >= 2:
                    totals[w] = totals.get(w, 0) + n
        return self._best_sharing(totals, len(anchors)) + sorted(by_band)

    def _best_sharing(self, totals: dict[str, int], mine: int) -> list[str]:
        """The works sharing enough of a work's ``mine`` informative anchors (``totals``:
        how many each shares), the most-shared first: a snapshot shares nearly all of
        its own."""
        best = sorted(((n, w) for w, n in totals.items() if n >= 2), reverse=True)
        best = best[: MAX_CANDIDATES * 2]
        counts = self._anchor_counts([w for _, w in best])
        return [w for n, w in best if enough_anchors(n, mine, counts.get(w, 0))]

    @property
    def _mark(self) -> str:
        return "%s" if self.conn.dialect.name == "postgresql" else "?"

    def _keys_rows(
        self, sql: str, before: list[Any], keys: list[int], after: list[Any]
    ) -> list[Any]:
        """Rows of ``sql`` whose ``{keys}`` is a test of ``key`` against ``keys``."""
        if not keys:
            return []
        params: list[Any]
        if self.conn.dialect.name == "postgresql":
            test, params = "key = ANY(%s::bigint[])", [keys]
        else:
            test, params = f"key IN ({','.join('?' * len(keys))})", list(keys)
        return driver_rows(self.conn, sql.replace("{keys}", test), [*before, *params, *after])

    def _informative(self, anchors: list[int]) -> list[int]:
        """The anchors no more than MAX_POSTING works hold (see grouping.MAX_POSTING)."""
        common = self._common(anchors)
        return [a for a in anchors if a not in common]

    def _common(self, anchors: list[int]) -> set[int]:
        """The anchors of ``anchors`` more than MAX_POSTING works hold."""
        m = self._mark
        common: set[int] = set()
        for i in range(0, len(anchors), 900):
            common |= {
                int(r[0])
                for r in self._keys_rows(
                    f"SELECT key FROM signature_keys WHERE kind = {m} AND {{keys}} "
                    f"GROUP BY key HAVING count(*) > {m}",
                    [KIND_ANCHOR],
                    anchors[i : i + 900],
                    [MAX_POSTING],
                )
            }
        return common

    def _anchor_counts(self, ids: list[str]) -> dict[str, int]:
        """How many anchors each of ``ids`` has (a work with none stored is left out),
        read once a pass."""
        known = self.anchor_counts
        if len(known) > 200_000:
            known.clear()
        want = [i for i in ids if i not in known]
        if want:
            known.update(dict.fromkeys(want, None))
            known.update(self._read_anchor_counts(want))
        return {i: n for i in ids if (n := known[i]) is not None}

    def _read_anchor_counts(self, ids: list[str]) -> dict[str, int]:
        params: list[Any]
        if self.conn.dialect.name == "postgresql":
            test, params = "work_id = ANY(%s)", [ids]
        else:
            test, params = f"work_id IN ({','.join('?' * len(ids))})", list(ids)
        sql = f"SELECT work_id, anchors FROM signatures WHERE {test}"
        return {r[0]: int(r[1]) for r in driver_rows(self.conn, sql, params)}

    def judge(self, a: Item, b: Item, decisions: Decisions) -> Verdict:
        """The verdict on a pair, comparing texts only when the ids leave it open."""
        first = verdict(a, b, None, decisions)
        if first.same or first.reason == "kept apart by a person":
            return first
        cmp = compare(self.shingle_set(a.id), self.shingle_set(b.id))
        return verdict(a, b, cmp, decisions)
