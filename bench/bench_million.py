"""A million works: search, the web listing and facets on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_million.py                        # 1,000,000 works, both
    .venv/bin/python bench/bench_million.py --works 100000 --backend sqlite --keep /tmp/m
    .venv/bin/python bench/bench_million.py --backend postgresql --pg-url postgresql://...

The library is generated (``bench_search.Generator``: the built-in packs' fandoms,
characters and ships with Zipf-like shares, AO3-like rating/warning/category shares,
freeform and inferred tags, authors, dates) and written in batches of 2,000 through the
store's own row writers and index upkeep, one transaction per batch (generation may
write rows directly; a million imports through the whole pipeline would take days here).
Sizes: each work's word count is AO3-like (log-normal, median about 2,500 words, long
works split into chapters); the text stored and indexed is an excerpt of it (median
about 300 words of the library's own vocabulary with the characters' names), because a
million full texts would be some 15 GB. A built library is kept with ``--keep DIR``
(SQLite) or reused from ``--pg-url`` and only measured on the next run.

Measured, per backend, printed as p50/p95 (ms):

- **first request after start**: a real ``fandex serve`` is started over loopback and
  asked for the front page as soon as it listens: seconds from launch to listening, and
  the first request's own time (target: under 2 s; no request may wait on a full
  in-memory index build);
- **web listing** through that server (keep-alive HTTP, the HTML page as a browser asks
  for it): a mix of front pages, filters, text searches, sorts and deep pages, each URL
  distinct within the run, timed three ways: *cold* (the server just started, nothing
  asked before), *warm* (after the cold pass, new URLs) and *cached* (the warm URLs
  again). Target on SQLite: p95 under 300 ms;
- **search** in a fresh process (``fandex.search.search``), the query mix of
  ``bench_search.py``: *cold* (the first queries of the process), *uncached* (new queries
  after that) and *cached* (asked again). Targets: SQLite warm search p95 under 100 ms;
  PostgreSQL text search p95 under 300 ms;
- **facets** (counts per tag type beside a page): cold (the first in the process, which
  may build the in-memory tag index) and warm.

The machine is shared with other work: the figures are wall times of one run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import SEED, Generator, pct, start_postgres, stop_postgres
from sqlalchemy import text

from fandex.library import Library, blocklist, fts, store
from fandex.library import schema as lib_schema
from fandex.model import Work
from fandex.test.helper import fresh_pg_library

FANDEX = Path(sys.executable).with_name("fandex")
BATCH = 2000
BLOCK = 'warning:"Rape/Non-Con"'


# -- building ------------------------------------------------------------------------------


def realistic_counts(i: int, work: Work) -> list[int]:
    """AO3-like word counts for work ``i``'s chapters (the stored text is an excerpt)."""
    rnd = random.Random(SEED * 31 + i)
    total = min(500_000, max(100, int(math.exp(rnd.gauss(math.log(2500), 1.1)))))
    n = len(work.chapters)
    per = max(1, total // n)
    return [per] * (n - 1) + [total - per * (n - 1)]


def build(lib: Library, n: int) -> float:
    """Write works ``count()..n-1``; seconds taken (as if built in one go)."""
    gen = Generator()
    done = lib.count()
    if done >= n:
        return float("nan")
    for i in range(done):  # the generator is sequential: replay what is stored
        gen.work(i)
    pg = lib.dialect == "postgresql"
    if pg and done == 0:  # one GIN build at the end beats a million insertions
        with lib.engine.begin() as conn:
            conn.execute(text("DROP INDEX IF EXISTS ix_works_fts_tsv"))
    start = last = time.perf_counter()
    for lo in range(done, n, BATCH):
        works = [gen.work(i) for i in range(lo, min(n, lo + BATCH))]
        counts = [realistic_counts(lo + k, w) for k, w in enumerate(works)]
        write_batch(lib, works, counts)
        if time.perf_counter() - last > 30:
            last = time.perf_counter()
            rate = (lo + len(works) - done) / (last - start)
            print(f"    {lo + len(works):,} works, {rate:,.0f} works/s", flush=True)
    if pg:
        with lib.engine.begin() as conn:
            conn.execute(
                text("CREATE INDEX IF NOT EXISTS ix_works_fts_tsv ON works_fts USING GIN (tsv)")
            )
        with lib.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    seconds = time.perf_counter() - start
    return seconds * n / max(1, n - done)


def write_batch(lib: Library, works: list[Work], counts: list[list[int]]) -> None:
    """New works in one transaction, through the store's own row writers and index
    upkeep, with ``counts`` as the chapters' word counts."""
    stamp = "2025-01-01T00:00:00+00:00"
    rows = [
        {**store._work_row(w, c), "id": w.id, "imported_at": stamp, "modified_at": stamp}
        for w, c in zip(works, counts, strict=True)
    ]
    with lib.engine.begin() as conn:
        conn.execute(lib_schema.works.insert(), rows)
        store._insert_children(conn, works, counts)
        fts.index_works(conn, works, None, {w.id for w in works})


# -- measuring in a fresh process -------------------------------------------------------


def measure_search(location: str, n_queries: int) -> dict[str, Any]:
    """In this (fresh) process: the query mix cold, uncached and cached; facets."""
    from fandex.search import search

    lib = Library.open(location)
    gen = Generator(SEED, draws=SEED + 1)
    out: dict[str, list[float]] = {}

    def timed(key: str, q: str, facets: bool, also: str = "") -> None:
        t0 = time.perf_counter()
        search(lib, q, facets=facets)
        dt = time.perf_counter() - t0
        for k in (key, also) if also else (key,):
            out.setdefault(k, []).append(dt)

    queries = list(gen.queries(n_queries + 26))
    for kind, q, _facets in queries[:13]:  # the first of each kind, nothing built yet
        timed("cold", q, False)
        out.setdefault(f"cold-{kind}", out["cold"][-1:])
    cold_facets = queries[13:26]
    for _kind, q, _f in cold_facets:
        timed("facets-cold", q, True)
    for kind, q, facets in queries[26:]:
        timed("uncached", q, facets, "uncached-" + ("text" if kind.startswith("text") else "other"))
        timed("cached", q, facets)
        if facets:
            timed("facets-warm", q, True)
    lib.close()
    return out


# -- the web, over loopback ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A real ``fandex serve`` on 127.0.0.1, asked over one keep-alive connection."""

    def __init__(self, location: str) -> None:
        self.port = free_port()
        self.launched = time.perf_counter()
        self.proc = subprocess.Popen(
            [str(FANDEX), "--library", location, "serve", "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.listening = self._wait_listening()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)

    def _wait_listening(self) -> float:
        while True:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise SystemExit(f"fandex serve exited: {err.strip()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return time.perf_counter() - self.launched
            except OSError:
                time.sleep(0.02)

    def get(self, path: str) -> float:
        t0 = time.perf_counter()
        self.conn.request("GET", path, headers={"Host": "127.0.0.1"})
        resp = resp_body = self.conn.getresponse()
        resp_body.read()
        if resp.status != 200:
            raise SystemExit(f"GET {path}: HTTP {resp.status}")
        return time.perf_counter() - t0

    def stop(self) -> None:
        self.conn.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def listing_urls(gen: Generator, n: int, seen: set[str]) -> list[str]:
    """``n`` listing URLs a person might open, none in ``seen`` (which grows)."""
    r = gen.rnd
    makers = [
        lambda: {"page": r.randint(2, 400)},
        lambda: {"q": f'fandom:"{r.choice(gen.packs[:10]).fandom}"', "page": r.randint(1, 30)},
        lambda: {"q": f"{gen.ship()} -warning:noncon"},
        lambda: {"q": r.choice(gen.vocab[:3000])},
        lambda: {"q": f"rating:E words:>{r.randint(1000, 60000)}", "sort": "words"},
        lambda: {"q": f'character:"{gen.character()}"', "sort": "title"},
        lambda: {"sort": r.choice(["title", "author", "updated", "words"]),
                 "page": r.randint(1, 5000)},
        lambda: {"q": f"{r.choice(gen.vocab[:800])} complete:yes -tag:angst"},
    ]  # fmt: skip
    out: list[str] = []
    i = 0
    while len(out) < n:
        params = makers[i % len(makers)]()
        i += 1
        url = "/?" + urlencode(params)
        if url not in seen:
            seen.add(url)
            out.append(url)
    return out


def measure_web(location: str, n: int) -> dict[str, Any]:
    gen = Generator(SEED, draws=SEED + 7)
    seen: set[str] = set()
    server = Server(location)
    try:
        first = server.get("/")
        cold = [server.get(u) for u in listing_urls(gen, n, seen)]
        warm_urls = listing_urls(gen, n, seen)
        warm = [server.get(u) for u in warm_urls]
        cached = [server.get(u) for u in warm_urls]
        facets = [server.get("/facets.json?" + u[2:]) for u in listing_urls(gen, n // 4, seen)]
    finally:
        server.stop()
    return {
        "listening": server.listening,
        "first": first,
        "cold": cold,
        "warm": warm,
        "cached": cached,
        "facets-web": facets,
    }


# -- report ----------------------------------------------------------------------------------


def ms(values: list[float]) -> str:
    v = [x * 1000 for x in values]
    return f"p50 {pct(v, 50):7.1f}  p95 {pct(v, 95):7.1f}  (n={len(v)})"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(name: str, location: str, n_queries: int, n_web: int) -> None:
    lib = Library.open(location)
    print(f"\n== {name}: {lib.count():,} works")
    lib.close()
    proc = subprocess.run(
        [sys.executable, __file__, "--measure-search", location, "--queries", str(n_queries)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    s = json.loads(proc.stdout.strip().splitlines()[-1])
    sqlite = name.startswith("SQLite")
    print("  search() in a fresh process (ms):")
    for key in ("cold", "uncached", "uncached-text", "uncached-other", "cached"):
        print(f"    {key:<15} {ms(s[key])}")
    kinds = sorted(k for k in s if k.startswith("cold-"))
    print("    first of each kind: " + ", ".join(f"{k[5:]} {s[k][0] * 1000:.0f}" for k in kinds))
    print(f"  facets (ms):  cold {ms(s['facets-cold'])}")
    print(f"                warm {ms(s['facets-warm'])}")
    web = measure_web(location, n_web)
    print(
        f"  fandex serve: listening {web['listening']:.1f} s after launch; first request "
        f"{web['first'] * 1000:.0f} ms -> {verdict(web['first'] < 2)} (target < 2 s)"
    )
    print("  web listing over loopback (ms):")
    for key in ("cold", "warm", "cached", "facets-web"):
        print(f"    {key:<15} {ms(web[key])}")
    p95 = lambda vals: pct(vals, 95) * 1000  # noqa: E731
    if sqlite:
        print(
            f"  targets: warm search p95 {p95(s['uncached']):.0f} ms < 100 -> "
            f"{verdict(p95(s['uncached']) < 100)}; web listing p95 {p95(web['warm']):.0f} ms "
            f"< 300 -> {verdict(p95(web['warm']) < 300)}"
        )
    else:
        print(
            f"  target: text search p95 {p95(s['uncached-text']):.0f} ms < 300 -> "
            f"{verdict(p95(s['uncached-text']) < 300)}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--works", type=int, default=1_000_000)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--keep", type=Path, help="build the SQLite library here (reused if there)")
    ap.add_argument("--pg-url", default=os.environ.get("FANDEX_BENCH_POSTGRES_URL"))
    ap.add_argument("--queries", type=int, default=260, help="search mix size")
    ap.add_argument("--web", type=int, default=120, help="listing URLs per pass")
    ap.add_argument("--measure-search", metavar="LIBRARY", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure_search:
        print(json.dumps(measure_search(args.measure_search, args.queries)))
        return
    print(f"fandex million bench: {args.works:,} works, seed {SEED}; machine shared")
    if args.backend in ("sqlite", "both"):
        folder = args.keep or Path(tempfile.mkdtemp(prefix="fandex-million-"))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "million.db"
        lib = Library.open(path)
        seconds = build(lib, args.works)
        blocklist.add(lib, BLOCK)
        size = sum(p.stat().st_size for p in folder.glob("million.db*")) / 1e9
        lib.close()
        if not math.isnan(seconds):
            print(f"  SQLite built in {seconds:,.0f} s ({args.works / seconds:,.0f} works/s)")
        print(f"  SQLite database: {size:.1f} GB at {path}")
        report("SQLite (FTS5)", str(path), args.queries, args.web)
    if args.backend in ("postgresql", "both"):
        stop: str | None = None
        url = args.pg_url
        if not url:
            started = start_postgres()
            if started is None:
                return
            server, stop = started
            fresh = fresh_pg_library(server)
            url = fresh.location
            fresh.close()
        try:
            lib = Library.open(url)
            seconds = build(lib, args.works)
            blocklist.add(lib, BLOCK)
            lib.close()
            if not math.isnan(seconds):
                print(
                    f"  PostgreSQL built in {seconds:,.0f} s ({args.works / seconds:,.0f} works/s)"
                )
            report("PostgreSQL (tsvector + GIN)", url, args.queries, args.web)
        finally:
            if stop:
                stop_postgres(stop)


if __name__ == "__main__":
    main()
