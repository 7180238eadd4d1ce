"""Export throughput and epubcheck results.

    .venv/bin/python bench/bench_export.py [--works 300] [--epubcheck]

Builds synthetic works (short placeholder prose, 5 chapters, a dozen tags each), exports
them as EPUB, HTML and AO3 records into a temporary folder and prints works per second.
With --epubcheck it also imports examples/ and runs Debian's epubcheck on each
example's EPUB (one JVM), printing how many pass.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fandex.export.batch import export_works, open_sink
from fandex.export.epub import build_epub
from fandex.model import Chapter, Footnote, Tag, Work

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["the", "keeper", "lamp", "harbour", "ledger", "ship", "rope", "tide", "stair", "window"]


def synthetic_work(i: int, rng: random.Random) -> Work:
    def para() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 80))).capitalize() + "."

    chapters = [
        Chapter(n, f"Part {n}", text="\n\n".join(para() for _ in range(40)) + " [1]")
        for n in range(1, 6)
    ]
    work = Work(
        id=f"{i:016x}",
        title=f"Bench Work {i}",
        authors=[f"Author {i % 17}"],
        summary=para(),
        chapters=chapters,
        footnotes=[Footnote("1", "A note.")],
    )
    for j in range(12):
        kind = ("fandom", "character", "freeform", "relationship")[j % 4]
        work.add_tag(Tag(kind, f"{kind} {j}", source="inferred", confidence=rng.random()))
    return work


def run_epubcheck(paths: list[Path]) -> tuple[int, str]:
    java, jar = shutil.which("java"), Path("/usr/share/java/epubcheck.jar")
    if java is None or not jar.exists():
        return -1, "epubcheck (java + /usr/share/java/epubcheck.jar) not installed"
    source = ROOT / "tests" / "export" / "EpubCheckBatch.java"
    proc = subprocess.run(
        [java, "-XX:TieredStopAtLevel=1", "-cp", str(jar), str(source), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    passed = sum(1 for line in proc.stdout.splitlines() if line.startswith("OK "))
    return passed, proc.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=300)
    parser.add_argument("--epubcheck", action="store_true")
    args = parser.parse_args()
    rng = random.Random(7)
    works = [synthetic_work(i, rng) for i in range(args.works)]
    words = sum(w.words for w in works)
    print(f"{len(works)} synthetic works, {words:,} words")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("epub", "html", "ao3"):
            sink = open_sink(Path(tmp) / fmt, as_zip=False, fmt=fmt)
            start = time.perf_counter()
            result = export_works(works, fmt, sink)
            elapsed = time.perf_counter() - start
            size = sum(p.stat().st_size for p in (Path(tmp) / fmt).rglob("*") if p.is_file())
            print(
                f"{fmt:5s} {len(works) / elapsed:8.1f} works/s  {elapsed:6.2f} s  "
                f"{size / 1e6:7.1f} MB  failed {len(result.failed)}  "
                f"breaches {len(result.breaches)}"
            )
        if args.epubcheck:
            from fandex.importer import ImportSession
            from fandex.library import Library

            lib = Library.open(Path(tmp) / "lib.db")
            ImportSession(lib, jobs=1).run([ROOT / "examples"])
            paths = []
            for work in lib.iter_works(with_text=True):
                path = Path(tmp) / f"{work.id}.epub"
                path.write_bytes(build_epub(work))
                paths.append(path)
            lib.close()
            passed, errors = run_epubcheck(paths)
            print(f"epubcheck: {passed}/{len(paths)} example EPUBs pass")
            if passed != len(paths):
                print(errors, file=sys.stderr)


if __name__ == "__main__":
    main()
