"""The import session: discover -> read -> clean -> parse -> tag -> store.

The session knows no interface (beets' ``ImportSession``): a UI subclasses it and
overrides :meth:`ImportSession.on_discovered` and :meth:`ImportSession.on_result` to
show progress. The per-file stages in :data:`STAGES` are plain functions run in worker
processes (:mod:`fandex.workers`; ``jobs`` of them, each file within a time budget), or
inline in this process with ``inline=True`` (debugging, and tests that register a
tagger at run time). Fetching bytes, the idempotence check and storing happen in the
session's own process, so the library has one writer; works are stored in batches.

Containment: every per-file step -- discovering an archive's members, fetching,
reading, cleaning, parsing, tagging, storing -- runs inside a per-file error boundary.
Whatever one file raises, of any class, becomes that file's one-line ``failed`` reason
and the run goes on; a file over the time budget is stopped with its worker, which is
replaced. Only an error outside per-file work (a bug in fandex) ends a run.

A file that reads but holds no story text (a story index, a gate page) is ``skipped``
with the reason, or, with ``keep_metadata_only``, stored with a ``metadata-only`` flag.

Idempotence: a file already imported with the same content is ``unchanged``; the same
content under another path is one work (a duplicate, recorded as a second source); a
changed file updates its work in place, keeping the work's id and every ``user`` tag.
"""

from __future__ import annotations

import itertools
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fandex.clean import clean
from fandex.errors import ConfigError, FandexError, NotAStory, reason
from fandex.library import Library, versions
from fandex.library.migrations import now
from fandex.library.signature import signature_of_text
from fandex.library.store import dialect_of, prepare
from fandex.model import METADATA_ONLY, Source, Work, content_hash, work_id_for
from fandex.parse import build_work
from fandex.parse.nonstory import judge
from fandex.parse.overlay import apply_overlay, overlay_bytes
from fandex.parse.sourceids import merge_ids, source_ids_for
from fandex.read import read_bytes
from fandex.read.discover import Candidate, Limits, Shelf, discover
from fandex.read.document import RawDocument
from fandex.tag.pipeline import TaggerPipeline
from fandex.workers import Outcome, WorkerPool, start_method, trim_memory

# CPU seconds one file may take (read to tagged) before it is stopped (fandex.workers
# counts the worker's CPU time, so other work on the machine does not eat it): generous,
# since the longest real fics take a few seconds; a file that takes longer is hostile or
# broken.
DEFAULT_TIME_BUDGET = 60.0
TIME_BUDGET_ENV = "FANDEX_TIME_BUDGET"
# ...plus this many seconds per megabyte of the file: the stages are linear in the size
# once the pre-parse limits hold (fandex.read.limits), so a big honest file on a busy
# machine gets the time it needs, while anything super-linear still runs out of it.
BUDGET_PER_MB = 2.0
# Memory one file may take in its worker, as a multiple of the largest file read (800 MB
# at the default 50 MB): reading, cleaning and tagging take about 5 times a file's size
# for text and up to 12 for HTML of many short paragraphs (README, Limits). A file that
# needs more fails ("out of memory") and the machine keeps its memory.
MEMORY_PER_FILE_SIZE = 16
# ...and never less than this, whatever the size limit (a page of small files still
# needs room to be parsed and tagged).
MEMORY_FLOOR = 512 * 1024 * 1024
# A file over this share of the largest file read is "big": one big file at a time is
# read and stored (the next waits until the last is in the library), so two of them --
# one in a worker, one being stored here, each some eight times its size -- never add up.
BIG_FILE_SHARE = 0.25

