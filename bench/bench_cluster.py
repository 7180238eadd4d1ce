"""Cluster import scaling: the same corpus through ``--cluster local`` with 1 and 2
workers into PostgreSQL; scaling efficiency from 1 to 2 workers (target: at least 80%).

    .venv/bin/python bench/bench_cluster.py                 # 8 MB corpus
    .venv/bin/python bench/bench_cluster.py --mb 20 --workers 1,2
    .venv/bin/python bench/bench_cluster.py --pg-url postgresql://...   # an existing server

The corpus is ``bench/corpus.py``'s (realistic prose, real header styles, AO3 HTML). Each
run imports into a fresh database on the same PostgreSQL server; its time is counted from
the moment the cluster is up (workers started, state loaded) to the last partition
stored, so start-up, which does not grow with the corpus, is printed apart. Efficiency =
(time with 1 worker / time with N) / N.

N machines: a worker is a process with one thread (fandex's stages are pure Python, so
processes, not threads, give parallelism); on a real cluster start ``dask scheduler`` on
one machine and ``dask worker tcp://SCHEDULER:8786 --nthreads 1 --nworkers CORES`` on each
machine that sees the corpus at the same path, then
``fandex --library postgresql://... import --cluster tcp://SCHEDULER:8786 PATH``. Each
partition is one transaction into PostgreSQL (COPY for the text index), so the database
takes a commit per partition from each worker; with 50 files per partition a worker
commits every few seconds, and the database is far from being the bottleneck until
hundreds of workers. The machine this runs on may be shared: compare the efficiency, not
the seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
from bench_search import start_postgres, stop_postgres

from fandex.cluster import cluster_import
from fandex.test.helper import fresh_pg_library


def fresh_database(server: str) -> str:
    lib = fresh_pg_library(server)  # the schema, before any worker opens it
    lib.close()
    return lib.location


def run(server: str, fics: Path, workers: int, partition: int) -> tuple[float, float, int, float]:
    """(seconds to start the cluster, seconds to import, works imported, CPU seconds the
    workers spent on the partitions)."""
    url = fresh_database(server)
    t0 = time.perf_counter()
    up: list[float] = []
    report = cluster_import(
        url,
        [fics],
        "local",
        workers=workers,
        partition=partition,
        dashboard=False,
        on_start=lambda _n, _d: up.append(time.perf_counter()),
    )
    end = time.perf_counter()
    assert not report.failed, report.failed[:3]
    return up[0] - t0, end - up[0], report.counts["imported"], report.cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=8.0)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--partition", type=int, default=20, help="files per task")
    ap.add_argument("--pg-url", default=os.environ.get("FANDEX_BENCH_POSTGRES_URL"))
    args = ap.parse_args()
    stop = None
    server = args.pg_url
    if not server:
        started = start_postgres()
        if started is None:
            return
        server, stop = started
    try:
        with tempfile.TemporaryDirectory(prefix="fandex-bench-cluster-") as tmp:
            fics = Path(tmp) / "fics"
            fics.mkdir()
            summary = corpus.generate(fics, args.mb, long_works=0)
            print(f"corpus: {summary.describe()}")
            print(f"machine: {os.cpu_count()} cores, shared with other work")
            base = base_cpu = None
            for n in [int(w) for w in args.workers.split(",")]:
                start, seconds, works, cpu = run(server, fics, n, args.partition)
                base = base or seconds * n
                base_cpu = base_cpu or cpu
                eff = base / seconds / n
                print(
                    f"  {n} worker{'s' if n > 1 else ' '}: {seconds:6.1f} s for {works} works "
                    f"({summary.bytes / 1e6 / seconds:5.2f} MB/s; cluster start {start:4.1f} s); "
                    f"workers' CPU {cpu:6.1f} s, busy {cpu / seconds:4.2f} cores"
                    + (
                        f"\n      scaling efficiency {eff:.0%} (target >= 80%); CPU per work "
                        f"{cpu / base_cpu:.2f}x that of 1 worker (1.00 = no overhead)"
                        if n > 1
                        else ""
                    )
                )
    finally:
        if stop:
            stop_postgres(stop)


if __name__ == "__main__":
    main()
