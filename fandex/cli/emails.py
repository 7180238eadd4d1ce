"""``fandex emails [QUERY|--all]``: e-mail addresses in works' texts and notes."""

from __future__ import annotations

import sys

import click

from fandex.cli.context import AppContext, pass_app
from fandex.export.emails import find_emails, write_email_report
from fandex.export.select import select_works


@click.command(
    "emails", context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]}
)
@click.argument("targets", nargs=-1, metavar="ID|QUERY...", type=click.UNPROCESSED)
@click.option("--all", "all_works", is_flag=True, help="Look through every work.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (work, place, address, context).")
@pass_app
def command(app: AppContext, targets: tuple[str, ...], all_works: bool, as_csv: bool) -> None:
    """List e-mail addresses found in titles, summaries, notes and chapter texts, for an
    archivist to redact before a rescue is published (nothing is changed), e.g.

    \b
      fandex emails --all
      fandex emails 'source:efiction' --csv > emails.csv
    """
    selection = select_works(app.library, targets, all_works=all_works)
    findings = [f for work in selection.works() for f in find_emails(work)]
    if as_csv:
        write_email_report(findings, sys.stdout)
        return
    for f in findings:
        app.console.print(f"{f.work_id}  {f.title} ({f.where}): {f.address}", highlight=False)
    app.console.print(f"{len(findings)} address(es) in {selection.total} work(s)")
