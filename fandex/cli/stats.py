"""``fandex stats``: what is in the library."""

from __future__ import annotations

import json

import click

from fandex.cli.context import AppContext, pass_app
from fandex.search import library_stats


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def command(app: AppContext, as_json: bool) -> None:
    """Counts of works, words, formats, tags by type and source, top fandoms.

    The top lists count tags as search does: the author's word wins over a guess."""
    s = library_stats(app.library)
    if as_json:
        click.echo(json.dumps(s, indent=2, ensure_ascii=False))
        return
    c = app.console
    c.print(f"library: {app.library.location}", highlight=False)
    copies = f" (and {s['copies']} more copies of them)" if s["copies"] else ""
    c.print(f"{s['works']} works{copies}, {s['words']:,} words")
    if s["formats"]:
        c.print("formats: " + ", ".join(f"{k} {v}" for k, v in sorted(s["formats"].items())))
    for type_, by_source in sorted(s["tags"].items()):
        parts = ", ".join(f"{k} {v}" for k, v in by_source.items() if v)
        c.print(f"{type_} tags: {parts}")
    for key in ("fandoms", "ratings", "relationships"):
        if s[key]:
            c.print(f"top {key}: " + "; ".join(f"{n} ({k})" for n, k in s[key]), highlight=False)
    if s["flagged"]:
        c.print(f"[red]{s['flagged']} work(s) flagged for review[/red] (fandex review)")
        suspected = s["suspected"]
        if suspected["warning"] or suspected["rating"]:
            c.print(
                f"  {suspected['warning']} with a possible missing warning (flagged:warning), "
                f"{suspected['rating']} with a rating that disagrees (flagged:rating)"
            )
    if s["tagger_failures"]:
        c.print(f"[yellow]{s['tagger_failures']} work(s) with a tagger failure[/yellow]")
