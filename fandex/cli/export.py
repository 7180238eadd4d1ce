"""``fandex export ID|QUERY... --format epub|html|opendoors|ao3 --output DIR``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from fandex.cli.context import AppContext, pass_app
from fandex.errors import ConfigError
from fandex.export.batch import FORMATS, export_works, open_sink
from fandex.export.naming import DEFAULT_TEMPLATE, TEMPLATE_FIELDS, check_template
from fandex.export.opendoors_batch import ODAP_FILES, Ao3Options, with_default_fandoms
from fandex.export.select import DoNotImport, select_works
from fandex.model import Work


def _checked_template(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        check_template(value)
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@click.command(
    "export",
    # A query's "-warning:noncon" is a word of the query, not an option; so no short
    # options here ("-o" would eat the "o" of "-fandom:...", "-h" of "-hurt").
    context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]},
)
@click.argument("targets", nargs=-1, metavar="ID|QUERY...", type=click.UNPROCESSED)
@click.option("--all", "all_works", is_flag=True, help="Export every work in the library.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="epub",
    show_default=True,
    help="epub: e-readers; html: one offline page per work; opendoors: Open Doors' tables "
    "and Tag Wrangling sheet; ao3: AO3 import-API requests and their chapter pages.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write into (created if missing), or with --zip a .zip file or folder.",
)
@click.option("--zip", "as_zip", is_flag=True, help="Write one zip instead of loose files.")
@click.option(
    "--template",
    default=DEFAULT_TEMPLATE,
    callback=_checked_template,
    show_default=True,
    help="File names: "
    + ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
    + "; '/' makes folders.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Export inferred tags only at or above this confidence "
    "(default: per tag type, the thresholds search uses).",
)
@click.option(
    "--do-not-import",
    "dni_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A do-not-import list (lines 'author: NAME', 'story: ID', 'work: ID'): those "
    "works stay out of the export.",
)
@click.option(
    "--chapter-base-url",
    default=None,
    metavar="URL",
    help="--format ao3: where the written chapter pages will be served (AO3 fetches them).",
)
@click.option(
    "--archivist", default=None, help="--format ao3: your AO3 login with archivist rights."
)
@click.option(
    "--default-fandom",
    "default_fandoms",
    multiple=True,
    metavar="FANDOM",
    help="Add this fandom to every exported work (repeatable), as Open Doors' "
    "default_fandom: a single-fandom archive never names its fandom and AO3 needs one. "
    "The library is not changed.",
)
@pass_app
def command(
    app: AppContext,
    targets: tuple[str, ...],
    all_works: bool,
    fmt: str,
    output: Path,
    as_zip: bool,
    template: str,
    min_confidence: float | None,
    dni_file: Path | None,
    chapter_base_url: str | None,
    archivist: str | None,
    default_fandoms: tuple[str, ...],
) -> None:
    """Export works as EPUB, HTML or AO3 import records.

    Choose works by id (or unique id prefix), by a query as `fandex ls` takes it
    (the blocklist applies), or --all, e.g.

    \b
      fandex export 1a2b 9f8e --output books
      fandex export 'fandom:"Harbour Town"' -warning:noncon --format html --output pages
      fandex export --all --format opendoors --output rescue
      fandex export --all --format ao3 --chapter-base-url https://example.org/rescue \\
          --archivist me --output rescue-ao3

    Tags leave as the title page's typed tag list: stated and user tags, and inferred
    tags at or above their confidence threshold; tags you rejected never. File names come from
    --template and never collide or escape the output folder.

    --format opendoors writes opendoors.sql (Open Doors' authors, stories, chapters and
    story_links tables with the tags the archive stated; load it with `mariadb DB <
    opendoors.sql`), tag-sheet.csv (the Tag Wrangling sheet, pre-filled; read it back
    with `fandex tags apply`), limits-report.csv, suggested-tags.csv,
    emails-to-redact.csv and story-ids.csv. --format ao3 writes AO3 import-API
    requests (fewer than 25 works each) and the chapter pages they point at. Exits 1
    if any work failed.
    """
    selection = select_works(app.library, targets, all_works=all_works)
    if dni_file is not None:
        selection.do_not_import = DoNotImport.load(dni_file)
    sink = open_sink(output, as_zip=as_zip, fmt=fmt)
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns, console=app.err, transient=True) as progress:
            task = progress.add_task(f"Exporting ({fmt})", total=selection.total)

            def advance(work: Work, ok: bool) -> None:
                progress.advance(task)

            chosen = selection.works()
            if default_fandoms:
                chosen = with_default_fandoms(chosen, default_fandoms)
            result = export_works(
                chosen,
                fmt,
                sink,
                template=template,
                min_confidence=min_confidence,
                progress=advance,
                ao3=Ao3Options(chapter_base_url or "", archivist or "") if fmt == "ao3" else None,
            )
    finally:
        sink.close()
    done = result.works - len(result.failed)
    for work_id, title, reason in selection.excluded:
        app.console.print(f"left out {work_id} {title}: {reason}", highlight=False)
    app.console.print(f"Exported {done} work(s) as {fmt} to {sink.destination}", highlight=False)
    for name, reason in result.failed:
        app.err.print(f"[red]failed[/red] {name}: {reason}", highlight=False)
    if fmt in ("ao3", "opendoors"):
        if result.breaches:
            works = len({b.work_id for b in result.breaches})
            app.console.print(
                f"{works} work(s) break AO3 limits ({len(result.breaches)} problem(s)); "
                f"see {ODAP_FILES['report']}",
                highlight=False,
            )
        else:
            app.console.print("Every work fits AO3's limits.", highlight=False)
    if result.failed:
        raise SystemExit(1)
