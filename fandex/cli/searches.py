"""``fandex search save NAME QUERY | list | rm NAME``: saved searches.

A saved search shows in the web sidebar and as a feed of the OPDS catalog, so an
e-reader browses it like a shelf.
"""

from __future__ import annotations

import click

from fandex.cli.context import AppContext, pass_app
from fandex.cli.ls import join_query, query_fail
from fandex.errors import QueryError
from fandex.library import searches
from fandex.search import search


@click.group("search")
def command() -> None:
    """Saved searches (the web sidebar, the OPDS catalog)."""


@command.command(
    "save", context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]}
)
@click.argument("name")
@click.argument("query", nargs=-1, required=True, type=click.UNPROCESSED)
@pass_app
def save(app: AppContext, name: str, query: tuple[str, ...]) -> None:
    """Save QUERY as NAME, e.g.  search save "Long Spuffy" ship:Spuffy words:>50000."""
    try:
        saved = searches.save(app.library, name, join_query(query))
        n = search(app.library, saved.query, per_page=1, facets=False).total
    except QueryError as exc:
        query_fail(exc)
    click.echo(f"saved {saved.name!r}: {saved.query} ({n} work{'s' if n != 1 else ''})")


@command.command("list")
@pass_app
def list_(app: AppContext) -> None:
    """Show the saved searches."""
    found = searches.entries(app.library)
    if not found:
        click.echo("no saved searches (save one with: fandex search save NAME QUERY)")
    for s in found:
        click.echo(f"{s.name}: {s.query}")


@command.command("rm")
@click.argument("name")
@pass_app
def rm(app: AppContext, name: str) -> None:
    """Remove the saved search NAME."""
    gone = searches.remove(app.library, name)
    click.echo(f"removed saved search {gone.name!r}")
