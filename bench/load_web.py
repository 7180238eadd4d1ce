"""Load on a real ``fandex serve``: concurrent readers while ``fandex import`` adds works.

The library (built once, cached under bench/out/) holds 2,000 generated fics imported
with the real CLI (bench/load_fics.py: headers in archive style, fandoms and characters
from the packs, long-tailed lengths), so every work carries what the importer and the
taggers really make. Each run copies it, starts ``fandex serve`` on 127.0.0.1 (loopback
only), starts ``fandex import`` of 400 more fics into the same library, and runs 100
client threads for a bounded time: each a person browsing, who asks for a page, reads
it for a while (think time) and asks for the next. The mix: the front page and other
sorts and pages, filtered listings (fandom, ship minus a warning), text searches of one
or two words, work pages, and the JSON API (listings, a work, facets). Query values
are drawn from a large pool, so most are asked for the first time; the first and the
repeated asks are reported apart. Then the server gets SIGTERM and the time it takes
to exit is measured, and the library is checked.

Targets: 0 errors, p95 < 1 s, the server gone within 5 s of SIGTERM.

    .venv/bin/python bench/load_web.py [--works 2000] [--clients 100] [--seconds 90]
        [--think 1-3] [--no-import]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

from fuzz_procs import MemorySampler, integrity, mb, met
from load_fics import ADJS, NOUNS, fandoms, write_fics

OUT = Path(__file__).resolve().parent / "out"
FANDEX = Path(sys.executable).with_name("fandex")
SORTS = ["relevance", "title", "author", "words", "updated"]
WARNING = '"Major Character Death"'
KINDS = ["listing", "filtered listing", "text search", "work page", "api listing", "api search",
         "api work", "api facets"]  # fmt: skip


def library(works: int) -> Path:
    """The cached library of ``works`` imported fics (built on first use)."""
    OUT.mkdir(exist_ok=True)
    db = OUT / f"load-{works}.db"
    if db.exists():
        return db
    fics = OUT / f"load-fics-{works}"
    shutil.rmtree(fics, ignore_errors=True)
    size = write_fics(fics, works, seed=11)
    print(f"building the library: importing {works:,} generated fics ({mb(size)})...", flush=True)
    start = time.monotonic()
    tmp = db.with_suffix(".building")
    subprocess.run(
        [str(FANDEX), "--library", str(tmp), "import", str(fics), "-j", "2"], check=False
    )
    tmp.rename(db)
    print(f"built in {time.monotonic() - start:.0f} s", flush=True)
    return db


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.seen: set[str] = set()

    def add(self, kind: str, path: str, seconds: float, error: str | None) -> None:
        with self.lock:
            first = path not in self.seen
            self.seen.add(path)
            self.times[kind].append(seconds)
            self.times["first ask" if first else "repeated ask"].append(seconds)
            self.times["all"].append(seconds)
            if error:
                self.errors.append(f"{path}: {error}")


RETRIES = [0]  # 503 answers followed by their Retry-After (what the web page's script does)


def _fetch(base: str, path: str, retries: int = 3) -> str | None:
    """None when ``path`` answers 200, else what went wrong. A 503 with Retry-After
    ("still counting") is asked again after the time it names, as a client should; the
    wait counts in the request's time."""
    try:
        with urllib.request.urlopen(base + path, timeout=30) as r:
            r.read()
            return None if r.status == 200 else f"HTTP {r.status}"
    except urllib.error.HTTPError as exc:
        after = exc.headers.get("retry-after")
        if exc.code == 503 and after and retries:
            RETRIES[0] += 1
            time.sleep(float(after))
            return _fetch(base, path, retries - 1)
        return f"HTTP {exc.code}"
    except (OSError, TimeoutError) as exc:
        return f"{type(exc).__name__}: {exc}"


def requests_of(
    rng: random.Random, ids: list[str], table: list[tuple[str, list[str]]]
) -> tuple[str, str]:
    """One request a browsing person makes: (kind, path)."""
    fandom, names = rng.choice(table)
    pair = "/".join(sorted(rng.sample(names, 2))) if len(names) > 1 else names[0]
    word = rng.choice(ADJS + NOUNS + [n.split()[0] for n in names])
    roll = rng.random()
    if roll < 0.15:
        params = {"sort": rng.choice(SORTS), "page": rng.randint(1, 40)}
        return "listing", "/?" + urlencode(params)
    if roll < 0.30:
        longer = f'character:"{rng.choice(names)}" words:>{rng.randint(1, 20)}000'
        q = rng.choice([f'fandom:"{fandom}"', f'ship:"{pair}" -warning:{WARNING}', longer])
        return "filtered listing", "/?" + urlencode({"q": q, "sort": rng.choice(SORTS)})
    if roll < 0.50:
        q = word if rng.random() < 0.5 else f"{word} {rng.choice(NOUNS)}"
        return "text search", "/?" + urlencode({"q": q})
    if roll < 0.70:
        return "work page", f"/works/{rng.choice(ids)}"
    kind = rng.random()
    if kind < 0.4:
        return "api listing", "/works.json?" + urlencode({"q": f'fandom:"{fandom}" {word}'})
    if kind < 0.7:
        return "api work", f"/api/works/{rng.choice(ids)}"
    if kind < 0.85:
        return "api search", "/api/works?" + urlencode({"q": word, "sort": rng.choice(SORTS)})
    return "api facets", "/api/facets?q=" + quote(f'fandom:"{fandom}"')