STATUSES = ("imported", "updated", "unchanged", "skipped", "failed")
# Processed works are stored in batches: one transaction per this many works, or
# after this many seconds (a commit per work was a sixth of an import's time).
SAVE_BATCH = 200
SAVE_EVERY = 2.0
# Files a worker holds at once (the one it reads and those sent ahead, up to
# fandex.workers.AHEAD_BYTES of them): enough to keep it reading while this process
# stores a batch, which takes a fraction of a second (a few files' worth of work).
WORKER_DEPTH = 32
# Once every file is sent, works are stored in smaller batches while the workers finish
# theirs: what is stored after the last worker is done (the import's tail, which no
# worker overlaps) is then a few works, not up to SAVE_EVERY seconds of them.
SAVE_BATCH_DRAINING = 20


@dataclass
class FileResult:
    """What happened to one file."""

    path: str
    status: str
    work_id: str | None = None
    title: str | None = None
    reason: str | None = None
    notices: list[str] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [])}


@dataclass
class Twin(FileResult):
    """A file with the same content as one read earlier in the same run (``first``): it
    gets that file's outcome once there is one (:func:`resolve_twin`)."""

    first: str = ""
    sha: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("first", None)
        out.pop("sha", None)
        return out


def resolve_twin(library: Library, twin: Twin, first: FileResult) -> Twin:
    """``twin`` given the outcome of the file it copies: a copy of a stored work is one
    more source of it (``unchanged``, a duplicate, as across runs); a copy of a file
    skipped or failed is skipped or failed with it, for the same reason. Never raises:
    a source the library refuses fails this copy alone."""
    if first.status in ("imported", "updated", "unchanged") and first.work_id:
        fmt = Path(twin.path).suffix.lstrip(".").lower() or "txt"
        try:
            library.add_source(first.work_id, Source(twin.path, fmt, twin.sha, now()))
        except Exception as exc:
            twin.status, twin.reason = "failed", reason(exc)
            return twin
        twin.status, twin.work_id, twin.reason = "unchanged", first.work_id, "duplicate"
    elif first.status in ("skipped", "failed"):
        twin.status = first.status
        twin.reason = f"same content as {first.path}" + (
            f": {first.reason}" if first.reason else ""
        )
    return twin


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in STATUSES}


@dataclass(frozen=True)
class TaggingOptions:
    """Which taggers a run uses; picklable so worker processes can build their own."""

    names: tuple[str, ...] | None = None
    disable: tuple[str, ...] = ()
    config: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    library: str | None = None  # the library the run writes to, for taggers that ask

    def stage_context(self, keep_metadata_only: bool = False) -> StageContext:
        """The stages' context: the taggers built, and the library's database."""
        return StageContext(
            taggers=self.build(),
            keep_metadata_only=keep_metadata_only,
            dialect=dialect_of(self.library),
        )

    def build(self) -> TaggerPipeline:
        return TaggerPipeline(
            list(self.names) if self.names is not None else None,
            disable=self.disable,
            config={name: dict(items) for name, items in self.config},
            library=self.library,
        )


# -- the per-file stages -----------------------------------------------------------------


@dataclass
class Job:
    """One file moving through the stages."""

    path: str
    data: bytes
    sha256: str
    work_id: str
    doc: RawDocument | None = None
    work: Work | None = None
    # What a catalogue (a calibre library, an archive dump) says about the file.
    overlay: dict[str, Any] | None = None


def read_stage(job: Job, _ctx: StageContext) -> None:
    job.doc = read_bytes(job.data, Path(job.path.rsplit("!", 1)[-1]).name)
    job.data = b""  # read: the bytes are not needed again (a big file's memory back)


def clean_stage(job: Job, _ctx: StageContext) -> None:
    assert job.doc is not None
    job.doc = clean(job.doc)


def parse_stage(job: Job, _ctx: StageContext) -> None:
    assert job.doc is not None
    work = build_work(job.doc)
    if work.title == "Untitled" and not any("title" in k.lower() for k in work.header):
        work.title = title_from_filename(job.path) or work.title
    work.id = job.work_id
    work.source = Source(path=job.path, format=job.doc.format, sha256=job.sha256, imported=now())
    job.work = work


