"""Fuzz the import: mutated files of every format, imported in batches with the real CLI.

Seeds are valid files of every format fandex reads (bench/fuzz_seeds.py: ``examples/``
plus text, legacy and AO3 HTML, EPUB, DOCX, ODT, FODT, RTF, MOBI and zips built there). Each
fuzz file is one seed put through one or two mutations: byte flips, truncation, junk
inserted, damaged deflate streams, bad zip headers (unknown version, unknown method,
lying sizes and offsets), huge members, many members, deep nesting (HTML, XML, RTF,
zips), many attributes, long lines, many elements, bad encodings. Every batch is
imported into one library by ``fandex import --json`` (its own process tree, sampled
for memory), and after each batch the library is checked.

Printed per batch and in total: files tried, crashes (a traceback, or an exit status
other than 0/1/2), files over the time budget, files whose worker died, peak memory
of the import's process tree (proportional share of private memory, see
fuzz_procs.private_memory), and the library's integrity. Targets: 10,000 files, 0
crashes, 0 over the budget, peak memory under 1 GB, integrity ok.

    .venv/bin/python bench/fuzz_import.py [--files 10000] [--batch 1000] [--seed 1]
        [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from fuzz_procs import integrity, mb, met, run_sampled
from fuzz_seeds import seeds

FANDEX = Path(sys.executable).with_name("fandex")
GB = 1024 * 1024 * 1024
Mutator = Callable[[bytes, random.Random], bytes]


# -- byte-level mutations ------------------------------------------------------------------


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(max(1, len(data)))]


def junk(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 4096)) + data[at:]


def bad_encoding(data: bytes, rng: random.Random) -> bytes:
    """Invalid UTF-8, odd-length UTF-16, a lying BOM, NULs, mixed encodings."""
    kind = rng.randrange(6)
    if kind == 0:  # invalid and overlong UTF-8 sequences sprinkled in
        out = bytearray(data)
        for _ in range(rng.randint(1, 200)):
            at = rng.randrange(len(out) + 1)
            out[at:at] = rng.choice(
                [b"\xc0\xaf", b"\xff", b"\xed\xa0\x80", b"\xe2\x82", b"\xf8\x88\x80\x80\x80"]
            )
        return bytes(out)
    if kind == 1:  # UTF-16 without a BOM, cut to an odd length
        text = data.decode("utf-8", "replace").encode("utf-16-le")
        return text[: len(text) - 1]
    if kind == 2:  # a BOM that lies
        return rng.choice([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00\x00\xfe\xff"]) + data
    if kind == 3:  # NULs everywhere
        return bytes(b for c in data for b in ((c, 0) if rng.random() < 0.3 else (c,)))
    if kind == 4:  # half cp1252, half UTF-8
        text = data.decode("utf-8", "replace")
        half = len(text) // 2
        return text[:half].encode("cp1252", "replace") + text[half:].encode("utf-8")
    return data.replace(b"charset=", b"charset=x-no-such-charset-") or data


# -- zip-level mutations -------------------------------------------------------------------


def _headers(data: bytes, sig: bytes) -> list[int]:
    found, at = [], data.find(sig)
    while at >= 0:
        found.append(at)
        at = data.find(sig, at + 4)
    return found


def _set16(data: bytearray, at: int, value: int) -> None:
    if at >= 0 and at + 2 <= len(data):
        data[at : at + 2] = value.to_bytes(2, "little")


def _set32(data: bytearray, at: int, value: int) -> None:
    if at >= 0 and at + 4 <= len(data):
        data[at : at + 4] = value.to_bytes(4, "little")


def damage_deflate(data: bytes, rng: random.Random) -> bytes:
    """Noise inside one member's compressed bytes (a zlib.error when it is read)."""
    out = bytearray(data)
    locals_ = _headers(data, b"PK\x03\x04")
    if not locals_:
        return flip(data, rng)
    at = rng.choice(locals_)
    name_len = int.from_bytes(out[at + 26 : at + 28], "little")
    extra = int.from_bytes(out[at + 28 : at + 30], "little")
    body = at + 30 + name_len + extra
    for i in range(body, min(len(out), body + rng.randint(2, 64))):
        out[i] = rng.randrange(256)
    return bytes(out)


