"""``fandex ls [QUERY]``: list works, optionally filtered."""

from __future__ import annotations

import json

import click
from rich.table import Table

from fandex.cli.context import AppContext, pass_app
from fandex.model import Work


def _matches(work: Work, terms: list[str]) -> bool:
    """A ``field:value`` filter (case-insensitive substring); bare words match the title."""
    for term in terms:
        field, _, value = term.partition(":") if ":" in term else ("title", "", term)
        value = value.lower()
        if field == "title":
            ok = value in work.title.lower()
        elif field == "author":
            ok = any(value in a.lower() for a in work.authors)
        else:
            type_ = {"ship": "relationship", "tag": "freeform"}.get(field, field)
            ok = any(value in t.name.lower() for t in work.tags_of(type_))
        if not ok:
            return False
    return True


@click.command("ls")
@click.argument("query", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="A JSON array of work records.")
@pass_app
def command(app: AppContext, query: tuple[str, ...], as_json: bool) -> None:
    """List works. QUERY is field:value terms (title, author, fandom, ship, rating, tag...)."""
    works = [w for w in app.library.iter_works() if _matches(w, list(query))]
    if as_json:
        click.echo(json.dumps([w.to_dict() for w in works], indent=2, ensure_ascii=False))
        return
    table = Table(box=None, header_style="bold")
    for col in ("id", "title", "author", "words", "rating"):
        table.add_column(col)
    for w in works:
        rating = next((t.name for t in w.tags_of("rating")), "")
        table.add_row(w.id[:8], w.title, ", ".join(w.authors), str(w.words), rating)
    app.console.print(table)
    app.console.print(f"{len(works)} work(s)")
