"""Listing-page server time on a big synthetic library (target: p95 < 150 ms at 100k works).

In-process (the ASGI app through a test client, one request at a time): server time
per page. The same server under concurrent load, over real sockets, is bench/load_web.py.

Builds (once, cached under bench/out/) a library of synthetic works with realistic tag
distributions: a few big fandoms and a long tail, ratings and warnings in AO3-like
proportions, inferred tags with confidences, 1-30 chapters. Then it requests the
listing page (HTML, as a browser would) through the ASGI app for a mix of states a
person uses: the front page, a fandom, a relationship with a warning excluded, a text
search, deep pages and other sorts. Server time is read from the app's
``Server-Timing`` header (time inside the app, from request to the last byte).

    .venv/bin/python bench/bench_web.py [--works 100000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from starlette.testclient import TestClient

from fandex.library import Library
from fandex.library.fts import index_work
from fandex.model import Chapter, Evidence, Source, Tag, Work
from fandex.search import search
from fandex.web.app import create_app
from fandex.web.searching import clear_facet_cache

OUT = Path(__file__).resolve().parent / "out"
RATINGS = [("General Audiences", 30), ("Teen And Up Audiences", 30), ("Mature", 20),
           ("Explicit", 15), ("Not Rated", 5)]  # fmt: skip
WARNINGS = [("No Archive Warnings Apply", 50), ("Choose Not To Use Archive Warnings", 25),
            ("Graphic Depictions Of Violence", 12), ("Major Character Death", 7),
            ("Rape/Non-Con", 4), ("Underage Sex", 2)]  # fmt: skip
CATEGORIES = [("M/M", 35), ("F/M", 30), ("Gen", 20), ("F/F", 8), ("Multi", 5), ("Other", 2)]
WORDS = (
    "the a and of to in was she he they it that with for on at by from lantern harbour "
    "night rain tea letter door window road city river winter summer light dark tattoo "
    "library sword ship storm garden kitchen train station bridge forest song dream "
    "promise secret memory morning evening quiet loud slow fast old new red blue"
).split()


def _pick(rng: random.Random, table: list[tuple[str, int]]) -> str:
    return rng.choices([n for n, _ in table], weights=[w for _, w in table])[0]


def make_work(i: int, rng: random.Random) -> Work:
    """One synthetic work; fandoms and characters follow a long-tailed distribution."""
    fandom = int(rng.paretovariate(1.2)) % 400
    chars = [f"Char{fandom}-{int(rng.paretovariate(1.5)) % 40}" for _ in range(rng.randint(1, 5))]
    chars = sorted(set(chars))
    n_ch = min(30, int(rng.paretovariate(1.3)))
    chapters = []
    for c in range(1, n_ch + 1):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
        chapters.append(Chapter(c, f"Part {c}", text.capitalize() + "."))
    work = Work(
        id=f"{i:016x}",
        title=" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5))).title(),
        authors=[f"author{int(rng.paretovariate(1.1)) % 20000}"],
        summary=" ".join(rng.choice(WORDS) for _ in range(25)),
        language="en",
        status=rng.choice(["complete", "wip", None]),
        published=f"{rng.randint(1998, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        chapters=chapters,
        source=Source(f"synthetic/{i}.txt", "txt", f"{i:064x}", "2026-01-01T00:00:00Z"),
    )
    stated = rng.random() < 0.6
    src = "stated" if stated else "inferred"
    conf = 1.0 if stated else round(rng.uniform(0.3, 0.99), 2)
    ev = [] if stated else [Evidence(chapter=1, start=0, end=10, quote=chapters[0].text[:10])]
    work.add_tag(Tag("fandom", f"Fandom {fandom}"))
    work.add_tag(Tag("rating", _pick(rng, RATINGS), source=src, confidence=conf, evidence=ev))
    for _ in range(rng.randint(1, 2)):
        work.add_tag(Tag("warning", _pick(rng, WARNINGS), source=src, confidence=conf,
                         evidence=ev))  # fmt: skip
    work.add_tag(Tag("category", _pick(rng, CATEGORIES)))
    for ch in chars:
        work.add_tag(Tag("character", ch))
    if len(chars) >= 2:
        work.add_tag(Tag("relationship", f"{chars[0]}/{chars[1]}"))
    for _ in range(rng.randint(0, 6)):
        name = f"Trope {int(rng.paretovariate(1.1)) % 2000}"
        guess = rng.random() < 0.4
        work.add_tag(Tag("freeform", name, source="inferred" if guess else "stated",
                         confidence=round(rng.uniform(0.4, 0.99), 2) if guess else 1.0,
                         tagger="content-notes" if guess else None))  # fmt: skip
    return work


def build(path: Path, n: int) -> Library:
    """The cached synthetic library at ``path`` (made on first use)."""
    lib = Library.open(path)
    have = lib.count()
    if have >= n:
        return lib
    from fandex.library import store

    rng = random.Random(1234 + have)
    start = time.perf_counter()
    batch = 1000
    for lo in range(have, n, batch):
        works = [make_work(i, rng) for i in range(lo, min(n, lo + batch))]
        # One transaction per batch; the same rows lib.save writes, without its per-work
        # transaction overhead (the bench measures reading, not importing).
        counts = {w.id: [c.words for c in w.chapters] for w in works}
        with lib.engine.begin() as conn:
            conn.execute(store.schema.works.insert(), [
                {**store._work_row(w, counts[w.id]), "id": w.id,
                 "imported_at": "2026-01-01T00:00:00Z", "modified_at": "2026-01-01T00:00:00Z"}
                for w in works])  # fmt: skip
            for w in works:
                store._insert_children(conn, w, counts[w.id])
                index_work(conn, w)
        done = min(n, lo + batch)
        rate = (done - have) / (time.perf_counter() - start)
        print(f"\rbuilding {done:,}/{n:,} works ({rate:,.0f}/s)", end="", file=sys.stderr)
    print(file=sys.stderr)
    return lib


def states(rng: random.Random) -> list[tuple[str, dict[str, str | int]]]:
    """The listing states a person visits: (label, URL parameters)."""
    f = int(rng.paretovariate(1.2)) % 400
    ship = f"Char{f}-0/Char{f}-1"
    return [
        ("front page", {}),
        ("fandom", {"q": f'fandom:"Fandom {f}"'}),
        ("ship -warning", {"q": f'relationship:"{ship}" -warning:"Rape/Non-Con"'}),
        (
            "fandom+rating",
            {"q": f'fandom:"Fandom {f}" -warning:"Major Character Death" rating:Teen'},
        ),
        ("two words", {"q": rng.choice(WORDS) + " " + rng.choice(WORDS)}),
        ("word by words", {"q": "tattoo", "sort": "words"}),
        ("deep page", {"sort": "updated", "page": rng.randint(2, 200)}),
        ("tag by date", {"q": 'tag:"Trope 1"', "sort": "published"}),
        ("numbers", {"q": "words:>5000 complete:yes"}),
    ]


OVERHEAD: list[float] = []


def _timed(
    client: TestClient, params: dict[str, str | int], lib: Library, *, warm: bool = True
) -> float:
    url = "/?" + urlencode(params) if params else "/"
    resp = client.get(url)
    if resp.status_code != 200:
        raise SystemExit(f"{url} -> {resp.status_code}: {resp.text[:200]}")
    server = float(resp.headers["server-timing"].split("dur=")[1])
    if not warm:
        return server
    # The same page from the search engine alone (no facets, which the web caches),
    # so the figure below separates what the web layer adds from the query itself.
    start = time.perf_counter()
    search(lib, str(params.get("q", "")), sort=str(params.get("sort", "relevance")),
           page=int(params.get("page", 1)), facets=False)  # fmt: skip
    OVERHEAD.append(server - (time.perf_counter() - start) * 1000)
    return server


def _line(label: str, ts: list[float]) -> str:
    p = statistics.quantiles(ts, n=100) if len(ts) > 1 else ts * 99
    return (
        f"{label}: n={len(ts)}  p50 {p[49]:.1f} ms  p95 {p[94]:.1f} ms  p99 {p[98]:.1f} ms"
        f"  max {max(ts):.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--works", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    lib = build(OUT / f"web-{args.works}.db", args.works)
    client = TestClient(create_app(lib), base_url="http://127.0.0.1:8000")
    rng = random.Random(7)
    cold: dict[str, list[float]] = {}
    warm: list[float] = []
    sidebar: list[float] = []
    client.get("/")  # open the database and load the templates once, as a server would
    for _ in range(args.rounds):
        for key, params in states(rng):
            # Cold: a query nobody asked for yet (no cached facets).
            clear_facet_cache()
            cold.setdefault(key, []).append(_timed(client, params, lib, warm=False))
            # The sidebar's counts, which a listing that did not wait for them fetches.
            resp = client.get("/facets?" + urlencode({"q": params.get("q", "")}))
            sidebar.append(float(resp.headers["server-timing"].split("dur=")[1]))
            # Warm: the next page or another sort of the same query, as a person pages.
            warm.append(_timed(client, {**params, "page": int(params.get("page", 1)) + 1}, lib))
            warm.append(_timed(client, {**params, "sort": "title"}, lib))
    every_cold = [t for ts in cold.values() for t in ts]
    print(f"library: {lib.count():,} works; listing page (HTML, 20 blurbs + facets)")
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} (others' work included)")
    for key, ts in cold.items():
        print(f"  cold {key:<14} median {statistics.median(ts):7.1f} ms   max {max(ts):7.1f} ms")
    print(_line("cold (new query)     ", every_cold))
    print(_line("warm (page/sort same)", warm))
    mix = every_cold + warm
    p95 = statistics.quantiles(mix, n=100)[94]
    print(_line("all listing requests ", mix))
    print(f"target p95 < 150 ms over all listing requests: {'met' if p95 < 150 else 'NOT met'}")
    print(_line("facet counts (/facets, after the page)", sidebar))
    print(_line("web layer on warm requests (server time - search alone)", OVERHEAD))


if __name__ == "__main__":
    main()
