"""``fandex block add QUERY | block list | block rm N``: the library's blocklist.

Works a blocklist entry selects are hidden from every listing (CLI, web, API) unless
asked for (``ls --show-blocked``); inferred tags count, so an untagged work is hidden
too when fandex read the warning in its text, but never against the author's own
rating or warnings unless the entry asks (``--suspected``, ``suspect:``).
"""

from __future__ import annotations

import click

from fandex.cli.context import AppContext, pass_app
from fandex.cli.ls import join_query, query_fail
from fandex.errors import QueryError
from fandex.library import blocklist
from fandex.search import search


@click.group("block")
def command() -> None:
    """Hide works matching a query from every listing."""


@command.command(
    "add", context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]}
)
@click.option(
    "--suspected",
    is_flag=True,
    help="Also hide works where fandex guessed the warning or rating against the "
    "author's word (warning:/rating: terms become suspect: terms).",
)
@click.argument("query", nargs=-1, required=True, type=click.UNPROCESSED)
@pass_app
def add(app: AppContext, suspected: bool, query: tuple[str, ...]) -> None:
    """Block the works QUERY selects, e.g.  block add 'warning:"Rape/Non-Con"'.

    A warning or rating the author stated wins: a work whose author said "No Archive
    Warnings Apply" is not hidden on fandex's guess unless you add --suspected."""
    text = join_query(query)
    try:
        entry = blocklist.add(app.library, text, suspected=suspected)
        n = search(app.library, text, per_page=1, facets=False, apply_blocklist=False).total
    except QueryError as exc:
        query_fail(exc)
    click.echo(f"blocked {entry.id}: {entry.query} ({n} work{'s' if n != 1 else ''} now hidden)")


@command.command("list")
@pass_app
def list_(app: AppContext) -> None:
    """Show the blocklist with the number of each entry."""
    entries = blocklist.entries(app.library)
    if not entries:
        click.echo("the blocklist is empty")
    for e in entries:
        try:
            n = search(app.library, e.query, per_page=1, facets=False, apply_blocklist=False).total
            count = f"{n} work{'s' if n != 1 else ''}"
        except QueryError:
            count = "not a valid query"
        click.echo(f"{e.id:>3}  {e.query}  ({count})")


@command.command("rm")
@click.argument("number", type=int)
@pass_app
def rm(app: AppContext, number: int) -> None:
    """Remove entry NUMBER (as shown by  block list)."""
    entry = blocklist.remove(app.library, number)
    click.echo(f"unblocked {entry.id}: {entry.query}")
