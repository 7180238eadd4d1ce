"""Grouping copies into works: precision and recall on a generated collection, and
the time and memory to group 100,000 works.

    .venv/bin/python bench/bench_grouping.py                 # P/R, 2,000 stories, via a library
    .venv/bin/python bench/bench_grouping.py --scale 100000  # time, peak memory: 100,000 works

The collection (bench/collection_gen.py) is generated prose: every story has 3 to 10
copies (snapshots, format changes, light edits, an early posting with a chapter later
deleted) and 30% of stories a look-alike that must stay apart (a sequel with the same
author and characters, another story under the same title and summary, a remix that
reuses a chapter). Pairwise precision/recall against the true story of every copy.

The P/R run goes through the real path: each copy stored in a SQLite library
(Library.save, which signs it), then ``versions.group`` (candidates from the
``signature_keys`` index, verified on the stored chapter text). The scale run uses
the same signatures, candidate rule and verdict with the in-memory index
(:class:`fandex.library.grouping.MemoryIndex`), signatures computed on 2 processes as
an import does; it reports the grouping time and the process's peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collection_gen import Copy, collection, pairwise

from fandex.library import Library, versions
from fandex.library.grouping import Item, MemoryIndex, UnionFind, verdict
from fandex.library.groupstate import Decisions
from fandex.library.signature import Signature, compare, shingle_set, signature_of_text
from fandex.model import Chapter, Work


def _work(i: int, c: Copy) -> Work:
    return Work(
        id=f"{i:016x}",
        title=c.title,
        authors=c.authors,
        chapters=[Chapter(n, None, text=t) for n, t in enumerate(c.chapters, 1)],
        source_ids=dict(c.source_ids),
    )


def precision_recall(stories: int) -> None:
    t0 = time.perf_counter()
    copies = collection(stories)
    gen = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        for i, c in enumerate(copies):
            lib.save(_work(i, c))
        stored = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = versions.group(lib)
        grouped = time.perf_counter() - t0
        primary_of = {}
        for group in versions.groups(lib):
            for v in group:
                primary_of[v.work_id] = group[0].work_id
        ids = [f"{i:016x}" for i in range(len(copies))]
        predicted = [hash(primary_of.get(w, w)) for w in ids]
        truth = [c.story for c in copies]
        p, r, npred, ntrue = pairwise(truth, predicted)
        kinds: dict[str, list[int]] = {}
        for c, w in zip(copies, ids, strict=True):
            kinds.setdefault(c.kind, []).append(int(w in primary_of))
        lib.close()
    print(f"collection: {stories} stories, {len(copies)} copies (generated in {gen:.1f} s)")
    print(
        f"stored and signed {len(copies)} works in {stored:.1f} s "
        f"({len(copies) / stored:.0f} works/s, Library.save with full-text index)"
    )
    print(
        f"grouped (library path, SQL candidates, text verified) in {grouped:.1f} s: "
        f"{len(report.groups)} groups, {report.compared} pairs compared, "
        f"{report.near} near-duplicates"
    )
    print(
        f"pairwise precision {p:.4f}  recall {r:.4f}  (predicted pairs {npred}, true pairs {ntrue})"
    )
    for kind, flags in sorted(kinds.items()):
        print(f"  {kind:16s} {len(flags):6d} copies, {sum(flags) / len(flags):6.1%} in a group")


def _sign(c: Copy) -> tuple[Signature, object]:
    """What an import's worker computes. The bench keeps, per work, the signature
    without its per-chapter anchors (the library keeps those on disk) and the shingle
    set in 32 bits (verification reads the text from the library instead)."""
    sig = signature_of_text(c.chapters)
    sig.chapter_anchors = []
    return sig, np.unique(shingle_set(c.chapters).astype(np.uint32))


def scale(n_works: int, jobs: int) -> None:
    per_story = 7.5  # the generator's mean copies (+ look-alikes)
    t0 = time.perf_counter()
    items: list[Item] = []
    shingles: list[object] = []
    truth: list[int] = []
    sign_time = 0.0
    batch = 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        while len(items) < n_works:
            copies = collection(2000, seed=1000 + batch, words=(80, 250), chapters=(1, 6))
            batch += 1
            copies = copies[: n_works - len(items)]
            s0 = time.perf_counter()
            for c, (sig, sh) in zip(copies, pool.map(_sign, copies, chunksize=64), strict=True):
                items.append(
                    Item(f"{len(items):016x}", c.title, tuple(c.authors), c.source_ids, sig)
                )
                shingles.append(sh)
                truth.append(c.story + batch * 10_000_000)
            sign_time += time.perf_counter() - s0
    built = time.perf_counter() - t0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    index = MemoryIndex()
    for item in items:
        index.add(item)
    at = {item.id: i for i, item in enumerate(items)}
    uf = UnionFind()
    decisions = Decisions()
    compared = 0
    for i, item in enumerate(items):
        for other_id in index.candidates(item):
            j = at[other_id]
            if j <= i or uf.find(item.id) == uf.find(other_id):
                continue  # judged from the other side, or already one work (as the library)
            compared += 1
            other = items[j]
            v = verdict(item, other, None, decisions)
            if not v.same:
                v = verdict(item, other, compare(shingles[i], shingles[j]), decisions)  # type: ignore[arg-type]
            if v.same:
                uf.union(item.id, other_id)
    grouping = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    predicted = [hash(uf.find(item.id)) for item in items]
    p, r, _, _ = pairwise(truth, predicted)
    print(
        f"{len(items)} works (~{len(items) / per_story:.0f} stories; generated and signed in "
        f"{built:.0f} s, signing {sign_time:.0f} s on {jobs} processes = "
        f"{sign_time * jobs / len(items) * 1000:.1f} ms per work per core)"
    )
    print(f"grouping: {grouping:.1f} s on 1 core ({compared} pairs verified on text)")
    print(
        f"peak memory {peak:.0f} MB (before grouping {rss_before:.0f} MB, holding every "
        f"signature and shingle set)"
    )
    print(f"pairwise precision {p:.4f}  recall {r:.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stories", type=int, default=2000)
    ap.add_argument("--scale", type=int, default=0, help="group this many works in memory")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = ap.parse_args()
    if args.scale:
        scale(args.scale, args.jobs)
    else:
        precision_recall(args.stories)


if __name__ == "__main__":
    main()
