"""The terminal side of a cluster run (``fandex import --cluster``, ``fandex retag
--cluster``): where the dashboard is, a progress bar over the files, and the summary."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from fandex.cli.context import AppContext, fail
from fandex.library.store import dialect_of


def check_library(app: AppContext, address: str) -> str:
    """The library location the workers open; a remote cluster needs PostgreSQL."""
    location = app.library.location
    if address != "local" and dialect_of(location) != "postgresql":
        fail(
            "a cluster import writes from many machines: use a PostgreSQL library "
            "(--library postgresql://...); a SQLite file suits only --cluster local",
            code=2,
        )
    return location


def run_with_progress(
    app: AppContext,
    label: str,
    as_json: bool,
    start: Callable[..., Any],
) -> Any:
    """Run ``start(on_start=..., on_part=...)`` with a progress bar; returns its report."""
    with Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=app.err,
        transient=True,
        disable=as_json,
    ) as progress:
        task = progress.add_task(label, total=None)

        def on_start(total: int, dashboard: str | None) -> None:
            progress.update(task, total=total)
            if dashboard:
                progress.console.print(f"Dask dashboard: {dashboard}", highlight=False)

        def on_part(part: dict[str, Any]) -> None:
            progress.advance(task, part["files"])

        return start(on_start=on_start, on_part=on_part)


def print_report(app: AppContext, report: Any, as_json: bool, statuses: tuple[str, ...]) -> None:
    """The counts per status and each failure, one line each; exit 1 if any failed."""
    if as_json:
        out = {"counts": dict(report.counts), "failed": report.failed}
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        app.console.print(", ".join(f"{report.counts.get(s, 0)} {s}" for s in statuses))
        for r in report.failed:
            app.console.print(
                f"  [red]failed[/red] {r['path']}: {r.get('reason')}",
                highlight=False,
                soft_wrap=True,
            )
    if report.failed:
        raise SystemExit(1)
