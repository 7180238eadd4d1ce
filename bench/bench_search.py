"""Search at scale: a synthetic library, import time, size, and query latency.

    .venv/bin/python bench/bench_search.py                   # 100,000 works, both backends
    .venv/bin/python bench/bench_search.py --works 20000 --backend sqlite
    .venv/bin/python bench/bench_search.py --backend postgresql --pg-url postgresql://.../db

Works are generated from the built-in fandom packs with skewed (Zipf-like) choices:
fandoms, characters and ships, AO3-like rating/warning/category shares, freeform tags,
inferred tags with confidences, and chapter text drawn from a 6,000-word vocabulary
(body lengths log-normal, median ~300 words: a real library's full text would make
the import run for hours on this machine; word counts scale the same way).

The workload's words come from the library's own vocabulary (``Generator(SEED,
draws=...)``); before that fix the workload drew from another seed's vocabulary, so
most "common" words matched nothing and text figures looked far better than they are.

Printed: import time (works/s through ``Library.save``, i.e. the real store with its
index upkeep), database size, p50/p95/p99 of a mixed workload (text, tags, negations,
facets; each query through ``fandex.search.search``) per backend, every query distinct
within the run and timed twice: uncached (the first time it is asked: what a new search
costs) and cached (asked again at once), reported apart; and, on SQLite, the
raw FTS5 query underneath each text search (count + top 20 by bm25) for comparison.
Without PostgreSQL installed (and no --pg-url) the PostgreSQL half is skipped.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fandex.library import Library, blocklist, fts  # noqa: E402
from fandex.model import Chapter, Source, Tag, Work  # noqa: E402
from fandex.search import search  # noqa: E402
from fandex.test.helper import fresh_pg_library  # noqa: E402
from fandex.vocab import ao3, packs  # noqa: E402

SEED = 20260101


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


class Generator:
    """Deterministic synthetic works with realistic-looking tag distributions."""

    def __init__(self, seed: int = SEED, draws: int | None = None) -> None:
        """``seed`` makes the vocabulary, packs and authors (the library's); ``draws``,
        when given, seeds the later choices, so a workload asks for the words the
        library holds without replaying the choices that built it."""
        self.rnd = random.Random(seed)
        self._arrays: dict[int, tuple[Any, Any]] = {}
        problems: list[str] = []  # a pack being edited right now is skipped
        pack_list = sorted(
            packs.load_packs(packs.BUILTIN_DIR, [], problems), key=lambda p: p.fandom
        )
        self.rnd.shuffle(pack_list)
        self.packs = pack_list
        self.pack_w = zipf_weights(len(pack_list), 1.0)
        syll = ["ka", "lo", "mi", "ren", "ta", "vo", "sel", "an", "dri", "po", "ne", "ul", "shi"]
        vocab: set[str] = set()
        while len(vocab) < 6000:
            vocab.add("".join(self.rnd.choice(syll) for _ in range(self.rnd.randint(1, 4))))
        self.vocab = sorted(vocab)
        self.rnd.shuffle(self.vocab)
        self.vocab_w = zipf_weights(len(self.vocab))
        self.freeform = [f"Theme {w.title()}" for w in self.vocab[200:700]]
        self.freeform[:12] = ["Angst", "Fluff", "Hurt/Comfort", "Alternate Universe",
                              "Romance", "Humor", "Friendship", "Established Relationship",
                              "Slow Burn", "Tattoos", "Case Fic", "Found Family"]  # fmt: skip
        self.freeform_w = zipf_weights(len(self.freeform))
        self.authors = [f"author{i}" for i in range(20000)]
        self.author_w = zipf_weights(len(self.authors), 0.9)
        if draws is not None:
            self.rnd = random.Random(draws)

    def pick(self, items: list[str], weights: list[float], k: int = 1) -> list[str]:
        if k < 32:
            return self.rnd.choices(items, cum_weights=weights, k=k)
        # Many draws (a text): the same distribution through numpy, seeded from ours.
        arrays = self._arrays.get(id(weights))
        if arrays is None:
            arrays = self._arrays[id(weights)] = (np.array(weights), np.array(items, dtype=object))
        cum, arr = arrays
        rng = np.random.default_rng(self.rnd.getrandbits(64))
        return list(arr[np.searchsorted(cum, rng.random(k) * cum[-1], side="right")])

    def work(self, i: int) -> Work:
        r = self.rnd
        pack = r.choices(self.packs, cum_weights=self.pack_w)[0]
        chars = [c.name for c in pack.characters]
        char_w = zipf_weights(len(chars), 0.8)
        cast = list(dict.fromkeys(self.pick(chars, char_w, r.randint(1, 5))))
        tags = [Tag("fandom", pack.fandom)]
        rating = r.choices(ao3.RATINGS, weights=[5, 25, 30, 20, 20])[0]
        inferred = r.random() < 0.3  # files that never said; a tagger guessed
        tags.append(_tag("rating", rating, inferred, r))
        warnings = r.choices(
            ao3.ARCHIVE_WARNINGS, weights=[20, 50, 12, 6, 4, 2], k=r.choice([1, 1, 1, 2])
        )
        for w in dict.fromkeys(warnings):
            tags.append(_tag("warning", w, r.random() < 0.25, r))
        tags.append(Tag("category", r.choices(ao3.CATEGORIES, weights=[25, 30, 30, 8, 5, 2])[0]))
        for c in cast:
            tags.append(_tag("character", c, r.random() < 0.3, r))
        if len(cast) >= 2 and r.random() < 0.7:
            tags.append(Tag("relationship", packs.relationship_name(cast[:2])))
        for f in dict.fromkeys(self.pick(self.freeform, self.freeform_w, r.randint(0, 8))):
            tags.append(_tag("freeform", f, r.random() < 0.2, r))
        n_words = min(4000, max(20, int(math.exp(r.gauss(math.log(300), 1.0)))))
        n_chapters = 1 if r.random() < 0.6 else r.randint(2, 12)
        words = self.pick(self.vocab, self.vocab_w, n_words)
        for j in range(0, n_words, 40):  # characters' names in the text
            words[j] = r.choice(cast).split()[0]
        per = max(1, n_words // n_chapters)
        chapters = [
            Chapter(index=k + 1, text=" ".join(words[k * per : (k + 1) * per]) + ".")
            for k in range(n_chapters)
        ]
        title = " ".join(self.pick(self.vocab, self.vocab_w, r.randint(1, 4))).title()
        year = r.randint(1998, 2025)
        return Work(
            id=f"{i:016x}",
            title=title,
            authors=self.pick(self.authors, self.author_w),
            summary=" ".join(self.pick(self.vocab, self.vocab_w, r.randint(5, 40))),
            language=r.choices(["en", "de", "fr", "es", None], weights=[85, 4, 4, 4, 3])[0],
            status=r.choice(["complete", "complete", "wip", None]),
            published=f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
            chapters=chapters,
            tags=tags,
            source=Source(path=f"/synthetic/{i}.txt", format="txt", sha256=f"{i:064x}"),
        )

    def character(self) -> str:
        return self.rnd.choice(self.rnd.choice(self.packs).characters).name

    def ship(self) -> str:
        pack = self.rnd.choice(self.packs[:12])
        names = [c.name for c in pack.characters[:8]]
        if len(names) < 2:
            return "ship:Spuffy"
        return f'ship:"{packs.relationship_name(self.rnd.sample(names, 2))}"'

    def queries(self, n: int) -> Iterator[tuple[str, str, bool]]:
        """``(kind, query, facets)`` for a mixed workload; no two alike in one run, so
        none is answered from a cache the run itself filled. Kinds with few values of
        their own (a rating, a ship) are made distinct by a word-count bound, as a
        person narrowing a listing would add one."""
        r = self.rnd

        def bound() -> str:
            return f" words:>{r.randint(1, 3000)}"

        kinds: list[tuple[str, Callable[[], str]]] = [
            ("text-common", lambda: self.pick(self.vocab[:300], self.vocab_w[:300])[0]),
            ("text-rare", lambda: r.choice(self.vocab[2000:])),
            ("text-two", lambda: " ".join(r.sample(self.vocab[:600], 2))),
            ("text-phrase", lambda: '"' + " ".join(self.pick(self.vocab, self.vocab_w, 2)) + '"'),
            ("text-prefix", lambda: r.choice(self.vocab[300:3000])[:5] + "*"),
            ("tag-fandom", lambda: f'fandom:"{r.choice(self.packs[:6]).fandom}"' + bound()),
            ("tag-ship", lambda: self.ship() + bound()),
            ("tag-character", lambda: f'character:"{self.character()}"'),
            ("tag-rating", lambda: r.choice(["rating:E", "rating:<=teen", "rating:NC-17",
                                             "rating:M", "rating:>=T"]) + bound()),
            ("negation", lambda: f'fandom:"{r.choice(self.packs[:6]).fandom}" '
                                 "-warning:noncon -rating:E" + bound()),
            ("negation-text", lambda: f"{r.choice(self.vocab[:400])} -tag:angst"),
            ("mixed", lambda: f"{r.choice(self.vocab[:400])} rating:>=M words:>"
                              f"{r.randint(100, 900)} complete:yes"),
            ("listing", lambda: f"words:{r.randint(1, 500)}..{r.randint(600, 5000)}"),
        ]  # fmt: skip
        seen: set[tuple[str, bool]] = set()
        for i in range(n):
            kind, make = kinds[i % len(kinds)]
            facets = i % 3 == 0
            for _ in range(50):
                q = make()
                if (q, facets) not in seen:
                    break
            seen.add((q, facets))
            yield kind, q, facets


def _tag(type_: str, name: str, inferred: bool, r: random.Random) -> Tag:
    if inferred:
        return Tag(type_, name, source="inferred", confidence=round(r.uniform(0.3, 0.99), 2))
    return Tag(type_, name)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"p50 {pct(ms, 50):7.1f} ms  p95 {pct(ms, 95):7.1f} ms  p99 {pct(ms, 99):7.1f} ms"


def build(lib: Library, n: int) -> float:
    """Save works ``0..n-1`` (resuming after the ones already stored); seconds taken."""
    gen = Generator()
    done = lib.count()
    for i in range(done):  # the generator is sequential: replay what is stored
        gen.work(i)
    start = time.perf_counter()
    last = start
    for i in range(done, n):
        lib.save(gen.work(i))
        if time.perf_counter() - last > 30:
            last = time.perf_counter()
            rate = (i + 1 - done) / (last - start)
            print(f"    {i + 1:,} works, {rate:,.0f} works/s", flush=True)
    seconds = time.perf_counter() - start
    return seconds * n / max(1, n - done)  # as if built in one go


def run_workload(lib: Library, n_queries: int) -> tuple[dict[str, list[float]], ...]:
    """Each query of the mix twice: first as nobody asked it before in this run
    (uncached: what a new search costs), then again at once (cached: a reload, the
    next page's facets). Returns the two timings per kind."""
    gen = Generator(SEED, draws=SEED + 1)
    first: dict[str, list[float]] = {}
    again: dict[str, list[float]] = {}
    blocklist.add(lib, 'warning:"Rape/Non-Con"')  # every listing applies a blocklist
    for kind, q, facets in gen.queries(n_queries):
        for times in (first, again):
            t0 = time.perf_counter()
            search(lib, q, facets=facets)
            dt = time.perf_counter() - t0
            times.setdefault(kind, []).append(dt)
            times.setdefault("facets" if facets else "no-facets", []).append(dt)
            times.setdefault("ALL", []).append(dt)
            if kind != "text-prefix":
                times.setdefault("ALL-but-prefix", []).append(dt)
    return first, again


def raw_fts_comparison(lib: Library, n: int) -> tuple[list[float], list[float], list[float]]:
    """Single-word text searches: the raw FTS5 query (count + top 20 ids by bm25), the
    search stack's query part (the same ids and count through the query objects), and
    the whole ``search()`` (which also loads the 20 work records)."""
    from fandex.query import parse
    from fandex.search import _find, context

    gen = Generator(SEED, draws=SEED + 2)
    raw, query_part, whole = [], [], []
    ctx = context(lib)
    with lib.engine.connect() as conn:
        for _ in range(n):
            word = gen.pick(gen.vocab[:2000], gen.vocab_w[:2000])[0]
            expr = fts.fts5_expression([fts.FtsQuery((fts.Phrase((word,)),))])
            raw.append(raw_fts5(conn, expr))
            t0 = time.perf_counter()
            _find(conn, lib, parse(word), ctx, "relevance", 1, 20, False)
            query_part.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            search(lib, word, facets=False, apply_blocklist=False)
            whole.append(time.perf_counter() - t0)
    return raw, query_part, whole


def raw_fts5(conn: Connection, expr: str) -> float:
    """Seconds for the bare FTS5 work of a ranked page: count the matches, then the
    top 20 rowids by bm25 (the baseline the query stack is compared with)."""
    t0 = time.perf_counter()
    conn.execute(
        text("SELECT count(*) FROM works_fts WHERE works_fts MATCH :q"), {"q": expr}
    ).scalar()
    conn.execute(
        text(
            "SELECT rowid FROM works_fts WHERE works_fts MATCH :q "
            "ORDER BY bm25(works_fts, 10.0, 4.0, 1.0) LIMIT 20"
        ),
        {"q": expr},
    ).all()
    return time.perf_counter() - t0


def worst_cases(lib: Library) -> None:
    """Queries outside the mixed workload that are slow by nature: a short prefix of a
    common word (nearly every work matches, and each must be ranked). On SQLite the raw
    FTS5 query (count + top 20 by bm25) is timed beside it."""
    gen = Generator(SEED, draws=SEED + 3)
    for word in gen.vocab[:3]:
        q = word[:2] + "*"
        t0 = time.perf_counter()
        r = search(lib, q, facets=False)
        dt = time.perf_counter() - t0
        raw = ""
        if lib.dialect == "sqlite":
            expr = fts.fts5_expression([fts.FtsQuery((fts.Phrase((word[:2],), prefix=True),))])
            with lib.engine.connect() as conn:
                raw = f"  (raw FTS5 {raw_fts5(conn, expr) * 1000:7.1f} ms)"
        print(f"    {q!r:10} {r.total:7,} works  {dt * 1000:7.1f} ms{raw}")


def db_size(lib: Library, path: Path | None) -> str:
    if path is not None:
        total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        return f"{total / 1e6:,.0f} MB"
    with lib.engine.connect() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
    return f"{int(size or 0) / 1e6:,.0f} MB"


def report(name: str, lib: Library, n: int, seconds: float, path: Path | None, q: int) -> None:
    print(f"\n== {name}: {n:,} works")
    print(f"  import: {seconds:,.0f} s ({n / seconds:,.0f} works/s through Library.save)")
    print(f"  database size: {db_size(lib, path)}")
    search(lib, "warmup")
    first, again = run_workload(lib, q)
    print(
        f"  mixed workload ({len(first['ALL'])} distinct queries, 1 in 3 with facets, "
        "blocklist on); uncached = first time asked, cached = asked again at once:"
    )
    for kind in ["ALL", "ALL-but-prefix", *sorted(k for k in first if not k.startswith("ALL"))]:
        print(f"    {kind:<15} uncached {summary(first[kind])}")
        print(f"    {'':<15}   cached {summary(again[kind])}")
    print("  worst cases (not in the mix): two-letter prefixes of common words")
    # The workload's own prefixes (five letters) are broad too: the synthetic words
    # are built from 13 syllables, so many share a beginning.
    worst_cases(lib)
    if lib.dialect == "sqlite":
        raw, query_part, whole = raw_fts_comparison(lib, max(50, q // 4))
        print("  single-word text search: raw FTS5 (count + top 20 ids by bm25) against")
        print("  the query stack (same ids + count) and the whole search() (+ 20 records):")
        print(f"    raw FTS5        {summary(raw)}")
        print(f"    query stack     {summary(query_part)}")
        print(f"    search()        {summary(whole)}")
        base = statistics.median(raw)
        ratio_q, ratio_w = statistics.median(query_part) / base, statistics.median(whole) / base
        print(f"    median ratio    query stack {ratio_q:.2f}x, search() {ratio_w:.2f}x")


def start_postgres() -> tuple[str, str] | None:
    script = ROOT / "scripts" / "start-test-postgres"
    proc = subprocess.run([str(script)], capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"(PostgreSQL skipped: {proc.stderr.strip()})")
        return None
    return proc.stdout.strip(), proc.stderr.split("data in ", 1)[1].split(" ", 1)[0]


def stop_postgres(data_dir: str) -> None:
    """Stop the server :func:`start_postgres` started (its data folder goes with it)."""
    subprocess.run([str(ROOT / "scripts" / "start-test-postgres"), "--stop", data_dir])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--works", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=390)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument(
        "--pg-url",
        default=os.environ.get("FANDEX_BENCH_POSTGRES_URL"),
        help="A PostgreSQL database to fill (if empty) or reuse; default: start a server.",
    )
    ap.add_argument("--keep", metavar="DIR", help="Build the SQLite library here and keep it.")
    args = ap.parse_args()
    print(f"fandex search bench: {args.works:,} synthetic works, seed {SEED}")
    if args.backend in ("sqlite", "both"):
        folder = Path(args.keep or tempfile.mkdtemp(prefix="fandex-bench-"))
        path = folder / "bench.db"
        fresh = not path.exists()
        lib = Library.open(path)
        seconds = build(lib, args.works) if fresh else float("nan")
        report("SQLite (FTS5)", lib, lib.count(), seconds, path, args.queries)
        lib.close()
    if args.backend in ("postgresql", "both"):
        if args.pg_url:  # a database to fill (when empty) or to reuse
            lib = Library.open(args.pg_url)
            seconds = build(lib, args.works) if lib.count() < args.works else float("nan")
            with lib.engine.connect() as conn:
                conn.execute(text("ANALYZE"))
            report("PostgreSQL (tsvector + GIN)", lib, lib.count(), seconds, None, args.queries)
            lib.close()
            return
        started = start_postgres()
        if started:
            url, data_dir = started
            lib = fresh_pg_library(url)
            seconds = build(lib, args.works)
            with lib.engine.connect() as conn:
                conn.execute(text("ANALYZE"))
            report("PostgreSQL (tsvector + GIN)", lib, args.works, seconds, None, args.queries)
            lib.close()
            stop_postgres(data_dir)


if __name__ == "__main__":
    main()
