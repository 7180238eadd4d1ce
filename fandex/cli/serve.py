"""``fandex serve``: the web library.

On a loopback address (the default) anyone on this machine may read and change the
library, as with the CLI. On any other address, changes need an access token: one is
made up at start (or taken from ``--token`` / ``FANDEX_TOKEN``) and printed as part
of the address to open; reading stays open to whoever can reach the server.
"""

from __future__ import annotations

import socket

import click

from fandex.cli.context import AppContext, fail, pass_app

# Seconds a stopping server gives the requests in flight.
SHUTDOWN_GRACE = 2


def address(host: str, port: int, token: str | None) -> str:
    """The URL to print: a wildcard bind is shown as this machine's name."""
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--token",
    envvar="FANDEX_TOKEN",
    help="Access token for changes on a non-loopback bind (default: a random one).",
)
@click.option(
    "--max-upload-mb",
    default=50,
    show_default=True,
    type=click.IntRange(1, 4096),
    help="Largest upload the import page accepts.",
)
@pass_app
def command(app: AppContext, host: str, port: int, token: str | None, max_upload_mb: int) -> None:
    """Serve the library in a web browser."""
    import uvicorn

    from fandex.library import Library
    from fandex.web.app import POOL_SIZE, create_app
    from fandex.web.security import is_loopback, new_token

    if not 0 < port < 65536:
        fail(f"port {port} is out of range", code=2)
    # Loopback keeps the CLI's trust (anyone on this machine); elsewhere, a token.
    token = token or (None if is_loopback(host) else new_token())
    # On loopback, serve only requests addressed to this machine's names: a web page
    # whose domain re-resolves to 127.0.0.1 (DNS rebinding) is refused.
    hosts = ["127.0.0.1", "localhost", host] if is_loopback(host) else None
    # The server's own handle on the library, its pool sized to its request threads.
    library = Library.open(app.library_location, pool_size=POOL_SIZE)
    web = create_app(
        library,
        token=token,
        max_upload_bytes=max_upload_mb * 1024 * 1024,
        allowed_hosts=hosts,
    )
    click.echo(f"fandex is serving {library.location}")
    click.echo(f"Open {address(host, port, token)}")
    if token:
        click.echo("Changes need the token in that address; keep it private.", err=True)
    _ereader_hint(app, host, port)
    try:
        # On SIGTERM or Ctrl-C, requests still running after the grace period are
        # abandoned, so the server is gone within a few seconds whatever it was doing.
        uvicorn.run(
            web, host=host, port=port, log_level="warning", timeout_graceful_shutdown=SHUTDOWN_GRACE
        )
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def _ereader_hint(app: AppContext, host: str, port: int) -> None:
    """Where e-readers connect, and whether anyone can sign in from one."""
    from fandex.library import users
    from fandex.web.security import is_loopback

    base = address(host, port, None)
    click.echo(f"E-readers: OPDS catalog {base}opds, KOReader progress sync {base}")
    if not users.count(app.library) and not is_loopback(host):
        click.echo(
            "No users yet: e-readers cannot sign in (add one with: fandex users add NAME)",
            err=True,
        )
