"""Archive import: an eFiction dump versus the same texts as plain files.

Generates an eFiction 3.5 dump (default 10,000 stories / 50,000 chapters, extended
INSERTs as mysqldump writes them, with authors, categories, classes, characters,
ratings and series) and the same stories as plain-text files with a header, then in
fresh processes (so peak memory is each run's own):

1. scans the dump into its per-story records (the dump reader alone: MB/s, peak RSS);
2. imports the dump (every stage: read, parse, tag, store; all cores);
3. imports the plain files the same way, the baseline.

It does so for two dump sizes (a quarter, then the full size) so that memory can be
seen to stay flat as the dump grows. Prints one line per run.

    .venv/bin/python bench/bench_archive_import.py [--stories 10000] [--chapters 5]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

WORDS = (
    "the night was cold and she walked along the road toward the old house where the "
    "lights were still burning he said nothing for a long time then looked up at her "
    "and smiled as the rain began again over the city harbour lamp keeper tide boat"
).split()
RATINGS = ["G", "PG", "PG-13", "R", "NC-17"]
GENRES = ["Angst", "Romance", "Humor", "Drama", "Hurt/Comfort", "Adventure"]
WARNINGS = ["Character Death", "Violence", "Language"]


def _q(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


def _insert(out: TextIO, table: str, cols: list[str], rows: list[str]) -> None:
    names = ", ".join(f"`{c}`" for c in cols)
    for i in range(0, len(rows), 100):  # mysqldump's extended inserts
        out.write(
            f"INSERT INTO `fanfiction_{table}` ({names}) VALUES {','.join(rows[i : i + 100])};\n"
        )  # type: ignore[attr-defined]


def generate(root: Path, stories: int, chapters: int, seed: int = 11) -> tuple[Path, Path]:
    """The dump (``root/archive.sql``) and the same texts as files (``root/files``)."""
    rng = random.Random(seed)
    files = root / "files"
    files.mkdir(parents=True)
    dump = root / "archive.sql"
    authors = max(10, stories // 20)
    with dump.open("w", encoding="utf-8") as out:
        out.write("-- generated eFiction dump\n/*!40101 SET NAMES utf8mb4 */;\n")
        people = [f"({i},{_q(f'Writer {i}')},'w{i}@example.org')" for i in range(1, authors + 1)]
        _insert(out, "authors", ["uid", "penname", "email"], people)
        _insert(
            out,
            "categories",
            ["catid", "parentcatid", "category", "description"],
            ["(1,-1,'Harbour Town','')", "(2,-1,'Buffy the Vampire Slayer','')"],
        )
        _insert(
            out,
            "classtypes",
            ["classtype_id", "classtype_name", "classtype_title"],
            ["(1,'genres','Genres')", "(2,'warnings','Warnings')"],
        )
        classes = [f"({i + 1},1,{_q(g)})" for i, g in enumerate(GENRES)]
        classes += [f"({i + 10},2,{_q(w)})" for i, w in enumerate(WARNINGS)]
        _insert(out, "classes", ["class_id", "class_type", "class_name"], classes)
        _insert(
            out,
            "characters",
            ["charid", "catid", "charname"],
            ["(1,1,'Mara Quill')", "(2,1,'Old Benn')", "(3,2,'Xander Harris')"],
        )
        _insert(
            out,
            "ratings",
            ["rid", "rating", "warningtext"],
            [f"({i + 1},{_q(r)},'')" for i, r in enumerate(RATINGS)],
        )
        story_rows, chapter_rows = [], []
        chapid = 0
        for sid in range(1, stories + 1):
            uid = rng.randint(1, authors)
            rid = rng.randint(1, len(RATINGS))
            genre = rng.randint(1, len(GENRES))
            title = f"Generated Story {sid}"
            summary = f"Story number {sid}, in which {rng.choice(WORDS)} happens."
            texts = []
            for n in range(1, chapters + 1):
                paras = [
                    " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 70))) + "."
                    for _ in range(rng.randint(3, 6))
                ]
                texts.append(paras)
                chapid += 1
                html = "".join(f"<p>{p}</p>" for p in paras)
                chapter_rows.append(
                    f"({chapid},{_q(f'Chapter {n}')},{n},'',{_q(html)},'',{sid},{uid})"
                )
            story_rows.append(
                f"({sid},{_q(title)},{_q(summary)},'',{rng.randint(1, 2)},'{genre},10',"
                f"'1,2',{_q(str(rid))},'2004-03-01 10:00:00','2004-03-02 10:00:00',{uid},'1')"
            )
            header = (
                f"Title: {title}\nAuthor: Writer {uid}\nRating: {RATINGS[rid - 1]}\n"
                f"Fandom: Harbour Town\nCharacters: Mara Quill, Old Benn\n"
                f"Genre: {GENRES[genre - 1]}\nWarnings: Character Death\nSummary: {summary}\n\n"
            )
            body = "\n\n".join(
                f"Chapter {n}\n\n" + "\n\n".join(p) for n, p in enumerate(texts, start=1)
            )
            (files / f"story-{sid:06d}.txt").write_text(header + body + "\n", encoding="utf-8")
        story_cols = (
            "sid title summary storynotes catid classes charid rid date updated uid completed"
        )
        _insert(out, "stories", story_cols.split(), story_rows)
        chapter_cols = "chapid title inorder notes storytext endnotes sid uid"
        _insert(out, "chapters", chapter_cols.split(), chapter_rows)
    return dump, files


def _peak_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def child(mode: str, path: str, jobs: int) -> None:
    """One measured run in this (fresh) process; prints JSON."""
    start = time.perf_counter()
    if mode == "scan":
        from fandex.read.archives import expand

        n = size = 0
        for item in expand(Path(path), 50 * 1024 * 1024):
            if item.opener is not None:
                size += len(item.opener())
                n += 1
        result = {"stories": n, "record_bytes": size}
    else:
        from fandex.importer import ImportSession
        from fandex.library import Library

        with tempfile.TemporaryDirectory() as tmp:
            lib = Library.open(Path(tmp) / "lib.db")
            report = ImportSession(lib, jobs=jobs).run([path])
            lib.close()
        result = {"stories": report.count("imported"), "failed": len(report.failed)}
    result["seconds"] = time.perf_counter() - start
    result["peak_main_mb"], result["peak_worker_mb"] = _peak_mb()
    print(json.dumps(result))


def measure(mode: str, path: Path, jobs: int) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--chapters", type=int, default=5, help="chapters per story")
    parser.add_argument("--jobs", type=int, default=0, help="import workers (0: every core)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    for stories in (args.stories // 4, args.stories):
        with tempfile.TemporaryDirectory() as tmp:
            dump, files = generate(Path(tmp), stories, args.chapters)
            mb = dump.stat().st_size / 1e6
            files_mb = sum(p.stat().st_size for p in files.iterdir()) / 1e6
            chapters = stories * args.chapters
            sizes = f"dump {mb:.1f} MB, files {files_mb:.1f} MB"
            print(f"{stories} stories / {chapters} chapters: {sizes}")
            scan = measure("scan", dump, 1)
            took = scan["seconds"]
            print(
                f"  dump scan only:  {took:.1f} s  {stories / took:.0f} stories/s  "
                f"{mb / took:.1f} MB/s  peak {scan['peak_main_mb']:.0f} MB"
            )
            for label, path, size in (("dump import", dump, mb), ("files import", files, files_mb)):
                r = measure("import", path, args.jobs)
                took = r["seconds"]
                print(
                    f"  {label}:  {took:.1f} s  {r['stories'] / took:.1f} stories/s  "
                    f"{size / took:.2f} MB/s  peak main {r['peak_main_mb']:.0f} MB, "
                    f"worker {r['peak_worker_mb']:.0f} MB  "
                    f"({r['stories']:.0f} imported, {r['failed']:.0f} failed)"
                )


if __name__ == "__main__":
    main()
