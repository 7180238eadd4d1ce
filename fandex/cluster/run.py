"""Batch import and re-tag on a Dask cluster (``dask.distributed``).

The client (``fandex import --cluster ...``) discovers the files, cuts them into
partitions and hands each to a worker; every worker loads its state once (a
:class:`FandexPlugin`: the tagger pipeline with its packs, lexicons and models, and an
open library), runs the local import's stages on its partitions
(:mod:`fandex.cluster.partition`) and writes each partition into the library in one
transaction. The library is shared by every worker, so it is a PostgreSQL database
(a SQLite file takes one writer at a time; ``--cluster local`` accepts one for a try).

Files must be readable from the workers at the same paths (a shared filesystem): the
client sends paths, not bytes. An archive (a zip, a dump) is one unit, read by the
worker that gets it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from fandex.errors import FandexError, reason
from fandex.importer import TaggingOptions
from fandex.read.discover import Limits, discover

PLUGIN_NAME = "fandex"
# Files per partition: big enough that a transaction's fixed cost is small, small
# enough that a killed job loses little and every worker gets a share.
DEFAULT_PARTITION = 50


class ClusterError(FandexError):
    """The cluster cannot be reached or used (one line for the user)."""


@dataclass
class ClusterReport:
    """What a cluster run did, summed over its partitions."""

    counts: Counter[str] = field(default_factory=Counter)
    failed: list[dict[str, Any]] = field(default_factory=list)
    partitions: int = 0
    dashboard: str | None = None
    cpu: float = 0.0  # CPU seconds the workers spent on partitions

    def add(self, part: dict[str, Any]) -> None:
        self.counts.update(part["counts"])
        self.failed += part["failed"]
        self.partitions += 1
        self.cpu += part.get("cpu", 0.0)


def failed_part(units: list[str], exc: BaseException) -> dict[str, Any]:
    """The report of a part whose task failed as a whole: each unit failed, with why.

    >>> failed_part(["a.txt"], MemoryError())["failed"][0]["reason"]
    'the cluster task reading it failed (out of memory)'
    """
    why = f"the cluster task reading it failed ({reason(exc)})"
    return {
        "counts": {"failed": len(units)},
        "failed": [{"path": u, "status": "failed", "reason": why} for u in units],
        "files": len(units),
        "cpu": 0.0,
    }


def _plugin_class() -> type:
    from distributed import WorkerPlugin

    class FandexPlugin(WorkerPlugin):  # type: ignore[misc]
        """Loads a worker's fandex state once: the taggers and the library."""

        name = PLUGIN_NAME

        def __init__(self, location: str, tagging: TaggingOptions) -> None:
            self.location = location
            self.tagging = tagging
            self.state: Any = None

        def setup(self, worker: Any) -> None:
            from fandex.cluster.partition import WorkerState

            self.state = WorkerState.load(self.location, self.tagging)

        def teardown(self, worker: Any) -> None:
            if self.state is not None:
                self.state.library.close()

    return FandexPlugin


def _state() -> Any:
    from distributed import get_worker

    plugin: Any = get_worker().plugins[PLUGIN_NAME]
    return plugin.state


def _import_task(limits: Limits, units: list[str]) -> dict[str, Any]:
    from fandex.cluster.partition import import_partition, plain

    return plain(import_partition(_state(), units, limits))


def _retag_task(names: tuple[str, ...], ids: list[str]) -> dict[str, Any]:
    from fandex.cluster.partition import plain, retag_partition

    return plain(retag_partition(_state(), ids, names))


def units_of(paths: Iterable[str | os.PathLike[str]], limits: Limits) -> list[str]:
    """The units a cluster import hands out: every file found under ``paths``, and
    each archive (zip, dump) once, whole (read on the worker that gets it)."""
    out: dict[str, None] = {}
    for cand in discover([Path(p) for p in paths], limits):
        if cand.fs_path is not None and cand.data is None and cand.opener is None:
            out[str(cand.fs_path)] = None
        else:
            out[cand.path.split("!", 1)[0]] = None
    return list(out)


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    """``items`` in runs of ``size``.

    >>> list(chunks(["a", "b", "c"], 2))
    [['a', 'b'], ['c']]
    """
    for lo in range(0, len(items), max(1, size)):
        yield items[lo : lo + size]


