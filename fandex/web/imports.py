"""Uploads from the browser, imported in a background thread the page polls.

An upload is written under the library's ``uploads`` folder, at a path made from the
content hash and a cleaned file name (never a name the client chose as a path), so
uploading the same file twice is the same source and imports as ``unchanged``. A
library with no folder of its own (in memory, on a database server) keeps uploads in a
temporary folder made at the first upload and removed when the server stops.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fandex import crashlog
from fandex.errors import reason
from fandex.importer import FileResult, ImportSession
from fandex.library import Library
from fandex.model import content_hash

__all__ = ["ImportJob", "ImportJobs", "safe_filename"]

_KEEP = 50  # finished jobs remembered for their result pages


def _has_folder(location: str) -> bool:
    """Whether the library is a file, beside which uploads can be kept."""
    return "://" not in location and location != ":memory:"


def safe_filename(name: str) -> str:
    """A file name with no folders, no leading dots and only harmless characters.

    >>> safe_filename("../../etc/passwd")
    'passwd'
    >>> safe_filename("C:\\\\fics\\\\My Fic (1).txt")
    'My_Fic_1.txt'
    """
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload"
    base = re.sub(r"_+", "_", base).replace("_.", ".")
    return base[:120]


@dataclass
class ImportJob:
    """One upload's import: progress and per-file results."""

    id: str
    files: list[str]
    total: int | None = None
    results: list[FileResult] = field(default_factory=list)
    state: str = "queued"  # queued | running | done | failed
    error: str | None = None
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        return {
            "id": self.id,
            "state": self.state,
            "files": list(self.files),
            "total": self.total,
            "done": len(self.results),
            "counts": counts,
            "results": [r.to_dict() for r in self.results],
            "error": self.error,
        }


class _WebSession(ImportSession):
    """An import session that reports into an :class:`ImportJob`."""

    def __init__(self, library: Library, job: ImportJob) -> None:
        super().__init__(library, jobs=1)
        self.job = job

    def on_discovered(self, total: int) -> None:
        self.job.total = total

    def on_result(self, result: FileResult) -> None:
        self.job.results.append(result)


class ImportJobs:
    """The uploads of one server: where they are kept and the jobs importing them."""

    def __init__(self, library: Library, upload_dir: Path | None = None) -> None:
        self.library = library
        if upload_dir is None and not _has_folder(library.location):
            self._folder: Path | None = None  # a temporary one, made at the first upload
        else:
            self._folder = upload_dir or Path(library.location).parent / "uploads"
        self._removal: weakref.finalize[..., ImportJobs] | None = None
        self.jobs: dict[str, ImportJob] = {}
        self._lock = threading.Lock()

    @property
    def upload_dir(self) -> Path:
        """Where uploads are kept (made now if it is a temporary folder not made yet)."""
        with self._lock:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="fandex-uploads-"))
                # Removed by close(), or at exit if the server never said it stopped.
                self._removal = weakref.finalize(
                    self, shutil.rmtree, self._folder, ignore_errors=True
                )
            return self._folder

    def close(self) -> None:
        """The server stops: remove the temporary upload folder, if one was made."""
        if self._removal is not None:
            self._removal()

    def store(self, name: str, data: bytes) -> Path:
        """Write one uploaded file where the import will read it."""
        folder = self.upload_dir / content_hash(data)[:16]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / safe_filename(name)
        if not path.exists():
            path.write_bytes(data)
        return path

    def start(self, paths: list[Path], *, wait: bool = False) -> ImportJob:
        """Import ``paths`` in a background thread (or inline when ``wait``)."""
        job = ImportJob(id=secrets.token_hex(8), files=[p.name for p in paths])
        with self._lock:
            self.jobs[job.id] = job
            for old in list(self.jobs)[:-_KEEP]:
                del self.jobs[old]
        if wait:
            self._run(job, paths)
        else:
            threading.Thread(target=self._run, args=(job, paths), daemon=True).start()
        return job

    def _run(self, job: ImportJob, paths: list[Path]) -> None:
        job.state = "running"
        try:
            _WebSession(self.library, job).run([str(p) for p in paths])
            job.state = "done"
        except Exception as exc:  # a bug in fandex: one line for the page, the server stays up
            log = crashlog.save(exc, context=f"importing an upload ({', '.join(job.files)})")
            where = f"; the traceback is in {log}" if log else ""
            job.state, job.error = "failed", f"internal error ({reason(exc)}){where}"
        job.finished = time.time()

    def get(self, job_id: str) -> ImportJob | None:
        return self.jobs.get(job_id)

    def recent(self) -> list[ImportJob]:
        return sorted(self.jobs.values(), key=lambda j: -j.started)
