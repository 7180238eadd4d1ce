"""The ``fandex`` command: global options, and one module per subcommand.

Each module in :data:`COMMAND_MODULES` defines a Click command (or group) named
``command``; this file only gathers them. A :class:`fandex.errors.FandexError`
anywhere becomes one line on stderr and an exit status (2 for a bad query or usage,
1 otherwise), never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import click

from fandex.cli.context import AppContext, fail
from fandex.errors import FandexError, QueryError

COMMAND_MODULES: list[str] = [
    "fandex.cli.import_",
    "fandex.cli.ls",
    "fandex.cli.show",
    "fandex.cli.rm",
    "fandex.cli.stats",
    "fandex.cli.serve",
    "fandex.cli.block",
    "fandex.cli.export",
    "fandex.cli.review",
    "fandex.cli.learn",
    "fandex.cli.packs",
    "fandex.cli.tags",
    "fandex.cli.emails",
    "fandex.cli.mark",
    "fandex.cli.users",
    "fandex.cli.searches",
    "fandex.cli.series",
    "fandex.cli.dupes",
]


class FandexGroup(click.Group):
    """Turns fandex's own errors into one line and an exit status."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # People write `fandex import x --library y` as often as `fandex --library y
        # import x`: move the global option to where Click looks for it.
        return super().parse_args(ctx, hoist_global_options(args))

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except QueryError as exc:
            fail(str(exc), code=2, detail=exc.pointer() if exc.query else None)
        except FandexError as exc:
            fail(str(exc), code=1)


def hoist_global_options(args: list[str]) -> list[str]:
    """Move ``--library VALUE`` (or ``--library=VALUE``) given after the command to the front.

    >>> hoist_global_options(["ls", "rating:E", "--library", "x.db"])
    ['--library', 'x.db', 'ls', 'rating:E']
    >>> hoist_global_options(["ls", "--", "--library"])
    ['ls', '--', '--library']
    """
    out: list[str] = []
    moved: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out += args[i:]
            break
        if arg == "--library" and i + 1 < len(args):
            moved += args[i : i + 2]
            i += 2
            continue
        if arg.startswith("--library="):
            moved.append(arg)
        else:
            out.append(arg)
        i += 1
    return moved + out


@click.group(cls=FandexGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--library",
    "library",
    envvar="FANDEX_LIBRARY",
    metavar="PATH_OR_URL",
    help="Library file or database URL (default: $XDG_DATA_HOME/fandex/library.db; "
    "env FANDEX_LIBRARY).",
)
@click.version_option(package_name="fandex")
@click.pass_context
def cli(ctx: click.Context, library: str | None) -> None:
    """fandex: the library manager for fan fiction.

    Import the fics you have (text, archive HTML, AO3 and FanFicFare downloads),
    tag them in AO3's vocabulary, search, read and export them.
    """
    ctx.obj = AppContext(library_location=library)
    ctx.call_on_close(ctx.obj.close)


for _name in COMMAND_MODULES:
    cli.add_command(importlib.import_module(_name).command)


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="fandex")
    except KeyboardInterrupt:
        click.echo("Interrupted; the library is consistent, re-run to finish.", err=True)
        sys.exit(130)
