"""``fandex ls [QUERY]``: list the works a query selects (see docs/query.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import NoReturn

import click
from rich.table import Table

from fandex.cli.context import AppContext, fail, pass_app
from fandex.errors import QueryError
from fandex.model import Work
from fandex.search import SORTS, SearchResult, search

_PAGE = 500
# The table shows this many works unless --all (a listing of thousands helps nobody
# at a terminal, and would cost seconds to find and print).
DEFAULT_SHOWN = 50


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
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help=f"At most this many works (the table shows {DEFAULT_SHOWN} unless --all; "
    "--json prints every match unless --limit).",
)
@click.option("--all", "show_all", is_flag=True, help="Print every matching work in the table.")
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
    show_all: bool,
) -> None:
    """List works. QUERY: words, "phrases" and field:value terms, e.g.

    \b
      fandex ls 'ship:Spuffy -warning:noncon words:>3000 tattoo'

    The table shows the first works (--all for every one); --json prints every
    matching work's record. Both are printed as they are found, page by page.
    """
    text = join_query(query)
    if not as_json and not show_all and limit is None:
        limit = DEFAULT_SHOWN
    pages = _pages(app, text, sort, min_confidence, show_blocked, show_facets, limit)
    try:
        first, works = next(pages)
    except QueryError as exc:
        query_fail(exc)
    if as_json and show_facets:
        records = [w.to_dict() for _r, page in [(first, works), *pages] for w in page]
        out = {
            "query": text,
            "description": first.description,
            "total": first.total,
            "hidden": first.hidden,
            "works": records,
            "facets": {k: [list(p) for p in v] for k, v in first.facets.items()},
        }
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    elif as_json:
        _stream_json([works, *(page for _r, page in pages)])
    else:
        shown = _print_table(app, [works, *(page for _r, page in pages)])
        _print_footer(app, first, shown, show_facets)
    if as_json and first.hidden:
        click.echo(_hidden_line(first.hidden), err=True)


def _pages(
    app: AppContext,
    text: str,
    sort: str,
    min_confidence: float | None,
    show_blocked: bool,
    show_facets: bool,
    limit: int | None,
) -> Iterator[tuple[SearchResult, list[Work]]]:
    """Each page of the listing as it is found (the first with the facets), at most
    ``limit`` works in all."""
    per_page = min(_PAGE, limit) if limit else _PAGE
    left = limit
    page = 1
    while True:
        result = search(
            app.library,
            text,
            sort=sort,
            page=page,
            per_page=per_page,
            min_confidence=min_confidence,
            apply_blocklist=not show_blocked,
            facets=show_facets and page == 1,
        )
        works = result.works if left is None else result.works[:left]
        yield result, works
        if left is not None:
            left -= len(works)
        if page >= result.pages or (left is not None and left <= 0) or not result.works:
            return
        page += 1


def _stream_json(pages: Iterable[list[Work]]) -> None:
    """A JSON array of the works' records, written as the pages come: the same text
    ``json.dumps(records, indent=2)`` gives, without holding every record at once."""
    first = True
    for works in pages:
        chunk = []
        for work in works:
            body = json.dumps(work.to_dict(), indent=2, ensure_ascii=False)
            chunk.append(("[\n  " if first else ",\n  ") + body.replace("\n", "\n  "))
            first = False
        click.echo("".join(chunk), nl=False)
    click.echo("[]" if first else "\n]")


def _hidden_line(n: int) -> str:
    return f"{n} work{'s' if n != 1 else ''} hidden by your blocklist (--show-blocked to see them)"


# Column widths of the table at 120 columns or more, fixed so pages printed one after
# another line up. On a narrower terminal (or a pipe, which Rich reads as 80 columns) the
# title and author give way first: left to Rich, fixed widths that do not fit drop whole
# columns, the ID (which ``show`` needs) and the word count among them.
_WIDTHS = {"id": 8, "title": 44, "author": 24, "words": 8, "rating": 22}


def column_widths(total: int) -> dict[str, int]:
    """The table's column widths for a console ``total`` characters wide: the ID, words
    and rating kept whole (the rating cut to 13, "Teen And Up A…", only when very narrow),
    the title and author sharing the rest two to one, never under 10 and 6."""
    room = total - 2 * len(_WIDTHS)  # Rich pads every column by one on each side
    widths = dict(_WIDTHS)
    spare = room - sum(widths.values())
    if spare >= 0:
        return widths
    if room - (widths["id"] + widths["words"] + widths["rating"]) < 16 + 8:
        widths["rating"] = 13
    rest = max(room - widths["id"] - widths["words"] - widths["rating"], 16)
    widths["title"] = max(min(_WIDTHS["title"], rest * 2 // 3), 10)
    widths["author"] = max(min(_WIDTHS["author"], rest - widths["title"]), 6)
    return widths


def _print_table(app: AppContext, pages: Iterable[list[Work]]) -> int:
    """The works as a table, one page at a time (a header once); how many were shown."""
    shown = 0
    widths = column_widths(app.console.width)
    for works in pages:
        if not works:
            continue
        table = Table(box=None, header_style="bold", show_header=shown == 0)
        for col, width in widths.items():
            table.add_column(col, width=width, no_wrap=True, overflow="ellipsis",
                             justify="right" if col == "words" else "left")  # fmt: skip
        for w in works:
            rating = next((t.name for t in w.tags_of("rating")), "")
            table.add_row(w.id[:8], w.title, ", ".join(w.authors), str(w.words), rating)
        app.console.print(table)
        shown += len(works)
    return shown


def _print_footer(app: AppContext, result: SearchResult, shown: int, facets: bool) -> None:
    more = f" of {result.total}" if shown < result.total else ""
    hint = " (--all for every one)" if shown < result.total else ""
    app.console.print(f"{shown}{more} work(s): {result.description}{hint}", highlight=False)
    if result.hidden:
        app.console.print(_hidden_line(result.hidden), highlight=False)
    if facets:
        for type_, counts in result.facets.items():
            if counts:
                line = ", ".join(f"{name} ({n})" for name, n in counts[:10])
                app.console.print(f"[bold]{type_}[/bold]: {line}", highlight=False)
