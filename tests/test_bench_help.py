"""Every bench script answers ``--help`` with what it measures and stops, instead of
starting a run that may take minutes or write files."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
# Modules other benches import; they have no run of their own.
HELPERS = {"fuzz_procs.py", "fuzz_seeds.py", "load_fics.py"}
SCRIPTS = sorted(
    p.name
    for p in BENCH.glob("*.py")
    if p.name not in HELPERS and 'if __name__ == "__main__":' in p.read_text("utf-8")
)


def test_scripts_found() -> None:
    assert len(SCRIPTS) > 20


@pytest.mark.parametrize("name", SCRIPTS)
def test_help_says_what_and_stops(name: str, tmp_path: Path) -> None:
    # Run from an empty folder: a script that ignored --help and started its run would
    # fail to find its data or take far longer than the timeout.
    done = subprocess.run(
        [sys.executable, str(BENCH / name), "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-500:]
    out = done.stdout
    doc = ast.get_docstring(ast.parse((BENCH / name).read_text("utf-8"))) or ""
    # argparse's usage line, or the docstring that says what the script measures.
    assert out.startswith("usage:") or (doc and out.startswith(doc.splitlines()[0])), out[:300]
    assert list(tmp_path.iterdir()) == []
