"""``fandex series [NAME]``: every series, or one series' parts in order with its gaps."""

from __future__ import annotations

import json

import click

from fandex.cli.context import AppContext, pass_app
from fandex.library.series import all_series, series_view


@click.command("series")
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def command(app: AppContext, name: str | None, as_json: bool) -> None:
    """List the series in the library, or the parts of series NAME in order, naming
    the parts the library does not hold ("missing: 2, 4")."""
    c = app.console
    if not name:
        found = all_series(app.library)
        if as_json:
            click.echo(json.dumps([{"name": n, "works": k} for n, k in found], ensure_ascii=False))
            return
        if not found:
            c.print("no series in the library")
        for series_name, n in found:
            c.print(
                f"{series_name}  ({n} work{'s' if n != 1 else ''})", highlight=False, soft_wrap=True
            )
        return
    view = series_view(app.library, name)
    if as_json:
        click.echo(json.dumps(view.to_dict(), indent=2, ensure_ascii=False))
        return
    total = f" (of {view.total})" if view.total else ""
    c.print(f"[bold]{view.name}[/bold]{total}", highlight=False, soft_wrap=True)
    for part in view.parts:
        pos = part.to_dict()["position"]
        place = f"{pos:>4}" if pos is not None else "   ?"
        by = ", ".join(part.authors) or "Anonymous"
        c.print(
            f"{place}  {part.work_id[:8]}  {part.title} by {by}", highlight=False, soft_wrap=True
        )
    if view.missing:
        c.print(
            "missing: " + ", ".join(str(n) for n in view.missing), highlight=False, soft_wrap=True
        )
