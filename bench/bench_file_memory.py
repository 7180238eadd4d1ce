"""Peak memory of importing one heavy file, against the file's size.

Each file is made here (words drawn from a small vocabulary, no real text needed for
a memory bound) and imported alone by the real command (``fandex import -j 1 --json``)
into a fresh library; the whole process tree's memory is sampled (proportional share
of private memory, bench/fuzz_procs.private_memory). Printed per file: size, what the
import said, seconds, peak memory, and what it takes over the baseline (a tiny file's
import: modules, tagger data) as a multiple of the file size (of the unpacked member for
the zip). Target: every
peak under 1 GB at the default 50 MB file limit (issue 15: a 50 MB single-line text
took 1.19 GB, a 22 MB page of 2M paragraphs 1.43 GB).

    .venv/bin/python bench/bench_file_memory.py [--mb 50] [--only NAME]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from fuzz_procs import mb, met, run_sampled

FANDEX = Path(sys.executable).with_name("fandex")
MB = 1024 * 1024
GB = 1024 * MB
_WORDS = (
    "the rain fell on harbour lanterns while she waited and he said nothing about "
    "tomorrow because the ship would sail before dawn and nobody knew why"
).split()


def words(n_bytes: int, rng: random.Random, sep: Callable[[int], str]) -> str:
    """About ``n_bytes`` of words; ``sep(i)`` comes after the i-th word."""
    out: list[str] = []
    size = i = 0
    while size < n_bytes:
        word = rng.choice(_WORDS) + sep(i)
        out.append(word)
        size += len(word)
        i += 1
    return "".join(out)


def one_line(size: int, rng: random.Random) -> bytes:
    return b"Title: One Line\n\n" + words(size, rng, lambda _i: " ").encode()


def paragraphs(size: int, rng: random.Random) -> bytes:
    text = words(size, rng, lambda i: "\n\n" if i % 120 == 119 else " ")
    return b"Title: Paragraphs\nAuthor: Bench\n\n" + text.encode()


def html_one_paragraph(size: int, rng: random.Random) -> bytes:
    body = words(size, rng, lambda i: " <em>x</em> " if i % 50 == 49 else " ")
    return f"<html><head><title>One</title></head><body><p>{body}</p></body></html>".encode()


def html_short_paragraphs(size: int, rng: random.Random) -> bytes:
    body = words(size, rng, lambda i: "</p>\n<p>" if i % 12 == 11 else " ")
    return f"<html><body><h1>Short</h1><p>{body}</p></body></html>".encode()


def html_tiny_paragraphs(size: int, rng: random.Random) -> bytes:
    """More elements than a page may have: refused before it is parsed."""
    body = words(size, rng, lambda _i: "</p><p>")
    return f"<html><body><p>{body}</p></body></html>".encode()


def zipped_text(size: int, rng: random.Random) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("story.txt", paragraphs(size, rng))
    return buf.getvalue()


# name -> (maker, file name, share of --mb); the first is the baseline (what an import
# holds whatever the file: modules, tagger data, the library).
FILES: dict[str, tuple[Callable[[int, random.Random], bytes], str, float]] = {
    "baseline: a 2 KB text": (paragraphs, "small.txt", 0.00004),
    "one-line text": (one_line, "one-line.txt", 1.0),
    "text of paragraphs": (paragraphs, "paragraphs.txt", 1.0),
    "page of one paragraph": (html_one_paragraph, "one-paragraph.html", 0.9),
    "page of short paragraphs": (html_short_paragraphs, "short-paragraphs.html", 0.32),
    "page of 2M one-word paragraphs": (html_tiny_paragraphs, "tiny-paragraphs.html", 0.44),
    "zip of one big text": (zipped_text, "big.zip", 0.95),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=49.0, help="size of the biggest files")
    ap.add_argument("--only", choices=sorted(FILES), help="one file only")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    worst = 0
    base = 0
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="fandex-bench-memory-") as tmp:
        root = Path(tmp)
        for name, (make, fname, share) in FILES.items():
            if args.only and name != args.only:
                continue
            path = root / fname
            path.write_bytes(make(int(args.mb * share * MB), rng))
            size = path.stat().st_size
            if path.suffix == ".zip":  # what is read is the member, unpacked
                with zipfile.ZipFile(path) as zf:
                    size = sum(i.file_size for i in zf.infolist())
            db = root / f"{path.stem}.db"
            started = time.monotonic()
            code, out, err, peak = run_sampled(
                [str(FANDEX), "--library", str(db), "import", "-j", "1", "--json", str(path)],
                timeout=1800,
                env={**os.environ, "XDG_STATE_HOME": str(root / "state")},
            )
            took = time.monotonic() - started
            try:
                result = json.loads(out)[0]
                said = f"{result['status']}" + (
                    f" ({str(result.get('reason'))[:60]})" if result.get("reason") else ""
                )
            except (ValueError, IndexError, KeyError):
                said = f"exit {code}: {err.strip()[-200:]}"
            worst = max(worst, peak)
            base = base or peak
            print(
                f"{name:>31}: {size / MB:5.1f} MB  {said:<24} {took:5.0f} s  "
                f"peak {mb(peak):>8}  {(peak - base) / size:5.1f}x the file over the baseline",
                flush=True,
            )
            path.unlink()
    print(f"largest peak: {mb(worst)} (target < 1 GB: {met(worst < GB)})")


if __name__ == "__main__":
    main()