def title_from_filename(path: str) -> str | None:
    """A title for a work whose file states none, the way a person would name it:
    ``04-the_long-night.txt`` -> "The Long Night".

    >>> title_from_filename("fics/04-the_long-night.txt")
    'The Long Night'
    >>> title_from_filename("archive.zip!story 12.TXT") is None
    False
    """
    stem = Path(path.rsplit("!", 1)[-1]).stem
    words = re.sub(r"^[\d\s._-]+", "", stem).replace("_", " ").replace("-", " ").split()
    if not words:
        return None
    title = " ".join(words)
    return title.title() if title.islower() else title


def judge_stage(job: Job, ctx: StageContext) -> None:
    """A page with no story text (an index, a gate page) is skipped, or kept flagged."""
    assert job.work is not None
    verdict = judge(job.work, job.doc)
    if verdict is None:
        return
    if not ctx.keep_metadata_only:
        raise NotAStory(verdict)
    job.work.flags.append({"kind": METADATA_ONLY, "reason": verdict})


def overlay_stage(job: Job, _ctx: StageContext) -> None:
    """Merge a catalogue's record of the file as stated (fandex.parse.overlay)."""
    assert job.work is not None
    apply_overlay(job.work, job.overlay)


def identify_stage(job: Job, _ctx: StageContext) -> None:
    """The story's stated ids (AO3 work id, story URL...), for grouping copies."""
    assert job.work is not None and job.doc is not None
    work = job.work
    found = source_ids_for(job.doc.metadata, work.header, [work.notes_begin, work.summary])
    work.source_ids = merge_ids(work.source_ids, found)


def release_stage(job: Job, _ctx: StageContext) -> None:
    """Drop the document's text once the work is made of it: only its format, metadata
    and notices are read after this. Kept, a 45 MB one-line text was held once more
    through all of tagging, beside the chapter made of it (the worker's peak)."""
    assert job.doc is not None
    job.doc = replace(job.doc, blocks=[], chapters=[])


def signature_stage(job: Job, _ctx: StageContext) -> None:
    """The text signature grouping looks copies up by, computed here in the worker."""
    assert job.work is not None
    job.work.signature = signature_of_text([c.text for c in job.work.chapters])


def tag_stage(job: Job, ctx: StageContext) -> None:
    assert job.work is not None
    ctx.taggers(job.work)


def prepare_stage(job: Job, ctx: StageContext) -> None:
    """What the library computes when it stores a work (the text index entry), done
    here, in the worker, so the library's one writer only writes."""
    assert job.work is not None
    job.work.prepared = prepare(job.work, ctx.dialect)


@dataclass
class StageContext:
    taggers: TaggerPipeline
    keep_metadata_only: bool = False
    dialect: str = "sqlite"  # of the library the works go to (for prepare_stage)
    warm: bool = False  # the stages have run once in this process (see warm_up)


Stage = Callable[[Job, StageContext], None]

# The order of the pipeline, in one place. A plugin may insert a stage.
STAGES: list[tuple[str, Stage]] = [
    ("read", read_stage),
    ("clean", clean_stage),
    ("parse", parse_stage),
    ("judge", judge_stage),
    ("overlay", overlay_stage),
    ("identify", identify_stage),
    ("release", release_stage),  # stages after it see the document without its text
    ("tag", tag_stage),
    ("signature", signature_stage),
    ("prepare", prepare_stage),
]


def process(job: Job, ctx: StageContext) -> tuple[Work | None, FileResult]:
    """Run every stage on one file; any error becomes a failed result for that file."""
    stage_name = "read"
    try:
        for stage_name, stage in STAGES:  # noqa: B007 (named in the failure reason)
            stage(job, ctx)
    except NotAStory as exc:
        return None, FileResult(job.path, "skipped", reason=reason(exc))
    except FandexError as exc:
        return None, FileResult(job.path, "failed", reason=reason(exc))
    except RecursionError:
        return None, FileResult(
            job.path, "failed", reason=f"{stage_name}: structure nested too deeply"
        )
    except Exception as exc:  # a bug in one reader or parser must not stop the import
        return None, FileResult(job.path, "failed", reason=f"{stage_name} failed: {reason(exc)}")
    assert job.work is not None and job.doc is not None
    result = FileResult(
        job.path,
        "processed",
        work_id=job.work.id,
        title=job.work.title,
        notices=list(job.doc.notices),
        failures=list(job.work.failures),
    )
    job.data = b""  # do not ship the bytes back across the process boundary
    job.doc = None
    return job.work, result