def bad_zip_header(data: bytes, rng: random.Random) -> bytes:
    """Unknown version or method, lying sizes, offsets past the end, a bad directory."""
    out = bytearray(data)
    central = _headers(data, b"PK\x01\x02")
    locals_ = _headers(data, b"PK\x03\x04")
    end = data.rfind(b"PK\x05\x06")
    if not central:
        return flip(data, rng)
    c = rng.choice(central)
    kind = rng.randrange(8)
    if kind == 0:
        _set16(out, c + 6, rng.choice([63, 99, 0xFFFF]))  # version needed to extract
    elif kind == 1:
        _set16(out, c + 10, rng.choice([1, 6, 9, 12, 14, 99, 0xFFFF]))  # compression method
    elif kind == 2:
        _set32(out, c + 24, rng.choice([0, 1, 0x7FFFFFFF, 0xFFFFFFFF]))  # uncompressed size
    elif kind == 3:
        _set32(out, c + 20, rng.choice([0, 1, 0xFFFFFFFF]))  # compressed size
    elif kind == 4:
        _set32(out, c + 42, rng.choice([len(data) + 10, 0xFFFFFFF0, 3]))  # local header offset
    elif kind == 5 and end >= 0:
        _set16(out, end + 10, rng.choice([0, 65535]))  # entries in the directory
        _set32(out, end + 16, rng.choice([0, len(data) * 2]))  # where the directory starts
    elif kind == 6 and locals_:
        _set16(out, rng.choice(locals_) + 4, 99)  # version in a local header
    else:
        _set16(out, c + 8, rng.choice([0x1, 0x41, 0x800, 0xFFFF]))  # flags: encrypted, ...
    return bytes(out)


