"""Fixtures for archive tests: the eFiction and Automated Archive fixtures written for
these tests (original stories), libraries imported from them, and a throwaway MariaDB
server (Debian's mariadb-server: ``mariadb-install-db`` + ``mariadbd`` on a socket in a
temporary folder, stopped at the end of the session). Without MariaDB installed the
MariaDB tests skip, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# The archive tests share a helper module beside them.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive_helpers import EFICTION, MariaDB, import_paths

from fandex.importer import ImportReport
from fandex.library import Library


@pytest.fixture
def efiction_lib(tmp_path: Path) -> Iterator[tuple[Library, ImportReport]]:
    """A library holding the eFiction fixture archive (dump + story files)."""
    lib = Library.open(tmp_path / "lib.db")
    report = import_paths(lib, EFICTION)
    yield lib, report
    lib.close()


@pytest.fixture(scope="session")
def mariadb() -> Iterator[MariaDB]:
    """A MariaDB server for this test session."""
    if not (shutil.which("mariadbd") or Path("/usr/sbin/mariadbd").exists()):
        reason = "MariaDB is not installed (apt-get install mariadb-server); tests skipped"
        if os.environ.get("CI") == "true":
            pytest.fail(reason.replace("tests skipped", "must run in CI"))
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="fandex-mariadb-"))
    server = MariaDB(folder)
    user = ["--user=root"] if os.geteuid() == 0 else []
    subprocess.run(
        ["mariadb-install-db", "--no-defaults", f"--datadir={folder / 'data'}",
         "--auth-root-authentication-method=normal", *user],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    daemon = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
    proc = subprocess.Popen(
        [daemon, "--no-defaults", f"--datadir={folder / 'data'}", f"--socket={server.socket}",
         "--skip-networking", f"--pid-file={folder / 'pid'}", f"--log-error={folder / 'err'}",
         "--innodb-buffer-pool-size=32M", *user],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(120):
            if server.socket.exists():
                try:
                    server.client("-e", "SELECT 1")
                    break
                except AssertionError:
                    pass
            time.sleep(0.25)
        else:
            pytest.fail("MariaDB did not start: " + (folder / "err").read_text(errors="replace"))
        yield server
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
