"""``fandex users add NAME | list | rm NAME``: who may read the library from a device.

E-readers sign in with these names: the OPDS catalog (``/opds``) with the password
(HTTP Basic), KOReader's progress sync with the same name and password. The first
user added is the library's own reader: the CLI and the web pages show their state.
Passwords are stored as argon2 hashes only.
"""

from __future__ import annotations

import sys

import click

from fandex.cli.context import AppContext, fail, pass_app
from fandex.library import users


@click.group("users")
def command() -> None:
    """Users who may read the library from e-readers (OPDS, progress sync)."""


@command.command("add")
@click.argument("name")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input instead of asking.",
)
@pass_app
def add(app: AppContext, name: str, password_stdin: bool) -> None:
    """Add user NAME; asks for the password (twice)."""
    users.check_name(name)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt(
            f"Password for {name}", hide_input=True, confirmation_prompt=True, err=True
        )
    user = users.add(app.library, name, password)
    first = len(users.entries(app.library)) == 1
    click.echo(f"added user {user.name}" + (" (the library's own reader)" if first else ""))


@command.command("list")
@pass_app
def list_(app: AppContext) -> None:
    """Show the users, oldest first."""
    found = users.entries(app.library)
    if not found:
        click.echo("no users (add one with: fandex users add NAME)")
    for i, u in enumerate(found):
        mark = "  (the library's own reader)" if i == 0 else ""
        click.echo(f"{u.name}  added {u.created_at[:10]}{mark}")


@command.command("rm")
@click.argument("name")
@pass_app
def rm(app: AppContext, name: str) -> None:
    """Remove user NAME, with their synced progress and reading state."""
    if not users.entries(app.library):
        fail("there are no users", code=1)
    user = users.remove(app.library, name)
    click.echo(f"removed user {user.name}")