def _zipped(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, body in members:
            zf.writestr(name, body)
    return buf.getvalue()


def huge_member(data: bytes, rng: random.Random) -> bytes:
    """A member of many megabytes: a bomb (zeros, refused by ratio), one just under the
    size limit, or text repeated past it."""
    kind = rng.randrange(3)
    if kind == 0:
        big = b"\0" * rng.randint(20, 200) * 1024 * 1024
    elif kind == 1:
        seed_text = data[:4096] or b"The rain fell. "
        big = (seed_text * (1 + 3 * 1024 * 1024 // len(seed_text)))[: 3 * 1024 * 1024]
    else:
        big = rng.randbytes(1024) * (60 * 1024)  # 60 MB, over the 50 MB limit
    return _zipped([("story.txt", data), ("huge.txt", big)])


def many_members(data: bytes, rng: random.Random) -> bytes:
    n = rng.choice([2_000, 10_001, 20_000])
    body = data[:200]
    return _zipped(
        [(f"m/{i:05d}.txt", body + str(i).encode()) for i in range(n)], zipfile.ZIP_STORED
    )


def nested_zip(data: bytes, rng: random.Random) -> bytes:
    for depth in range(rng.randint(2, 6)):
        data = _zipped([(f"level{depth}.zip" if depth else "story.txt", data)])
    return data


# -- markup and text -----------------------------------------------------------------------


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    n = rng.choice([1_000, 10_000, 100_000, 300_000])
    kind = rng.randrange(4)
    if kind == 0:
        return b"<html><body>" + b"<div>" * n + data[:2000] + b"</div>" * n + b"</body></html>"
    if kind == 1:
        return b"{\\rtf1\\ansi " + b"{\\i " * n + b"deep" + b"}" * n + b"}"
    if kind == 2:
        return b"<html><body>" + b"<blockquote><p><i>" * (n // 3) + b"deep" + b"</body></html>"
    ns = b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    return b"<r " + ns + b">" + b"<text:span>" * n + b"x" + b"</text:span>" * n + b"</r>"


def many_attributes(data: bytes, rng: random.Random) -> bytes:
    n = rng.choice([500, 999, 5_000, 50_000, 200_000])
    unique = rng.random() < 0.7
    attrs = b" ".join((b"a%d" % i if unique else b"a") + b'="x"' for i in range(n))
    tag = rng.choice([b"p", b"div", b"span", b"meta"])
    return (
        b"<html><body><"
        + tag
        + b" "
        + attrs
        + b">"
        + data[:3000]
        + b"</"
        + tag
        + b"></body></html>"
    )


def long_line(data: bytes, rng: random.Random) -> bytes:
    """One line of megabytes: prose without newlines, or one word repeated, or no spaces."""
    size = rng.choice([1, 2, 5]) * 1024 * 1024 if rng.random() < 0.9 else 45 * 1024 * 1024
    sample = data.replace(b"\n", b" ").replace(b"\r", b" ")[:8192] or b"word "
    if rng.random() < 0.2:
        sample = sample.replace(b" ", b"")  # no spaces: one enormous word
    line = (sample * (1 + size // len(sample)))[:size]
    if rng.random() < 0.5:
        return b"<html><body><p>" + line + b"</p></body></html>"
    return b"Title: One Line\n\n" + line


def many_elements(data: bytes, rng: random.Random) -> bytes:
    n = rng.choice([100_000, 249_000, 300_000])
    return b"<html><body>" + b"<p>Rain.</p>" * n + b"</body></html>"


def tag_soup(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(10, 2000)):
        at = rng.randrange(len(out) + 1)
        out[at:at] = rng.choice(
            [b"<", b">", b"</p>", b"<p", b"&", b"&#x110000;", b"<!--", b"]]>", b"<?"]
        )
    return bytes(out)


# name -> (mutation, weight, applies to zip-based seeds only)
MUTATIONS: dict[str, tuple[Mutator, float, bool]] = {
    "flip": (flip, 30, False),
    "truncate": (truncate, 15, False),
    "junk": (junk, 10, False),
    "encoding": (bad_encoding, 10, False),
    "tagsoup": (tag_soup, 8, False),
    "deflate": (damage_deflate, 12, True),
    "zipheader": (bad_zip_header, 12, True),
    "nested": (nested_zip, 1.5, False),
    "attributes": (many_attributes, 1.5, False),
    "deep": (deep_nesting, 1.5, False),
    "longline": (long_line, 0.5, False),
    "elements": (many_elements, 0.3, False),
    "huge": (huge_member, 0.3, False),
    "members": (many_members, 0.05, False),
}
ZIP_SUFFIXES = (".zip", ".epub", ".docx", ".odt")


def make_file(rng: random.Random, pool: list[tuple[str, bytes]]) -> tuple[str, bytes, list[str]]:
    """One fuzz file: (name, bytes, mutations applied)."""
    name, data = rng.choice(pool)
    zippy = name.endswith(ZIP_SUFFIXES)
    choices = [(k, w) for k, (_m, w, z) in MUTATIONS.items() if zippy or not z]
    applied = []
    for _ in range(1 if rng.random() < 0.8 else 2):
        key = rng.choices([k for k, _ in choices], weights=[w for _, w in choices])[0]
        data = MUTATIONS[key][0](data, rng)
        applied.append(key)
    if any(a in ("huge", "members", "nested") for a in applied):
        name = Path(name).stem + ".zip"
    elif any(a in ("attributes", "deep", "elements") for a in applied) and not data.startswith(
        b"{"
    ):
        name = Path(name).stem + ".html"
    elif "deep" in applied:
        name = Path(name).stem + ".rtf"
    return name, data, applied


def run_batch(
    folder: Path, db: Path, jobs: int
) -> tuple[int, list[dict[str, object]], str, int, float]:
    start = time.monotonic()
    code, out, err, peak = run_sampled(
        [str(FANDEX), "--library", str(db), "import", str(folder), "--json", "-j", str(jobs)],
        timeout=6 * 3600,
    )
    try:
        results = json.loads(out) if out.strip() else []
    except json.JSONDecodeError:
        results = []
        err += "\n[bench] the --json output did not parse"
    return code, results, err, peak, time.monotonic() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="keep inputs that crashed or overran here")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = seeds()
    tmp = Path(tempfile.mkdtemp(prefix="fandex-fuzz-"))
    db = tmp / "fuzz.db"
    totals: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    used: Counter[str] = Counter()
    crashes: list[str] = []
    peak_all = 0
    integrity_ok = True
    print(f"seeds: {len(pool)} valid files; {args.files:,} fuzz files in batches of {args.batch:,}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; -j {args.jobs}")
    try:
        for first in range(0, args.files, args.batch):
            folder = tmp / f"batch{first // args.batch:03d}"
            folder.mkdir()
            made: dict[str, list[str]] = {}
            largest = 0
            for i in range(first, min(args.files, first + args.batch)):
                name, data, applied = make_file(rng, pool)
                fname = f"{i:05d}-{'+'.join(applied)}-{name}"
                (folder / fname).write_bytes(data)
                largest = max(largest, len(data))
                made[fname] = applied
                used.update(applied)
            code, results, err, peak, took = run_batch(folder, db, args.jobs)
            peak_all = max(peak_all, peak)
            crashed = code not in (0, 1, 2) or "Traceback" in err or not results
            if crashed:
                crashes.append(f"batch {first // args.batch}: exit {code}: {err.strip()[-500:]}")
            over = [r for r in results if "time budget" in str(r.get("reason", ""))]
            died = [r for r in results if "worker reading it" in str(r.get("reason", ""))]
            for r in results:
                totals[str(r["status"])] += 1
                totals["tagger failures"] += len(r.get("failures") or [])  # type: ignore[arg-type]
                if r["status"] == "failed":
                    reasons[str(r.get("reason", ""))[:70]] += 1
            problems = integrity(db)
            integrity_ok = integrity_ok and not problems
            totals["over budget"] += len(over)
            totals["worker died"] += len(died)
            if args.keep and (crashed or over or died):
                args.keep.mkdir(parents=True, exist_ok=True)
                for r in over + died:
                    top = Path(str(r["path"]).split("!")[0]).name
                    if (folder / top).exists():
                        shutil.copy(folder / top, args.keep / top)
            statuses = Counter(str(r["status"]) for r in results)
            print(
                f"batch {first // args.batch + 1}: {len(made):,} files, {len(results):,} results "
                f"({', '.join(f'{k} {v}' for k, v in sorted(statuses.items()))}); exit {code}; "
                f"crash {'YES' if crashed else 'no'}; over budget {len(over)}; worker died "
                f"{len(died)}; peak memory {mb(peak)} (largest file {largest / 1e6:.1f} MB); "
                f"{took:.0f} s; integrity "
                f"{'ok' if not problems else 'FAILED: ' + '; '.join(problems)}",
                flush=True,
            )
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    tried = args.files
    print()
    print(f"mutations used: {', '.join(f'{k} {v}' for k, v in used.most_common())}")
    print("commonest failure reasons:")
    for why, n in reasons.most_common(12):
        print(f"  {n:5d}  {why}")
    contained_bugs = sum(n for why, n in reasons.items() if "failed:" in why)
    print(f"files failed by an unexpected error in a stage (contained): {contained_bugs}")
    print(f"tagger failures recorded on imported works (contained): {totals['tagger failures']}")
    for c in crashes:
        print(f"CRASH {c}")
    print()
    print(f"files tried: {tried:,} (target 10,000: {met(tried >= 10_000)})")
    print(f"crashes: {len(crashes)} (target 0: {met(not crashes)})")
    over = totals["over budget"]
    print(f"files over the time budget: {over} (target 0: {met(not over)})")
    print(f"files whose worker died: {totals['worker died']}")
    print(f"peak memory of an import: {mb(peak_all)} (target < 1 GB: {met(peak_all < GB)})")
    print(f"library integrity after every batch: {'ok' if integrity_ok else 'FAILED'} "
          f"(target ok: {met(integrity_ok)})")  # fmt: skip


if __name__ == "__main__":
    main()
