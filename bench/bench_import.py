"""Import cost on realistic works, against a bare read + regex pass in the same run.

    .venv/bin/python bench/bench_import.py                 # 20 MB corpus, -j 1 and -j 2
    .venv/bin/python bench/bench_import.py --mb 50 --jobs 1,2
    .venv/bin/python bench/bench_import.py --mb 5 --records out.json   # for before/after
    .venv/bin/python bench/bench_import.py --mb 5 --profile            # top of a cProfile

The corpus (``bench/corpus.py``, generated at bench time) is prose with the names of a
fandom's characters, the shared dev passages recombined into it, real header styles,
AO3 download HTML, legacy archive pages and a few 100,000-word works.

Each import is the real command (``fandex import -j N``) in a fresh process, so start-up
and worker start-up are counted; its CPU time is the process's and its workers' (user +
system). The baseline, in the same run over the same files: one Python pass that reads
every file, decodes it and runs a word regex over it. Printed per run: wall time, CPU
time, MB/s per core (MB / CPU seconds) and the ratio of CPU time to the baseline's
(target: at most 8). The machine may be shared: compare the ratios, not the seconds.

``--records FILE`` writes the ``fandex ls --json --show-blocked`` records of the first
run (the import time stamps removed, sorted by id): two runs of the same corpus before
and after a change must write the same file. ``--compare FILE`` checks the first run's
records against such a file (every tag with its source, confidence and evidence, the
versions, the counts) and prints whether they are identical, or where they first differ:

    .venv/bin/python bench/bench_import.py --mb 10 --jobs 1 --keep /tmp/fics --records before.json
    # ... change the code ...
    .venv/bin/python bench/bench_import.py --mb 10 --jobs 1 --keep /tmp/fics --compare before.json
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

FANDEX = Path(sys.executable).with_name("fandex")
_WORD = re.compile(r"\w+")


def cpu_self() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def bare_pass(files: list[Path]) -> tuple[float, int]:
    """CPU seconds to read every file, decode it and find its words; the word count."""
    start = cpu_self()
    words = 0
    for path in files:
        words += len(_WORD.findall(path.read_bytes().decode("utf-8", "replace")))
    return cpu_self() - start, words


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run ``fandex ARGS``: (wall seconds, CPU seconds of it and its workers, status)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(FANDEX), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace").strip()
    proc.stderr.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"fandex {' '.join(args[:3])}... failed ({proc.returncode}): {err}")
    return wall, ru.ru_utime + ru.ru_stime, proc.returncode


def records(library: Path, env: dict[str, str]) -> list[dict[str, object]]:
    """Every work's record as ``fandex ls --json --show-blocked`` prints it, without the
    import time stamps, sorted by id."""
    out = subprocess.run(
        [str(FANDEX), "--library", str(library), "ls", "--json", "--show-blocked"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    recs = json.loads(out)
    for rec in recs:
        _drop_stamps(rec)
    return sorted(recs, key=lambda r: str(r["id"]))


def _drop_stamps(value: object) -> None:
    if isinstance(value, dict):
        for key in ("imported", "imported_at", "modified_at"):
            value.pop(key, None)
        for v in value.values():
            _drop_stamps(v)
    elif isinstance(value, list):
        for v in value:
            _drop_stamps(v)


def first_difference(a: object, b: object, path: str = "") -> str | None:
    """Where two JSON values first differ (a path and both values), or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'after' if key in b else 'before'}"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items before, {len(b)} after"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {a!r:.80} before, {b!r:.80} after"


def compare_records(before: list[dict[str, object]], after: list[dict[str, object]]) -> str:
    """A one-paragraph verdict on two record lists (the same corpus imported twice)."""
    by_id = {str(r["id"]): r for r in before}
    differ = [r for r in after if first_difference(by_id.get(str(r["id"])), r)]
    missing = set(by_id) - {str(r["id"]) for r in after}
    if not differ and not missing:
        return f"identical ({len(after)} works: tags, sources, confidences, evidence, versions)"
    out = f"DIFFER: {len(differ)} of {len(after)} works differ, {len(missing)} missing"
    if differ:
        first = differ[0]
        out += f"; first: {first['id']} {first_difference(by_id.get(str(first['id'])), first)}"
    return out


def profile(folder: Path, library: Path, top: int) -> None:
    """cProfile of a sequential import in this process (the stages and the store)."""
    from fandex.importer import ImportSession
    from fandex.library import Library

    lib = Library.open(library)
    session = ImportSession(lib, jobs=1)
    prof = cProfile.Profile()
    prof.enable()
    session.run([folder])
    prof.disable()
    lib.close()
    stats = pstats.Stats(prof)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size (default 20)")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--long", type=int, default=2, help="100,000-word works (default 2)")
    ap.add_argument("--jobs", default="1,2", help="-j values to run (default 1,2)")
    ap.add_argument("--records", type=Path, help="write the first run's records here")
    ap.add_argument("--compare", type=Path, help="compare the first run's records with these")
    ap.add_argument("--profile", action="store_true", help="print a cProfile, time nothing")
    ap.add_argument("--keep", type=Path, help="generate the corpus here and keep it")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="fandex-bench-import-") as tmp:
        root = Path(tmp)
        fics = args.keep or root / "fics"
        fics.mkdir(parents=True, exist_ok=True)
        if not any(fics.iterdir()):
            summary = corpus.generate(fics, args.mb, args.seed, args.long)
            print(f"corpus: {summary.describe()}")
        files = sorted(p for p in fics.iterdir() if p.is_file())
        mb = sum(p.stat().st_size for p in files) / 1e6
        if args.profile:
            profile(fics, root / "profile.db", 40)
            return
        env = {**os.environ, "XDG_DATA_HOME": str(root / "xdg")}
        base_cpu, words = bare_pass(files)
        base_cpu = min(base_cpu, bare_pass(files)[0])  # the warmer of two
        print(f"machine: {os.cpu_count()} cores (shared with other work: compare ratios)")
        print(
            f"{'baseline':>14}: read + decode + word regex: {base_cpu:6.2f} s CPU  "
            f"{mb / base_cpu:7.1f} MB/s per core  ({words:,} words)"
        )
        first: Path | None = None
        for jobs in [int(j) for j in args.jobs.split(",")]:
            lib = root / f"lib-j{jobs}.db"
            first = first or lib
            wall, cpu, code = run_cli(
                ["--library", str(lib), "import", "-j", str(jobs), str(fics)], env
            )
            note = "" if code == 0 else "  (some files failed)"
            print(
                f"{'import -j ' + str(jobs):>14}: {wall:6.1f} s wall  {cpu:6.1f} s CPU  "
                f"{mb / cpu:5.2f} MB/s per core  {mb / wall:5.2f} MB/s  "
                f"ratio to baseline {cpu / base_cpu:5.1f}x (target <= 8){note}"
            )
            wall2, cpu2, _ = run_cli(
                ["--library", str(lib), "import", "-j", str(jobs), str(fics)], env
            )
            print(f"{'re-import':>14}: {wall2:6.1f} s wall  {cpu2:6.1f} s CPU  (all unchanged)")
        if (args.records or args.compare) and first is not None:
            recs = records(first, env)
            if args.records:
                text = json.dumps(recs, indent=1, ensure_ascii=False, sort_keys=True)
                args.records.write_text(text)
                print(f"records: {len(recs)} works written to {args.records}")
            if args.compare:
                before = json.loads(args.compare.read_text())
                print(f"records against {args.compare}: {compare_records(before, recs)}")


if __name__ == "__main__":
    main()
