"""Archive dumps nobody here wrote: import each, export Open Doors' tables, check.

Give a folder of archives (default ``$FANDEX_ARCHIVE_DUMPS``, else
``../shared/data/archive-dumps``); each archive is a subfolder holding a dump (an
eFiction ``*.sql`` or an ``ARCHIVE_DB.pl``) and its story files, as ``fandex import``
takes it. No folder: the bench says so and exits 0. For each archive it prints what
the dump holds and what fandex made of it, then its checks:

- ``accounted``: every story of the dump has a result (imported, or failed/skipped with
  a one-line reason); none vanish.
- ``chapters``: each imported eFiction story has as many chapters as the dump has rows
  for it.
- ``originals``: each imported work keeps exactly the archive tags the dump gives its
  story (by type: rating, category, class, character, genre, warning).
- ``reimport``: importing again leaves every story ``unchanged``.
- ``odap``: ``stories`` + ``story_links`` rows are the imported works, ``chapters`` rows
  the chapters of the works with text.
- ``mariadb`` (``--mariadb-socket``): the dump's eFiction tables load into MariaDB with
  the same row counts as fandex read, and ``opendoors.sql`` loads unchanged.
- ``expected``: an ``expected.toml`` beside the dump (``stories = 15``, ``chapters = 17``,
  ``story_links = 1``, ``failed = 1``, ``[originals] class = 59``...) holds figures taken
  from elsewhere (Open Doors' own tests); each is compared.

Exit status 1 when a check fails.

    .venv/bin/python bench/eval_archive_dumps.py [FOLDER] [--mariadb-socket SOCK]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fandex.export.batch import export_works, open_sink
from fandex.export.select import select_works
from fandex.importer import ImportReport, ImportSession
from fandex.library import Library
from fandex.read.archives import dump_in_folder
from fandex.read.archives.automated_archive import parse_archive_db
from fandex.read.archives.efiction import EfictionDump
from fandex.read.archives.mysqldump import decode_text
from fandex.read.archives.originals import archive_info
from fandex.read.discover import Limits

# The MariaDB client the archive tests use.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "archives"))
from archive_helpers import MariaDB

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "archive-dumps"
ODAP_TABLES = ("authors", "stories", "chapters", "story_links")


@dataclass
class Facts:
    """What the dump itself holds, read without the importer."""

    stories: int = 0
    chapters: dict[str, int] = field(default_factory=dict)  # story id -> chapter rows
    originals: dict[str, Counter[str]] = field(default_factory=dict)  # story id -> by type
    tables: dict[str, int] = field(default_factory=dict)  # eFiction table -> rows read
    columns: dict[str, list[str]] = field(default_factory=dict)  # as fandex read them


def dump_facts(dump: Path, files: Path | None) -> Facts:
    facts = Facts()
    if dump.name.lower() == "archive_db.pl":
        for story_id, fields, _ in parse_archive_db(decode_text(dump.read_bytes())):
            facts.stories += 1
            facts.chapters[story_id] = 1 if fields else 0
        return facts
    ef = EfictionDump(dump, files, 2**40)
    ef.load()
    facts.tables = {t: info.rows for t, info in ef.sink.tables.items()}
    facts.columns = {t: info.columns for t, info in ef.sink.tables.items()}
    for site in ef.sites:
        found = ef.site_info(site)
        for item in ef.site_candidates(site):
            if item.error:
                continue
            sid = item.path.rsplit("/", 1)[-1]
            facts.stories += 1
            story = next(
                dict(r)
                for r in ef.db.rows(
                    f'SELECT * FROM "{site.tables["stories"]}" WHERE sid IN (?, ?)',
                    (int(sid) if sid.isdigit() else sid, sid),
                )
            )
            facts.chapters[sid] = len(ef.chapter_rows(site, story))
            facts.originals[sid] = Counter(o.type for o in found.lookups.originals(story))
    ef.db.close()
    return facts


def check(name: str, ok: bool, detail: str, failures: list[str]) -> None:
    print(f"  {'PASS' if ok else 'FAIL'} {name}: {detail}")
    if not ok:
        failures.append(name)


def server(socket: str) -> MariaDB:
    """A client of the MariaDB server listening on ``socket`` (the tests' helper)."""
    found = MariaDB(Path(socket).parent)
    found.socket = Path(socket)
    return found


def counts(db: MariaDB, name: str, tables: list[str]) -> dict[str, int]:
    return {t: int(db.sql(name, f"SELECT COUNT(*) FROM `{t}`")[0][0]) for t in tables}


def evaluate(folder: Path, socket: str | None) -> list[str]:
    dump = dump_in_folder(folder, sorted(p.name for p in folder.iterdir()))
    if dump is None:
        print(f"{folder.name}: no dump in this folder; skipped")
        return []
    failures: list[str] = []
    size = dump.stat().st_size / 1e6
    facts = dump_facts(dump, None)
    with tempfile.TemporaryDirectory(prefix="fandex-eval-") as tmp:
        lib = Library.open(Path(tmp) / "lib.db")
        start = time.perf_counter()
        report = ImportSession(lib, jobs=1, limits=Limits()).run([folder])
        took = time.perf_counter() - start
        again = ImportSession(lib, jobs=1, limits=Limits()).run([folder])
        works = list(lib.iter_works(with_text=True))
        odap = Path(tmp) / "od"
        sink = open_sink(odap, as_zip=False, fmt="opendoors")
        export_works(select_works(lib, [], all_works=True).works(), "opendoors", sink)
        sink.close()
        sql = (odap / "opendoors.sql").read_bytes()
        summary = report.summary()
        stories = [r for r in report.results if "!story/" in r.path]
        links = [w for w in works if (archive_info(w) or {}).get("link")]
        print(
            f"{folder.name}: {dump.name} {size:.2f} MB, {facts.stories} stories, "
            f"{sum(facts.chapters.values())} chapter rows; imported {summary['imported']} "
            f"({len(links)} off-site links), failed {summary['failed']}, skipped "
            f"{summary['skipped']}; {took:.2f} s ({facts.stories / max(took, 1e-9):.0f} stories/s)"
        )
        _print_reasons(report)
        check(
            "accounted",
            len(stories) == facts.stories,
            f"{len(stories)} story results for {facts.stories} stories in the dump",
            failures,
        )
        by_id = {str((archive_info(w) or {}).get("story_id")): w for w in works}
        wrong = [
            sid for sid, w in by_id.items()
            if facts.originals and len(w.chapters) != facts.chapters.get(sid, -1)
        ]  # fmt: skip
        if facts.originals:
            check("chapters", not wrong, f"{len(wrong)} stories differ {wrong[:5]}", failures)
            differ = [
                sid
                for sid, w in by_id.items()
                if Counter(o["type"] for o in (archive_info(w) or {}).get("originals", []))
                != facts.originals.get(sid)
            ]
            total = sum((facts.originals[s] for s in by_id if s in facts.originals), Counter())
            check("originals", not differ, f"{dict(total)}; {len(differ)} differ", failures)
        again_summary = again.summary()
        check(
            "reimport",
            again_summary["imported"] == 0 and again_summary["updated"] == 0,
            f"{again_summary['unchanged']} unchanged, {again_summary['updated']} updated, "
            f"{again_summary['imported']} imported",
            failures,
        )
        text_chapters = sum(len(w.chapters) for w in works if w not in links)
        odap_rows = _odap_rows(sql)
        check(
            "odap",
            odap_rows["stories"] + odap_rows["story_links"] == len(works)
            and odap_rows["chapters"] == text_chapters,
            ", ".join(f"{t} {odap_rows[t]}" for t in ODAP_TABLES),
            failures,
        )
        if socket:
            _mariadb_checks(socket, folder.name, dump, facts, sql, odap_rows, failures)
        _expected(folder, summary, odap_rows, facts, failures)
        lib.close()
    return failures


def _print_reasons(report: ImportReport) -> None:
    """Failed and skipped stories, one line per kind of reason (ids as N) with examples."""
    kinds: dict[tuple[str, str], list[str]] = {}
    for r in report.results:
        if r.status in ("failed", "skipped"):
            reason = str(r.reason)
            kinds.setdefault((r.status, re.sub(r"\d+", "N", reason)), []).append(reason)
    for (status, kind), reasons in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print(f"    {status} x{len(reasons)}: {kind} (e.g. {reasons[0]})")


def _odap_rows(sql: bytes) -> dict[str, int]:
    """Rows per ODAP table in a dump fandex wrote (one row a line after VALUES)."""
    out = dict.fromkeys(ODAP_TABLES, 0)
    table = None
    for line in sql.decode("utf-8").splitlines():
        if line.startswith("INSERT INTO `"):
            table = line.split("`")[1]
            continue
        if table and line.startswith("("):
            out[table] += 1
            if line.endswith(";"):
                table = None
    return out


def _mariadb_checks(
    socket: str,
    name: str,
    dump: Path,
    facts: Facts,
    sql: bytes,
    odap: dict[str, int],
    failures: list[str],
) -> None:
    db = "eval_" + "".join(c if c.isalnum() else "_" for c in name)[:40]
    client = server(socket)
    try:
        if facts.tables:
            client.client("-e", f"DROP DATABASE IF EXISTS {db}_src; CREATE DATABASE {db}_src")
            # A backup with no CREATE TABLE loads into tables of the columns fandex chose
            # (a dump's own CREATE TABLE replaces them): MariaDB parses the values.
            for table, cols in facts.columns.items():
                defs = ", ".join(f"`{c}` longtext" for c in cols)
                client.client(f"{db}_src", "-e", f"CREATE TABLE `{table}` ({defs})")
            body = b"\n".join(
                line
                for line in dump.read_bytes().splitlines()
                if not line.upper().startswith((b"CREATE DATABASE", b"USE "))
            )
            client.client("--force", f"{db}_src", stdin=body)
            theirs = counts(client, f"{db}_src", list(facts.tables))
            same = theirs == facts.tables
            check("mariadb-source", same, f"fandex {facts.tables} mariadb {theirs}", failures)
        client.client("-e", f"DROP DATABASE IF EXISTS {db}_od; CREATE DATABASE {db}_od")
        client.client(f"{db}_od", stdin=sql)
        loaded = counts(client, f"{db}_od", list(ODAP_TABLES))
        check("mariadb-odap", loaded == odap, f"loaded {loaded}", failures)
    except (AssertionError, subprocess.TimeoutExpired, ValueError) as exc:
        line = (str(exc).strip().splitlines() or ["?"])[-1]
        check("mariadb", False, line, failures)


def _expected(
    folder: Path,
    summary: dict[str, int],
    odap: dict[str, int],
    facts: Facts,
    failures: list[str],
) -> None:
    path = folder / "expected.toml"
    if not path.exists():
        return
    want = tomllib.loads(path.read_text(encoding="utf-8"))
    got: dict[str, Any] = {
        "stories": odap["stories"],
        "story_links": odap["story_links"],
        "chapters": odap["chapters"],
        "authors": odap["authors"],
        "imported": summary["imported"],
        "failed": summary["failed"],
        "dump_stories": facts.stories,
        "dump_chapters": sum(facts.chapters.values()),
    }
    total = sum(facts.originals.values(), Counter())  # the whole dump's, as Open Doors counts
    for key, value in want.items():
        if key == "originals":
            for kind, n in value.items():
                got_n = total[kind]
                check(f"expected originals.{kind}", got_n == n, f"{got_n} / {n}", failures)
        elif key in got:
            check(f"expected {key}", got[key] == value, f"{got[key]} / {value}", failures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--mariadb-socket", help="a running MariaDB server's socket")
    args = parser.parse_args(argv)
    env = os.environ.get("FANDEX_ARCHIVE_DUMPS")
    folder: Path = args.folder or (Path(env) if env else DEFAULT)
    if not folder.is_dir():
        print(f"no archive dumps at {folder}; nothing to evaluate")
        return 0
    archives = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not archives:
        print(f"no archive folders in {folder}; nothing to evaluate")
        return 0
    failures: list[str] = []
    for archive in archives:
        failures += [f"{archive.name}: {f}" for f in evaluate(archive, args.mariadb_socket)]
    print(f"{len(archives)} archive(s), {len(failures)} failed check(s)")
    for f in failures:
        print(f"  {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
