"""Real-world evaluation: fandex on real fan fiction files with hand labels.

Runs the shared scorer exactly as ``../shared/data/realworld/README.md`` says: every file
named in ``gold.yaml`` is imported into a fresh temporary library with this tree's
``.venv/bin/fandex``, the records are dumped with ``../shared/tools/records_text.py``
(``fandex import --json``, then ``fandex show ID --json --text`` per work) and scored
with ``../shared/tools/eval_realworld.py``. It prints the scorer's failing checks (every
check with ``-v``), its per-field and per-kind shares and the final
``realworld: N/M checks (P%)`` line.

The shared tools run under the system ``python3`` (they need PyYAML, which fandex does
not). The files are real works by their authors: they are read from ``../shared/data``
only and never copied into this repository. When that folder is absent the bench says
so and exits 0 (nothing to measure).

Run from the repository root::

    .venv/bin/python bench/eval_realworld.py [-v] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "realworld"
TOOLS = SHARED / "tools"
FANDEX = ROOT / ".venv" / "bin" / "fandex"

# The README's own one-liner for the file list (gold.yaml, read by the system python3).
_FILES = (
    "import yaml,sys; print('\\n'.join(sys.argv[1] + '/' + c['file'] "
    "for c in yaml.safe_load(open(sys.argv[1] + '/gold.yaml'))['cases']))"
)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every check")
    ap.add_argument("--keep", help="keep the library and records in this folder")
    args = ap.parse_args(argv)
    if not (DATA / "gold.yaml").is_file() or not (TOOLS / "eval_realworld.py").is_file():
        print(f"eval_realworld: {DATA} (or the scorer in {TOOLS}) is absent; nothing measured")
        return 0
    if not FANDEX.exists():
        print(f"eval_realworld: {FANDEX} is missing; run `make install-test` first")
        return 2
    python = shutil.which("python3") or "python3"
    listed = subprocess.run(
        [python, "-c", _FILES, str(DATA)], capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        print(f"eval_realworld: could not list gold.yaml: {listed.stderr.strip()[-200:]}")
        return 2
    files = listed.stdout.split("\n")
    files = [f for f in files if f.strip()]
    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="fandex-rw-"))
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("library.db", "library.db-wal", "library.db-shm"):
        (out / stale).unlink(missing_ok=True)  # a fresh library every run
    records = out / "rw.json"
    env = dict(os.environ, FANDEX=str(FANDEX), FANDEX_LIBRARY=str(out / "library.db"))
    try:
        dump = subprocess.run(
            [python, str(TOOLS / "records_text.py"), str(records), *files],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        print(dump.stdout.strip() or dump.stderr.strip())
        if dump.returncode != 0:
            return 1
        quiet = [] if args.verbose else ["--quiet"]
        score = subprocess.run(
            [
                python,
                str(TOOLS / "eval_realworld.py"),
                str(DATA / "gold.yaml"),
                str(records),
                "--min",
                "0",
                *quiet,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        print(score.stdout.rstrip())
        if score.stderr.strip():
            print(score.stderr.rstrip(), file=sys.stderr)
        return score.returncode
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
