"""``fandex ls [QUERY]``: list the works a query selects (see docs/query.md)."""

from __future__ import annotations

import json
from typing import NoReturn

import click
from rich.table import Table

from fandex.cli.context import AppContext, fail, pass_app
from fandex.errors import QueryError
from fandex.model import Work
from fandex.search import SORTS, SearchResult, search

_PAGE = 500


def query_fail(exc: QueryError) -> NoReturn:
    """One line that names the problem and shows where it is; exit status 2."""
    near = exc.query[exc.position : exc.position + 24] if exc.query else ""
    where = f" (at «{near}»)" if near.strip() else ""
    fail(f"bad query: {exc}{where}", code=2)


def join_query(args: tuple[str, ...]) -> str:
    """The words of the command line as one query string."""
    return " ".join(args)


@click.command(
    "ls",
    context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]},
)
@click.argument("query", nargs=-1, type=click.UNPROCESSED)
@click.option("--json", "as_json", is_flag=True, help="A JSON array of work records.")
@click.option(
    "--sort", type=click.Choice(SORTS), default="relevance", show_default=True, help="Order."
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Inferred tags count from this confidence (default: per tag type).",
)
@click.option("--show-blocked", is_flag=True, help="Include works your blocklist hides.")
@click.option("--facets", "show_facets", is_flag=True, help="Also count tags per type.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many works.")
@pass_app
def command(
    app: AppContext,
    query: tuple[str, ...],
    as_json: bool,
    sort: str,
    min_confidence: float | None,
    show_blocked: bool,
    show_facets: bool,
    limit: int | None,
) -> None:
    """List works. QUERY: words, "phrases" and field:value terms, e.g.

    \b
      fandex ls 'ship:Spuffy -warning:noncon words:>3000 tattoo'
    """
    text = join_query(query)
    try:
        result, works = _collect(app, text, sort, min_confidence, show_blocked, show_facets, limit)
    except QueryError as exc:
        query_fail(exc)
    if as_json:
        records = [w.to_dict() for w in works]
        if show_facets:
            out: object = {
                "query": text,
                "description": result.description,
                "total": result.total,
                "hidden": result.hidden,
                "works": records,
                "facets": {k: [list(p) for p in v] for k, v in result.facets.items()},
            }
        else:
            out = records
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        if result.hidden:
            click.echo(_hidden_line(result.hidden), err=True)
        return
    _print(app, result, works, show_facets)


def _collect(
    app: AppContext,
    text: str,
    sort: str,
    min_confidence: float | None,
    show_blocked: bool,
    show_facets: bool,
    limit: int | None,
) -> tuple[SearchResult, list[Work]]:
    works: list[Work] = []
    page = 1
    while True:
        result = search(
            app.library,
            text,
            sort=sort,
            page=page,
            per_page=_PAGE,
            min_confidence=min_confidence,
            apply_blocklist=not show_blocked,
            facets=show_facets and page == 1,
        )
        if page == 1:
            first = result
        works += result.works
        if limit is not None and len(works) >= limit:
            works = works[:limit]
            break
        if page >= result.pages:
            break
        page += 1
    return first, works


def _hidden_line(n: int) -> str:
    return f"{n} work{'s' if n != 1 else ''} hidden by your blocklist (--show-blocked to see them)"


def _print(app: AppContext, result: SearchResult, works: list[Work], facets: bool) -> None:
    table = Table(box=None, header_style="bold")
    for col in ("id", "title", "author", "words", "rating"):
        table.add_column(col)
    for w in works:
        rating = next((t.name for t in w.tags_of("rating")), "")
        table.add_row(w.id[:8], w.title, ", ".join(w.authors), str(w.words), rating)
    if works:
        app.console.print(table)
    shown = len(works)
    more = f" of {result.total}" if shown < result.total else ""
    app.console.print(f"{shown}{more} work(s): {result.description}", highlight=False)
    if result.hidden:
        app.console.print(_hidden_line(result.hidden), highlight=False)
    if facets:
        for type_, counts in result.facets.items():
            if counts:
                line = ", ".join(f"{name} ({n})" for name, n in counts[:10])
                app.console.print(f"[bold]{type_}[/bold]: {line}", highlight=False)
