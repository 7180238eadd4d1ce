"""``fandex show ID``: one work's record."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.table import Table

from fandex.cli.context import AppContext, pass_app
from fandex.model import Evidence, Tag, Work
from fandex.review import flag_tag
from fandex.tag.reconcile import AUTHORITY
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
    if work.series:
        c.print("series: " + "; ".join(e.label for e in work.series), highlight=False)
    if work.version_of:
        c.print(f"a copy of {work.version_of} (the copy read by default)", highlight=False)
    elif work.versions:
        c.print(f"{len(work.versions)} copies grouped as this work (fandex dupes)", highlight=False)
    if work.summary:
        c.print(f"\n[italic]{work.summary}[/italic]", highlight=False)
    for flag in work.flags:
        _print_flag(app, flag)
    tags = sorted(
        (t for t in work.tags if not t.attrs.get("rejected")),
        key=lambda t: (t.type, -t.confidence, t.name),
    )
    c.print(_table([t for t in tags if t.source in AUTHORITY], "the author's tags"))
    noticed = [t for t in tags if t.source not in AUTHORITY]
    if noticed:
        c.print(_table(noticed, "fandex noticed (read from the text, not the author's)", "dim"))
    if why:
        for tag in work.tags:
            if tag.source in ("inferred", "learned") and not tag.attrs.get("rejected"):
                _print_evidence(app, tag)
        for flag in work.flags:
            held = flag_tag(flag)
            if held is not None:
                _print_evidence(app, held, against=_stated(flag))
        _print_no_warning(app, work)


def _table(tags: list[Tag], title: str, style: str = "") -> Table:
    table = Table(show_header=True, header_style="bold", box=None, title=title, style=style)
    table.title_justify = "left"
    for col in ("type", "tag", "source", "conf."):
        table.add_column(col, style=style)
    for tag in tags:
        table.add_row(tag.type, tag.name, tag.source, f"{tag.confidence:.2f}")
    return table


def _stated(flag: dict[str, Any]) -> str:
    said = flag.get("stated")
    return ", ".join(str(s) for s in said) if isinstance(said, list) else str(said or "")


def _print_flag(app: AppContext, flag: dict[str, Any]) -> None:
    """One line per flag: what fandex suspects, how sure, against what the author said."""
    kind = str(flag.get("kind", "flag"))
    held = flag_tag(flag)
    if held is None:
        reason = flag.get("reason") or flag.get("message") or ""
        app.console.print(f"[red]! {kind}{': ' + reason if reason else ''}[/red]", highlight=False)
        return
    against = _stated(flag)
    app.console.print(
        f"[red]! {kind}: {held.name}[/red] ({held.source} {held.confidence:.2f}"
        f"{'; the author: ' + against if against else ''})",
        highlight=False,
    )


def _print_no_warning(app: AppContext, work: Work) -> None:
    """Say why a work has no archive warning, stated or inferred, rather than stay silent."""
    reason = why_no_warning(work)
    if reason is None:
        return
    text, evidence = reason
    app.console.print(f"\n[bold]warning: none inferred[/bold]: {text}", highlight=False)
    _print_quotes(app, evidence[:3])


def _print_evidence(app: AppContext, tag: Tag, against: str | None = None) -> None:
    held = f"; held as a flag against the author's {against}" if against else ""
    app.console.print(
        f"\n[bold]{tag.type}: {tag.name}[/bold] ({tag.source}, {tag.confidence:.2f}"
        f"{', ' + tag.tagger if tag.tagger else ''}{held})",
        highlight=False,
    )
    if not tag.evidence:
        app.console.print("  (no passage: decided from the work as a whole)")
    _print_quotes(app, tag.evidence[:5])


def _print_quotes(app: AppContext, evidence: list[Evidence]) -> None:
    for ev in evidence:
        where = f"ch. {ev.chapter} @{ev.start}" if ev.chapter is not None else (ev.field or "")
        app.console.print(f"  {where}: “{ev.quote}”", highlight=False)
