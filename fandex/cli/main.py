"""The ``fandex`` command: global options, and one module per subcommand.

Each module in :data:`COMMAND_MODULES` defines a Click command (or group) named
``command``; this file only gathers them, and imports a command's module only when
that command runs (``fandex --help`` reads the commands' one-line help from their
source), so start-up costs only what the command needs. A :class:`fandex.errors.FandexError`
anywhere becomes one line on stderr and an exit status (2 for a bad query or usage,
1 otherwise), never a traceback. Bad arguments are one line too (exit 2). Anything
else is a bug in fandex: one line naming the log file that holds the traceback, and
exit status 3 (:data:`fandex.crashlog.BUG_STATUS`), so a script can tell "some input
failed" (1) from "fandex broke" (3).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from typing import NoReturn

import click

from fandex import crashlog
from fandex.cli.context import AppContext, fail
from fandex.errors import FandexError, QueryError, reason

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
    "fandex.cli.retag",
]


_NAMED = re.compile(r"""@click\.(?:command|group)\(\s*["']([^"']+)["']""")


def _source(module: str) -> str:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return ""
    return Path(spec.origin).read_text(encoding="utf-8")


@cache
def command_name(module: str) -> str:
    """A command's name, read from its module's source (no import): the name its
    ``@click.command("...")`` decorator gives.

    >>> command_name("fandex.cli.import_"), command_name("fandex.cli.ls")
    ('import', 'ls')
    """
    found = _NAMED.search(_source(module))
    return found.group(1) if found else module.rsplit(".", 1)[1].rstrip("_")


def short_help(module: str) -> str:
    """The one-line help of ``module``'s command, read from its source (no import)."""
    for node in ast.parse(_source(module)).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "command":
            # Click's own shortening, on a command made only to hold the text.
            return click.Command(None, help=ast.get_docstring(node)).get_short_help_str(45)
    return ""


class FandexGroup(click.Group):
    """Turns fandex's own errors into one line and an exit status; loads commands lazily."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *(command_name(m) for m in COMMAND_MODULES)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            # The module named like the command is the likely one: asked first.
            likely = sorted(COMMAND_MODULES, key=lambda m: m.rsplit(".", 1)[1] != cmd_name)
            for module in likely:
                if command_name(module) == cmd_name:
                    self.add_command(importlib.import_module(module).command, cmd_name)
                    break
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            (command_name(m), short_help(m))
            for m in COMMAND_MODULES
            if command_name(m) not in self.commands
        ]
        rows += [(n, c.get_short_help_str(45)) for n, c in self.commands.items() if not c.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(sorted(rows))

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # People write `fandex import x --library y` as often as `fandex --library y
        # import x`: move the global option to where Click looks for it.
        return super().parse_args(ctx, hoist_global_options(args))

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: object,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)  # type: ignore[arg-type]
        except click.UsageError as exc:
            usage_fail(exc)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            usage_fail(exc)
        except QueryError as exc:
            fail(str(exc), code=2, detail=exc.pointer() if exc.query else None)
        except FandexError as exc:
            fail(str(exc), code=1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # a bug in fandex, not the user's input
            bug(exc)


def usage_fail(exc: click.UsageError) -> NoReturn:
    """A bad argument or option: one line and where to read more."""
    where = exc.ctx.command_path if exc.ctx is not None else "fandex"
    fail(f"{exc.format_message()} (see: {where} --help)", code=2)


def bug(exc: BaseException) -> NoReturn:
    """Report a bug in fandex: one line, the traceback in a log file, exit status 3."""
    log = crashlog.save(exc)
    where = f"the traceback is in {log}" if log else "the traceback could not be saved"
    fail(
        f"internal error ({reason(exc)}); this is a bug in fandex, {where}",
        code=crashlog.BUG_STATUS,
    )


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


def all_commands() -> dict[str, click.Command]:
    """Every command by name (importing every command module: for tests and docs)."""
    ctx = click.Context(cli)
    out = {}
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        if command is not None:
            out[name] = command
    return out


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="fandex")
    except KeyboardInterrupt:
        click.echo("Interrupted; the library is consistent, re-run to finish.", err=True)
        sys.exit(130)