class Cluster:
    """A Dask client on ``address`` ("local" starts a LocalCluster of ``workers``
    processes here), with the fandex plugin registered for ``location``."""

    def __init__(
        self,
        address: str,
        location: str,
        tagging: TaggingOptions,
        *,
        workers: int | None = None,
        dashboard: bool = True,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ClusterError(
                "the cluster import needs Dask: pip install 'fandex[cluster]'"
            ) from exc
        self._local: Any = None
        # A local cluster serves its dashboard only when asked (its link means nothing else).
        self._dashboard = dashboard or address != "local"
        try:
            if address == "local":
                self._local = LocalCluster(
                    n_workers=workers or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    # The scheduler serves HTTP (health, metrics) even without the
                    # dashboard, on 8787 unless told otherwise: a free port, so a second
                    # cluster on the machine (another import, a test run) is no clash.
                    dashboard_address=":0",
                    scheduler_kwargs={"dashboard": dashboard},
                )
                self.client = Client(self._local)
            else:
                self.client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        self.client.register_plugin(_plugin_class()(location, tagging), name=PLUGIN_NAME)

    @property
    def dashboard(self) -> str | None:
        link = getattr(self.client, "dashboard_link", None) if self._dashboard else None
        return str(link) if link else None

    def run(
        self,
        task: Callable[..., dict[str, Any]],
        parts: list[list[str]],
        extra: Any,
        on_part: Callable[[dict[str, Any]], None],
    ) -> ClusterReport:
        """Run ``task(extra, part)`` on every part. A part whose task fails as a whole
        (its worker died, or something outside a file's own error boundary raised) is
        run again one unit at a time, so only the unit at fault fails, with the reason;
        the run always goes on."""
        from distributed import as_completed

        report = ClusterReport(dashboard=self.dashboard)
        futures = self.client.map(partial(task, extra), parts, pure=False, retries=1)
        units = dict(zip(futures, parts, strict=True))
        pending = as_completed(futures)
        for future in pending:
            part_units = units.pop(future)
            try:
                part = future.result()
            except Exception as exc:
                if len(part_units) > 1:
                    alone = self.client.map(
                        partial(task, extra), [[u] for u in part_units], pure=False, retries=1
                    )
                    units.update(zip(alone, [[u] for u in part_units], strict=True))
                    pending.update(alone)
                    continue
                part = failed_part(part_units, exc)
            report.add(part)
            on_part(part)
        return report

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._local is not None:
            self._local.close()


def cluster_import(
    location: str,
    paths: Iterable[str | os.PathLike[str]],
    address: str,
    *,
    limits: Limits | None = None,
    tagging: TaggingOptions | None = None,
    partition: int = DEFAULT_PARTITION,
    workers: int | None = None,
    dashboard: bool = True,
    on_start: Callable[[int, str | None], None] | None = None,
    on_part: Callable[[dict[str, Any]], None] | None = None,
) -> ClusterReport:
    """Import ``paths`` into the library at ``location`` on the Dask cluster at
    ``address`` ("local" for a LocalCluster here). ``on_start(units, dashboard link)``
    is called once the work is cut up; ``on_part(report)`` after each partition."""
    limits = limits or Limits()
    units = units_of(paths, limits)
    return _run(location, address, tagging or TaggingOptions(), _import_task, limits,
                units, partition, workers, dashboard, on_start, on_part)  # fmt: skip


def cluster_retag(
    location: str,
    ids: list[str],
    address: str,
    *,
    names: tuple[str, ...],
    tagging: TaggingOptions | None = None,
    partition: int = 200,
    workers: int | None = None,
    dashboard: bool = True,
    on_start: Callable[[int, str | None], None] | None = None,
    on_part: Callable[[dict[str, Any]], None] | None = None,
) -> ClusterReport:
    """Re-run the taggers ``names`` over the stored works ``ids`` on the cluster."""
    return _run(location, address, tagging or TaggingOptions(names=names), _retag_task, names,
                ids, partition, workers, dashboard, on_start, on_part)  # fmt: skip


def _run(
    location: str,
    address: str,
    tagging: TaggingOptions,
    task: Callable[..., dict[str, Any]],
    extra: Any,
    items: list[str],
    partition: int,
    workers: int | None,
    dashboard: bool,
    on_start: Callable[[int, str | None], None] | None,
    on_part: Callable[[dict[str, Any]], None] | None,
) -> ClusterReport:
    tagging = TaggingOptions(tagging.names, tagging.disable, tagging.config, location)
    cluster = Cluster(address, location, tagging, workers=workers, dashboard=dashboard)
    try:
        if on_start:
            on_start(len(items), cluster.dashboard if dashboard else None)
        parts = list(chunks(items, partition))
        return cluster.run(task, parts, extra, on_part or (lambda _p: None))
    finally:
        cluster.close()


__all__ = [
    "DEFAULT_PARTITION",
    "ClusterError",
    "ClusterReport",
    "chunks",
    "cluster_import",
    "cluster_retag",
    "failed_part",
    "units_of",
]
