"""``fandex rm ID``: remove a work from the library (files on disk are untouched)."""

from __future__ import annotations

import click

from fandex.cli.context import AppContext, pass_app


@click.command("rm")
@click.argument("work_ids", nargs=-1, required=True, metavar="ID...")
@pass_app
def command(app: AppContext, work_ids: tuple[str, ...]) -> None:
    """Remove works by ID or unique prefix. The files you imported are not touched."""
    for prefix in work_ids:
        work = app.library.get(prefix, with_text=False)
        app.library.remove(work.id)
        app.console.print(f"removed {work.id} {work.title}", highlight=False)
