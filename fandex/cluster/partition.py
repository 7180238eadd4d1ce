"""One partition of a batch import or re-tag, as a Dask worker runs it.

The stages are the local import's own (:func:`fandex.importer.process`: read -> clean ->
parse -> tag, with the same taggers); what differs is only how results are written:
every work of a partition goes into the library in one transaction
(:meth:`fandex.library.Library.save_many`: one statement per table, PostgreSQL's
vectors by COPY), so a partition is stored whole or not at all. It is idempotent: a
file whose path and content hash are already stored is ``unchanged``, a work is keyed
by its id (from the content hash), so a job killed half-way and run again does only
the partitions that never committed.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fandex.errors import LibraryError, reason
from fandex.importer import (
    FileResult,
    Job,
    StageContext,
    TaggingOptions,
    Twin,
    process,
    resolve_twin,
    triage,
    warm_up,
)
from fandex.library import Library
from fandex.library.store import prepare
from fandex.model import Work
from fandex.read.discover import Limits, discover


@dataclass
class WorkerState:
    """What a worker loads once and keeps for every partition: the tagger pipeline
    (packs, lexicons, models) and the open library."""

    library: Library
    stages: StageContext

    @classmethod
    def load(cls, location: str, tagging: TaggingOptions) -> WorkerState:
        """Open the library and build the taggers, then run the stages once on a tiny
        text so what they load on first use (cue lists, packs, models) is loaded now,
        once per worker, not inside the first partition."""
        state = cls(Library.open(location), tagging.stage_context())
        warm_up(state.stages)
        return state


@dataclass
class PartitionReport:
    """What a partition did: a count per status and the files that failed."""

    counts: Counter[str] = field(default_factory=Counter)
    failed: list[FileResult] = field(default_factory=list)
    files: int = 0
    cpu: float = 0.0  # CPU seconds the worker spent on the partition

    def add(self, result: FileResult) -> None:
        self.counts[result.status] += 1
        self.files += 1
        if result.status == "failed":
            self.failed.append(result)


def import_partition(state: WorkerState, units: list[str], limits: Limits) -> PartitionReport:
    """Import the files under ``units`` (files, or archives read on this worker) and
    store their works in one transaction."""
    report = PartitionReport()
    started = time.process_time()
    lib = state.library
    jobs: list[Job] = []
    twins: list[Twin] = []  # copies of a file read earlier in the partition
    seen: dict[str, str] = {}
    for cand in discover([Path(u) for u in units], limits):
        outcome = triage(lib, cand, limits, seen)
        if isinstance(outcome, Twin):
            twins.append(outcome)
        elif isinstance(outcome, FileResult):
            report.add(outcome)
        else:
            jobs.append(outcome)
    works: list[Work] = []
    results: list[FileResult] = []
    done: dict[str, FileResult] = {}
    for job in jobs:
        work, result = process(job, state.stages)
        done[result.path] = result
        if work is None:
            report.add(result)
        else:
            works.append(work)
            results.append(result)
    _store(lib, works, results, report)
    for twin in twins:  # each gets its first's outcome, as in a local import
        first = done.get(twin.first)
        report.add(twin if first is None else resolve_twin(lib, twin, first))
    report.cpu = time.process_time() - started
    return report


def retag_partition(state: WorkerState, ids: list[str], names: tuple[str, ...]) -> PartitionReport:
    """Re-run the taggers ``names`` on the stored works ``ids``; the changed ones are
    stored again in one transaction (tags a person set are kept, as on every save)."""
    from fandex.tag.retag import retag

    report = PartitionReport()
    started = time.process_time()
    changed: list[Work] = []
    for work in state.library.iter_works(ids, with_text=True):
        if retag(work, state.stages.taggers, names):
            changed.append(work)
        else:
            report.add(FileResult(work.id, "unchanged", work_id=work.id))
    results = [FileResult(w.id, "retagged", work_id=w.id, title=w.title) for w in changed]
    _store(state.library, changed, results, report)
    report.cpu = time.process_time() - started
    return report


def _store(
    lib: Library, works: list[Work], results: list[FileResult], report: PartitionReport
) -> None:
    prepared = [w.prepared or prepare(w, lib.dialect) for w in works]
    try:
        try:
            saved = lib.save_many(works, prepared)
        except LibraryError:
            # Another partition stored the same content meanwhile (one story in two
            # partitions): as in a local import, this file becomes another source of
            # that work; the rest are stored again.
            works, results, prepared = _without_new_twins(lib, works, results, prepared, report)
            saved = lib.save_many(works, prepared)
    except Exception as exc:  # the partition cannot be stored: its files fail, the run goes on
        for result in results:
            result.status, result.reason = "failed", reason(exc)
            report.add(result)
        return
    for result, outcome in zip(results, saved, strict=True):
        if result.status == "processed":
            result.status = outcome.status
        report.add(result)


def _without_new_twins(
    lib: Library,
    works: list[Work],
    results: list[FileResult],
    prepared: list[dict[str, Any]],
    report: PartitionReport,
) -> tuple[list[Work], list[FileResult], list[dict[str, Any]]]:
    keep: list[int] = []
    for i, work in enumerate(works):
        source = work.source
        twin = lib.work_for_sha(source.sha256) if source else None
        if source is None or twin is None or lib.source(source.path) is not None:
            keep.append(i)
            continue
        lib.add_source(twin, source)
        report.add(FileResult(source.path, "unchanged", work_id=twin, reason="duplicate"))
    return [works[i] for i in keep], [results[i] for i in keep], [prepared[i] for i in keep]


def plain(report: PartitionReport) -> dict[str, Any]:
    """A report as plain data (what travels back to the client)."""
    return {
        "counts": dict(report.counts),
        "failed": [r.to_dict() for r in report.failed],
        "files": report.files,
        "cpu": report.cpu,
    }


__all__ = ["PartitionReport", "WorkerState", "import_partition", "plain", "retag_partition"]
