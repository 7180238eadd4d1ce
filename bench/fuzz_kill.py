"""Kill ``fandex import`` with SIGKILL mid-run, again and again: is the library still
consistent, and do its worker processes go with it?

One library, one folder of generated fics (bench/load_fics.py) and zips of them,
``--new`` more fics added before each round (enough that a round is still running when
its kill comes). Each round starts ``fandex import -j 2`` on the
folder (resuming where the last round was killed: files already stored are
``unchanged``), waits a random few seconds once its workers are up, and kills the
parent with SIGKILL -- no chance to clean up. Then every process that was below it must
be gone within 5 s (the workers ask the kernel to kill them with their parent), and the
library must pass the integrity checks (fuzz_procs.integrity). A last import without a
kill must finish the job.

Targets: 0 inconsistent libraries, 0 orphaned workers, over 20 kills (a round whose
import had finished before its kill is not counted as one).

    .venv/bin/python bench/fuzz_kill.py [--rounds 20] [--fics 1500] [--new 800]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from fuzz_procs import descendants, integrity, met, wait_gone
from load_fics import write_fics

FANDEX = Path(sys.executable).with_name("fandex")


def _works(db: Path) -> int:
    if not db.exists():
        return 0
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)
    try:
        return int(con.execute("SELECT count(*) FROM works").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # killed before the schema was made
    finally:
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--fics", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--new", type=int, default=800, help="fics added before each round")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="fandex-kill-"))
    fics = tmp / "fics"
    write_fics(fics, args.fics, seed=args.seed)
    # A few zips too: a kill while an archive is open must leave nothing behind either.
    for z in range(5):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in sorted(fics.iterdir())[z * 40 : z * 40 + 40]:
                zf.writestr(f"copy-{p.name}", p.read_bytes() + b"\n(archived copy)\n")
        (fics / f"bundle-{z}.zip").write_bytes(buf.getvalue())
    db = tmp / "library.db"
    print(f"{args.fics:,} fics and 5 zips; {args.rounds} rounds of kill -9 mid-import")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    inconsistent = orphaned = kills = 0
    try:
        for n in range(1, args.rounds + 1):
            # New fics every round, so a late round still has work to be killed in.
            write_fics(fics, args.new, seed=args.seed + n, start=100_000 + args.new * n)
            proc = subprocess.Popen(
                [str(FANDEX), "--library", str(db), "import", str(fics), "-j", "2"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 120
            while len(descendants(proc.pid)) < 2 and proc.poll() is None:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            wait = rng.uniform(0.5, 8.0)
            time.sleep(wait)
            below = descendants(proc.pid)
            finished = proc.poll() is not None
            if not finished:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                kills += 1
            left = wait_gone(below, 5.0)
            for pid in left:  # ours to clean up, after counting them
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            problems = integrity(db) if db.exists() else []
            inconsistent += bool(problems)
            orphaned += len(left)
            print(
                f"round {n:2d}: killed {wait:.1f} s after its workers started"
                f"{' (it had already finished)' if finished else ''}; {len(below)} processes "
                f"below it, {len(left)} left after 5 s; works {_works(db):,}; integrity "
                f"{'ok' if not problems else 'FAILED: ' + '; '.join(problems)}",
                flush=True,
            )
        final = subprocess.run(
            [str(FANDEX), "--library", str(db), "import", str(fics), "-j", "2"],
            capture_output=True,
            text=True,
        )
        summary = final.stdout.strip().splitlines()[-1] if final.stdout.strip() else "?"
        problems = integrity(db)
        print(f"last import, not killed: exit {final.returncode}: {summary}; works {_works(db):,}; "
              f"integrity {'ok' if not problems else '; '.join(problems)}")  # fmt: skip
        inconsistent += bool(problems)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(f"kills: {kills} of {args.rounds} rounds (target 20: {met(kills >= 20)})")
    print(f"inconsistent libraries: {inconsistent} (target 0: {met(not inconsistent)})")
    print(f"orphaned workers: {orphaned} (target 0: {met(not orphaned)})")


if __name__ == "__main__":
    main()