# Worker processes build their tagger pipeline once, not per file.
_WORKER_CTX: StageContext | None = None


def _init_worker(
    options: TaggingOptions, keep_metadata_only: bool = False, built: StageContext | None = None
) -> None:
    """Set up a worker: the pipeline the parent built (a forked worker has it already)
    or a new one from ``options``."""
    global _WORKER_CTX
    if built is None:  # started from a fork server: load what the stages load now, so
        built = options.stage_context(keep_metadata_only)  # it counts before the cap
        warm_up(built)
    _WORKER_CTX = built


def _process_in_worker(job: Job) -> tuple[Work | None, FileResult]:
    assert _WORKER_CTX is not None
    return process(job, _WORKER_CTX)


_WARM_SAMPLE = (
    b'Title: Warm\nAuthor: Fandex\n\nThe rain fell on the house.\n\n"Come in," she said.\n'
)


def warm_up(ctx: StageContext) -> None:
    """Run the stages once on a tiny text, so what they load on first use (cue lists,
    packs, models) is loaded now: here before forking workers (once, not in every
    worker), or as a cluster worker starts (not inside its first partition)."""
    if ctx.warm:
        return
    process(Job("warm.txt", _WARM_SAMPLE, content_hash(_WARM_SAMPLE), "0" * 16), ctx)
    ctx.warm = True


def default_time_budget() -> float | None:
    """The per-file time budget: ``$FANDEX_TIME_BUDGET`` seconds, else
    :data:`DEFAULT_TIME_BUDGET`; 0 means none. ConfigError when the variable is not a
    number."""
    raw = os.environ.get(TIME_BUDGET_ENV, "").strip()
    if not raw:
        return DEFAULT_TIME_BUDGET
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{TIME_BUDGET_ENV}={raw!r} is not a number of seconds") from None
    if value != value or value < 0:  # NaN or negative
        raise ConfigError(f"{TIME_BUDGET_ENV}={raw!r} is not a number of seconds")
    return value or None


def triage(
    library: Library, cand: Candidate, limits: Limits, seen: dict[str, str]
) -> Job | FileResult:
    """What a candidate file needs: a :class:`Job` to run through the stages, or the
    result it already has (failed to load, unchanged, the same content as a file seen
    in this run (``seen``: sha -> path, updated here) or as a stored work, which gets
    this file as another source). Whatever fetching the file raises (unreadable, a
    damaged zip member, over a limit) is its failed result."""
    if cand.error:
        return FileResult(cand.path, "failed", reason=cand.error)
    try:
        return _triage(library, cand, limits, seen)
    except Exception as exc:
        return FileResult(cand.path, "failed", reason=reason(exc))


def _triage(
    library: Library, cand: Candidate, limits: Limits, seen: dict[str, str]
) -> Job | FileResult:
    data = cand.load(limits)
    # A catalogue's record is part of what is imported: editing a tag in calibre
    # changes the import even when the book file is the same.
    sha = content_hash(data + overlay_bytes(cand.overlay)) if cand.overlay else content_hash(data)
    known = library.source(cand.path)
    if known and known[1] == sha:
        return FileResult(cand.path, "unchanged", work_id=known[0])
    if sha in seen:
        first = seen[sha]
        return Twin(cand.path, "unchanged", reason=f"same content as {first}", first=first, sha=sha)
    twin = None if known else library.work_for_sha(sha)
    if twin:
        fmt = Path(cand.path).suffix.lstrip(".").lower() or "txt"
        library.add_source(twin, Source(cand.path, fmt, sha, now()))
        return FileResult(cand.path, "unchanged", work_id=twin, reason="duplicate")
    seen[sha] = cand.path
    return Job(cand.path, data, sha, known[0] if known else work_id_for(sha), overlay=cand.overlay)


