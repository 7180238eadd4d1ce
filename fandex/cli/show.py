"""``fandex show ID``: one work's record."""

from __future__ import annotations

import json

import click
from rich.table import Table

from fandex.cli.context import AppContext, pass_app
from fandex.model import Evidence, Tag, Work
from fandex.tag.warnings import why_no_warning


@click.command("show")
@click.argument("work_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the work record as JSON.")
@click.option("--text", "with_text", is_flag=True, help="With --json: include chapter text.")
@click.option("--why", is_flag=True, help="Show the evidence behind every inferred tag.")
@pass_app
def command(app: AppContext, work_id: str, as_json: bool, with_text: bool, why: bool) -> None:
    """Show the work with this ID (or a unique prefix of it)."""
    work = app.library.get(work_id, with_text=with_text or why)
    if as_json:
        click.echo(json.dumps(work.to_dict(with_text=with_text), indent=2, ensure_ascii=False))
        return
    _print_work(app, work, why=why)


def _print_work(app: AppContext, work: Work, *, why: bool) -> None:
    c = app.console
    c.print(
        f"[bold]{work.title}[/bold] by {', '.join(work.authors) or 'Anonymous'}", highlight=False
    )
    c.print(f"id {work.id} · {work.words} words · {len(work.chapters)} chapter(s)", highlight=False)
    if work.source:
        c.print(f"from {work.source.path} ({work.source.format})", highlight=False)
    if work.summary:
        c.print(f"\n[italic]{work.summary}[/italic]", highlight=False)
    for flag in work.flags:
        what = flag.get("tag") or flag.get("reason") or ""
        c.print(f"[red]! {flag.get('kind', 'flag')}: {what}[/red]", highlight=False)
    table = Table(show_header=True, header_style="bold", box=None)
    for col in ("type", "tag", "source", "conf."):
        table.add_column(col)
    for tag in sorted(work.tags, key=lambda t: (t.type, -t.confidence, t.name)):
        if tag.attrs.get("rejected"):
            continue
        table.add_row(tag.type, tag.name, tag.source, f"{tag.confidence:.2f}")
    c.print(table)
    if why:
        for tag in work.tags:
            if tag.source in ("inferred", "learned") and not tag.attrs.get("rejected"):
                _print_evidence(app, tag)
        _print_no_warning(app, work)


def _print_no_warning(app: AppContext, work: Work) -> None:
    """Say why a work has no archive warning, stated or inferred, rather than stay silent."""
    reason = why_no_warning(work)
    if reason is None:
        return
    text, evidence = reason
    app.console.print(f"\n[bold]warning: none inferred[/bold]: {text}", highlight=False)
    _print_quotes(app, evidence[:3])


def _print_evidence(app: AppContext, tag: Tag) -> None:
    app.console.print(
        f"\n[bold]{tag.type}: {tag.name}[/bold] ({tag.source}, {tag.confidence:.2f}"
        f"{', ' + tag.tagger if tag.tagger else ''})",
        highlight=False,
    )
    if not tag.evidence:
        app.console.print("  (no passage: decided from the work as a whole)")
    _print_quotes(app, tag.evidence[:5])


def _print_quotes(app: AppContext, evidence: list[Evidence]) -> None:
    for ev in evidence:
        where = f"ch. {ev.chapter} @{ev.start}" if ev.chapter is not None else (ev.field or "")
        app.console.print(f"  {where}: “{ev.quote}”", highlight=False)
