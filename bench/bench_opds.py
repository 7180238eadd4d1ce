"""OPDS feed pages on a big library, through a real ``fandex serve`` over loopback
(target: p95 < 200 ms for a feed page at 100,000 works).

Builds (once, cached under bench/out/) a library of synthetic works with the same
long-tailed fandoms, characters, ratings and warnings as ``bench_web.py`` (a quarter
of them in series), a blocklist that hides works by stated and inferred warnings, a
user and a saved search. Then it starts ``fandex serve`` on 127.0.0.1 and fetches feed
pages as an e-reader does (HTTP Basic on every request): recently added at random
depths, fandoms and relationships (distinct values: a feed nobody asked for yet is
"cold"), a facet (fandom + rating), text searches with distinct words, series, a
saved search, the navigation feeds; then the next page of each ("warm", as a reader
pages on). Latency is measured by the client, over loopback, to the last byte; the
server's own time (``Server-Timing``) is printed beside it. EPUB downloads are timed
made on the fly and from the cache.

    .venv/bin/python bench/bench_opds.py [--works 100000] [--rounds 4]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_web import WORDS, make_work

from fandex.library import Library, blocklist, searches, users
from fandex.model import Work
from fandex.test.helper import store_many

OUT = Path(__file__).resolve().parent / "out"
PASSWORD = "bench-password"


def synthetic(i: int, rng: random.Random) -> Work:
    work = make_work(i, rng)
    if rng.random() < 0.25:
        work.series = f"Part {rng.randint(1, 8)} of Saga {int(rng.paretovariate(1.2)) % 3000}"
    return work


def build(path: Path, n: int) -> Library:
    """The cached library at ``path`` (made on first use, through
    :func:`fandex.test.helper.store_many`: what ``Library.save`` writes, in batches)."""
    lib = Library.open(path)
    have = lib.count()
    rng = random.Random(4321 + have)
    start = time.perf_counter()
    for lo in range(have, n, 1000):
        store_many(lib, [synthetic(i, rng) for i in range(lo, min(n, lo + 1000))])
        done = min(n, lo + 1000)
        rate = (done - have) / (time.perf_counter() - start)
        print(f"\rbuilding {done:,}/{n:,} works ({rate:,.0f}/s)", end="", file=sys.stderr)
    if have < n:
        print(file=sys.stderr)
    if not users.entries(lib):
        users.add(lib, "reader", PASSWORD)
    if not blocklist.entries(lib):
        blocklist.add(lib, 'warning:"Rape/Non-Con"')
        blocklist.add(lib, 'warning:"Underage Sex"')
    searches.save(lib, "Big fandom, finished", 'fandom:"Fandom 1" complete:yes')
    return lib


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(path: Path, cache: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    exe = shutil.which("fandex", path=str(Path(sys.executable).parent)) or "fandex"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    proc = subprocess.Popen(
        [exe, "--library", str(path), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/healthcheck", timeout=2)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("fandex serve did not start")


def feeds(rng: random.Random, names: dict[str, list[str]]) -> list[tuple[str, str]]:
    """One round of (kind, URL): distinct values each round."""
    fandom = rng.choice(names["fandom"])
    ship = rng.choice(names["relationship"])
    word = rng.choice(WORDS[20:])
    return [
        ("recent", f"/opds/recent?page={rng.randint(1, 3000)}"),
        ("fandom", "/opds/works?q=" + quote(f'fandom:"{fandom}"')),
        ("relationship", "/opds/works?q=" + quote(f'relationship:"{ship}"')),
        ("facet", "/opds/works?q=" + quote(f'fandom:"{fandom}" rating:"Teen And Up Audiences"')),
        ("search", "/opds/search?q=" + quote(f"{word} {rng.choice(WORDS[20:])}")),
        ("series", "/opds/series/feed?name=" + quote(f"Saga {rng.randint(0, 60)}")),
        ("saved", "/opds/saved/1"),
        ("navigation", f"/opds/fandoms?page={rng.randint(1, 8)}"),
        ("all by title", f"/opds/works?sort=title&page={rng.randint(1, 3000)}"),
    ]


def _next(url: str) -> str:
    if "page=" in url:
        head, _, n = url.rpartition("page=")
        return f"{head}page={int(n) + 1}"
    return url + ("&" if "?" in url else "?") + "page=2"


def _pcts(ts: list[float]) -> str:
    q = statistics.quantiles(ts, n=100) if len(ts) > 1 else ts * 99
    return (
        f"n={len(ts):3d}  p50 {q[49]:6.1f}  p95 {q[94]:6.1f}  p99 {q[98]:6.1f}"
        f"  max {max(ts):6.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--works", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"opds-{args.works}.db"
    lib = build(path, args.works)
    from fandex.search import search

    facets = search(lib, "", facets=True, with_works=False, facet_limit=200).facets
    names = {k: [n for n, _ in facets[k]] for k in ("fandom", "relationship")}
    total, hidden = lib.count(), search(lib, "", facets=False, with_works=False).hidden
    lib.close()
    cache = Path(tempfile.mkdtemp(prefix="fandex-bench-cache-"))
    proc, base = serve(path, cache)
    http = httpx.Client(base_url=base, auth=("reader", PASSWORD), timeout=60)
    try:
        # Start-up, reported apart: the first request checks the password (argon2, then
        # remembered); the server builds its in-memory search data in the background
        # from the start, and the first feed with facets waits for it, as do the first
        # requests in each sort order.
        startup = []
        for url in ("/opds", "/opds/works", "/opds/recent", "/opds/works?sort=title"):
            began = time.perf_counter()
            http.get(url).raise_for_status()
            startup.append(f"{url} {time.perf_counter() - began:.1f} s")
        rng = random.Random(11)
        client_ms: dict[str, list[float]] = {}
        server_ms: list[float] = []
        cold: list[float] = []
        warm: list[float] = []
        for _ in range(args.rounds):
            for kind, url in feeds(rng, names):
                for label, target in (("cold", url), ("warm", _next(url))):
                    start = time.perf_counter()
                    r = http.get(target)
                    elapsed = (time.perf_counter() - start) * 1000
                    if r.status_code != 200:
                        raise SystemExit(f"{target} -> {r.status_code}: {r.text[:200]}")
                    client_ms.setdefault(kind, []).append(elapsed)
                    (cold if label == "cold" else warm).append(elapsed)
                    server_ms.append(float(r.headers["server-timing"].split("dur=")[1]))
        every = cold + warm
        print(
            f"library: {total:,} works, {hidden:,} hidden by the blocklist; "
            f"feed pages of 25 entries with facets, HTTP Basic, loopback"
        )
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        print("start-up (first requests after the server started): " + "; ".join(startup))
        for kind, ts in client_ms.items():
            print(f"  {kind:<13} {_pcts(ts)}")
        print(f"cold (new query)      {_pcts(cold)}")
        print(f"warm (next page)      {_pcts(warm)}")
        print(f"all feed pages        {_pcts(every)}")
        print(f"server time (all)     {_pcts(server_ms)}")
        # A text search's ranking is fandex.search's own cost (bench_search.py measures it).
        shelves = [t for kind, ts in client_ms.items() if kind != "search" for t in ts]
        print(f"all but text searches {_pcts(shelves)}")
        p95 = statistics.quantiles(every, n=100)[94]
        print(f"target p95 < 200 ms over all feed pages: {'met' if p95 < 200 else 'NOT met'}")
        ids = [
            x.split("/opds/works/")[1].split(".epub")[0]
            for x in http.get("/opds/recent?page=7").text.split('href="')
            if x.startswith("/opds/works/") and ".epub" in x.split('"')[0]
        ][:10]
        made, cached = [], []
        for wid in ids:
            for bucket in (made, cached):
                start = time.perf_counter()
                assert http.get(f"/opds/works/{wid}.epub").status_code == 200
                bucket.append((time.perf_counter() - start) * 1000)
        print(f"EPUB made on the fly  {_pcts(made)}")
        print(f"EPUB from the cache   {_pcts(cached)}")
    finally:
        http.close()
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