# -- the session -------------------------------------------------------------------------


class ImportSession:
    """Imports paths into a library.

    ``jobs``: worker processes (0: one per core). ``time_budget``: seconds one file may
    take before it is stopped and failed (None: :func:`default_time_budget`; 0: no
    limit). ``inline``: run the stages in this process instead of workers (no time
    budget): for debugging, and for taggers registered at run time.
    """

    def __init__(
        self,
        library: Library,
        *,
        jobs: int = 1,
        limits: Limits | None = None,
        tagging: TaggingOptions | None = None,
        time_budget: float | None = None,
        inline: bool = False,
        keep_metadata_only: bool = False,
    ) -> None:
        self.library = library
        self.keep_metadata_only = keep_metadata_only
        self.jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
        self.limits = limits or Limits.from_env()
        budget = default_time_budget() if time_budget is None else time_budget
        self.time_budget: float | None = budget if budget and budget > 0 else None
        self.inline = inline
        self.tagging = replace(tagging or TaggingOptions(), library=library.location)
        # Build once up front: a bad tagger order fails here, before any file is read.
        self._ctx = self.tagging.stage_context(keep_metadata_only)
        self.report = ImportReport()
        self.grouping: versions.GroupReport | None = None
        self._batch: list[tuple[Work, FileResult]] = []
        # Copies of a file read earlier in this run, waiting for its outcome: path -> twins.
        self._twins: dict[str, list[Twin]] = {}
        self._outcomes: dict[str, FileResult] = {}  # path -> its result, for copies after it
        self._batch_size = SAVE_BATCH
        self._flushed = time.monotonic()

    # Hooks a user interface overrides.
    def on_discovered(self, total: int) -> None:
        """Called once discovery is done, with the number of candidate files."""

    def on_result(self, result: FileResult) -> None:
        """Called after each file, in completion order."""

    # The run.
    def run(self, paths: Iterable[str | os.PathLike[str]]) -> ImportReport:
        shelf = Shelf()
        try:
            candidates = list(discover([Path(p) for p in paths], self.limits, shelf))
            self.on_discovered(len(candidates))
            jobs = self._fetch(candidates)
            if self.inline:
                for job in jobs:
                    self._finish(*process(job, self._ctx))
            else:
                self._run_workers(jobs)
        finally:
            shelf.close_all()
            # What was processed is stored, even when the run is interrupted.
            self._flush()
            # Copies of a file with no outcome (an interrupted run): reported as they are.
            waiting, self._twins = self._twins, {}
            for twins in waiting.values():
                for twin in twins:
                    self._record(twin)
        self.group_copies()
        return self.report

    def group_copies(self) -> None:
        """Group the works this run stored with the copies the library holds."""
        changed = [
            r.work_id
            for r in self.report.results
            if r.status in ("imported", "updated") and r.work_id
        ]
        if changed:
            self.on_grouping(len(changed))
            self.grouping = versions.group(self.library, changed)

    def on_grouping(self, total: int) -> None:
        """Called before the works stored are grouped with their other copies."""

    def _record(self, result: FileResult) -> None:
        self.report.results.append(result)
        self.on_result(result)
        self._outcomes[result.path] = result
        for twin in self._twins.pop(result.path, ()):
            self._record(resolve_twin(self.library, twin, result))

    def _fetch(self, candidates: list[Candidate]) -> Iterator[Job]:
        """Load bytes and drop what needs no work; yields jobs lazily (bounded memory)."""
        seen: dict[str, str] = {}  # sha -> path, within this run
        for cand in candidates:
            outcome = triage(self.library, cand, self.limits, seen)
            if isinstance(outcome, Twin):
                first = self._outcomes.get(outcome.first)
                if first is not None:  # its outcome is known already
                    self._record(resolve_twin(self.library, outcome, first))
                else:
                    self._twins.setdefault(outcome.first, []).append(outcome)
            elif isinstance(outcome, FileResult):
                self._record(outcome)
            else:
                yield outcome
                del outcome  # hold no file's bytes while the next one is fetched

    def _finish(self, work: Work | None, result: FileResult) -> None:
        """A processed file: its work waits in the batch; a failure is reported now."""
        if work is None:
            self._record(result)
            return
        self._batch.append((work, result))
        if len(self._batch) >= self._batch_size or time.monotonic() - self._flushed > SAVE_EVERY:
            self._flush()

    def _flush(self) -> None:
        """Store the batch in one transaction (one statement per table); if that fails,
        work by work, so one bad work fails alone."""
        batch, self._batch = self._batch, []
        self._flushed = time.monotonic()
        if not batch:
            return
        try:
            saved = self.library.save_many([w for w, _r in batch])
            for (_w, result), outcome in zip(batch, saved, strict=True):
                result.status = outcome.status
        except Exception:  # one work the library refuses: store them one by one
            for work, result in batch:
                try:
                    result.status = self.library.save(work).status
                except Exception as exc:  # this work cannot be stored; the next may be
                    result.status, result.reason = "failed", reason(exc)
        for _w, result in batch:
            self._record(result)

    def budget_for(self, size: int) -> float | None:
        """Seconds a file of ``size`` bytes may take: the time budget, plus
        :data:`BUDGET_PER_MB` per megabyte (None: no limit)."""
        if self.time_budget is None:
            return None
        return self.time_budget + BUDGET_PER_MB * size / (1024 * 1024)

    def _outcome(self, outcome: Outcome, big: set[str]) -> None:
        if outcome.error is not None:
            hint = " (fandex import --time-budget to allow more)" if outcome.overran else ""
            self._record(FileResult(outcome.key, "failed", reason=outcome.error + hint))
        else:
            work, result = outcome.value
            # The outcome (in the list being gone through) holds the work no longer: a
            # big one is freed once stored, before the memory is handed back below.
            outcome.value = None
            self._finish(work, result)
            del work
        if outcome.key in big:
            big.discard(outcome.key)
            self._flush()  # stored now: its memory back before the next big file is read
            self.library.release_memory()
            trim_memory()

    def _run_workers(self, jobs: Iterator[Job]) -> None:
        """Each job to the next free worker; results stored as they come back."""
        first = next(jobs, None)
        if first is None:  # nothing to read (a re-import of unchanged files): no workers
            return
        jobs = itertools.chain([first], jobs)
        del first
        # A forked worker starts with this process's pipeline, warmed here once so what it
        # loads on first use is shared; a fork server's worker builds its own.
        method = start_method()
        if method == "fork":
            warm_up(self._ctx)
        pool = WorkerPool(
            self.jobs,
            _process_in_worker,
            _init_worker,
            (self.tagging, self.keep_metadata_only, self._ctx if method == "fork" else None),
            budget=self.time_budget,
            memory=max(MEMORY_PER_FILE_SIZE * self.limits.max_file_bytes, MEMORY_FLOOR),
            method=method,
            preload=("fandex.importer",),
            depth=WORKER_DEPTH,
        )
        big_size = BIG_FILE_SHARE * self.limits.max_file_bytes
        big: set[str] = set()  # big files being read or not yet stored
        with pool:
            for job in jobs:
                size = len(job.data)
                while not pool.idle(size) or (size > big_size and big):
                    for outcome in pool.collect():
                        self._outcome(outcome, big)
                if size > big_size:
                    big.add(job.path)
                pool.submit(job.path, job, self.budget_for(size))
                del job  # the worker has the bytes now
            self._batch_size = min(SAVE_BATCH, SAVE_BATCH_DRAINING)
            while pool.busy:
                for outcome in pool.collect():
                    self._outcome(outcome, big)
