"""calibre import throughput on a 1,000-book library, against ``calibredb list``
reading the same library in the same run.

    .venv/bin/python bench/bench_calibre.py [--books 1000] [--jobs 2]

The library is made by calibredb itself: generated stories (bench/collection_gen.py
prose; no real fan work) added as EPUB and TXT with authors, tags and a series, and
FanFicFare-style custom columns set on some books. Reported: reading calibre's
records (fandex's read-only pass + overlays, vs ``calibredb list --fields all``),
and the whole import (read, parse, tag, store, group) in books/s.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collection_gen import make_story

from fandex.export import build_epub
from fandex.importer import ImportSession
from fandex.library import Library
from fandex.model import Chapter, Work
from fandex.read.calibre import column_meanings, overlay_of, read_library


def calibredb(*args: str) -> str:
    """Run calibredb; calibre lets one program at a time change libraries, so another
    one running (a test, the GUI) is waited for."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(120):
        out = subprocess.run(["calibredb", *args], capture_output=True, text=True, env=env)
        if out.returncode == 0:
            return out.stdout
        if "Another calibre program" not in out.stderr:
            break
        time.sleep(2)
    sys.exit(f"calibredb {args[0]} failed: {out.stderr.strip()[-400:]}")


def build(lib: Path, books: int) -> None:
    rng = random.Random(3)
    src = lib.parent / "src"
    for batch in range(0, books, 250):
        folder = src / f"b{batch}"
        folder.mkdir(parents=True)
        for i in range(batch, min(books, batch + 250)):
            s = make_story(rng, i, (150, 500), (1, 6))
            if i % 3:
                work = Work(
                    title=s.title,
                    authors=[s.author],
                    id=f"{i:016x}",
                    chapters=[Chapter(n, None, text=t) for n, t in enumerate(s.chapters, 1)],
                )
                (folder / f"{i:05d}.epub").write_bytes(build_epub(work))
            else:
                body = "\n\n".join(f"Chapter {n}\n\n{t}" for n, t in enumerate(s.chapters, 1))
                (folder / f"{i:05d}.txt").write_text(
                    f"Title: {s.title}\nAuthor: {s.author}\n\n{body}"
                )
        calibredb(
            "add",
            "--with-library",
            str(lib),
            "-r",
            "-T",
            "Romance,Completed",
            "-s",
            f"Shelf {batch // 250}",
            str(folder),
        )
    for label, name, kind in (
        ("ships", "Relationship/s", "text"),
        ("rating", "Rating", "text"),
        ("words", "Words", "int"),
    ):
        args = ["add_custom_column", "--with-library", str(lib), label, name, kind]
        calibredb(*args, *(["--is-multiple"] if label == "ships" else []))
    for book in range(1, 21):
        calibredb("set_custom", "--with-library", str(lib), "ships", str(book), "Ada/Bea")
        calibredb("set_custom", "--with-library", str(lib), "rating", str(book), "Mature")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--books", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if shutil.which("calibredb") is None:
        sys.exit("calibredb is not installed (apt-get install calibre)")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CALIBRE_CONFIG_DIRECTORY"] = str(Path(tmp) / "config")
        lib = Path(tmp) / "Calibre Library"
        t0 = time.perf_counter()
        build(lib, args.books)
        print(
            f"built a {args.books}-book calibre library with calibredb "
            f"in {time.perf_counter() - t0:.0f} s"
        )
        t0 = time.perf_counter()
        listed = calibredb("list", "--with-library", str(lib), "--fields", "all", "--for-machine")
        cal = time.perf_counter() - t0
        t0 = time.perf_counter()
        meanings = column_meanings()
        overlays = [overlay_of(b, meanings) for b in read_library(lib)]
        ours = time.perf_counter() - t0
        print(
            f"reading the records: calibredb list {cal:.2f} s ({args.books / cal:.0f} books/s, "
            f"{len(listed) // 1024} KB of JSON); fandex read-only pass + overlays {ours:.2f} s "
            f"({len(overlays) / ours:.0f} books/s)"
        )
        out = Library.open(Path(tmp) / "fandex.db")
        t0 = time.perf_counter()
        report = ImportSession(out, jobs=args.jobs).run([lib])
        full = time.perf_counter() - t0
        print(
            f"fandex import (read, parse, tag, store, group) on {args.jobs} processes: "
            f"{full:.0f} s, {args.books / full:.1f} books/s; {report.summary()}"
        )
        out.close()


if __name__ == "__main__":
    main()
