"""``fandex review``: what a machine guessed, for a person to confirm or reject.

Possible missing warnings come first (the text suggests a warning or a higher rating
than the author stated), then ratings that disagree with the author's, then inferred and
learned tags from the least sure upwards.
``fandex review accept|reject|edit`` records a decision as a ``source: user`` tag,
which no re-import or re-tag touches; the queue itself lives in :mod:`fandex.review`.
"""

from __future__ import annotations

import json

import click

from fandex import review as rq
from fandex.cli.context import AppContext, pass_app
from fandex.model import TAG_TYPES


@click.group("review", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the queue as a JSON array.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N items.")
@click.option("--tagger", default=None, help="Only tags from this tagger (e.g. warnings).")
@click.option("--type", "type_", type=click.Choice(TAG_TYPES), default=None, help="Only this type.")
@click.option(
    "--max-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Only guesses at or below this confidence.",
)
@click.option("--why/--no-why", default=True, help="Show the passages behind each item.")
@click.pass_context
def command(
    ctx: click.Context,
    as_json: bool,
    limit: int | None,
    tagger: str | None,
    type_: str | None,
    max_confidence: float | None,
    why: bool,
) -> None:
    """List possible missing warnings first, then inferred tags by confidence."""
    if ctx.invoked_subcommand is not None:
        return
    app: AppContext = ctx.obj
    items = rq.queue(
        app.library, tagger=tagger, type_=type_, max_confidence=max_confidence, limit=limit
    )
    if as_json:
        click.echo(json.dumps([i.to_dict() for i in items], indent=2, ensure_ascii=False))
        return
    if not items:
        app.console.print("Nothing to review.")
        return
    flags = sum(1 for i in items if i.kind == "missing-warning")
    if flags:
        app.console.print(f"[bold red]{flags} possible missing warning(s)[/bold red]")
    for item in items:
        _print_item(app, item, why=why)
    app.console.print(
        "\nDecide with: fandex review accept|reject WORK_ID TYPE NAME"
        " (or edit WORK_ID TYPE NAME NEW_NAME)",
        highlight=False,
    )


def _print_item(app: AppContext, item: rq.ReviewItem, *, why: bool) -> None:
    tag = item.tag
    if item.kind == "missing-warning":
        stated = item.flag.get("stated")
        was = f" (stated: {stated if stated else 'none'})" if "stated" in item.flag else ""
        head = f"[red]! possible missing {tag.type}[/red] [bold]{tag.name}[/bold]{was}"
    elif item.kind == "rating-disagrees":
        said = item.flag.get("stated") or "none"
        said = ", ".join(said) if isinstance(said, list) else str(said)
        head = f"[yellow]~ rating disagrees[/yellow]: reads as [bold]{tag.name}[/bold] ({said})"
    else:
        head = f"  {tag.type}: [bold]{tag.name}[/bold] ({tag.source}, {tag.tagger or '?'})"
    app.console.print(
        f"\n{head} {tag.confidence:.2f} · {item.work_id} {item.work_title}", highlight=False
    )
    if not why:
        return
    for ev in tag.evidence[:3]:
        where = f"ch. {ev.chapter} @{ev.start}" if ev.chapter is not None else (ev.field or "")
        app.console.print(f"    {where}: “{ev.quote}”", highlight=False)


def _decide(
    app: AppContext, work_id: str, type_: str, name: str, decision: str, new: str | None
) -> None:
    tag = rq.decide(app.library, work_id, type_, name, decision, new_name=new)
    verb = {"accept": "accepted", "reject": "rejected", "edit": "now"}[decision]
    app.console.print(f"{verb} {tag.type}: {tag.name}", highlight=False)


_TYPE = click.Choice(TAG_TYPES)


@command.command("accept")
@click.argument("work_id", metavar="WORK_ID")
@click.argument("type_", metavar="TYPE", type=_TYPE)
@click.argument("name")
@pass_app
def accept(app: AppContext, work_id: str, type_: str, name: str) -> None:
    """Confirm a guessed tag (or a proposed missing warning)."""
    _decide(app, work_id, type_, name, "accept", None)


@command.command("reject")
@click.argument("work_id", metavar="WORK_ID")
@click.argument("type_", metavar="TYPE", type=_TYPE)
@click.argument("name")
@pass_app
def reject(app: AppContext, work_id: str, type_: str, name: str) -> None:
    """Reject a guessed tag; it will not be proposed again."""
    _decide(app, work_id, type_, name, "reject", None)


@command.command("edit")
@click.argument("work_id", metavar="WORK_ID")
@click.argument("type_", metavar="TYPE", type=_TYPE)
@click.argument("name")
@click.argument("new_name")
@pass_app
def edit(app: AppContext, work_id: str, type_: str, name: str, new_name: str) -> None:
    """Replace a guessed tag with the right one."""
    _decide(app, work_id, type_, name, "edit", new_name)


@command.command("accept-all")
@click.option("--tagger", default=None, help="Only this tagger's guesses.")
@click.option("--type", "type_", type=_TYPE, default=None, help="Only this tag type.")
@click.option(
    "--min-confidence", type=click.FloatRange(0.0, 1.0), required=True, help="Confidence floor."
)
@pass_app
def accept_all(
    app: AppContext, tagger: str | None, type_: str | None, min_confidence: float
) -> None:
    """Accept every pending guess at or above a confidence (never missing-warning flags)."""
    n = rq.bulk_accept(app.library, tagger=tagger, min_confidence=min_confidence, type_=type_)
    app.console.print(f"accepted {n} tag(s)")
