"""CLI start-up: CPU time of ``fandex --help``, ``fandex ls`` on an empty library and
``fandex import`` of an empty folder, each in a fresh process (target: under 0.3 s for
the first two).

    .venv/bin/python bench/bench_startup.py [--runs 7] [--fandex OTHER/.venv/bin/fandex]

Each command runs ``--runs`` times; the median CPU time (user + system, the process
and any children) is printed. Python's compiled modules are kept, as an installed
package has them (in a temporary ``PYTHONPYCACHEPREFIX``: a first run makes them and
fandex's regular-expression cache, and is not counted): with
``PYTHONDONTWRITEBYTECODE`` set and an editable install, every run would compile
fandex's own modules from source (about 0.1 s more).

``--fandex`` also times another build's ``fandex`` (e.g. the main branch's), side by side.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET = 0.3
FANDEX = Path(sys.executable).with_name("fandex")


def cpu_of(cmd: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one run of ``cmd``."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, ru = os.wait4(proc.pid, 0)
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace").strip()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err}")
    return ru.ru_utime + ru.ru_stime


def measure(exe: Path, runs: int, root: Path) -> dict[str, float]:
    env = {**os.environ, "XDG_DATA_HOME": str(root / "data"), "XDG_CACHE_HOME": str(root)}
    env.pop("FANDEX_LIBRARY", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    empty = root / "empty"
    empty.mkdir(exist_ok=True)
    library = str(root / "library.db")
    commands = {
        "fandex --help": [str(exe), "--help"],
        "fandex ls (empty library)": [str(exe), "--library", library, "ls"],
        "fandex import (empty folder)": [str(exe), "--library", library, "import", str(empty)],
    }
    out = {}
    for name, cmd in commands.items():
        cpu_of(cmd, env)  # makes the library, the bytecode and the regex cache
        out[name] = statistics.median(cpu_of(cmd, env) for _ in range(runs))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--fandex", type=Path, action="append", default=[], help="also time this")
    args = ap.parse_args()
    builds = [FANDEX, *args.fandex]
    print(f"median CPU of {args.runs} runs, fresh processes (machine shared: compare columns)")
    results = []
    for exe in builds:
        with tempfile.TemporaryDirectory(prefix="fandex-startup-") as tmp:
            results.append(measure(exe, args.runs, Path(tmp)))
    for i, exe in enumerate(builds):
        print(f"  [{i}] {exe}")
    for name in results[0]:
        cols = "  ".join(f"[{i}] {r[name]:5.2f} s" for i, r in enumerate(results))
        verdict = ""
        if "import" not in name:
            met = results[0][name] < TARGET
            verdict = f"  target < {TARGET} s: {'met' if met else 'NOT met'} [0]"
        print(f"  {name:<30} {cols}{verdict}")


if __name__ == "__main__":
    main()
