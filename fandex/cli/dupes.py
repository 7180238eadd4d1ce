"""``fandex dupes``: copies grouped as one work, and look-alikes left for you to decide.

``fandex dupes`` lists the groups (the copy read by default first) and the pairs that
look alike but were not grouped; ``split ID`` takes a copy out of its group and
``merge ID ID`` groups two works, both for good (kept on every later import);
``rescan`` groups the whole library again (works imported before grouping existed
get their signatures first).
"""

from __future__ import annotations

import json

import click

from fandex.cli.context import AppContext, pass_app
from fandex.library import sigrows, versions
from fandex.model import Version


def _line(v: Version) -> str:
    src = f"{v.format or '?'} {v.path or ''}".strip()
    date = f" {v.date}" if v.date else ""
    only = ""
    if v.only_here:
        only = " · only here: chapter " + ", ".join(str(c["index"]) for c in v.only_here)
    who = " · grouped by you" if v.decided_by == "user" else ""
    return f"{v.work_id[:8]}  {v.chapters} ch  {v.words:>7,} words{date}  {src}{only}{who}"


@click.group("dupes", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """List copies grouped as one work, and near-duplicates to review."""
    if ctx.invoked_subcommand is not None:
        return
    app: AppContext = ctx.obj
    groups = versions.groups(app.library)
    near = versions.near_pairs(app.library)
    if as_json:
        out = {
            "groups": [[v.to_dict() for v in g] for g in groups],
            "near": [p.to_dict() for p in near],
        }
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    c = app.console
    if not groups and not near:
        c.print("no copies grouped and no near-duplicates")
        return
    for g in groups:
        c.print(f"[bold]{g[0].title}[/bold]  ({len(g)} copies)", highlight=False, soft_wrap=True)
        for v in g:
            mark = "*" if v.role == "primary" else " "
            c.print(f"  {mark} {_line(v)}", highlight=False, soft_wrap=True)
    if near:
        c.print("\n[bold]Near-duplicates (not grouped)[/bold]", highlight=False, soft_wrap=True)
        for p in near:
            c.print(
                f"  {p.a.work_id[:8]} {p.a.title!r} ~ {p.b.work_id[:8]} {p.b.title!r}: "
                f"{p.reason}  (fandex dupes merge {p.a.work_id[:8]} {p.b.work_id[:8]})",
                highlight=False,
            )


@command.command("split")
@click.argument("work_id", metavar="ID")
@pass_app
def split(app: AppContext, work_id: str) -> None:
    """Take the copy ID out of its group, and keep it out on later imports."""
    rest = versions.split(app.library, work_id)
    app.console.print(
        f"split {work_id} from {len(rest)} other cop{'y' if len(rest) == 1 else 'ies'}"
    )


@command.command("merge")
@click.argument("first", metavar="ID")
@click.argument("second", metavar="ID")
@pass_app
def merge(app: AppContext, first: str, second: str) -> None:
    """Group two works as copies of one (their groups too), for good."""
    primary = versions.merge(app.library, first, second)
    app.console.print(f"grouped; {primary} is read by default")


@command.command("rescan")
@pass_app
def rescan(app: AppContext) -> None:
    """Group the whole library again (your split and merge decisions are kept)."""
    lib = app.library
    added = sigrows.ensure_signatures(lib)
    report = versions.group(lib)
    app.console.print(
        f"{report.examined} works examined ({added} signed now), "
        f"{len(report.groups)} groups, {report.near} near-duplicates"
    )
