"""Import throughput: files/s and MB/s, sequential versus every core.

Generates N plain-text fics (default 2,000 of ~3,000 words) into a temp folder, imports
them into fresh SQLite libraries with ``jobs=1`` and ``jobs=0`` (all cores), then
re-imports to time the idempotence check. Prints one line per run.

    .venv/bin/python bench/bench_import.py [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from fandex.importer import ImportSession
from fandex.library import Library

WORDS = (
    "the night was cold and she walked along the road toward the old house where the "
    "lights were still burning he said nothing for a long time then looked up at her "
    "and smiled as the rain began again over the city"
).split()


def generate(folder: Path, n: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        paras = []
        for _ in range(rng.randint(20, 60)):
            paras.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 90))) + ".")
        text = (
            f"Title: Generated Story {i}\nAuthor: Writer {i % 97}\nRating: PG-13\n"
            f"Pairing: Alex/Sam\nSummary: Story number {i}.\n\n" + "\n\n".join(paras) + "\n"
        )
        data = text.encode()
        (folder / f"story-{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def run(folder: Path, db: Path, jobs: int) -> tuple[float, int]:
    lib = Library.open(db)
    start = time.perf_counter()
    report = ImportSession(lib, jobs=jobs).run([folder])
    elapsed = time.perf_counter() - start
    lib.close()
    assert not report.failed, report.failed[:3]
    return elapsed, len(report.results)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fics = root / "fics"
        fics.mkdir()
        size = generate(fics, n)
        mb = size / 1e6
        print(f"corpus: {n} files, {mb:.1f} MB")
        for jobs, label in ((1, "sequential"), (0, "all cores")):
            db = root / f"lib-{jobs}.db"
            t, count = run(fics, db, jobs)
            print(f"{label:>11}: {count / t:7.1f} files/s  {mb / t:6.2f} MB/s  ({t:.1f} s)")
            t2, _ = run(fics, db, jobs)
            print(f"{'re-import':>11}: {count / t2:7.1f} files/s  (all unchanged, {t2:.1f} s)")
            print(f"{'db size':>11}: {db.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
