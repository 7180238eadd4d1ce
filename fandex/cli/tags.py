"""``fandex tags apply SHEET.csv``: a filled Tag Wrangling sheet changes the works' tags."""

from __future__ import annotations

from pathlib import Path

import click

from fandex.cli.context import AppContext, pass_app
from fandex.export.tagsheet_apply import apply_sheet


@click.group("tags")
def command() -> None:
    """Archive tags: read back Open Doors' Tag Wrangling sheet."""


@command.command("apply")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def apply(app: AppContext, sheet: Path) -> None:
    """Apply a filled Tag Wrangling sheet (CSV) to every work carrying its tags.

    Each row maps an original tag of the archive (as `fandex export --format
    opendoors` wrote it in tag-sheet.csv) to AO3 tags: Recommended AO3 Tag (several
    separated by commas), Recommended AO3 Type (fandoms, characters, relationships,
    tags, warnings, rating) and Recommended AO3 Category. The mappings become your
    decisions (source: user), kept through any re-import. A malformed row stops
    everything with its line number: nothing is half-applied. Rows with no AO3 tag
    yet are skipped.
    """
    result = apply_sheet(app.library, sheet)
    app.console.print(
        f"{result.rows} mapped row(s): {result.tags_set} tag(s) set on {result.works} "
        f"work(s), {result.tags_rejected} old tag(s) replaced",
        highlight=False,
    )
    for m in result.unmatched:
        app.err.print(
            f"line {m.line}: no work carries {m.type or 'tag'} {m.name!r}", highlight=False
        )
