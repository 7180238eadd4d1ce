"""One work, many tools: is a real file read the same after calibre converted it?

Collectors convert what they saved: an AO3 download or a saved FanFiction.net page made
into an EPUB or a Kindle book for a reader, into a Word file to annotate, into FB2.
Each real web page of ``../shared/data/realworld/`` that fandex reads as a story is
converted with calibre's ``ebook-convert`` (as its users do, default options) into each
target format, and both files go through the real read -> clean -> parse stages. The
converted file's reading is compared with the original's, field by field: title,
authors, the stated tags, the chapter count, the words (within 3%) and the summary's
opening. Printed: per format, works and fields equal; with ``-v`` every difference.

Conversions are cached under ``~/.cache/fandex-bench/conversions`` (calibre takes a
few seconds a file); the real files are read from ``../shared/data`` and never copied
into the repository.

    .venv/bin/python bench/eval_conversions.py [-v] [--formats epub,azw3,docx,rtf,txt,fb2]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fandex.clean import clean  # noqa: E402
from fandex.errors import FandexError  # noqa: E402
from fandex.model import Work  # noqa: E402
from fandex.parse import build_work  # noqa: E402
from fandex.parse.nonstory import judge  # noqa: E402
from fandex.read import read_bytes  # noqa: E402

REALWORLD = ROOT.parent / "shared" / "data" / "realworld"
CACHE = Path.home() / ".cache" / "fandex-bench" / "conversions"
FORMATS = ("epub", "azw3", "docx", "rtf", "txt", "fb2")
FIELDS = ("title", "authors", "stated tags", "chapters", "words", "summary")
TIMEOUT = 180  # seconds for one conversion


def _read(path: Path) -> Work | str:
    """The work a file reads as, or why it does not."""
    try:
        doc = clean(read_bytes(path.read_bytes(), path.name))
        work = build_work(doc)
    except FandexError as exc:
        return str(exc)
    reason = judge(work, doc)
    return reason if reason else work


def _fields(work: Work) -> dict[str, Any]:
    return {
        "title": work.title,
        "authors": work.authors,
        "stated tags": sorted((t.type, t.name) for t in work.tags if t.source == "stated"),
        "chapters": len(work.chapters),
        "words": work.words,
        "summary": " ".join((work.summary or "").split())[:60],
    }


def _same(field: str, a: Any, b: Any) -> bool:
    if field == "words":
        return abs(int(a) - int(b)) <= 0.03 * max(int(a), 1)
    return bool(a == b)


def convert(source: Path, fmt: str) -> Path | None:
    """``source`` converted to ``fmt`` by calibre (cached); None if calibre fails."""
    digest = hashlib.sha1(source.read_bytes()).hexdigest()[:12]
    out = CACHE / f"{source.stem}-{digest}.{fmt}"
    if out.exists():
        return out
    CACHE.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            ["ebook-convert", str(source), str(out)],
            capture_output=True,
            timeout=TIMEOUT,
            check=True,
        )
    except (subprocess.SubprocessError, OSError):
        out.unlink(missing_ok=True)
        return None
    return out if out.exists() else None


def main() -> None:
    ap = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        epilog="Reads ../shared/data/realworld; needs calibre's ebook-convert.",
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="list every difference")
    ap.add_argument(
        "--formats",
        default=",".join(FORMATS),
        help=f"comma-separated target formats (default: {','.join(FORMATS)})",
    )
    args = ap.parse_args()
    verbose = args.verbose
    formats = tuple(f for f in args.formats.split(",") if f)
    if shutil.which("ebook-convert") is None:
        sys.exit("eval_conversions: calibre's ebook-convert is not installed")
    if not REALWORLD.is_dir():
        sys.exit(f"eval_conversions: no real-world files at {REALWORLD}")
    originals: list[tuple[Path, Work]] = []
    for path in sorted(REALWORLD.glob("*.htm*")):
        work = _read(path)
        if isinstance(work, Work):
            originals.append((path, work))
    print(f"{len(originals)} real web pages read as stories; formats: {', '.join(formats)}")
    total_equal = total_fields = 0
    for fmt in formats:
        works_equal = fields_equal = fields = failed = 0
        lines: list[str] = []
        for path, original in originals:
            converted = convert(path, fmt)
            if converted is None:
                lines.append(f"  {path.name}: calibre could not convert it")
                continue
            work = _read(converted)
            fields += len(FIELDS)
            if not isinstance(work, Work):
                failed += 1
                lines.append(f"  {path.name}: not read as a story ({work})")
                continue
            a, b = _fields(original), _fields(work)
            differ = [f for f in FIELDS if not _same(f, a[f], b[f])]
            fields_equal += len(FIELDS) - len(differ)
            works_equal += not differ
            for f in differ:
                lines.append(f"  {path.name}: {f}: {str(a[f])[:80]!r} -> {str(b[f])[:80]!r}")
        total_equal += fields_equal
        total_fields += fields
        share = fields_equal / fields if fields else 0.0
        print(
            f"{fmt:5s}: {works_equal}/{len(originals)} works read the same, fields "
            f"{fields_equal}/{fields} ({share:.0%}), {failed} not read as a story"
        )
        if verbose:
            print("\n".join(lines))
    if total_fields:
        share = total_equal / total_fields
        print(f"all formats: fields {total_equal}/{total_fields} ({share:.0%})")


if __name__ == "__main__":
    main()
