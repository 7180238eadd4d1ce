"""``fandex import PATH...``: import files, folders and zip archives."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from fandex.cli.context import AppContext, pass_app
from fandex.importer import (
    BUDGET_PER_MB,
    DEFAULT_TIME_BUDGET,
    TIME_BUDGET_ENV,
    FileResult,
    ImportSession,
    TaggingOptions,
)
from fandex.read.discover import DEFAULT_MAX_FILE_MB, MAX_FILE_ENV, Limits
from fandex.workers import WALL_SLACK


class TerminalImportSession(ImportSession):
    """An import session that shows a progress bar and remembers results."""

    progress: Progress
    task: TaskID

    def on_discovered(self, total: int) -> None:
        self.progress.update(self.task, total=total, refresh=True)

    def on_result(self, result: FileResult) -> None:
        self.progress.update(self.task, advance=1, refresh=True)

    def on_grouping(self, total: int) -> None:
        self.progress.update(
            self.task, description=f"Grouping {total} with their copies", refresh=True
        )


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0, 1024),
    default=0,
    show_default=True,
    help="Worker processes; 0 uses every core, 1 runs sequentially.",
)
@click.option("--disable", multiple=True, metavar="TAGGER", help="Skip a tagger (repeatable).")
@click.option(
    "--max-file-mb",
    type=click.FloatRange(min=0, min_open=True, max=1_000_000),
    default=None,
    help=f"Largest file read, in MB (default {DEFAULT_MAX_FILE_MB}; env {MAX_FILE_ENV}); "
    "a bigger file is refused.",
)
@click.option(
    "--time-budget",
    type=click.FloatRange(min=0, max=1_000_000),
    default=None,
    metavar="SECONDS",
    help=f"CPU seconds one file may take to read and tag before it is stopped and failed, "
    f"plus {BUDGET_PER_MB:g} per MB of the file (default {DEFAULT_TIME_BUDGET:g}; env "
    f"{TIME_BUDGET_ENV}; 0: no limit). A file that waits rather than works is stopped "
    f"at {WALL_SLACK:g} times that on the clock.",
)
@click.option(
    "--keep-metadata-only",
    is_flag=True,
    help="Keep pages with no story text (story index, gate pages) as works flagged "
    "metadata-only, hidden from listings, instead of skipping them.",
)
@click.option("--json", "as_json", is_flag=True, help="Print per-file results as JSON.")
@click.option(
    "--files",
    "archive_files",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Story-file folder of an archive dump (eFiction's stories/, an Automated "
    "Archive's archive/) when it is not beside the dump.",
)
@click.option(
    "--cluster",
    metavar="local|tcp://HOST:PORT",
    help="Read and tag on a Dask cluster (needs fandex[cluster]; the files must be "
    "readable from the workers at the same paths; a PostgreSQL library).",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=None, help="Workers of --cluster local."
)
@click.option(
    "--partition",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Files per cluster task (each stored in one transaction).",
)
@pass_app
def command(
    app: AppContext,
    paths: tuple[str, ...],
    jobs: int,
    disable: tuple[str, ...],
    max_file_mb: float | None,
    time_budget: float | None,
    keep_metadata_only: bool,
    as_json: bool,
    archive_files: Path | None,
    cluster: str | None,
    workers: int | None,
    partition: int,
) -> None:
    """Import fics from files, folders (recursed) and zip archives.

    Re-importing is safe: unchanged files are left alone, changed files update their
    work and keep every tag you set. Pages with no story text (a story's index page,
    a browse list, an adult-content gate) are skipped with the reason. One bad file
    never stops the run: it is reported with its reason and the command exits 1.

    An archive dump (an eFiction .sql dump, an Automated Archive ARCHIVE_DB.pl, or a
    folder holding one and its story files) imports story by story, e.g.

    \b
      fandex import rescue/                      # archive.sql + stories/ inside
      fandex import archive.sql --files stories/

    A corpus too big for one machine goes through a Dask cluster into a PostgreSQL
    library, e.g.

    \b
      fandex --library postgresql://db/fics import --cluster tcp://sched:8786 /shared/fics
    """
    limits = replace(Limits.from_env(max_file_mb), archive_files=archive_files)
    if cluster:
        _on_cluster(app, paths, cluster, limits, disable, workers, partition, as_json)
        return
    session = TerminalImportSession(
        app.library,
        jobs=jobs,
        limits=limits,
        tagging=TaggingOptions(disable=tuple(disable)),
        time_budget=time_budget,
        keep_metadata_only=keep_metadata_only,
    )
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=app.err,
        transient=True,
        disable=as_json,
        # Redrawn at each file, not by a thread: with no other thread running, workers
        # are forked (fast, sharing what is loaded) rather than started from scratch.
        auto_refresh=False,
    ) as progress:
        session.progress = progress
        session.task = progress.add_task("Importing", total=None)
        report = session.run(paths)
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in report.results], indent=2, ensure_ascii=False))
    else:
        s = report.summary()
        app.console.print(
            f"{s['imported']} imported, {s['updated']} updated, "
            f"{s['unchanged']} unchanged, {s['skipped']} skipped, {s['failed']} failed"
        )
        for r in report.results:
            if r.status == "skipped":
                app.console.print(
                    f"  [yellow]skipped[/yellow] {r.path}: {r.reason}",
                    highlight=False,
                    soft_wrap=True,
                )
        grouping = session.grouping
        if grouping is not None and grouping.groups:
            copies = sum(len(g) for g in grouping.groups)
            app.console.print(
                f"{copies} copies grouped as {len(grouping.groups)} works "
                f"(see fandex dupes; {grouping.near} near-duplicates to review)"
            )
        for r in report.failed:
            app.console.print(
                f"  [red]failed[/red] {r.path}: {r.reason}", highlight=False, soft_wrap=True
            )
        for r in report.results:
            for f in r.failures:
                app.console.print(
                    f"  [yellow]tagger {f['tagger']} failed[/yellow] on {r.path}: {f['error']}",
                    highlight=False,
                    soft_wrap=True,
                )
    if report.failed:
        raise SystemExit(1)


def _on_cluster(
    app: AppContext,
    paths: tuple[str, ...],
    address: str,
    limits: Limits,
    disable: tuple[str, ...],
    workers: int | None,
    partition: int,
    as_json: bool,
) -> None:
    from fandex.cli.cluster_run import check_library, print_report, run_with_progress
    from fandex.cluster import cluster_import

    location = check_library(app, address)
    report = run_with_progress(
        app,
        "Importing",
        as_json,
        lambda **hooks: cluster_import(
            location,
            paths,
            address,
            limits=limits,
            tagging=TaggingOptions(disable=tuple(disable)),
            partition=partition,
            workers=workers,
            **hooks,
        ),
    )
    print_report(app, report, as_json, ("imported", "updated", "unchanged", "skipped", "failed"))
