"""The discover stage: paths and folders -> candidate files, with size limits."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or mistaken input from eating the machine."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_entries: int = 10_000
    max_total_bytes: int = 2 * 1024 * 1024 * 1024
    max_ratio: float = 100.0


@dataclass
class Candidate:
    """One file to import. ``path`` is its identity in the library (a zip member is
    ``archive.zip!member``); ``data`` is filled when the bytes come from an archive."""

    path: str
    fs_path: Path | None = None
    data: bytes | None = None
    error: str | None = None  # set when the file cannot even be fetched

    def load(self, limits: Limits) -> bytes:
        if self.data is not None:
            return self.data
        assert self.fs_path is not None
        size = self.fs_path.stat().st_size
        if size > limits.max_file_bytes:
            raise OSError(f"file is {size} bytes, over the {limits.max_file_bytes}-byte limit")
        return self.fs_path.read_bytes()


def _hidden(name: str) -> bool:
    return name.startswith(".") or name in {"Thumbs.db", "desktop.ini", "__MACOSX"}


def discover(paths: list[str | Path], limits: Limits | None = None) -> Iterator[Candidate]:
    """Yield candidate files under ``paths`` in a stable order; folders are recursed."""
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield Candidate(str(p), error="no such file or folder")
        elif p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not _hidden(d))
                for name in sorted(files):
                    if not _hidden(name):
                        f = Path(root) / name
                        yield Candidate(str(f), fs_path=f)
        else:
            yield Candidate(str(p), fs_path=p)
