"""Shared state of one CLI invocation: where the library is, opened on first use."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import click
from rich.console import Console

if TYPE_CHECKING:
    from fandex.library import Library


class AppContext:
    """What every command gets as ``ctx.obj``."""

    def __init__(self, library_location: str | None) -> None:
        self.library_location = library_location
        self._library: Library | None = None
        self.console = Console()
        self.err = Console(stderr=True)

    @property
    def library(self) -> Library:
        if self._library is None:
            from fandex.library import Library

            self._library = Library.open(self.library_location)
        return self._library

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None


def fail(message: str, code: int = 1, detail: str | None = None) -> NoReturn:
    """Print one line (and an optional detail block) to stderr and exit."""
    click.echo(f"fandex: {message}", err=True)
    if detail:
        click.echo(detail, err=True)
    sys.exit(code)


pass_app = click.make_pass_decorator(AppContext)