def _ids(db: Path) -> list[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT id FROM works")]
    finally:
        con.close()


def _line(label: str, ts: list[float]) -> str:
    if not ts:
        return f"  {label:<16} n=0"
    q = statistics.quantiles(ts, n=100) if len(ts) > 1 else ts * 99
    return (
        f"  {label:<16} n={len(ts):6,}  p50 {q[49] * 1000:7.0f} ms  p95 {q[94] * 1000:7.0f} ms"
        f"  p99 {q[98] * 1000:7.0f} ms  max {max(ts) * 1000:7.0f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--works", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=90)
    ap.add_argument("--think", default="1-3", help="seconds a person reads a page, min-max")
    ap.add_argument("--no-import", action="store_true", help="no concurrent import")
    args = ap.parse_args()
    think = tuple(float(x) for x in args.think.split("-"))
    source = library(args.works)
    extra = OUT / "load-extra-fics"
    if not extra.exists():
        write_fics(extra, 400, seed=99, start=100_000)
    tmp = Path(tempfile.mkdtemp(prefix="fandex-load-"))
    db = tmp / "library.db"
    shutil.copy(source, db)
    port = _port()
    base = f"http://127.0.0.1:{port}"
    server_log = tmp / "server.log"
    server = subprocess.Popen(
        [str(FANDEX), "--library", str(db), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=server_log.open("w"),
        text=True,
    )
    importer: subprocess.Popen[str] | None = None
    try:
        deadline = time.monotonic() + 120
        while _fetch(base, "/works.json") is not None:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not come up")
            time.sleep(0.3)
        ids = _ids(db)
        before = len(ids)
        table = fandoms()
        if not args.no_import:
            importer = subprocess.Popen(
                [str(FANDEX), "--library", str(db), "import", str(extra), "-j", "1"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        rec = Recorder()
        stop = time.monotonic() + args.seconds

        def person(seed: int) -> None:
            rng = random.Random(seed)
            time.sleep(rng.uniform(0, think[1]))  # people arrive over a few seconds
            while time.monotonic() < stop:
                kind, path = requests_of(rng, ids, table)
                start = time.monotonic()
                error = _fetch(base, path)
                rec.add(kind, path, time.monotonic() - start, error)
                time.sleep(rng.uniform(*think))

        print(
            f"library: {before:,} works; {args.clients} clients for {args.seconds:.0f} s, think "
            f"time {think[0]:g}-{think[1]:g} s; concurrent import: "
            f"{'no' if args.no_import else f'{len(list(extra.iterdir()))} fics'}",
            flush=True,
        )
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
        with MemorySampler(server.pid, every=0.5) as mem:
            people = [threading.Thread(target=person, args=(i,)) for i in range(args.clients)]
            for p in people:
                p.start()
            for p in people:
                p.join()
        during = None
        if importer is not None:
            during = importer.poll()
        sent = time.monotonic()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        stopped = time.monotonic() - sent
        if importer is not None:
            importer.wait(timeout=3600)
    finally:
        for proc in (server, importer):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    after = len(_ids(db))
    problems = integrity(db)
    errors_logged = [line for line in server_log.read_text().splitlines() if line.strip()]
    shutil.rmtree(tmp, ignore_errors=True)
    total = rec.times["all"]
    p95 = statistics.quantiles(total, n=100)[94] if len(total) > 1 else float("inf")
    rate = len(total) / args.seconds
    print(f"requests: {len(total):,} ({rate:.1f}/s); server memory peak {mb(mem.peak)}")
    for kind in [*KINDS, "first ask", "repeated ask", "all"]:
        print(_line(kind, rec.times[kind]))
    print(f"  503 'still counting' answers asked again after their Retry-After: {RETRIES[0]}")
    for e in rec.errors[:10]:
        print(f"  error: {e}")
    if errors_logged:
        print("  the server's log (last lines):")
        for line in errors_logged[-30:]:
            print(f"    {line}")
    state = "still running when the load ended" if during is None else f"done (exit {during})"
    if importer is not None:
        print(
            f"concurrent import: {state}; exit {importer.returncode}; works {before:,} -> {after:,}"
        )
    print(f"library integrity: {'ok' if not problems else '; '.join(problems)}")
    print()
    print(f"errors: {len(rec.errors)} (target 0: {met(not rec.errors)})")
    print(f"p95: {p95 * 1000:.0f} ms (target < 1000 ms: {met(p95 < 1)})")
    print(f"server stopped {stopped:.1f} s after SIGTERM (target < 5 s: {met(stopped < 5)})")


if __name__ == "__main__":
    main()
