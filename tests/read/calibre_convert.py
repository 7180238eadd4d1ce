"""Files made by calibre's ``ebook-convert`` for the reader tests, as fans make them.

Without calibre installed the tests that convert say so and skip, except under
``CI=true``, where they fail: CI installs calibre (scripts/install-system-deps)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def convert(source: bytes, name: str, fmt: str, folder: Path) -> bytes:
    """``source`` (a file called ``name``) converted by calibre to ``fmt``, with calibre's
    default options."""
    exe = shutil.which("ebook-convert")
    if exe is None:
        reason = "calibre is not installed (apt-get install calibre); conversion tests skipped"
        if os.environ.get("CI") == "true":
            pytest.fail(reason.replace("skipped", "must run in CI"))
        pytest.skip(reason)
    src = folder / name
    src.write_bytes(source)
    out = folder / f"{src.stem}.{fmt}"
    subprocess.run([exe, str(src), str(out)], capture_output=True, timeout=300, check=True)
    return out.read_bytes()
